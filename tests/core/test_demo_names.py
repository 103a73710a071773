"""The demo city speaks Finnish, Swedish and English: each reference name in all three, as a bilingual city has it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Model

from apps.accounts.models import User
from apps.core.translated import column
from apps.initiatives.models import Initiative, Theme
from apps.premises.models import OpeningException, Space, Venue
from apps.programmes.models import Programme
from apps.sectors.models import Person, Sector, Topic, Unit
from apps.strategy.models import StrategyGoal

pytestmark = pytest.mark.django_db

# (model, translated field) of every kind of reference row the demo writes
NAMED = [
    (Sector, "name"),
    (Unit, "name"),
    (Topic, "name"),
    (Theme, "name"),
    (StrategyGoal, "title"),
    (Programme, "name"),
    (Venue, "name"),
    (Space, "name"),
    (Space, "description"),
    (OpeningException, "reason"),
]
# Where a Swedish-speaking official writes the same word as an English-speaking one.
SAME_IN_SWEDISH_AND_ENGLISH = {"Integration"}


def _row_counts() -> dict[str, int]:
    """Rows per model, history left out: restoring a name is a change, which its history rightly keeps."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not hasattr(model, "instance_type")  # simple_history's historical models
    }


def _names(model: type[Model], field: str) -> list[tuple[str | None, ...]]:
    columns = [column(field, language) for language in ("fi", "sv", "en")]
    return list(model.objects.order_by("pk").values_list("pk", *columns))


def _all_names() -> dict[str, list[tuple[str | None, ...]]]:
    return {f"{model.__name__}.{field}": _names(model, field) for model, field in NAMED}


def _original_column(model: type[Model], field: str) -> dict[int, str]:
    """The original column as stored (``values_list("name")`` would read the active language's column)."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT id, "{field}" FROM {model._meta.db_table}')
        return dict(cursor.fetchall())


def _directory(client, text: str, language: str) -> str:
    client.force_login(User.objects.get(username="official"))
    return client.get("/directory/", {"q": text, "lang": language}).content.decode()


def test_every_demo_reference_row_is_named_in_finnish_swedish_and_english(client):
    # Given the demo city
    call_command("seed_demo", stdout=StringIO())

    # Then every reference row has a name in each language, translated where a city translates it
    for model, field in NAMED:
        rows = _names(model, field)
        assert rows, model
        for _pk, fi, sv, en in rows:
            assert fi and sv and en, (model, field, fi, sv, en)
            assert fi != en and fi != sv, (model, field, fi)
            assert sv != en or sv in SAME_IN_SWEDISH_AND_ENGLISH, (model, field, sv)
    top_goals = StrategyGoal.objects.filter(parent__isnull=True)
    assert all(goal.description_fi and goal.description_sv and goal.description_en for goal in top_goals)
    # and the original column (unique constraints, ordering, the indicators' SQL) holds the Finnish name
    assert _original_column(Unit, "name") == dict(Unit.objects.values_list("pk", "name_fi"))
    assert _original_column(Sector, "name") == dict(Sector.objects.values_list("pk", "name_fi"))
    library = Unit.objects.get(name_en="City Library")
    assert (library.name_fi, library.name_sv) == ("Kaupunginkirjasto", "Stadsbiblioteket")
    # and a few initiatives are written in Finnish or Swedish, each marked with its language
    assert Initiative.objects.get(title="Lukukaverit, Kontula").language == "fi"
    assert Initiative.objects.get(title="Läskompisar, Nordsjö").language == "sv"
    assert not Initiative.objects.filter(title__in=["Reading buddies, Kontula", "Reading buddies, Vuosaari"]).exists()
    assert Initiative.objects.filter(language="en").count() == Initiative.objects.count() - 8


def test_the_directory_finds_the_demo_people_by_their_units_finnish_and_swedish_names(client):
    call_command("seed_demo", stdout=StringIO())
    in_libraries = Person.objects.filter(unit__name_en="City Library").count()
    assert in_libraries

    # When an official searches the Finnish directory for "kirjasto", then "museo", and the Swedish for "bibliotek"
    kirjasto = _directory(client, "kirjasto", "fi")
    museo = _directory(client, "museo", "fi")
    bibliotek = _directory(client, "bibliotek", "sv")

    # Then each finds the people of those units, named in the language of the page
    assert "Kulttuuripalvelut › Kirjastot › Kaupunginkirjasto" in kirjasto
    assert "City Library" not in kirjasto and "Culture Services" not in kirjasto
    assert "Kaupunginmuseo" in museo and "Taidemuseo" in museo
    assert "City Museum" not in museo
    assert "Kulturtjänster › Biblioteken › Stadsbiblioteket" in bibliotek
    assert "Kaupunginkirjasto" not in bibliotek


def test_a_rerun_of_the_demo_changes_no_name_and_names_an_english_only_demo():
    call_command("seed_demo", stdout=StringIO())
    names, counts = _all_names(), _row_counts()

    # When the demo is seeded again, nothing changes
    call_command("seed_demo", stdout=StringIO())
    assert _all_names() == names
    assert _row_counts() == counts

    # Given a demo seeded before it spoke Finnish and Swedish: English names in every column, English initiatives
    with connection.cursor() as cursor:
        for model, field in NAMED:
            cursor.execute(
                f'UPDATE {model._meta.db_table} SET "{field}" = "{field}_en", "{field}_fi" = "{field}_en", '
                f'"{field}_sv" = NULL'
            )
    languages = dict(Initiative.objects.values_list("pk", "language"))
    Initiative.objects.update(language="fi")  # the language of the command that seeded them
    Initiative.objects.filter(title="Lukukaverit, Kontula").update(
        title="Reading buddies, Kontula", description="Reading buddies run together by…", language="en"
    )

    # When the demo is seeded over it, the rows get their Finnish and Swedish names back and nothing else changes
    call_command("seed_demo", stdout=StringIO())
    assert _all_names() == names
    assert _row_counts() == counts
    assert _original_column(Unit, "name") == dict(Unit.objects.values_list("pk", "name_fi"))
    assert Initiative.objects.get(title="Lukukaverit, Kontula").language == "fi"
    assert dict(Initiative.objects.values_list("pk", "language")) == languages
