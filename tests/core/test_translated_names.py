"""Reference data in Finnish, Swedish and English: every surface shows the active language, falls back to Finnish,
then to the first name present, and a search finds a row by any of its names."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from apps.sectors.models import Sector, Unit
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory, ThemeFactory
from tests.premises.factories import SpaceFactory, VenueFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("sectors:person_directory")


@pytest.fixture
def library(db):
    """A unit named in all three languages, in a sector named in Finnish and Swedish only."""
    sector = SectorFactory(slug="culture", name_fi="Kulttuuri", name_sv="Kultur", name_en=None)
    unit = UnitFactory(sector=sector, name_fi="Sellon kirjasto", name_sv="Sellobiblioteket", name_en="Sello Library")
    person = PersonFactory(first_name="Aino", last_name="Virtanen", unit=unit)
    return {"sector": sector, "unit": unit, "person": person}


def _original_column(model: type, pk: int, field: str = "name") -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("language", "unit_name", "sector_name"),
    [
        ("fi", "Sellon kirjasto", "Kulttuuri"),
        ("sv", "Sellobiblioteket", "Kultur"),
        # no English name of the sector: Finnish first
        ("en", "Sello Library", "Kulttuuri"),
    ],
)
def test_a_name_reads_in_the_active_language_and_falls_back_to_finnish(library, language, unit_name, sector_name):
    unit = Unit.objects.select_related("sector").get(pk=library["unit"].pk)
    with translation.override(language):
        assert (unit.name, unit.sector.name, str(unit.sector)) == (unit_name, sector_name, sector_name)


def test_without_finnish_the_first_name_present_is_shown(db):
    # given a sector named only in English (Swedish and Finnish missing)
    sector = SectorFactory(slug="region", name_fi=None, name_sv=None, name_en="Region")
    # then the Finnish and the Swedish interface show the English name, never an empty one
    for language in ("fi", "sv"):
        with translation.override(language):
            assert Sector.objects.get(pk=sector.pk).name == "Region"


def test_the_original_column_keeps_the_first_name_present_whatever_language_wrote_it(db):
    # given a sector written in the Swedish interface, then given a Finnish name in the English one
    with translation.override("sv"):
        sector = SectorFactory(slug="youth", name="Ungdom")
    assert _original_column(Sector, sector.pk) == "Ungdom"
    sector.name_fi = "Nuoriso"
    with translation.override("en"):
        sector.save()
    # then the original column (unique constraints, ordering, the indicators' SQL) holds the Finnish name
    assert _original_column(Sector, sector.pk) == "Nuoriso"
    assert (sector.name_sv, sector.name_en) == ("Ungdom", None)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("word", ["kirjasto", "biblioteket", "library", "kultur"])
def test_the_directory_finds_a_person_by_any_name_of_their_unit_or_sector(official_client, library, language, word):
    # in whichever interface language a word of a Finnish, Swedish or English name is typed
    response = official_client.get(DIRECTORY, {"q": word}, HTTP_ACCEPT_LANGUAGE=language)
    assert [person.pk for person in response.context["page"]] == [library["person"].pk]


def test_the_directory_page_shows_names_in_the_page_language(official_client, library):
    finnish = official_client.get(DIRECTORY, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    swedish = official_client.get(DIRECTORY, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Sellon kirjasto" in finnish
    assert "Sellobiblioteket" not in finnish
    assert "Sellobiblioteket" in swedish
    assert "Sellon kirjasto" not in swedish


@pytest.mark.parametrize(
    ("language", "unit_name", "sector_name", "theme_name"),
    [
        ("fi", "Sellon kirjasto", "Kulttuuri", "Lukeminen"),
        ("sv", "Sellobiblioteket", "Kultur", "Läsning"),
        ("en", "Sello Library", "Kulttuuri", "Lukeminen"),
    ],
)
def test_the_initiative_list_shows_names_in_the_page_language(
    official_client, library, language, unit_name, sector_name, theme_name
):
    # a theme in Finnish and Swedish; the list rows are read as plain values, not through the model instances
    theme = ThemeFactory(slug="reading", name_fi="Lukeminen", name_sv="Läsning", name_en=None)
    ParticipationFactory(initiative=InitiativeFactory(themes=[theme]), unit=library["unit"])

    content = official_client.get(reverse("initiatives:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'{unit_name} <span class="muted">({sector_name}, ' in content
    assert f" · {theme_name}</div>" in content


def test_spaces_are_found_by_a_name_in_any_language(official_client):
    venue = VenueFactory(name_fi="Kulttuurikeskus", name_sv="Kulturcentret", name_en="Cultural Centre")
    space = SpaceFactory(venue=venue, name_fi="Sali", name_sv="Salen", name_en="Hall")
    for word in ("kulturcentret", "sali", "hall"):
        response = official_client.get(reverse("premises:catalogue"), {"q": word})
        assert [found.pk for found in response.context["page"]] == [space.pk], word


@pytest.mark.parametrize(
    ("headers", "query", "expected"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "sv"}, {}, "Sellobiblioteket"),
        ({"HTTP_ACCEPT_LANGUAGE": "fi"}, {}, "Sellon kirjasto"),
        # ?lang= wins over the header
        ({"HTTP_ACCEPT_LANGUAGE": "fi"}, {"lang": "en"}, "Sello Library"),
        # an unknown code leaves the negotiated language
        ({"HTTP_ACCEPT_LANGUAGE": "sv"}, {"lang": "xx"}, "Sellobiblioteket"),
    ],
)
def test_the_api_answers_in_the_requested_language(official_client, library, headers, query, expected):
    response = official_client.get(f"/api/v1/units/{library['unit'].pk}/", query, **headers)
    assert response.status_code == 200
    assert response.json()["name"] == expected


def test_the_api_shows_every_language_in_a_translations_object(official_client, library):
    body = official_client.get(f"/api/v1/sectors/{library['sector'].pk}/").json()
    assert body["translations"]["name"] == {"fi": "Kulttuuri", "sv": "Kultur", "en": ""}
    assert set(body["translations"]) == {"name", "description"}
    unit = official_client.get(f"/api/v1/units/{library['unit'].pk}/", {"lang": "sv"}).json()
    assert unit["translations"] == {"name": {"fi": "Sellon kirjasto", "sv": "Sellobiblioteket", "en": "Sello Library"}}


def test_the_api_writes_a_name_in_the_request_language(client_for, library):
    # given an administrator renaming a programme's Swedish name through the API
    from tests.programmes.factories import ProgrammeFactory

    programme = ProgrammeFactory(name_fi="Nuorten kesä", name_sv=None, name_en=None)
    admin = client_for("admin")
    response = admin.patch(
        f"/api/v1/programmes/{programme.pk}/?lang=sv", {"name": "Ungdomens sommar"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    programme.refresh_from_db()
    # then the Swedish column changed and the Finnish name stayed
    assert (programme.name_fi, programme.name_sv) == ("Nuorten kesä", "Ungdomens sommar")


def test_the_space_feed_names_the_space_in_the_requested_language(client):
    venue = VenueFactory(name_fi="Kulttuurikeskus", name_sv="Kulturcentret")
    space = SpaceFactory(venue=venue, name_fi="Sali", name_sv="Salen", is_bookable=True)
    for language, expected in (("fi", "Sali"), ("sv", "Salen")):
        response = client.get(reverse("premises:space_feed", args=[space.pk]), {"lang": language})
        assert response.status_code == 200
        assert f"X-WR-CALNAME:{expected}".encode() in response.content.replace(b"\r\n ", b"")


def test_the_indicator_catalogue_is_on_the_same_mechanism():
    from apps.indicators.models import Indicator

    indicator = Indicator.objects.get(code="cross_sector_share")
    with translation.override("fi"):
        assert indicator.name == "Monialaiset hankkeet"
    with translation.override("sv"):
        assert indicator.name == "Sektorsövergripande initiativ"
    assert _original_column(Indicator, indicator.pk) == "Monialaiset hankkeet"


def test_unique_names_hold_in_each_language(db):
    from django.db import IntegrityError, transaction

    sector = SectorFactory(slug="culture")
    UnitFactory(sector=sector, name_fi="Kirjastot", name_sv="Biblioteken")
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(sector=sector, name_fi="Museot", name_sv="Biblioteken")


@pytest.mark.parametrize(("language", "payload", "expected"), [("sv", {}, "sv"), ("fi", {"language": "en"}, "en")])
def test_an_initiative_records_the_language_its_text_is_written_in(official_client, language, payload, expected):
    from apps.initiatives.models import Initiative

    body = {"title": "Läsning för alla", "collaboration_form": "project", "start_date": "2026-08-01", **payload}
    response = official_client.post(
        "/api/v1/initiatives/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 201, response.content
    initiative = Initiative.objects.get(pk=response.json()["id"])
    # the request's language unless the author says otherwise; the title itself is never translated
    assert (initiative.language, initiative.title) == (expected, "Läsning för alla")
    assert response.json()["language"] == expected


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_row_saved_in_another_interface_language_keeps_the_finnish_name_in_the_original_column(db, language):
    # given sectors named in all three languages, written (saved again, bulk-created) in the Swedish or English UI
    with translation.override(language):
        sector = SectorFactory(slug="culture-x", name_fi="Kulttuuri", name_sv="Kultur", name_en="Culture")
        sector.save()
        Sector.objects.bulk_create([Sector(slug="sports-x", name_fi="Liikunta", name_sv="Idrott", name_en="Sports")])
    # then the original column holds the Finnish name (not the page language's), and each language reads its own
    assert _original_column(Sector, sector.pk) == "Kulttuuri"
    assert _original_column(Sector, Sector.objects.get(slug="sports-x").pk) == "Liikunta"
    with translation.override(language):
        assert Sector.objects.get(pk=sector.pk).name == {"sv": "Kultur", "en": "Culture"}[language]
