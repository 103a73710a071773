"""Who looked: every way to a person's e-mail and phone writes the access log; pages that show neither write nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.sectors import services
from apps.sectors.models import PersonalDataAccess
from apps.sectors.tasks import personal_data_access_purge_task
from tests.api_access import call
from tests.clients import UserClient
from tests.downloads import csv_dicts
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("sectors:person_directory")
Kind, Channel = PersonalDataAccess.Kind, PersonalDataAccess.Channel


@pytest.fixture
def aino():
    return PersonFactory(first_name="Aino", email="aino.virtanen@example.org", phone="+358 40 123 4567")


def _contact_url(person) -> str:
    return reverse("sectors:person_contact", args=[person.pk])


def _log() -> list[tuple]:
    return list(PersonalDataAccess.objects.values_list("person_id", "viewer_id", "kind", "channel", "persons"))


def test_show_contact_details_with_htmx_answers_the_details_and_logs_it(official_client, aino):
    # When an official presses "Show contact details" in the directory (htmx fetches the details)
    response = official_client.get(_contact_url(aino), HTTP_HX_REQUEST="true")

    # Then the row gets the e-mail and phone, without a whole page, and the opening is logged
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    assert 'href="mailto:aino.virtanen@example.org"' in content and 'href="tel:+358 40 123 4567"' in content
    assert _log() == [(aino.pk, official_client.user.pk, Kind.CONTACT_DETAILS, Channel.PAGE, 1)]
    assert "no-store" in response["Cache-Control"]


def test_without_javascript_the_link_opens_a_page_with_the_details_and_logs_it(official_client, aino):
    response = official_client.get(_contact_url(aino))

    content = response.content.decode()
    assert response.status_code == 200 and "<html" in content
    assert "<h1>Aino " in content and "aino.virtanen@example.org" in content
    assert _log() == [(aino.pk, official_client.user.pk, Kind.CONTACT_DETAILS, Channel.PAGE, 1)]


def test_a_user_without_a_role_is_refused_the_contact_details_and_nothing_is_logged(client_for, aino):
    response = client_for().get(_contact_url(aino))

    assert response.status_code == 403
    assert "aino.virtanen@example.org" not in response.content.decode()
    assert _log() == []


def test_an_unknown_person_is_a_404_and_nothing_is_logged(official_client):
    assert official_client.get(reverse("sectors:person_contact", args=[999999])).status_code == 404
    assert _log() == []


def test_the_directory_pages_show_no_contact_details_and_write_no_log(official_client, aino):
    # When an official lists, filters and pages through the directory (whole page and htmx results)
    pages = [
        official_client.get(DIRECTORY),
        official_client.get(DIRECTORY, {"q": "Aino"}, HTTP_HX_REQUEST="true"),
    ]

    # Then neither shows the e-mail or phone, and the log stays empty
    for response in pages:
        assert "Aino" in response.content.decode()
        assert "aino.virtanen@example.org" not in response.content.decode()
    assert _log() == []


def test_the_api_list_leaves_out_email_and_phone_and_logs_nothing(official, aino):
    answer = call(official, "get", "/api/v1/persons/")

    person = answer.json()["results"][0]
    assert person["first_name"] == "Aino" and "email" not in person and "phone" not in person
    assert _log() == []


def test_the_api_detail_gives_email_and_phone_and_logs_it(official, aino):
    person = call(official, "get", f"/api/v1/persons/{aino.pk}/").json()

    assert (person["email"], person["phone"]) == ("aino.virtanen@example.org", "+358 40 123 4567")
    assert _log() == [(aino.pk, official.pk, Kind.CONTACT_DETAILS, Channel.API, 1)]


def test_the_api_detail_for_a_user_without_a_role_has_no_contact_details_and_no_log(make_user, aino):
    person = call(make_user(), "get", f"/api/v1/persons/{aino.pk}/").json()

    assert "email" not in person
    assert _log() == []


@pytest.mark.parametrize("url", [reverse("sectors:export"), reverse("sectors:export_xlsx")])
def test_a_download_with_contact_details_logs_each_person_in_it_as_one_act(official_client, url):
    # Given three people, two of them in the culture sector
    culture = UnitFactory(sector=SectorFactory(name="Culture"))
    wanted = PersonFactory.create_batch(2, unit=culture, email="x@example.org")
    PersonFactory()

    # When an official downloads the culture sector's people
    response = official_client.get(url, {"sector": culture.sector_id})

    # Then each of the two has a row of one act that says how many the download held
    assert response.status_code == 200
    rows = PersonalDataAccess.objects.all()
    assert {row.person_id for row in rows} == {person.pk for person in wanted}
    assert {(row.viewer_id, row.kind, row.channel, row.persons) for row in rows} == {
        (official_client.user.pk, Kind.DIRECTORY_DOWNLOAD, Channel.PAGE, 2)
    }
    assert len({row.event for row in rows}) == 1


def test_a_download_without_contact_details_logs_nothing(client_for, aino):
    rows = csv_dicts(client_for().get(reverse("sectors:export")))

    assert rows and "Email" not in rows[0]
    assert _log() == []


def test_a_refused_download_logs_nothing(official_client, aino):
    assert official_client.get(reverse("sectors:export"), {"sector": "nope"}).status_code == 400
    assert _log() == []


def test_the_api_download_logs_each_person_through_the_api(official, aino):
    response = call(official, "get", "/api/v1/persons/?format=csv")

    assert response.status_code == 200
    assert [row["Email"] for row in csv_dicts(response)] == ["aino.virtanen@example.org"]
    assert _log() == [(aino.pk, official.pk, Kind.DIRECTORY_DOWNLOAD, Channel.API, 1)]


def test_logging_a_download_costs_the_same_queries_for_ten_people_as_for_one(official_client):
    def download_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            official_client.get(reverse("sectors:export"))
        return len(captured)

    PersonFactory()
    with_one = download_queries()
    PersonFactory.create_batch(9)

    assert download_queries() == with_one
    assert PersonalDataAccess.objects.filter(persons=10).count() == 10


def test_an_administrator_opening_a_person_in_the_admin_is_logged(make_user, aino):
    admin_user = make_user(is_superuser=True, is_staff=True)

    response = UserClient(admin_user).get(reverse("admin:sectors_person_change", args=[aino.pk]))

    assert response.status_code == 200
    assert _log() == [(aino.pk, admin_user.pk, Kind.CONTACT_DETAILS, Channel.ADMIN, 1)]


def test_the_access_log_page_lists_who_saw_the_person(make_user, aino):
    # Given an official who opened Aino's details and a download that held her
    looker = make_user(Role.OFFICIAL, first_name="Lauri", last_name="Looker")
    UserClient(looker).get(_contact_url(aino))
    UserClient(looker).get(reverse("sectors:export"))

    # When an administrator opens her access log
    response = UserClient(make_user(Role.ADMIN)).get(reverse("sectors:person_access_log", args=[aino.pk]))

    # Then both are listed, newest first, with who and how
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("Lauri Looker") == 2
    assert content.index("Directory downloaded") < content.index("Contact details opened")


def test_a_person_sees_their_own_access_log_and_another_official_does_not(make_user, aino):
    me = make_user(Role.OFFICIAL)
    aino.user = me
    aino.save()
    url = reverse("sectors:person_access_log", args=[aino.pk])

    assert UserClient(me).get(url).status_code == 200
    assert UserClient(make_user(Role.OFFICIAL)).get(url).status_code == 403


def test_the_purge_deletes_only_rows_older_than_the_retention(settings, official, aino):
    # Given a row from beyond the retention and one from within it
    settings.SILTA_ACCESS_LOG_RETENTION_DAYS = 30
    old = services.personal_data_access_log(by=official, person=aino, kind=Kind.CONTACT_DETAILS, channel=Channel.PAGE)
    PersonalDataAccess.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    recent = services.personal_data_access_log(by=official, person=aino, kind=Kind.CONTACT_DETAILS, channel=Channel.API)

    # When the nightly task runs (twice: the second finds nothing)
    first, second = personal_data_access_purge_task.apply().get(), personal_data_access_purge_task.apply().get()

    # Then only the old row is gone
    assert (first, second) == (1, 0)
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_log_outlives_a_removed_account(official, aino):
    services.personal_data_access_log(by=official, person=aino, kind=Kind.CONTACT_DETAILS, channel=Channel.PAGE)

    official.delete()

    assert _log() == [(aino.pk, None, Kind.CONTACT_DETAILS, Channel.PAGE, 1)]
