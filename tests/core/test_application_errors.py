"""The one error type: how a service's refusal reaches a page (form errors, messages) and the API (JSON)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from apps.core.api import exception_handler
from apps.core.exceptions import Conflict, Invalid, NotAllowed, NotFound
from apps.core.pages import form_write, message_write
from apps.core.policy import require


class TitleForm(forms.Form):
    title = forms.CharField(required=False)


def _refuse(exc: Exception):  # type: ignore[no-untyped-def]
    def write() -> None:
        raise exc

    return write


def test_invalid_keeps_django_field_messages() -> None:
    exc = Invalid.from_validation_error(ValidationError({"title": ["Too long."], "end": "Before start."}))

    assert exc.errors == {"title": ["Too long."], "end": ["Before start."]}
    assert exc.message == "Too long."
    assert Invalid("Plain.").errors == {NON_FIELD_ERRORS: ["Plain."]}


def test_form_write_puts_field_messages_beside_their_fields_and_the_rest_above() -> None:
    form = TitleForm({"title": "x"})
    assert form.is_valid()

    result = form_write(form, _refuse(Invalid({"title": "Taken.", "unknown": "Elsewhere."})))

    assert result is None
    assert form.errors["title"] == ["Taken."]
    assert form.non_field_errors() == ["Elsewhere."]


def test_form_write_shows_a_conflict_above_the_form_and_returns_the_result_otherwise() -> None:
    form = TitleForm({"title": "x"})
    assert form.is_valid()

    assert form_write(form, _refuse(Conflict("Slot taken."))) is None
    assert form.non_field_errors() == ["Slot taken."]
    assert form_write(TitleForm(), lambda: 42) == 42


@pytest.mark.parametrize(("exc", "page_error"), [(NotAllowed("No."), PermissionDenied), (NotFound("Gone."), Http404)])
def test_refusals_of_access_become_403_and_404_pages(exc: Exception, page_error: type[Exception]) -> None:
    request = RequestFactory().post("/")
    with pytest.raises(page_error):
        form_write(TitleForm(), _refuse(exc))
    with pytest.raises(page_error):
        message_write(request, _refuse(exc))


def test_message_write_shows_every_message_of_the_refusal() -> None:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)

    assert message_write(request, _refuse(Invalid({"status": ["Not from here.", "Nor there."]}))) is None
    assert [str(m) for m in get_messages(request)] == ["Not from here. Nor there."]


def test_the_api_answers_invalid_field_by_field_and_other_refusals_with_their_status() -> None:
    invalid = exception_handler(Invalid({"title": "Taken."}), {})
    conflict = exception_handler(Conflict("Slot taken.", {"slot": "10-12"}), {})

    assert (invalid.status_code, invalid.data["title"], invalid.data["detail"]) == (400, ["Taken."], "title: Taken.")
    assert (conflict.status_code, conflict.data) == (409, {"detail": "Slot taken.", "slot": "10-12"})
    assert exception_handler(NotFound("Gone."), {}).status_code == 404


def test_require_refuses_with_the_policy_message() -> None:
    require(True)
    with pytest.raises(NotAllowed, match="Only admins"):
        require(False, "Only admins.")


def test_a_page_guard_without_a_reason_shows_the_general_one(client_for) -> None:
    bare_login = client_for()  # no role: premises pages are for role holders

    page = bare_login.get("/premises/")

    assert page.status_code == 403
    assert "Your role does not include this page." in page.content.decode()
    assert ">None<" not in page.content.decode()
