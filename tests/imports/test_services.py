"""Initiatives from a spreadsheet, through the import services: preview, confirm, idempotent re-import, bad input."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from apps.accounts.roles import Role
from apps.core.exceptions import Conflict, NotAllowed
from apps.imports import services
from apps.imports.models import ImportJob
from apps.initiatives.models import Initiative, Participation
from apps.sectors.models import Person
from tests.imports.conftest import HEADER, csv_bytes, row, rows, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def preview(by, content: bytes, name: str = "initiatives.xlsx", options=None, capture=None) -> ImportJob:
    with capture(execute=True):
        job = services.import_job_create(by=by, kind="initiatives", upload=upload(content, name), options=options)
    job.refresh_from_db()
    return job


def confirm(by, job: ImportJob, capture) -> ImportJob:
    with capture(execute=True):
        services.import_job_confirm(by=by, job=job)
    job.refresh_from_db()
    return job


@pytest.fixture
def run(admin, org, django_capture_on_commit_callbacks):
    """``run(content)``: preview and confirm a file as the admin; the job after each step."""

    def go(content: bytes, name: str = "initiatives.xlsx", by=None, options=None) -> tuple[ImportJob, ImportJob]:
        user = by or admin
        job = preview(user, content, name, options, django_capture_on_commit_callbacks)
        previewed = ImportJob.objects.get(pk=job.pk)
        if (
            job.status == ImportJob.Status.PREVIEWED
            and job.preview["file_errors"] == []
            and not job.preview["counts"]["error"]
        ):
            job = confirm(user, job, django_capture_on_commit_callbacks)
        return previewed, job

    return go


def counts(job: ImportJob, which: str = "preview") -> dict[str, int]:
    return getattr(job, which)["counts"]


def test_the_preview_shows_each_row_and_writes_nothing(admin, org, django_capture_on_commit_callbacks):
    # given a workbook of two new initiatives
    content = xlsx_bytes(rows(row("K-1"), row("K-2", title="Museum nights")))

    # when it is previewed
    job = preview(admin, content, capture=django_capture_on_commit_callbacks)

    # then the preview says two rows will be created, and nothing is in the database yet
    assert job.status == ImportJob.Status.PREVIEWED
    assert counts(job) == {"create": 2, "change": 0, "unchanged": 0, "error": 0}
    assert [(item["line"], item["key"], item["action"]) for item in job.preview["rows"]] == [
        (2, "K-1", "create"),
        (3, "K-2", "create"),
    ]
    assert not Initiative.objects.exists()


def test_confirming_writes_the_rows_with_their_units_links_and_history_by_the_importer(run, admin, org):
    # given a previewed file
    _previewed, job = run(xlsx_bytes(rows(row("K-1"))))

    # then confirming wrote the initiative with everything its row names
    assert job.status == ImportJob.Status.DONE
    assert counts(job, "result")["create"] == 1
    initiative = Initiative.objects.get(external_id="K-1")
    assert initiative.start_date == date(2026, 2, 1)
    assert initiative.resident_participants == 12500
    assert initiative.involves_residents is True
    assert initiative.created_by == admin
    assert {(p.unit, p.role) for p in initiative.participations.all()} == {
        (org["library"], Participation.Role.LEAD),
        (org["youth"], Participation.Role.PARTNER),
    }
    assert list(initiative.strategy_goals.all()) == [org["goal"]]
    assert list(initiative.themes.all()) == [org["theme"]]
    assert list(initiative.contact_persons.all()) == [org["person"]]
    # and the history says the importer did it, links included
    record = initiative.history.get()
    assert record.history_user == admin
    assert [link.theme_id for link in record.themes.all()] == [org["theme"].pk]
    assert Participation.history.filter(initiative_id=initiative.pk, history_user=admin).count() == 2
    # and the upload is not kept once imported
    assert not job.file


def test_importing_the_same_file_again_changes_nothing(run):
    content = xlsx_bytes(rows(row("K-1"), row("K-2", title="Museum nights")))
    run(content)
    history_before = Initiative.history.count()

    previewed, job = run(content)

    assert counts(previewed) == {"create": 0, "change": 0, "unchanged": 2, "error": 0}
    assert counts(job, "result")["unchanged"] == 2
    assert Initiative.history.count() == history_before


def test_an_edited_file_changes_only_the_edited_rows_of_the_same_initiatives(run, admin, org):
    # given an imported file
    run(xlsx_bytes(rows(row("K-1"), row("K-2", title="Museum nights"))))
    first = Initiative.objects.get(external_id="K-1")

    # when the second row's title and units are edited and the file imported again
    previewed, _job = run(
        xlsx_bytes(rows(row("K-1"), row("K-2", title="Museum evenings", lead_unit="KULT-02", partner_units="")))
    )

    # then only that row changed, on the same initiative, with the changed columns named
    assert counts(previewed) == {"create": 0, "change": 1, "unchanged": 1, "error": 0}
    changed = next(item for item in previewed.preview["rows"] if item["action"] == "change")
    assert changed["key"] == "K-2"
    assert set(changed["changed"]) == {"title", "lead_unit", "partner_units"}
    second = Initiative.objects.get(external_id="K-2")
    assert second.title == "Museum evenings"
    assert {(p.unit, p.role) for p in second.participations.all()} == {(org["museum"], Participation.Role.LEAD)}
    assert Initiative.objects.get(pk=first.pk).history.count() == 1
    assert second.history.latest().history_user == admin


def test_csv_with_bom_and_semicolons_as_finnish_excel_writes_it_reads_the_same(run):
    content = csv_bytes(rows(row("K-1", resident_participants="12\u00a0500")), delimiter=";", bom=True)

    previewed, _job = run(content, name="initiatives.csv")

    assert counts(previewed)["create"] == 1
    assert Initiative.objects.get(external_id="K-1").resident_participants == 12500


def test_csv_without_bom_and_with_commas_and_iso_dates(run):
    content = csv_bytes(rows(row("K-1", start_date="2026-02-01")))

    run(content, name="initiatives.csv")

    assert Initiative.objects.get(external_id="K-1").start_date == date(2026, 2, 1)


def test_a_date_written_1_2_2026_and_2026_02_01_are_the_same_day(run):
    run(xlsx_bytes(rows(row("K-1", start_date="1.2.2026"), row("K-2", start_date="2026-02-01"))))

    assert set(Initiative.objects.values_list("start_date", flat=True)) == {date(2026, 2, 1)}


def errors_of(job: ImportJob) -> list[tuple[int, str, str]]:
    return [(error["line"], error["column"], error["message"]) for error in job.preview["errors"]]


def test_duplicate_external_ids_in_one_file_are_an_error_on_the_second_row_and_nothing_is_imported(run):
    previewed, job = run(xlsx_bytes(rows(row("K-1"), row("K-1", title="Other"))))

    assert errors_of(previewed) == [(3, "external_id", "The external id “K-1” is on line 2 already.")]
    assert job.status == ImportJob.Status.PREVIEWED  # it cannot be confirmed
    assert not Initiative.objects.exists()


def test_a_unit_code_that_does_not_exist_is_the_rows_error(run):
    previewed, _job = run(xlsx_bytes(rows(row("K-1", partner_units="NOPE-9"))))

    assert errors_of(previewed) == [(2, "partner_units", "No unit with the code or name “NOPE-9” in Silta.")]


def test_an_email_of_nobody_is_an_error_unless_the_import_creates_the_person(run, org):
    content = xlsx_bytes(rows(row("K-1", contact_persons="new.person@example.fi")))

    previewed, _job = run(content)

    assert errors_of(previewed)[0][:2] == (2, "contact_persons")
    assert "new.person@example.fi" in errors_of(previewed)[0][2]

    # when the same file is imported with the explicit choice to create the person
    previewed, _job = run(content, options={"create_persons": True})

    # then the person is created in the lead unit and becomes the contact
    assert counts(previewed)["create"] == 1
    person = Person.objects.get(email="new.person@example.fi")
    assert (person.first_name, person.last_name, person.unit) == ("New", "Person", org["library"])
    assert list(Initiative.objects.get(external_id="K-1").contact_persons.all()) == [person]


def test_a_formula_in_a_cell_is_read_as_text_never_evaluated(run):
    run(xlsx_bytes(rows(row("K-1", title="=1+1"))))

    assert Initiative.objects.get(external_id="K-1").title == "=1+1"


def test_a_number_cell_and_a_number_with_a_decimal_comma_are_read(run):
    content = xlsx_bytes(rows(row("K-1", resident_participants=120), row("K-2", resident_participants="12,5")))

    previewed, _job = run(content)

    assert [item["action"] for item in previewed.preview["rows"]] == ["create", "error"]
    assert errors_of(previewed) == [(3, "resident_participants", "“12,5” is not a whole number.")]


def test_a_row_that_breaks_a_database_rule_is_that_rows_error_not_a_500(run, org):
    # given an initiative that already has the external id the file's second row takes by its Silta id
    existing = Initiative.objects.create(
        title="Old", collaboration_form="project", start_date=date(2026, 1, 1), external_id="K-2"
    )
    Initiative.objects.filter(pk=existing.pk).update(external_id="")
    other = Initiative.objects.create(title="Other", collaboration_form="project", start_date=date(2026, 1, 1))
    # when a file names two new initiatives, one of them with an end before its start (a check constraint too)
    previewed, _job = run(xlsx_bytes(rows(row("K-1"), row("K-3", end_date="1.1.2026"))))

    # then that row has the error and the other is still previewed as new
    assert errors_of(previewed) == [(3, "end_date", "The end date cannot be before the start date.")]
    assert counts(previewed)["create"] == 1
    assert other.pk


def test_a_database_refusal_the_checks_do_not_foresee_is_named_on_its_row(run, org):
    # given a rule only the database knows (a trigger refusing one title)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION test_refuse_title() RETURNS trigger AS $$
            BEGIN
              IF NEW.title = 'Forbidden' THEN
                RAISE EXCEPTION 'refused' USING ERRCODE = '23514', CONSTRAINT = 'initiatives_test_rule';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER test_refuse_title BEFORE INSERT ON initiatives_initiative
              FOR EACH ROW EXECUTE FUNCTION test_refuse_title();
            """
        )

    # when a file has that title on its second row
    previewed, _job = run(xlsx_bytes(rows(row("K-1"), row("K-2", title="Forbidden"), row("K-3", title="Fine"))))

    # then the second row carries the database's refusal, by rule name; the others would be created
    assert errors_of(previewed) == [
        (3, "", "This row breaks a rule of the database (initiatives_test_rule); nothing of it was saved.")
    ]
    assert counts(previewed)["create"] == 2
    assert not Initiative.objects.exists()


