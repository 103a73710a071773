"""The board report: a PDF per scope (city, sector, programme) with one page per section, whose numbers are the
dashboard pages' numbers for the same scope and period (read back from the PDF with pypdf); who may have it; its
task's failure; the monthly mail to subscribed managers with the PDF attached, in their language."""

from __future__ import annotations

import datetime
import io
import math
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from apps.accounts.roles import Role
from apps.dashboards import charts, selectors, services
from apps.dashboards.board_report import AssetRefused, static_asset
from apps.dashboards.models import BoardReport
from apps.dashboards.notifications import monthly_board_reports_send
from apps.dashboards.tasks import board_report_generate_task
from apps.indicators.computations.engine import UNIT_NETWORK_JOB, compute_job
from apps.indicators.models import IndicatorTarget, Scope
from apps.initiatives.models import Funding
from apps.notifications.models import Channel, NotificationSetting
from tests.clients import UserClient
from tests.dashboards.conftest import LAST_MONTH, make_initiative, monthly_values
from tests.indicators.factories import catalogue_indicator
from tests.initiatives.factories import FundingFactory
from tests.programmes.factories import ProgrammeFactory
from tests.sectors.factories import SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

PERIOD = {"period_kind": "month", "period": LAST_MONTH.isoformat()}
INDICATORS_PER_PAGE = 6


@pytest.fixture
def world(city_year) -> dict:
    """A year of values for the city, a culture sector and a programme, a target, the October unit network and
    programme money of 2026."""
    culture, education = (
        SectorFactory(slug="culture", name="Culture"),
        SectorFactory(slug="education", name="Education"),
    )
    museum, library = UnitFactory(sector=culture, name="Museum"), UnitFactory(sector=culture, name="Library")
    school = UnitFactory(sector=education, name="School")
    programme = ProgrammeFactory(name="Reading city", sectors=[culture, education], yearly_budget=Decimal("250000"))
    reading = make_initiative("Reading week", [library, school], start=LAST_MONTH, programme=programme)
    make_initiative("Art trail", [museum, library], start=LAST_MONTH)
    FundingFactory(
        initiative=reading,
        source_unit=library,
        instrument=Funding.Instrument.PROGRAMME_BUDGET,
        allocated=Decimal("12500"),
        spent=Decimal("4250.50"),
        year=2026,
    )
    compute_job(UNIT_NETWORK_JOB, period_kind="month", since=LAST_MONTH, until=datetime.date(2026, 11, 1))
    monthly_values("cross_sector_share", [0.3 - 0.01 * i for i in range(12)], scope=Scope.SECTOR, scope_id=culture.pk)
    monthly_values("cross_sector_share", [0.6] * 11 + [0.55], scope=Scope.PROGRAMME, scope_id=programme.pk)
    monthly_values("budget_traceability", [0.25] * 12, scope=Scope.PROGRAMME, scope_id=programme.pk)
    IndicatorTarget.objects.create(
        indicator=catalogue_indicator("cross_sector_share"),
        scope=Scope.CITY,
        value=0.9,
        target_date=datetime.date(2026, 12, 31),
    )
    return {"sector": culture, "programme": programme}


def _make(*, by, scope: str, scope_id: int = 0, language: str = "en", **extra) -> BoardReport:
    """Ask for a report and run its task in this process (as the worker would after the commit)."""
    report = services.board_report_request(
        by=by, scope=scope, scope_id=scope_id, period_kind="month", period=LAST_MONTH, language=language, **extra
    )
    board_report_generate_task.apply(args=[report.pk])
    report.refresh_from_db()
    return report


