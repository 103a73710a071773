"""The import pages over HTTP: template, upload, preview with its rows and errors, confirm; the round trip of the
initiatives list's "Download for editing and re-import"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from apps.accounts.roles import Role
from apps.imports.models import ImportJob
from apps.initiatives.models import Initiative
from tests.clients import UserClient
from tests.imports.conftest import row, rows, upload, xlsx_bytes
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory, ThemeFactory
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin) -> UserClient:
    return UserClient(admin)


def post_file(client, content: bytes, name: str = "initiatives.xlsx", capture=None, **fields):
    with capture(execute=True):
        return client.post("/imports/initiatives/", {"file": upload(content, name), **fields})


def test_the_template_has_the_columns_and_a_second_sheet_explaining_each_in_the_users_language(admin_client, org):
    admin_client.cookies["django_language"] = "fi"

    response = admin_client.get("/imports/initiatives/template.xlsx")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    data, explained = workbook.worksheets
    header = [cell.value for cell in data[1]]
    assert header[:3] == ["external_id", "title", "description"]
    assert data.max_row == 1
    assert explained.title == "Ohjeet"
    explanations = {row[0]: row for row in explained.iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(header) <= set(explanations)
    assert explanations["start_date"][2] == "Kyllä"  # required
    assert "1.2.2026" in explanations["start_date"][3]


def test_upload_preview_and_confirm_through_the_pages(admin_client, org, django_capture_on_commit_callbacks):
    # when a file is uploaded
    response = post_file(admin_client, xlsx_bytes(rows(row("K-1"))), capture=django_capture_on_commit_callbacks)

    # then the job page shows the preview with the row to create and a confirm button; nothing is written
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/jobs/{job.pk}/"
    page = admin_client.get(response["Location"]).content.decode()
    assert "Preview: what the import will do" in page
    assert '<tr data-action="create"><td>2</td><td>K-1</td><td>Reading buddies</td>' in page
    assert "Confirm and import" in page
    assert not Initiative.objects.exists()

    # when the user confirms
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/imports/jobs/{job.pk}/confirm/")

    # then the initiative is there and the page says what was imported
    assert response.status_code == 302
    assert Initiative.objects.filter(external_id="K-1").exists()
    page = admin_client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert "What was imported" in page
    assert "Confirm and import" not in page


def test_the_preview_lists_every_error_with_its_row_and_column_and_offers_no_confirm(
    admin_client, org, django_capture_on_commit_callbacks
):
    post_file(
        admin_client,
        xlsx_bytes(rows(row("K-1", start_date="2026-13-01"), row("K-2", lead_unit="NOPE"))),
        capture=django_capture_on_commit_callbacks,
    )

    page = admin_client.get(f"/imports/jobs/{ImportJob.objects.get().pk}/").content.decode()
    assert "<td>2</td><td>K-1</td><td>start_date</td><td>“2026-13-01” is not a date of the calendar.</td>" in page
    assert "<td>3</td><td>K-2</td><td>lead_unit</td><td>No unit with the code or name “NOPE” in Silta.</td>" in page
    assert "Confirm and import" not in page


def test_the_create_persons_choice_is_offered_on_the_preview_and_previews_again(
    admin_client, org, django_capture_on_commit_callbacks
):
    post_file(
        admin_client,
        xlsx_bytes(rows(row("K-1", contact_persons="someone.new@example.fi"))),
        capture=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert job.preview["counts"]["error"] == 1
    assert (
        "Create the contact persons who are not in the directory"
        in admin_client.get(f"/imports/jobs/{job.pk}/").content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/imports/jobs/{job.pk}/again/", {"create_persons": "on"})

    job.refresh_from_db()
    assert job.options == {"create_persons": True}
    assert job.preview["counts"] == {"create": 1, "change": 0, "unchanged": 0, "error": 0}


def test_an_empty_upload_is_a_form_error(admin_client, org, django_capture_on_commit_callbacks):
    response = post_file(admin_client, b"", capture=django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "The submitted file is empty." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_over_the_size_limit_is_a_form_error_with_the_limit(
    admin_client, org, settings, django_capture_on_commit_callbacks
):
    settings.SILTA_IMPORT_MAX_BYTES = 1000

    response = post_file(admin_client, b"x" * 1001, name="big.csv", capture=django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "The file is too big (1001\xa0bytes); the limit is 1000\xa0bytes." in response.content.decode()


def test_a_file_that_is_no_spreadsheet_gets_its_message_on_the_job_page(
    admin_client, org, django_capture_on_commit_callbacks
):
    post_file(admin_client, b"\x00\x01binary", name="x.xlsx", capture=django_capture_on_commit_callbacks)

    page = admin_client.get(f"/imports/jobs/{ImportJob.objects.get().pk}/").content.decode()
    assert "The file cannot be imported" in page
    assert "The file is not a spreadsheet" in page


def test_the_progress_fragment_polls_while_the_job_runs_and_reloads_the_page_when_done(admin_client, admin, org):
    job = ImportJob.objects.create(
        kind="initiatives",
        file="imports/x.xlsx",
        original_name="x.xlsx",
        uploaded_by=admin,
        status=ImportJob.Status.IMPORTING,
        rows_done=250,
        rows_total=1000,
    )

    running = admin_client.get(f"/imports/jobs/{job.pk}/status/")
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, result=None)
    done = admin_client.get(f"/imports/jobs/{job.pk}/status/")

    assert 'hx-trigger="every 1s"' in running.content.decode()
    assert '<progress max="100" value="25">' in running.content.decode()
    assert "HX-Refresh" not in running
    assert done["HX-Refresh"] == "true"


def test_someone_elses_import_is_not_found(client_for, admin, org):
    job = ImportJob.objects.create(kind="initiatives", file="imports/x.xlsx", original_name="x.xlsx", uploaded_by=admin)

    response = client_for(Role.OFFICIAL).get(f"/imports/jobs/{job.pk}/")

    assert response.status_code == 404


def test_an_exported_initiatives_workbook_imports_back_with_no_changes(
    admin_client, org, django_capture_on_commit_callbacks
):
    # given initiatives made in Silta: units with and without a code, roles, goals, themes, contacts, a programme
    plain_unit = UnitFactory(name="Sports grounds")
    programme = ProgrammeFactory(name="Lähiöohjelma")
    first = InitiativeFactory(
        title="Reading buddies",
        start_date=date(2026, 2, 1),
        end_date=date(2026, 12, 31),
        programme=programme,
        strategy_goals=[org["goal"], org["goal2"]],
        themes=[org["theme"], ThemeFactory(name="Youth", slug="youth")],
        contact_persons=[org["person"], PersonFactory(email="")],
        resident_participants=40,
        involves_ngos=True,
    )
    ParticipationFactory(initiative=first, unit=org["library"], role="lead")
    ParticipationFactory(initiative=first, unit=org["youth"], role="partner")
    ParticipationFactory(initiative=first, unit=plain_unit, role="venue")
    second = InitiativeFactory(title="=cmd|' /C calc'!A0", external_id="OWN-7", description="Line one\nline two")
    ParticipationFactory(initiative=second, unit=org["museum"], role="funder")

    # when the list is downloaded for editing and imported back as it is
    response = admin_client.get("/initiatives/export-for-import.xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    post_file(admin_client, content, capture=django_capture_on_commit_callbacks)

    # then the preview finds both initiatives unchanged
    job = ImportJob.objects.get()
    assert job.preview["counts"] == {"create": 0, "change": 0, "unchanged": 2, "error": 0}, job.preview["rows"][0][
        "changed"
    ]
    assert {item["key"] for item in job.preview["rows"]} == {f"silta:{first.pk}", "OWN-7"}


def test_the_initiatives_list_offers_the_download_for_re_import(official_client):
    page = official_client.get("/initiatives/").content.decode()

    assert 'href="/initiatives/export-for-import.xlsx"' in page
    assert "Download for editing and re-import" in page