def test_unknown_and_missing_columns_are_the_files_errors(run):
    header = [column for column in HEADER if column != "title"] + ["colour"]
    previewed, _job = run(xlsx_bytes([header]))

    assert previewed.preview["file_errors"] == [
        "Column 13, “colour”, is not a column of this import. The columns are: "
        "external_id, title, description, language, status, collaboration_form, start_date, end_date, programme, "
        "lead_unit, partner_units, funder_units, venue_units, strategy_goals, themes, contact_persons, "
        "involves_residents, involves_ngos, resident_participants, weight.",
        "The column “title” is missing; it is needed.",
    ]


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_message(run):
    previewed, _job = run(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="photo.csv")

    assert previewed.preview["file_errors"] == [
        "The file is not a spreadsheet: save it as Excel (.xlsx) or as CSV (UTF-8)."
    ]


def test_a_broken_workbook_is_refused_with_a_message(run):
    previewed, _job = run(b"PK\x03\x04 not really a zip", name="broken.xlsx")

    assert previewed.preview["file_errors"] == ["The file is not an Excel workbook (.xlsx) Silta can read."]


def test_an_empty_file_and_a_file_over_the_limit_are_refused_at_upload(admin, org, settings):
    from apps.core.exceptions import Invalid

    with pytest.raises(Invalid, match=re.escape("The file is empty.")):
        services.import_job_create(by=admin, kind="initiatives", upload=upload(b""))
    settings.SILTA_IMPORT_MAX_BYTES = 50 * 1024 * 1024
    with pytest.raises(Invalid, match=re.escape("The file is too big (50.0\xa0MB); the limit is 50.0\xa0MB")):
        big = upload(b"x")
        big.size = 50 * 1024 * 1024 + 1
        services.import_job_create(by=admin, kind="initiatives", upload=big)
    assert not ImportJob.objects.exists()


