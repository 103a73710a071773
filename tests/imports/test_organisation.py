"""The organisation from spreadsheets: sectors, the unit tree (parents further up the file), persons with topics
and languages; idempotent by external id, and only administrators import it."""

from __future__ import annotations

import pytest

from apps.accounts.roles import Role
from apps.core.exceptions import NotAllowed
from apps.imports import services
from apps.imports.models import ImportJob
from apps.sectors.models import Person, Sector, Unit
from tests.imports.conftest import upload, xlsx_bytes
from tests.sectors.factories import TopicFactory

pytestmark = pytest.mark.django_db

SECTORS = [
    ["external_id", "name_fi", "name_sv", "name_en", "kind"],
    ["kulttuuri", "Kulttuuri", "Kultur", "Culture", "city"],
    ["jarjestot", "Järjestöt", "", "NGOs", "external"],
]
UNITS = [
    ["external_id", "sector", "parent", "name_fi", "name_sv", "email"],
    ["K-1", "kulttuuri", "", "Kulttuuripalvelut", "Kulturtjänster", ""],
    ["K-2", "Kultur", "K-1", "Kirjastot", "", "kirjastot@example.fi"],
    ["K-3", "kulttuuri", "K-2", "Sellon kirjasto", "", ""],
]


def imported(by, kind: str, table, capture, options=None) -> ImportJob:
    with capture(execute=True):
        job = services.import_job_create(by=by, kind=kind, upload=upload(xlsx_bytes(table)), options=options)
    job.refresh_from_db()
    if job.preview and not job.preview["file_errors"] and not job.preview["counts"]["error"]:
        with capture(execute=True):
            services.import_job_confirm(by=by, job=job)
    return ImportJob.objects.get(pk=job.pk)


def test_sectors_then_the_unit_tree_top_down_then_persons(admin, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    TopicFactory(name="Nuoret", slug="youth")

    sectors = imported(admin, "sectors", SECTORS, capture)
    units = imported(admin, "units", UNITS, capture)
    persons = imported(
        admin,
        "persons",
        [
            ["external_id", "first_name", "last_name", "unit", "email", "languages", "topics", "boundary_spanner"],
            ["HR-1", "Maija", "Virtanen", "K-3", "maija@example.fi", "fi; sv", "Nuoret", "Kyllä"],
        ],
        capture,
    )

    assert [job.status for job in (sectors, units, persons)] == [ImportJob.Status.DONE] * 3
    assert Sector.objects.get(slug="jarjestot").kind == Sector.Kind.EXTERNAL
    assert Sector.objects.get(slug="kulttuuri").name_sv == "Kultur"
    leaf = Unit.objects.get(external_code="K-3")
    assert [unit.external_code for unit in leaf.path] == ["K-1", "K-2", "K-3"]
    person = Person.objects.get(external_id="HR-1")
    assert (person.unit, person.languages, person.is_boundary_spanner) == (leaf, ["fi", "sv"], True)
    assert [topic.slug for topic in person.topics.all()] == ["youth"]
    # and everything imported is in the history as done by the importing administrator
    imported_rows = (
        (Sector.history.filter(slug__in=["kulttuuri", "jarjestot"]), 2),
        (Unit.history.filter(external_code__in=["K-1", "K-2", "K-3"]), 3),
        (Person.history.filter(external_id="HR-1"), 1),
    )
    for records, rows in imported_rows:
        assert records.filter(history_type="+").count() == rows
        assert {record.history_user for record in records} == {admin}
    assert Sector.history.get(slug="kulttuuri").name_sv == "Kultur"  # every language's column is kept


def test_the_same_files_again_change_nothing_and_an_edited_unit_moves(admin, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    imported(admin, "sectors", SECTORS, capture)
    imported(admin, "units", UNITS, capture)

    again = imported(admin, "sectors", SECTORS, capture)
    edited = imported(admin, "units", [*UNITS[:3], ["K-3", "kulttuuri", "K-1", "Sellon kirjasto", "", ""]], capture)

    assert again.preview["counts"] == {"create": 0, "change": 0, "unchanged": 2, "error": 0}
    assert edited.preview["counts"] == {"create": 0, "change": 1, "unchanged": 2, "error": 0}
    assert edited.preview["rows"][2]["changed"] == ["parent"]
    assert Unit.objects.get(external_code="K-3").parent.external_code == "K-1"


def test_a_parent_that_does_not_exist_and_a_loop_in_the_tree_are_row_errors(admin, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    imported(admin, "sectors", SECTORS, capture)
    imported(admin, "units", UNITS, capture)

    job = imported(
        admin,
        "units",
        [UNITS[0], ["K-1", "kulttuuri", "K-3", "Kulttuuripalvelut", "", ""], ["K-9", "kulttuuri", "NOPE", "X", "", ""]],
        capture,
    )

    assert [(error["line"], error["column"]) for error in job.preview["errors"]] == [(2, "parent"), (3, "parent")]
    assert job.preview["errors"][0]["message"] == "A unit cannot be moved under one of its own sub-units."
    assert job.preview["errors"][1]["message"] == "No unit with the code “NOPE” in Silta or above in this file."
    assert Unit.objects.get(external_code="K-1").parent is None


def test_only_administrators_import_the_organisation(make_user):
    official = make_user(Role.OFFICIAL)

    with pytest.raises(NotAllowed):
        services.import_job_create(by=official, kind="units", upload=upload(xlsx_bytes(UNITS)))
