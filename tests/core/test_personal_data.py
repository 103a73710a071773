"""The privacy notice names exactly the personal fields Silta keeps: the registry of apps.core.personal_data against
the models, and the notice page rendered from it in three languages, open to everyone."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import translation

from apps.core import personal_data

PRIVACY = reverse("privacy")
# Links to the people Silta keeps data about.
PERSON_MODELS = {settings.AUTH_USER_MODEL, "sectors.Person"}
# Field names that are a person's, whatever the model.
PERSONAL_NAMES = re.compile(r"(^|_)(first_name|last_name|username|phone|email|ip_address|user_agent)$")
# Columns django-simple-history adds to every historical model (the "history" register describes them).
HISTORY_COLUMNS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}


def _is_historical(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type") or model._meta.label.split(".")[1].startswith("Historical")


def _looks_personal(field: models.Field) -> bool:
    """An e-mail or IP address, a person's name or phone, or a link to a user or a person."""
    base = field.base_field if isinstance(field, ArrayField) else field
    if isinstance(base, models.EmailField | models.GenericIPAddressField) or PERSONAL_NAMES.search(field.name):
        return True
    related = getattr(field, "related_model", None)
    return related is not None and not isinstance(related, str) and related._meta.label in PERSON_MODELS


def _is_free_text(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def _own_fields(model: type[models.Model]) -> list[models.Field]:
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    # modeltranslation's per-language columns (name_fi, name_sv...) follow their original field
    return [field for field in fields if not getattr(field, "translated_field", None)]


def _models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if not model._meta.proxy and not _is_historical(model)]


def test_every_field_the_registry_names_exists_on_its_model():
    missing = []
    for declaration in personal_data.DECLARED:
        model = apps.get_model(declaration.model)
        for name in [*declaration.fields, *declaration.not_personal]:
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                missing.append(f"{declaration.model}.{name}")

    assert not missing, f"The privacy notice names fields that do not exist: {missing}"


def test_every_register_a_declaration_names_exists_and_each_model_is_declared_once():
    keys = {register.key for register in personal_data.REGISTERS}
    labels = [declaration.model for declaration in personal_data.DECLARED]

    assert {declaration.register for declaration in personal_data.DECLARED} <= keys
    assert len(labels) == len(set(labels))


def test_every_field_that_looks_personal_is_in_the_notice():
    # Given every model of every installed app (ours and the libraries')
    declared = personal_data.declared()
    missing = []
    for model in _models():
        declaration = declared.get(model._meta.label)
        listed = set(declaration.fields) if declaration else set()
        for field in _own_fields(model):
            if field.name in listed or (declaration and field.name in declaration.not_personal):
                continue
            # Then a personal-looking field anywhere, and free text on a model with personal data, is declared
            if _looks_personal(field) or (declaration and _is_free_text(field)):
                missing.append(f"{model._meta.label}.{field.name}")

    assert not missing, (
        "Personal fields missing from the privacy notice (add them to apps/core/personal_data.py, with why they are "
        f"kept, or to the model's not_personal if they hold nothing about people): {missing}"
    )


def test_the_history_of_a_model_keeps_only_fields_of_the_model_it_tracks():
    # The "history" register describes a tracked model's history as its own fields plus who and when: so a
    # historical model may hold nothing else that looks personal.
    strays = []
    for model in apps.get_models():
        tracked = getattr(model, "instance_type", None)
        if tracked is None:
            continue
        own = {field.name for field in _own_fields(tracked)}
        for field in _own_fields(model):
            if field.name not in HISTORY_COLUMNS | own and _looks_personal(field):
                strays.append(f"{model._meta.label}.{field.name}")

    assert not strays


def test_a_new_personal_field_without_a_notice_line_fails_the_check(monkeypatch):
    # Given the registry without the phone of a person
    person = next(declaration for declaration in personal_data.DECLARED if declaration.model == "sectors.Person")
    without_phone = personal_data.PersonalFields(
        person.model, person.register, {name: why for name, why in person.fields.items() if name != "phone"}
    )
    monkeypatch.setattr(
        personal_data, "DECLARED", tuple(without_phone if d is person else d for d in personal_data.DECLARED)
    )

    # Then the check names it
    with pytest.raises(AssertionError, match=r"sectors\.Person\.phone"):
        test_every_field_that_looks_personal_is_in_the_notice()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "email_label"),
    [
        ("en", "Privacy notice", "Email"),
        ("fi", "Tietosuojaseloste", "Sähköposti"),
        ("sv", "Dataskyddsbeskrivning", "E-post"),
    ],
)
def test_the_notice_is_open_to_everyone_in_three_languages_with_every_declared_field(
    client, language, heading, email_label
):
    client.cookies["django_language"] = language

    response = client.get(PRIVACY)

    content = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in content
    rows = [row for register in response.context["registers"] for row in register.rows]
    with translation.override(language):
        for declaration in personal_data.DECLARED:
            for why in declaration.fields.values():
                assert str(why) in {row.why for row in rows}
    assert email_label in content


@pytest.mark.django_db
def test_the_notice_names_the_controller_and_the_access_log_retention_from_settings(client, settings):
    settings.SILTA_PRIVACY_CONTROLLER = "Esimerkkilän kaupunki"
    settings.SILTA_PRIVACY_CONTACT = "tietosuoja@esimerkkila.fi"
    settings.SILTA_ACCESS_LOG_RETENTION_DAYS = 365

    content = client.get(PRIVACY).content.decode()

    assert "Esimerkkilän kaupunki" in content
    assert 'href="mailto:tietosuoja@esimerkkila.fi"' in content
    assert "365 days, then deleted every night." in content


@pytest.mark.django_db
def test_the_history_register_lists_every_model_whose_changes_are_kept(client):
    registers = {register.register.key: register for register in client.get(PRIVACY).context["registers"]}

    history = {row.model for row in registers["history"].rows}

    assert "Initiatives" in history and "Bookings" in history


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/accounts/login/", "/accessibility/"])
def test_the_notice_is_linked_from_the_footer_and_the_login_page(client, page):
    content = client.get(page).content.decode()

    assert content.count(f'href="{PRIVACY}"') >= (2 if "login" in page else 1)
