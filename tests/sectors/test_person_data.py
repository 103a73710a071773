"""A person's data export (the right of access): every kind of row Silta holds about them, as JSON and Excel,
for administrators and the person themself, each download in the access log."""

from __future__ import annotations

import datetime
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.sectors.models import PersonalDataAccess
from tests.api_access import call
from tests.clients import UserClient
from tests.downloads import body
from tests.sectors.person_world import EMAIL, FULL, OLD_PHONE, PHONE, USERNAME, person_world

pytestmark = pytest.mark.django_db

Kind, Channel = PersonalDataAccess.Kind, PersonalDataAccess.Channel
SECTIONS = {
    "person",
    "history",
    "access_log",
    "user",
    "roles",
    "api_tokens",
    "initiatives",
    "programmes",
    "meetings",
    "bookings",
    "booking_series",
    "notifications",
    "partner_requests",
    "partner_answers",
    "memberships",
    "email_addresses",
    "pulse_invitations",
}


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, username="data-admin")


@pytest.fixture
def world(admin):
    return person_world(admin)


def _json(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="person-')
    return json.loads(body(response))


def test_the_json_export_holds_every_kind_of_row_about_the_person(admin, world):
    # When an administrator downloads Maija's data
    document = _json(UserClient(admin).get(reverse("sectors:person_data_json", args=[world.person.pk])))

    # Then each kind of row is there, once each
    sections = document["sections"]
    assert document["person"] == world.person.pk
    assert set(sections) == SECTIONS
    rows = {key: section["rows"] for key, section in sections.items()}
    [person] = rows["person"]
    assert (person["first_name"], person["email"], person["phone"]) == ("Maija", EMAIL, PHONE)
    [user] = rows["user"]
    assert (user["username"], user["email"]) == (USERNAME, EMAIL)
    assert [role["role"] for role in rows["roles"]] == ["official"]
    assert [token["name"] for token in rows["api_tokens"]] == ["Maija's laptop"]
    assert {row["title"] for row in rows["initiatives"]} == {"Reading buddies", "Last year's reading week"}
    assert [row["name"] for row in rows["programmes"]] == ["Reading City"]
    assert [row["id"] for row in rows["meetings"]] == [world.meeting.pk]
    [booking] = rows["bookings"]
    assert booking["id"] == world.booking.pk and booking["purpose"] == f"Workshop by {FULL}"
    assert datetime.datetime.fromisoformat(booking["start"]) == world.booking.period.lower
    assert [row["title"] for row in rows["notifications"]] == ["Your booking was confirmed"]
    # And the history has the changes about her (her phone's, as it was) and the one she made (the meeting)
    history = rows["history"]
    assert any(row["what"] == "person" and row["values"]["phone"] == OLD_PHONE for row in history)
    assert any(row["what"] == "meeting" and row["by_them"] and row["by"] == USERNAME for row in history)
    assert any(row["what"] == "role assignment" for row in history)


def test_the_excel_export_has_a_sheet_per_section_with_the_same_rows(admin, world):
    response = UserClient(admin).get(reverse("sectors:person_data_xlsx", args=[world.person.pk]))

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    assert len(workbook.sheetnames) == len(SECTIONS)
    sheets = {name: [list(row) for row in workbook[name].iter_rows(values_only=True)] for name in workbook.sheetnames}
    header, person = sheets["Person"]
    assert dict(zip(header, person, strict=True))["Email"] == EMAIL
    header, *bookings = sheets["Bookings"]
    assert [dict(zip(header, row, strict=True))["Purpose"] for row in bookings] == [f"Workshop by {FULL}"]
    assert len(sheets["Meetings attended"]) == 2 and len(sheets["Initiatives as a contact"]) == 3


def test_the_person_downloads_their_own_data_and_each_download_is_logged(world):
    # When Maija downloads her own data on the page and through the API
    UserClient(world.user).get(reverse("sectors:person_data_json", args=[world.person.pk]))
    answer = call(world.user, "get", f"/api/v1/persons/{world.person.pk}/data/")

    # Then she gets it, and her access log says so twice: a page and the API
    assert answer.status_code == 200 and json.loads(body(answer))["sections"]["person"]["rows"][0]["phone"] == PHONE
    log = PersonalDataAccess.objects.filter(person=world.person, kind=Kind.DATA_EXPORT)
    assert sorted(log.values_list("viewer_id", "channel")) == [
        (world.user.pk, Channel.API),
        (world.user.pk, Channel.PAGE),
    ]


def test_the_api_answers_the_workbook_with_format_xlsx(admin, world):
    answer = call(admin, "get", f"/api/v1/persons/{world.person.pk}/data/?format=xlsx")

    assert answer.status_code == 200
    assert "Bookings" in openpyxl.load_workbook(io.BytesIO(body(answer))).sheetnames


def test_someone_else_is_refused_and_nothing_is_logged(make_user, world):
    official = make_user(Role.OFFICIAL)

    page = UserClient(official).get(reverse("sectors:person_data_json", args=[world.person.pk]))
    answer = call(official, "get", f"/api/v1/persons/{world.person.pk}/data/")

    assert page.status_code == 403 and answer.status_code == 403 and answer.json()["detail"]
    assert not PersonalDataAccess.objects.filter(kind=Kind.DATA_EXPORT).exists()


def test_the_persons_page_offers_the_downloads_to_themself_and_erasure_only_to_an_administrator(admin, world):
    history = reverse("sectors:person_history", args=[world.person.pk])
    own = UserClient(world.user).get(history).content.decode()
    administrators = UserClient(admin).get(history).content.decode()

    json_url = reverse("sectors:person_data_json", args=[world.person.pk])
    erase_url = reverse("sectors:person_erase", args=[world.person.pk])
    assert json_url in own and erase_url not in own
    assert json_url in administrators and erase_url in administrators
