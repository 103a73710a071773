"""Spaces from a spreadsheet: rules and weekly opening hours, idempotent by external id, for their managers."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from apps.accounts.roles import Role
from apps.imports import services
from apps.imports.models import ImportJob
from apps.premises.models import OpeningHours, Space
from tests.imports.conftest import upload, xlsx_bytes
from tests.premises.factories import VenueFactory
from tests.sectors.factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "external_id",
    "venue",
    "name_fi",
    "name_sv",
    "owner_unit",
    "capacity",
    "equipment",
    "approval_required",
    "min_duration",
    "max_duration",
    "buffer",
    "hours_mon",
    "hours_tue",
    "hours_sat",
]


def space_row(key="T-1", **cells):
    values = {
        "external_id": key,
        "venue": "Stoa",
        "name_fi": "Musiikkisali",
        "name_sv": "Musiksalen",
        "owner_unit": "KULT-01",
        "capacity": "120",
        "equipment": "piano; projector",
        "approval_required": "Ei",
        "min_duration": "60",
        "max_duration": "4 h",
        "buffer": "0:15",
        "hours_mon": "8-16",
        "hours_tue": "08:00-12:00; 13:00-21:30",
        "hours_sat": "",
    }
    values.update(cells)
    return [values[column] for column in HEADER]


def imported(by, table, capture) -> ImportJob:
    with capture(execute=True):
        job = services.import_job_create(by=by, kind="spaces", upload=upload(xlsx_bytes(table)))
    job.refresh_from_db()
    if not job.preview["file_errors"] and not job.preview["counts"]["error"]:
        with capture(execute=True):
            services.import_job_confirm(by=by, job=job)
    return ImportJob.objects.get(pk=job.pk)


@pytest.fixture
def place(db):
    VenueFactory(name="Stoa")
    return UnitFactory(external_code="KULT-01")


def test_a_space_with_its_rules_and_weekly_hours(admin, place, django_capture_on_commit_callbacks):
    job = imported(admin, [HEADER, space_row()], django_capture_on_commit_callbacks)

    assert job.status == ImportJob.Status.DONE, job.preview
    space = Space.objects.get(external_id="T-1")
    assert (space.name_fi, space.name_sv, space.capacity, space.owner_unit) == (
        "Musiikkisali",
        "Musiksalen",
        120,
        place,
    )
    assert (space.min_duration, space.max_duration, space.buffer) == (
        timedelta(hours=1),
        timedelta(hours=4),
        timedelta(minutes=15),
    )
    assert space.approval_required is False and space.equipment == ["piano", "projector"]
    assert [(p.weekday, p.opens, p.closes) for p in space.opening_hours.order_by("weekday", "opens")] == [
        (0, time(8), time(16)),
        (1, time(8), time(12)),
        (1, time(13), time(21, 30)),
    ]
    # in the history as the importer's: the space and its weekly hours
    assert {record.history_user for record in space.history.all()} == {admin}
    assert {record.history_user for record in OpeningHours.history.filter(space_id=space.pk)} == {admin}


def test_the_same_file_again_changes_nothing_and_edited_hours_change_only_that_space(
    admin, place, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    imported(admin, [HEADER, space_row(), space_row("T-2", name_fi="Pieni sali", name_sv="")], capture)

    again = imported(admin, [HEADER, space_row(), space_row("T-2", name_fi="Pieni sali", name_sv="")], capture)
    edited = imported(
        admin, [HEADER, space_row(hours_sat="10-14"), space_row("T-2", name_fi="Pieni sali", name_sv="")], capture
    )

    assert again.preview["counts"] == {"create": 0, "change": 0, "unchanged": 2, "error": 0}
    assert edited.preview["counts"] == {"create": 0, "change": 1, "unchanged": 1, "error": 0}
    assert edited.preview["rows"][0]["changed"] == ["hours_sat"]
    assert Space.objects.get(external_id="T-1").opening_hours.filter(weekday=5).count() == 1


def test_a_rule_the_database_guards_and_unreadable_hours_are_row_errors(
    admin, place, django_capture_on_commit_callbacks
):
    job = imported(
        admin,
        [HEADER, space_row(min_duration="5 h", max_duration="1 h"), space_row("T-2", hours_mon="morning")],
        django_capture_on_commit_callbacks,
    )

    assert [(error["line"], error["column"]) for error in job.preview["errors"]] == [(2, ""), (3, "hours_mon")]
    assert job.preview["errors"][0]["message"] == (
        "The shortest booking must be longer than zero and the longest at least as long as the shortest."
    )
    assert job.preview["errors"][1]["message"] == "“morning” is no opening period: write 8-16 or 08:00-16:00."
    assert not Space.objects.exists()


def test_a_premises_manager_imports_only_the_spaces_of_their_unit(make_user, place, django_capture_on_commit_callbacks):
    manager = make_user(Role.PREMISES_MANAGER, home_unit=place)
    UnitFactory(external_code="SOTE-9")

    job = imported(
        manager, [HEADER, space_row(), space_row("T-2", owner_unit="SOTE-9")], django_capture_on_commit_callbacks
    )

    assert job.preview["errors"] == [
        {"line": 3, "key": "T-2", "column": "", "message": "Only the premises managers of this space can change it."}
    ]


def test_a_space_opened_to_external_bookers_with_terms_and_price(admin, place, django_capture_on_commit_callbacks):
    header = [*HEADER, "open_to", "terms_of_use", "free_of_charge", "price_text"]
    row = [*space_row(), "associations; residents", "Leave it tidy.", "Ei", "20 € / h"]
    job = imported(admin, [header, row], django_capture_on_commit_callbacks)

    assert job.status == ImportJob.Status.DONE, job.preview
    space = Space.objects.get(external_id="T-1")
    assert (space.open_to, space.terms_of_use, space.free_of_charge, space.price_text) == (
        ["associations", "residents"],
        "Leave it tidy.",
        False,
        "20 € / h",
    )


def test_a_space_not_free_of_charge_needs_its_price_and_an_unknown_opening_is_an_error(
    admin, place, django_capture_on_commit_callbacks
):
    header = [*HEADER, "open_to", "free_of_charge"]
    job = imported(admin, [header, [*space_row(), "everybody", "No"]], django_capture_on_commit_callbacks)

    assert job.preview["counts"]["error"] == 1
    assert not Space.objects.exists()
    errors = str(job.preview)
    assert "open_to" in errors and "price_text" in errors
