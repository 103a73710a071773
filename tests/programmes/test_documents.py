"""Decisions as documents: attachments (size- and type-checked, stored through Django's storage under a random
name), a link to the decision register, a validity period and a review date that reminds the programme lead."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.core.exceptions import Invalid
from apps.notifications.models import Notification
from apps.programmes import services
from apps.programmes.models import Decision, DecisionAttachment
from apps.programmes.notifications import decision_review_reminders_send
from tests.clients import UserClient
from tests.programmes.factories import DecisionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 60


@pytest.fixture
def decision(programme_lead):
    programme = ProgrammeFactory(lead=programme_lead.person, end_date=None)
    return DecisionFactory(programme=programme)


def _upload(client, decision, name, content, content_type="application/pdf"):
    return client.post(
        reverse("programmes:attachment_add", args=[decision.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
        follow=True,
    )


def test_the_lead_attaches_a_pdf_and_everyone_downloads_it(programme_lead, decision, client_for):
    client = UserClient(programme_lead)

    response = _upload(client, decision, "Alueellinen sopimus.pdf", PDF)

    # then it is kept under a random name inside the storage, with the name it was given for the download
    assert "The document was attached." in response.content.decode()
    attachment = DecisionAttachment.objects.get()
    assert attachment.name == "Alueellinen sopimus.pdf" and attachment.size == len(PDF)
    assert attachment.file.name.startswith(f"decisions/{decision.pk}/") and attachment.file.name.endswith(".pdf")
    assert "sopimus" not in attachment.file.name
    assert attachment.history.get().history_user == programme_lead
    # and any reader downloads it as a file, never shown inline
    download = client_for(Role.OFFICIAL).get(reverse("programmes:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Attach a PDF or an Office document"),
        ("fake.pdf", b"<html>not a pdf</html>", "not the kind of document its name says"),
        ("fake.docx", PDF, "not the kind of document its name says"),
        ("empty.pdf", b"", "file is empty"),
    ],
)
def test_a_wrong_kind_of_file_is_refused_with_a_message(programme_lead, decision, name, content, message):
    response = _upload(UserClient(programme_lead), decision, name, content)

    assert message in response.content.decode()
    assert not DecisionAttachment.objects.exists()


def test_a_too_large_file_is_refused(programme_lead, decision, settings):
    settings.SILTA_ATTACHMENT_MAX_BYTES = 1024

    response = _upload(UserClient(programme_lead), decision, "big.pdf", PDF + b"0" * 2048)

    assert "the most is 0.0 MB" in response.content.decode()
    assert not DecisionAttachment.objects.exists()


def test_a_name_that_tries_a_path_never_reaches_one(programme_lead, decision):
    # when a file named ../../x.pdf is uploaded (Django keeps only the last part of an uploaded name)
    _upload(UserClient(programme_lead), decision, "../../x.pdf", PDF)

    # then it is stored inside the storage's decisions folder under a random name; nothing is written elsewhere
    attachment = DecisionAttachment.objects.get()
    assert attachment.name == "x.pdf"
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "decisions")
    assert not (Path(settings.MEDIA_ROOT).parent / "x.pdf").exists()


def test_the_service_refuses_a_hidden_or_path_name(programme_lead, decision):
    upload = SimpleUploadedFile("x.pdf", PDF)
    for bad in (".htaccess.pdf", "a/b.pdf", "a\\b.pdf"):
        upload.name = bad  # past Django's own clean-up, as another caller might pass it
        upload._name = bad
        with pytest.raises(Invalid, match="may not contain a path"):
            services.decision_attachment_add(by=programme_lead, decision=decision, upload=upload)


def test_only_who_edits_the_programme_attaches_or_removes(programme_lead, decision, client_for):
    official = client_for(Role.OFFICIAL)

    refused = _upload(official, decision, "x.pdf", PDF)
    attachment = services.decision_attachment_add(
        by=programme_lead, decision=decision, upload=SimpleUploadedFile("x.pdf", PDF)
    )
    not_removed = official.post(reverse("programmes:attachment_remove", args=[attachment.pk]))

    assert refused.status_code == 403 and not_removed.status_code == 403
    assert DecisionAttachment.objects.count() == 1


def test_removing_a_document_keeps_it_in_the_history_and_frees_the_file(
    programme_lead, decision, django_capture_on_commit_callbacks
):
    attachment = services.decision_attachment_add(
        by=programme_lead, decision=decision, upload=SimpleUploadedFile("agreement.docx", DOCX)
    )
    path = Path(attachment.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        UserClient(programme_lead).post(reverse("programmes:attachment_remove", args=[attachment.pk]))

    assert not DecisionAttachment.objects.exists() and not path.exists()
    removal = DecisionAttachment.history.filter(id=attachment.pk).order_by("history_date").last()
    assert removal.history_type == "-" and removal.history_user == programme_lead


def test_a_decision_with_documents_is_archived_not_deleted(programme_lead, decision):
    services.decision_attachment_add(by=programme_lead, decision=decision, upload=SimpleUploadedFile("a.pdf", PDF))

    kept = services.decision_delete(by=programme_lead, decision=decision)

    assert kept is not None and Decision.objects.get(pk=decision.pk).archived_at is not None
    assert DecisionAttachment.objects.count() == 1


def test_an_agreement_with_its_register_link_validity_and_review_date(programme_lead, decision):
    programme = decision.programme
    client = UserClient(programme_lead)

    response = client.post(
        reverse("programmes:decision_add", args=[programme.pk]),
        {
            "kind": "agreement",
            "level": "political",
            "decided_on": "2026-01-15",
            "text": "Regional agreement with the civic sector",
            "register_url": "https://paatokset.example.fi/asia/2026-123",
            "valid_from": "2026-02-01",
            "valid_until": "2029-12-31",
            "review_on": "2027-06-01",
        },
        follow=True,
    )
    backwards = client.post(
        reverse("programmes:decision_add", args=[programme.pk]),
        {
            "level": "official",
            "decided_on": "2026-01-15",
            "text": "x",
            "valid_from": "2027-01-01",
            "valid_until": "2026-01-01",
        },
    )

    agreement = Decision.objects.get(kind="agreement")
    assert (agreement.valid_from, agreement.valid_until, agreement.review_on) == (
        date(2026, 2, 1),
        date(2029, 12, 31),
        date(2027, 6, 1),
    )
    content = response.content.decode()
    assert "Agreement" in content and "https://paatokset.example.fi/asia/2026-123" in content
    assert "A decision cannot stop being valid before it starts." in backwards.content.decode()


def test_a_decision_due_for_review_is_on_the_leads_home_page_and_reminds_once(
    programme_lead, decision, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    decision.review_on = today - timedelta(days=1)
    decision.save()
    DecisionFactory(programme=decision.programme, review_on=today + timedelta(days=30))  # not yet

    home = UserClient(programme_lead).get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = [decision_review_reminders_send(today=today), decision_review_reminders_send(today=today)]

    assert "Decisions to review" in home and f"#decision-{decision.pk}" in home
    assert sent == [1, 0]
    assert Notification.objects.get(kind="programmes.decision_review").recipient == programme_lead
