"""Funding lines and outcomes of initiatives from spreadsheets: by their own external id, in the initiative their
row names; the initiative's policy; history by the importer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.accounts.roles import Role
from apps.imports import services
from apps.imports.models import ImportJob
from apps.initiatives.models import Funding, Initiative, Outcome
from tests.imports.conftest import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

FUNDING = ["external_id", "initiative", "source_unit", "external_source", "instrument", "allocated", "spent", "year"]
OUTCOMES = ["external_id", "initiative", "text", "progress", "recorded_on"]


def imported(by, kind, table, capture) -> ImportJob:
    with capture(execute=True):
        job = services.import_job_create(by=by, kind=kind, upload=upload(xlsx_bytes(table)))
    job.refresh_from_db()
    if not job.preview["file_errors"] and not job.preview["counts"]["error"]:
        with capture(execute=True):
            services.import_job_confirm(by=by, job=job)
    return ImportJob.objects.get(pk=job.pk)


@pytest.fixture
def initiative(org):
    made = Initiative.objects.create(
        title="Reading buddies", collaboration_form="project", start_date=date(2026, 1, 1), external_id="K-1"
    )
    made.participations.create(unit=org["library"], role="lead", joined_on=date(2026, 1, 1))
    return made


def test_funding_lines_with_finnish_numbers_then_the_same_file_again_and_an_edit(
    admin, initiative, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    table = [
        FUNDING,
        ["F-1", "K-1", "KULT-01", "", "sector_budget", "12 500,50", "1\u00a0000", "2026"],
        ["F-2", "K-1", "", "Opetushallitus", "Grant", "5000", "", 2026],
    ]

    first = imported(admin, "funding", table, capture)
    again = imported(admin, "funding", table, capture)
    table[2][5] = "6 000,00"
    edited = imported(admin, "funding", table, capture)

    assert first.preview["counts"]["create"] == 2, first.preview["errors"]
    assert first.status == ImportJob.Status.DONE
    assert again.preview["counts"] == {"create": 0, "change": 0, "unchanged": 2, "error": 0}
    assert edited.preview["counts"] == {"create": 0, "change": 1, "unchanged": 1, "error": 0}
    assert edited.preview["rows"][1]["changed"] == ["allocated"]
    line = Funding.objects.get(external_id="F-1")
    assert (line.allocated, line.spent, line.initiative) == (Decimal("12500.50"), Decimal("1000.00"), initiative)
    assert Funding.objects.get(external_id="F-2").allocated == Decimal("6000.00")
    assert Funding.history.filter(external_id="F-2").latest().history_user == admin


def test_a_funding_line_with_both_sources_and_one_of_an_unknown_initiative_are_row_errors(
    admin, initiative, django_capture_on_commit_callbacks
):
    job = imported(
        admin,
        "funding",
        [
            FUNDING,
            ["F-1", "K-1", "KULT-01", "Opetushallitus", "grant", "100", "", "2026"],
            ["F-2", "NOPE", "KULT-01", "", "grant", "100", "", "2026"],
        ],
        django_capture_on_commit_callbacks,
    )

    assert [(error["line"], error["column"], error["message"]) for error in job.preview["errors"]] == [
        (2, "external_source", "Give either a source unit or an external source, not both and not neither."),
        (3, "initiative", "No initiative with the external id “NOPE” in Silta."),
    ]
    assert not Funding.objects.exists()


def test_outcomes_of_an_initiative_and_an_official_may_not_add_them_to_another_units_initiative(
    make_user, org, initiative, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    other = Initiative.objects.create(
        title="Museum nights", collaboration_form="event", start_date=date(2026, 1, 1), external_id="M-1"
    )
    other.participations.create(unit=org["museum"], role="lead", joined_on=date(2026, 1, 1))
    official = make_user(Role.OFFICIAL, home_unit=org["library"])

    job = imported(
        official,
        "outcomes",
        [
            OUTCOMES,
            ["O-1", "K-1", "40 residents joined", "50", "1.6.2026"],
            ["O-2", "M-1", "Full house", "100", "2026-06-01"],
        ],
        capture,
    )

    assert [(error["line"], error["message"]) for error in job.preview["errors"]] == [
        (3, "You may not change this."),
    ]
    assert not Outcome.objects.exists()


def test_measured_outcomes_import_their_numbers_and_again_unchanged_and_bad_numbers_are_row_errors(
    admin, initiative, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    header = [*OUTCOMES, "baseline", "target", "actual", "unit"]
    table = [
        header,
        ["O-1", "K-1", "Waiting days", "", "1.6.2026", "30", "10", "25", "days"],
        ["O-2", "K-1", "Reading circle started", "40", "1.6.2026", "", "", "", ""],
    ]

    first = imported(admin, "outcomes", table, capture)
    again = imported(admin, "outcomes", table, capture)
    bad = imported(
        admin,
        "outcomes",
        [header, ["O-3", "K-1", "Visits", "", "1.6.2026", "0", "40", "10", ""]],
        capture,
    )

    assert first.preview["counts"]["create"] == 2, first.preview["errors"]
    measured = Outcome.objects.get(external_id="O-1")
    assert (measured.baseline, measured.target, measured.actual, measured.unit) == (30, 10, 25, "days")
    assert measured.progress == 25  # (25 − 30) / (10 − 30), worked out from the numbers
    assert Outcome.objects.get(external_id="O-2").progress == 40
    assert again.preview["counts"] == {"create": 0, "change": 0, "unchanged": 2, "error": 0}
    assert [(error["line"], error["column"]) for error in bad.preview["errors"]] == [(2, "unit")]
    assert not Outcome.objects.filter(external_id="O-3").exists()
