"""The catalogue's texts: a plain description a council member understands and the exact formula, in every
language, in the database as in catalogue.py."""

import importlib
import re

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from apps.indicators.catalogue import CATALOGUE
from apps.indicators.models import Indicator

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv", "en")
# A description is read by a council member: no formula signs, no terms of network science or statistics.
FORMULA_CHARACTERS = ("Σ", "²", "=", "/", "÷", "×")
JARGON = re.compile(
    r"freeman|blau|krackhardt|centrali[sz]|keskittyneisyy|index|indeksi|median|numerator|denominator"
    r"|osoittaja|nimittäjä|täljare|nämnare|\bE–I\b|\bratio\b|boundary spanner|rajojen ylittäj|gränsgångare",
    re.IGNORECASE,
)


def original_columns(pk: int) -> tuple[str, str]:
    """The untranslated description and formula columns (the ORM reads the active language's instead)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT description, formula FROM indicators_indicator WHERE id = %s", [pk])
        return cursor.fetchone()


def test_every_indicator_has_a_description_and_a_formula_in_each_language():
    # given the Indicator rows the migrations wrote
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}

    # then each has every text of its catalogue entry, in every language
    assert set(indicators) == {spec.code for spec in CATALOGUE}
    for spec in CATALOGUE:
        indicator = indicators[spec.code]
        for language in LANGUAGES:
            description = getattr(indicator, f"description_{language}")
            formula = getattr(indicator, f"formula_{language}")
            assert description and description == spec.description[language], (spec.code, language)
            assert formula and formula == spec.formula[language], (spec.code, language)
            assert formula != description
        # the original columns hold the Finnish texts (apps/core/translated.py reads them first)
        assert original_columns(indicator.pk) == (spec.description["fi"], spec.formula["fi"])


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda spec: spec.code)
def test_descriptions_are_plain_language(spec):
    for language in LANGUAGES:
        description = spec.description[language]
        assert not [sign for sign in FORMULA_CHARACTERS if sign in description], (language, description)
        assert not JARGON.search(description), (language, description)
        assert "\n" not in description and description.endswith(".")  # one line, one sentence's end


def test_the_formulas_name_the_technical_terms_the_descriptions_leave_out():
    formulas = {spec.code: spec.formula for spec in CATALOGUE}

    assert all("Freeman" in formulas["degree_centralization"][language] for language in LANGUAGES)
    assert all("Blau" in formulas["sector_diversity"][language] for language in LANGUAGES)
    assert all("1 − Σ p²" in formulas["sector_diversity"][language] for language in LANGUAGES)
    assert all("(E − I) ÷ (E + I)" in formulas["ei_index"][language] for language in LANGUAGES)
    # the rule of active initiatives goes with every indicator that counts them, not with the premises ones
    assert "ideas and planned initiatives do not count" in formulas["cross_sector_share"]["en"]
    assert "initiative" not in formulas["space_utilisation"]["en"]


def test_the_migration_brings_an_existing_database_up_to_the_catalogue():
    # given a database with the old jargon and no formulas, as before the migration
    Indicator.objects.filter(code="sector_diversity").update(
        description="Mean Blau index (1 − Σ p²)", description_sv="Blau-index", formula="", formula_en=""
    )
    name = "0011_plain_descriptions_and_formulas"
    migration = importlib.import_module(f"apps.indicators.migrations.{name}")
    state = MigrationLoader(connection).project_state(("indicators", name))

    # when its data step runs again, on the models as the migration sees them
    migration.sync_plain_texts(state.apps, None)

    # then the texts are the catalogue's
    indicator = Indicator.objects.get(code="sector_diversity")
    spec = next(spec for spec in CATALOGUE if spec.code == "sector_diversity")
    assert indicator.description_fi == spec.description["fi"]
    assert indicator.description_sv == spec.description["sv"]
    assert indicator.formula_en == spec.formula["en"]
    assert original_columns(indicator.pk) == (spec.description["fi"], spec.formula["fi"])
    assert Indicator.objects.count() == len(CATALOGUE)