def pdf_pages(report: BoardReport) -> list[str]:
    """Each page's text, its whitespace (no-break spaces of grouped numbers included) as single spaces."""
    with report.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    return [" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages]


def _text(html: str) -> str:
    """An HTML fragment's text as the PDF's text reads: tags gone, whitespace single spaces."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ").split())


def overview_tiles(content: str) -> dict[str, list[tuple[str, str]]]:
    """Per theme heading on the overview page, its tiles as (name, what the tile shows first: value and change)."""
    themes = {}
    for match in re.finditer(r'<h2 id="theme-\w+">([^<]+)</h2>(.*?)</section>', content, re.S):
        tiles = []
        for tile in re.findall(r'<li class="tile indicator-tile.*?</li>', match.group(2), re.S):
            name = _text(re.search(r'<h3 class="indicator-tile__name">(.*?)</h3>', tile, re.S).group(1))
            value = _text(re.search(r'<p class="indicator-tile__value[^"]*">(.*?)</p>', tile, re.S).group(1))
            change = re.search(r'<p class="change change--\w+">(.*?)</p>', tile, re.S)
            # The change's arrow and the words for screen readers stay on the page; the PDF has the number.
            shown = value + (
                " " + _text(change.group(1)).split(" ", 1)[1].split(" than ")[0].split(" from ")[0] if change else ""
            )
            tiles.append((name, shown))
        themes[unescape(match.group(1))] = tiles
    return themes


def expected_headings(title: str, themes: dict[str, list]) -> list[str]:
    """The report's sections in order, from what the overview shows: a page per six indicators of a theme."""
    headings = [title, "What needs attention"]
    for theme, tiles in themes.items():
        pages = math.ceil(len(tiles) / INDICATORS_PER_PAGE)
        headings += [f"Indicators: {theme}" + (f" ({n}/{pages})" if pages > 1 else "") for n in range(1, pages + 1)]
    return [*headings, "The unit network", "Programme money"]


def page_of(pages: list[str], heading: str) -> str:
    (page,) = [page for page in pages if page.startswith(heading)]
    return page


SCOPES = [
    pytest.param(Scope.CITY, "Whole city", id="city"),
    pytest.param(Scope.SECTOR, "Culture", id="sector"),
    pytest.param(Scope.PROGRAMME, "Reading city", id="programme"),
]


@pytest.mark.parametrize(("scope", "name"), SCOPES)
def test_each_scopes_pdf_has_a_page_per_section_with_the_pages_numbers(world, manager_client, scope, name):
    # Given what the overview page shows for the scope and period
    scope_id = {Scope.CITY: 0, Scope.SECTOR: world["sector"].pk, Scope.PROGRAMME: world["programme"].pk}[scope]
    query = {**PERIOD, **({scope: scope_id} if scope_id else {})}
    overview = manager_client.get(reverse("dashboards:overview"), query).content.decode()
    themes = overview_tiles(overview)
    attention = re.findall(
        r"<li>\s*<strong>([^<]+)</strong>", overview.split('id="attention-heading"')[1].split("</section>")[0]
    )

    # When the report of the same scope and period is made
    report = _make(by=manager_client.user, scope=scope, scope_id=scope_id)

    # Then each section is a page of its own, its heading first, in order
    assert report.status == BoardReport.Status.DONE, report.error
    pages = pdf_pages(report)
    headings = expected_headings(f"Board report: {name}, October 2026", themes)
    assert [page[: len(heading)] for page, heading in zip(pages, headings, strict=True)] == headings
    assert report.pages == len(pages)
    # and every indicator reads on its theme's page as on its tile: name, value and change
    for theme, tiles in themes.items():
        text = " ".join(page for page in pages if page.startswith(f"Indicators: {theme}"))
        for tile_name, shown in tiles:
            assert f"{tile_name} {shown}" in text
    # and what needs attention, in the overview's order
    attention_page = page_of(pages, "What needs attention")
    assert attention, "the world has something that needs attention"
    places = [attention_page.index(f"{item}:") for item in map(unescape, attention)]
    assert places == sorted(places)


def test_the_city_report_carries_the_target_status_and_the_trend_scale(world, manager_client):
    report = _make(by=manager_client.user, scope=Scope.CITY)

    silos = page_of(pdf_pages(report), "Indicators: Silos (1/2)")
    # the target line and status as the tile shows them, and the chart's scale from 10 % up to the 90 % target
    tile = (
        manager_client.get(reverse("dashboards:overview"), PERIOD)
        .content.decode()
        .split('id="tile-cross_sector_share"')[1]
    )
    target = _text(re.search(r'<p class="target[^"]*">(.*?)</p>', tile, re.S).group(1))
    assert target == "Target 90.0 % by 31 Dec 2026 · off track"
    assert target in silos
    assert "Scale 10.0 % – 90.0 % · November 2025 – October 2026 · dashed: the target" in silos


def test_the_network_and_money_pages_read_as_the_unit_network_and_programme_pages(world, manager_client):
    # Given the unit network page and the programme page of the same period
    graph = manager_client.get(reverse("dashboards:unit_network"), PERIOD).context["graph"]
    programme_page = manager_client.get(reverse("programmes:detail", args=[world["programme"].pk])).content.decode()
    row = re.search(r"<tr><th scope=\"row\">2026</th>(.*?)</tr>", programme_page, re.S).group(1)
    budget, allocated, spent, _left = (_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row))

    # When the city's report is made
    pages = pdf_pages(_make(by=manager_client.user, scope=Scope.CITY))

    # Then the network page lists the units by rank as the page does, with their groups and ties
    network = page_of(pages, "The unit network")
    assert f"Units: {len(graph.units)}. Ties of shared initiatives: {len(graph.ties)}." in network
    for unit in graph.units:
        assert f"{unit.rank} {unit.name} {unit.sector} {unit.community + 1} {unit.ties} {unit.initiatives}" in network
    # and the programme's 2026 money as its page shows it, with the traced share of October
    money = page_of(pages, "Programme money")
    assert (budget, allocated, spent) == ("250,000", "12,500", "4,251")
    assert f"Reading city {budget} {allocated} {spent} 25.0 %" in money