def test_a_preview_with_errors_cannot_be_confirmed(admin, org, django_capture_on_commit_callbacks):
    job = preview(
        admin, xlsx_bytes(rows(row("K-1", start_date="31.2.2026"))), capture=django_capture_on_commit_callbacks
    )

    assert errors_of(job) == [(2, "start_date", "“31.2.2026” is not a date of the calendar.")]
    with pytest.raises(Conflict):
        services.import_job_confirm(by=admin, job=job)


def test_an_official_imports_initiatives_their_unit_takes_part_in_and_no_others(
    make_user, org, django_capture_on_commit_callbacks
):
    # given an official of the libraries and an initiative of the museums only
    official = make_user(Role.OFFICIAL, home_unit=org["library"])
    Initiative.objects.create(
        title="Museum only", collaboration_form="project", start_date=date(2026, 1, 1), external_id="M-1"
    ).participations.create(unit=org["museum"], role="lead", joined_on=date(2026, 1, 1))

    # when they import a row of their own unit, one without it and a change to the museums' initiative
    job = preview(
        official,
        xlsx_bytes(
            rows(
                row("K-1"),
                row("K-2", lead_unit="KULT-02", partner_units=""),
                row("M-1", title="Taken over", lead_unit="KULT-02", partner_units=""),
            )
        ),
        capture=django_capture_on_commit_callbacks,
    )

    # then only the first is allowed
    assert errors_of(job) == [
        (3, "", "Your own unit must take part in an initiative you import."),
        (4, "", "You may not change this initiative."),
    ]
    assert counts(job)["create"] == 1


