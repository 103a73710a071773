import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.indicators.models import Indicator, IndicatorRun
from tests.downloads import csv_dicts, xlsx_rows

pytestmark = pytest.mark.django_db

LIST = reverse("indicators:list")
RECOMPUTE = reverse("indicators:recompute")


def test_managers_see_the_catalogue_with_descriptions(manager_client):
    response = manager_client.get(LIST)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Cross-sector initiatives" in content
    assert "How many of the ongoing initiatives bring together at least two sectors." in content
    assert "Recompute now" in content


def test_the_catalogue_page_folds_each_formula_behind_a_disclosure(manager_client):
    content = manager_client.get(LIST).content.decode()

    # a native <details>: no script, and the summary says which indicator it opens
    assert content.count('<details class="formula">') == Indicator.objects.count()
    assert (
        '<summary class="formula__summary">How is this computed?<span class="visually-hidden">: Sector mix</span>'
        in content
    )
    assert "the Blau index 1 − Σ p²" in content


def test_the_catalogue_page_shows_the_texts_in_the_users_language(manager_client):
    content = manager_client.get(LIST, HTTP_ACCEPT_LANGUAGE="fi").content.decode()

    assert "Kuinka suuri osa käynnissä olevista hankkeista tuo yhteen vähintään kaksi toimialaa." in content
    assert "Miten tämä lasketaan?" in content
    assert "Blaun indeksi 1 − Σ p²" in content


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER])
def test_other_roles_get_a_friendly_403(client_for, role):
    client = client_for(role)

    response = client.get(LIST)
    posted = client.post(RECOMPUTE)

    assert response.status_code == 403
    assert "have access to this page" in response.content.decode()
    assert "Indicators are for managers and administrators." in response.content.decode()
    assert posted.status_code == 403
    assert not IndicatorRun.objects.exists()


def test_the_navigation_shows_indicators_only_to_managers(client, make_user):
    client.force_login(make_user(Role.OFFICIAL))
    assert LIST not in client.get(reverse("home")).content.decode()

    client.force_login(make_user(Role.MANAGER))
    assert LIST in client.get(reverse("home")).content.decode()


def test_recompute_now_queues_a_run_for_every_period_kind(manager_client, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(RECOMPUTE, {"next": LIST}, follow=True)

    run = IndicatorRun.objects.get()
    assert response.status_code == 200
    assert run.period_kinds == ["month", "quarter", "year"]
    assert run.status == IndicatorRun.Status.SUCCEEDED
    assert run.progress_percent == 100
    assert f'id="run-{run.pk}"' in response.content.decode()


def test_recompute_now_says_so_when_the_job_queue_is_down(manager_client, settings, unused_tcp_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{unused_tcp_port}/0"

    response = manager_client.post(RECOMPUTE, {"next": LIST}, follow=True)

    assert response.status_code == 200
    assert "The job queue is unavailable" in response.content.decode()
    assert not IndicatorRun.objects.exists()


def test_six_presses_of_recompute_now_make_one_run_and_the_page_says_so(manager_client):
    # given a real job queue and no worker, so the first run stays under way

    # when "Recompute now" is pressed six times
    responses = [manager_client.post(RECOMPUTE, {"next": LIST}, follow=True) for _ in range(6)]

    # then there is one run, and every press after the first says it joined that run
    run = IndicatorRun.objects.get()
    assert run.status == IndicatorRun.Status.QUEUED
    assert [response.redirect_chain[-1][0] for response in responses] == [f"{LIST}#run-{run.pk}"] * 6
    assert "Recomputing the indicators." in responses[0].content.decode()
    for response in responses[1:]:
        assert "A recomputation is already under way; your request joins it." in response.content.decode()


def test_recompute_now_after_a_finished_run_starts_a_new_one(
    manager_client, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    finished = IndicatorRun.objects.create(period_kinds=["month", "quarter", "year"], status="succeeded")

    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(RECOMPUTE, {"next": LIST})

    assert IndicatorRun.objects.exclude(pk=finished.pk).get().status == IndicatorRun.Status.SUCCEEDED


def test_an_unfinished_run_polls_for_its_progress(manager_client):
    run = IndicatorRun.objects.create(period_kinds=["month"], jobs_total=4, jobs_done=["a:month"])

    response = manager_client.get(reverse("indicators:run_status", args=[run.pk]))

    content = response.content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert "25 %" in content


def test_a_finished_run_stops_polling(manager_client):
    run = IndicatorRun.objects.create(
        period_kinds=["month"], jobs_total=1, jobs_done=["a:month"], status=IndicatorRun.Status.SUCCEEDED
    )

    response = manager_client.get(reverse("indicators:run_status", args=[run.pk]))

    assert "hx-trigger" not in response.content.decode()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
@pytest.mark.parametrize("queue", ["up", "down"])
def test_recompute_never_redirects_off_the_site(manager_client, settings, unused_tcp_port, target, queue):
    # given a forged "next" pointing elsewhere, with the job queue up (eager) or down
    settings.CELERY_TASK_ALWAYS_EAGER = queue == "up"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{unused_tcp_port}/0"

    # when the form is posted
    response = manager_client.post(RECOMPUTE, {"next": target})

    # then the answer goes back to the indicators page of this site
    assert response.status_code == 302
    assert response["Location"].split("#")[0] == LIST


def test_recompute_goes_back_to_the_dashboard_it_was_pressed_on(manager_client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    dashboard = reverse("dashboards:overview") + "?period=quarter"

    response = manager_client.post(RECOMPUTE, {"next": dashboard})

    assert response.status_code == 302
    assert response["Location"] == f"{dashboard}#run-{IndicatorRun.objects.get().pk}"


def test_the_catalogue_downloads_as_csv_and_excel_in_the_users_language(manager_client, client_for):
    # given the catalogue page, which links its downloads
    page = manager_client.get(LIST).content.decode()
    manager_client.cookies["django_language"] = "fi"

    csv_file = csv_dicts(manager_client.get(reverse("indicators:export")), delimiter=";")
    excel = xlsx_rows(manager_client.get(reverse("indicators:export_xlsx")))
    refused = client_for(Role.OFFICIAL).get(reverse("indicators:export"))

    # then every indicator is a row, its names and kinds in Finnish; other roles get none
    assert reverse("indicators:export_xlsx") in page
    cross = next(row for row in csv_file if row["Koodi"] == "cross_sector_share")
    assert cross["Nimi"] == "Monialaiset hankkeet"
    assert cross["Laskentatapa"].startswith("Käynnissä olevat hankkeet, joissa on yksiköitä vähintään kahdelta")
    assert len(excel) == len(csv_file) + 1 == Indicator.objects.count() + 1
    assert refused.status_code == 403