def test_the_report_is_in_the_requesters_language(world, manager_client):
    manager_client.cookies["django_language"] = "fi"
    tile = (
        manager_client.get(reverse("dashboards:overview"), PERIOD)
        .content.decode()
        .split('id="tile-cross_sector_share"')[1]
    )
    value = _text(re.search(r'<p class="indicator-tile__value">(.*?)</p>', tile, re.S).group(1))

    response = manager_client.post(reverse("dashboards:board_report_request"), PERIOD)
    report = BoardReport.objects.get()
    board_report_generate_task.apply(args=[report.pk])
    report.refresh_from_db()

    assert response.status_code == 302 and report.language == "fi"
    pages = pdf_pages(report)
    assert pages[0].startswith("Johdon raportti: Koko kaupunki, lokakuu 2026")
    assert value == "32,0 %"
    assert f"Monialaiset hankkeet {value}" in page_of(pages, "Mittarit: Siilot (1/2)")


def test_asking_again_returns_the_report_under_way_or_made_unless_asked_anew(
    world, make_user, django_capture_on_commit_callbacks
):
    manager, other = make_user(Role.MANAGER), make_user(Role.MANAGER)
    ask = {"scope": Scope.CITY, "scope_id": 0, "period_kind": "month", "period": LAST_MONTH, "language": "en"}

    with django_capture_on_commit_callbacks() as queued:
        first = services.board_report_request(by=manager, **ask)
        again = services.board_report_request(by=other, **ask, anew=True)  # under way: the same one
    assert again == first and len(queued) == 1

    board_report_generate_task.apply(args=[first.pk])
    assert services.board_report_request(by=other, **ask) == first
    anew = services.board_report_request(by=other, **ask, anew=True)
    assert anew != first and anew.status == BoardReport.Status.QUEUED
    swedish = services.board_report_request(by=other, **{**ask, "language": "sv"})
    assert swedish not in (first, anew)


def test_a_report_that_cannot_be_made_fails_with_its_reason(world, manager_client):
    # Given a programme's report asked for, whose programme is deleted before the worker gets to it
    programme = ProgrammeFactory(name="Short-lived")
    report = services.board_report_request(
        by=manager_client.user,
        scope=Scope.PROGRAMME,
        scope_id=programme.pk,
        period_kind="month",
        period=LAST_MONTH,
        language="en",
    )
    programme.delete()

    # When the task runs
    board_report_generate_task.apply(args=[report.pk])

    # Then the report failed with a message, has no file, and its page says why instead of polling
    report.refresh_from_db()
    assert report.status == BoardReport.Status.FAILED and report.finished_at is not None and not report.file
    assert report.error == "The sector or programme of this report no longer exists."
    status = manager_client.get(reverse("dashboards:board_report_status", args=[report.pk])).content.decode()
    assert "The board report could not be made: The sector or programme of this report no longer exists." in status
    assert "hx-trigger" not in status
    assert manager_client.get(reverse("dashboards:board_report_download", args=[report.pk])).status_code == 404


