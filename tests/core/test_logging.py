"""The request log names the user without ever querying, and a 503 for database trouble is one line."""

import logging

from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from apps.core.logging import DatabaseTroubleFilter, RequestUserFilter
from tests.accounts.factories import UserFactory


def _record(request=None, status_code=403, exc_info=None) -> logging.LogRecord:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "%s: %s", ("Forbidden", "/x/"), exc_info)
    record.request, record.status_code = request, status_code
    return record


def _never_loaded() -> None:
    raise AssertionError("the log filter loaded the user (a session and a user query)")


def test_a_refused_request_names_the_user_who_asked():
    request = RequestFactory().get("/x/")
    request.user = UserFactory.build(username="aino")  # as DRF's authentication leaves it

    record = _record(request)
    RequestUserFilter().filter(record)

    assert record.who == " (user aino)"


def test_a_user_loaded_by_the_authentication_middleware_is_named_without_a_query():
    request = RequestFactory().get("/x/")
    request._cached_user = AnonymousUser()
    request.user = SimpleLazyObject(_never_loaded)

    record = _record(request)
    RequestUserFilter().filter(record)

    assert record.who == " (user anonymous)"


def test_a_user_nobody_loaded_is_not_loaded_for_the_log():
    request = RequestFactory().get("/x/")
    request.user = SimpleLazyObject(_never_loaded)  # loading it would read the (maybe dead) database

    record = _record(request)
    RequestUserFilter().filter(record)

    assert record.who == " (user unknown)"


def test_a_503_for_database_trouble_is_one_line_with_the_database_message_even_with_percent_signs():
    try:
        raise OperationalError("canceling statement due to lock timeout\nLINE 1: ... LIKE '%ab%' AND x = %s")
    except OperationalError:
        import sys

        record = _record(status_code=503, exc_info=sys.exc_info())

    DatabaseTroubleFilter().filter(record)
    line = logging.Formatter().format(record)

    assert line == (
        "Forbidden: /x/ [OperationalError: canceling statement due to lock timeout LINE 1: ... LIKE '%ab%' AND x = %s]"
    )
