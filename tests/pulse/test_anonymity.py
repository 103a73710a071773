"""Nobody sees one respondent's ratings: a round where one person answered, and a group of two in another, leave
no trace of their figures on any page, API answer or download (CSV, XLSX, the board report's PDF), for a manager
or an administrator."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.accounts.roles import Role
from apps.dashboards import services as dashboard_services
from apps.dashboards.tasks import board_report_generate_task
from apps.indicators.computations import compute_indicator
from apps.pulse import services
from apps.pulse.models import PulseRound
from tests.clients import UserClient
from tests.pulse.conftest import AFTER, CLOSES, DURING, TODAY, T, V, _items, link_of

pytestmark = pytest.mark.django_db

Q2 = date(2026, 4, 1)
# The lone respondent's trust (1, 2, 2) is 2/9 ≈ 0.222 and value (4, 3, 3) 7/9 ≈ 0.778 scaled; the group of two
# (C–S in the other round: 1, 1, 1 and 2, 2, 2) has trust 1/6 ≈ 0.167. None of these may show anywhere.
SECRETS = ("0.22", "0,22", "0.78", "0,78", "0.17", "0,17", "22 %", "78 %", "17 %", "0.1666", "0.2222", "0.7777")


@pytest.fixture
def solo(city, answered, make_user):
    """Besides ``answered``'s round, a round of the city fixture's initiatives that only Aino answered."""
    pulse_round = services.pulse_round_open(
        by=make_user(Role.MANAGER),
        title="Solo",
        initiatives=[city.buddies],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 4, 30),
        closes_on=CLOSES,
        today=TODAY,
    )
    services.pulse_answers_save(
        signed=link_of(pulse_round, city.aino),
        ratings={city.education_a.pk: _items(T, (1, 2, 2)) | _items(V, (4, 3, 3)) | {"achieved": "A secret note"}},
        now=DURING,
    )
    services.pulse_round_close(pulse_round=pulse_round, now=AFTER)
    for code in ("pulse_trust", "pulse_value", "pulse_response_rate"):
        compute_indicator(code, period_kind="quarter", since=Q2, until=date(2026, 7, 1))
    return pulse_round


def _texts(client: UserClient, solo: PulseRound, city) -> dict[str, str]:
    period = "period_kind=quarter&period=2026-04-01"
    pages = {
        "rounds": reverse("pulse:list"),
        "round": reverse("pulse:detail", args=[solo.pk]),
        "other round": reverse("pulse:detail", args=[PulseRound.objects.exclude(pk=solo.pk).get().pk]),
        "api rounds": reverse("pulse-round-list"),
        "api round": reverse("pulse-round-detail", args=[solo.pk]),
        "city dashboard": f"{reverse('dashboards:overview')}?{period}",
        "sector dashboard": f"{reverse('dashboards:overview')}?{period}&sector={city.culture.pk}",
        "city tiles csv": f"{reverse('dashboards:overview')}?{period}&download=tiles",
        "network": f"{reverse('dashboards:network')}?{period}",
        "trend": f"{reverse('dashboards:trends')}?{period}&indicator=pulse_trust",
    }
    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        texts[name] = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    workbook = client.get(f"{reverse('dashboards:overview')}?{period}&download=tiles&format=xlsx")
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(workbook.streaming_content) if workbook.streaming else workbook.content)
    )
    texts["city tiles xlsx"] = " ".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
    )
    texts["board report pdf"] = _board_report_text(client.user)
    return texts


def _board_report_text(user) -> str:
    """The city's board report of the quarter, made as the worker makes it, read back from the PDF."""
    report = dashboard_services.board_report_request(
        by=user, scope="city", scope_id=0, period_kind="quarter", period=Q2, language="en"
    )
    board_report_generate_task.apply(args=[report.pk])
    report.refresh_from_db()
    with report.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    return " ".join(" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_no_page_api_answer_or_download_shows_a_lone_respondents_or_a_small_groups_ratings(solo, city, make_user, role):
    client = UserClient(make_user(role))
    texts = _texts(client, solo, city)

    # The round with one answer says only that there were too few
    assert "too few answers" in texts["round"]
    assert "A secret note" not in " ".join(texts.values())
    for name, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, (name, secret)
    # The shown figures are there (the test would pass on empty pages otherwise): trust 14/23 ≈ 0.61 for the city
    assert "0.61" in texts["city tiles csv"] or "0.6087" in texts["city tiles csv"]
    assert "Indicators: Trust" in texts["board report pdf"] and "Trust between partners" in texts["board report pdf"]


def test_the_admin_has_no_page_for_answers(solo, make_user):
    client = UserClient(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    assert client.get("/admin/pulse/pulseround/").status_code == 200
    for model in ("pulseresponse", "pulserating", "pulsewish"):
        assert client.get(f"/admin/pulse/{model}/").status_code == 404