def test_the_overview_button_polls_until_the_pdf_is_ready_then_offers_it(world, manager_client):
    overview = manager_client.get(reverse("dashboards:overview"), PERIOD).content.decode()
    assert "Make the board report (PDF)" in overview and 'name="period" value="2026-10-01"' in overview

    # the button's htmx post gets the status in place, polling
    response = manager_client.post(reverse("dashboards:board_report_request"), PERIOD, HTTP_HX_REQUEST="true")
    report = BoardReport.objects.get()
    status = reverse("dashboards:board_report_status", args=[report.pk])
    assert response.status_code == 200 and f'hx-get="{status}"' in response.content.decode()
    assert manager_client.get(reverse("dashboards:board_report_download", args=[report.pk])).status_code == 404

    # once made, the status offers the download, which is the PDF
    board_report_generate_task.apply(args=[report.pk])
    ready = manager_client.get(status).content.decode()
    download = reverse("dashboards:board_report_download", args=[report.pk])
    assert f'href="{download}"' in ready and "hx-trigger" not in ready
    pdf = manager_client.get(download)
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="silta-board-report-city-month-2026-10-01-en.pdf"' in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_bad_request_is_a_form_error_not_a_500(world, manager_client):
    response = manager_client.post(
        reverse("dashboards:board_report_request"),
        {**PERIOD, "sector": world["sector"].pk, "programme": world["programme"].pk},
    )

    assert response.status_code == 400
    assert "Choose a sector or a programme, not both." in response.content.decode()
    assert not BoardReport.objects.exists()


def test_who_may_have_which_report(world, make_user, client_for):
    # Given a city report, a programme lead of the world's programme, a manager of another sector, an official
    city = services.board_report_request(
        by=make_user(Role.MANAGER), scope=Scope.CITY, scope_id=0, period_kind="month", period=LAST_MONTH, language="en"
    )
    lead = client_for(Role.PROGRAMME_LEAD)
    from tests.sectors.factories import PersonFactory

    led = ProgrammeFactory(name="Led by the lead", lead=PersonFactory(user=lead.user))
    sector_manager = make_user()
    from apps.accounts.services import role_grant

    other_sector = SectorFactory(name="Youth")
    role_grant(by=None, user=sector_manager, role=Role.MANAGER, scope=other_sector)
    official = client_for(Role.OFFICIAL)
    request = reverse("dashboards:board_report_request")

    # Then an official may have none
    assert official.post(request, PERIOD).status_code == 403
    assert official.get(reverse("dashboards:board_report", args=[city.pk])).status_code == 403
    # a programme lead their own programme's, and no other report
    assert lead.post(request, {**PERIOD, "programme": led.pk}).status_code == 302
    assert lead.post(request, {**PERIOD, "programme": world["programme"].pk}).status_code == 403
    assert lead.post(request, PERIOD).status_code == 403
    assert lead.get(reverse("dashboards:board_report", args=[city.pk])).status_code == 404
    mine = BoardReport.objects.get(scope=Scope.PROGRAMME)
    assert lead.get(reverse("dashboards:board_report", args=[mine.pk])).status_code == 200
    # a sector's manager the city's and their sector's, not another sector's
    sector_client = UserClient(sector_manager)
    assert sector_client.post(request, {**PERIOD, "sector": other_sector.pk}).status_code == 302
    assert sector_client.post(request, {**PERIOD, "sector": world["sector"].pk}).status_code == 400  # not a choice
    with pytest.raises(Exception, match="Board reports are for managers"):
        services.board_report_request(
            by=sector_manager,
            scope=Scope.SECTOR,
            scope_id=world["sector"].pk,
            period_kind="month",
            period=LAST_MONTH,
            language="en",
        )
    assert sector_client.get(reverse("dashboards:board_report", args=[city.pk])).status_code == 200


def test_the_request_views_queries_do_not_grow_with_the_data(world, manager_client, django_assert_num_queries):
    for index in range(20):
        make_initiative(f"More {index}", [UnitFactory()], start=LAST_MONTH)
    request = reverse("dashboards:board_report_request")

    # session, user, roles, the computation state, the period list, the programme, the policy, the report's
    # key, the reaper, the lookup, the savepoint and insert
    with django_assert_num_queries(13):
        response = manager_client.post(request, {**PERIOD, "programme": world["programme"].pk})
    assert response.status_code == 302


