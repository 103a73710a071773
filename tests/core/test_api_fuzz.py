"""The whole API fuzzed by schemathesis with all its default checks: no 5xx, every answer as documented, bad data
refused and a missing or wrong token refused.

The schema is the document the app serves at ``/api/schema/``, and every request goes through the WSGI application
in this thread, so the rows a fuzzed request writes live in the test's transaction and are rolled back with it.
(It is rendered at import rather than fetched with ``schemathesis.openapi.from_wsgi``: the schema view wants a
logged-in caller, and there is no database at collection time; schemathesis' fixture-based loader, which would
allow one, does not work with pytest 9.)

In ``make test`` every operation gets ``SILTA_FUZZ_EXAMPLES`` (default 10) examples as an admin, and every write
as an official too; the full run (``make fuzz``) gives each 100.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.views import SpectacularAPIView
from hypothesis import HealthCheck, settings
from psycopg2.extras import DateTimeTZRange
from rest_framework.authtoken.models import Token
from rest_framework.test import APIRequestFactory, force_authenticate

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.premises.models import Booking
from tests.initiatives.factories import FundingFactory, OutcomeFactory, ParticipationFactory
from tests.premises.factories import BookingFactory
from tests.programmes.factories import DecisionFactory, MeetingFactory

EXAMPLES = int(os.environ.get("SILTA_FUZZ_EXAMPLES", "10"))
ROLES = {"admin": Role.ADMIN, "official": Role.OFFICIAL}

pytestmark = pytest.mark.django_db


# The token of the current test's caller; the auth provider below hands it to schemathesis.
TOKEN: dict[str, str] = {}


@pytest.fixture(params=sorted(ROLES))
def caller(request: pytest.FixtureRequest, make_user) -> Iterator[None]:
    """An admin (every write path) or an official (the refusals of the policy) calls with their token."""
    TOKEN["key"] = Token.objects.create(user=make_user(ROLES[request.param])).key
    yield
    TOKEN.clear()


@pytest.fixture
def api_rows() -> None:
    """A few rows of every kind, so that ids in paths and payloads sometimes hit something."""
    for factory in (ParticipationFactory, FundingFactory, OutcomeFactory, MeetingFactory, DecisionFactory):
        factory()
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    BookingFactory(period=DateTimeTZRange(start, start + datetime.timedelta(hours=2)), status=Booking.Status.REQUESTED)


def served_schema() -> dict:
    """The OpenAPI document exactly as ``/api/schema/`` serves it to a logged-in caller (no database needed)."""
    request = APIRequestFactory().get("/api/schema/", {"format": "json"})
    force_authenticate(request, user=User(username="schema-reader"))
    response = SpectacularAPIView.as_view()(request)
    return json.loads(response.render().content)


# Every request goes to the WSGI application in this thread: no server, no network.
schema = schemathesis.openapi.from_dict(served_schema())
schema.app = get_wsgi_application()


@schema.auth(refresh_interval=None)
class TokenAuth:
    """Schemathesis sends the caller's token, and knows it is the real one: its auth checks then send requests
    without it and with a wrong one, and expect 401/403."""

    def get(self, case, ctx) -> str | None:  # type: ignore[no-untyped-def]
        return TOKEN.get("key")

    def set(self, case, data: str, ctx) -> None:  # type: ignore[no-untyped-def]
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Django's test client does the same: a request must not close the test's connection (and transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_holds_under_fuzzing(case, caller, api_rows, request, fresh_throttle_counts):
    if request.node.callspec.params["caller"] == "official" and case.method == "GET":
        pytest.skip("every logged-in role reads alike; the official fuzzes the writes the policy refuses")
    case.call_and_validate()