def test_a_role_without_initiatives_may_not_import_them(make_user, org):
    manager = make_user(Role.MANAGER)

    with pytest.raises(NotAllowed):
        services.import_job_create(by=manager, kind="initiatives", upload=upload(xlsx_bytes(rows(row()))))


def test_an_import_that_fails_half_way_writes_nothing(admin, org, django_capture_on_commit_callbacks, monkeypatch):
    # given a previewed file of 1,200 rows (three chunks)
    content = xlsx_bytes(rows(*(row(f"K-{n}", title=f"Initiative {n}") for n in range(1200))))
    job = preview(admin, content, capture=django_capture_on_commit_callbacks)
    assert counts(job)["create"] == 1200

    # when the worker fails while writing the third chunk
    from apps.initiatives import services as initiative_services

    real = initiative_services.initiatives_create_many
    calls = []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("worker lost its database")
        return real(**kwargs)

    monkeypatch.setattr(initiative_services, "initiatives_create_many", failing)
    with pytest.raises(RuntimeError):
        confirm(admin, job, django_capture_on_commit_callbacks)

    # then nothing of the first two chunks stayed, and the job says it failed
    assert not Initiative.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert Decimal(job.rows_total or 0) >= 0


def test_a_programme_lead_imports_new_initiatives_of_the_programme_they_lead(
    make_user, org, django_capture_on_commit_callbacks
):
    from tests.programmes.factories import ProgrammeFactory
    from tests.sectors.factories import PersonFactory

    # given a programme lead whose own unit is none of the row's
    lead = make_user(Role.PROGRAMME_LEAD)
    ProgrammeFactory(name="Lähiöohjelma", lead=PersonFactory(user=lead))
    ProgrammeFactory(name="Other programme")

    # when they import one initiative of their programme and one of another
    job = preview(
        lead,
        xlsx_bytes(
            rows(
                row("P-1", programme="Lähiöohjelma", header=[*HEADER, "programme"]),
                row("P-2", programme="Other programme", header=[*HEADER, "programme"]),
                header=[*HEADER, "programme"],
            )
        ),
        capture=django_capture_on_commit_callbacks,
    )

    # then only the first is theirs to import
    assert errors_of(job) == [(3, "", "Your own unit must take part in an initiative you import.")]