NOVEMBER_FIRST = datetime.datetime(2026, 11, 1, 6, 30, tzinfo=datetime.UTC)


def test_the_monthly_report_reaches_subscribed_managers_only_with_the_pdf_in_their_language(
    world, make_user, django_capture_on_commit_callbacks
):
    # Given managers subscribed in Finnish and English, one who is not, and an official who tried to subscribe
    finn, english = make_user(Role.MANAGER, language="fi"), make_user(Role.MANAGER, language="en")
    make_user(Role.MANAGER, language="en")
    official = make_user(Role.OFFICIAL, language="en")
    for user in (finn, english, official):
        NotificationSetting.objects.create(user=user, kind="dashboards.monthly_board_report", channel=Channel.EMAIL)

    # When the job runs on the first of November, twice
    with django_capture_on_commit_callbacks(execute=True):
        sent = [monthly_board_reports_send(now=NOVEMBER_FIRST), monthly_board_reports_send(now=NOVEMBER_FIRST)]

    # Then the two subscribers got October's city report once, each in their language, with the PDF attached
    assert sent == [2, 0]
    assert sorted(message.to[0] for message in mail.outbox) == sorted([finn.email, english.email])
    reports = BoardReport.objects.filter(scope=Scope.CITY, period_start=LAST_MONTH)
    assert sorted(reports.values_list("language", flat=True)) == ["en", "fi"]
    for message in mail.outbox:
        language = "fi" if message.to == [finn.email] else "en"
        ((filename, content, mimetype),) = message.attachments
        assert mimetype == "application/pdf"
        assert filename == f"silta-board-report-city-month-2026-10-01-{language}.pdf"
        first_page = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
        if language == "fi":
            assert message.subject == "Silta: johdon raportti, lokakuu 2026"
            assert first_page.startswith("Johdon raportti: Koko kaupunki, lokakuu 2026")
        else:
            assert message.subject == "Silta board report for October 2026"
            assert first_page.startswith("Board report: Whole city, October 2026")


def test_the_pdf_reads_the_apps_own_static_files_and_nothing_else():
    content, mime_type = static_asset("file:///static/css/board-report.css")
    assert mime_type == "text/css" and b"@page" in content

    for url in (
        "https://cdn.example.org/static/css/board-report.css",
        "file://attacker/static/css/board-report.css",
        "file:///etc/passwd",
        "file:///static/../config/settings/base.py",
        "file:///static/css/missing.css",
        "data:text/css,body{}",
    ):
        with pytest.raises(AssetRefused):
            static_asset(url)


def test_the_network_picture_is_the_same_every_time_with_each_group_a_cluster_of_its_own(world):
    network = selectors.unit_network(period_kind="month", period=LAST_MONTH)

    first = charts.printed_network(network.units, network.ties)
    assert first == charts.printed_network(list(reversed(network.units)), network.ties)
    assert len(first.units) == len(network.units) and len(first.ties) == len(network.ties)
    assert all(0 <= unit.x <= first.size and 0 <= unit.y <= first.size for unit in first.units)
    culture = {unit.rank for unit in first.units if unit.is_culture}
    assert culture == {unit.rank for unit in network.units if unit.is_culture}


def test_a_report_lost_with_its_worker_is_given_up_at_its_deadline_and_made_anew(world, make_user, settings):
    # Given a report that has been "being made" for longer than the deadline (its worker died)
    settings.SILTA_BOARD_REPORT_DEADLINE = 600
    manager = make_user(Role.MANAGER)
    ask = {"scope": Scope.CITY, "scope_id": 0, "period_kind": "month", "period": LAST_MONTH, "language": "en"}
    lost = services.board_report_request(by=manager, **ask)
    BoardReport.objects.filter(pk=lost.pk).update(
        status=BoardReport.Status.RUNNING, created_at=lost.created_at - datetime.timedelta(seconds=601)
    )

    # When it is asked for again
    again = services.board_report_request(by=manager, **ask)

    # Then the lost one failed with its reason and a new one is queued
    lost.refresh_from_db()
    assert lost.status == BoardReport.Status.FAILED and lost.error == "The report took too long and was given up."
    assert again != lost and again.status == BoardReport.Status.QUEUED
    # and a late delivery of the lost one's task makes nothing
    assert services.board_report_generate(report_id=lost.pk) is None
