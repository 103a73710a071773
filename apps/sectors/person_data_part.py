"""The directory's part of a person's data (``apps.sectors.person_data``): the person row, who saw their data, the
history made by them or about them in every tracked table, and the e-mails and admin log lines that name them."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.history import record_by
from apps.core.models import OutgoingEmail
from apps.sectors.models import Person, PersonalDataAccess
from apps.sectors.person_data import Erasure, PersonDataPart, Section, historical_models, merge_counts

HISTORY_COLUMNS = ("history_id", "history_date", "history_type", "history_user_id", "history_change_reason")
ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# What an erased person keeps: their unit, languages, topics and being a boundary spanner (indicators and
# network figures count them); what names or reaches them goes.
ERASED_FIELDS = ("first_name", "last_name", "email", "phone", "title", "external_id", "pseudonym")


def _person_section(person: Person) -> Section:
    columns = [
        ("id", _("id")),
        ("first_name", _("first name")),
        ("last_name", _("last name")),
        ("title", _("title")),
        ("unit", _("unit")),
        ("sector", _("sector")),
        ("email", _("email")),
        ("phone", _("phone")),
        ("languages", _("languages")),
        ("topics", _("topics")),
        ("is_boundary_spanner", _("boundary spanner")),
        ("listing_consent", _("agreed to be listed")),
        ("listing_consent_since", _("agreed on")),
        ("external_id", _("external id")),
        ("user", _("user account")),
    ]
    row = [
        person.pk,
        person.first_name,
        person.last_name,
        person.title,
        person.unit.name,
        person.unit.sector.name,
        person.email,
        person.phone,
        list(person.languages),
        [topic.name for topic in person.topics.all()],
        person.is_boundary_spanner,
        person.listing_consent,
        person.listing_consent_since,
        person.external_id,
        person.user_id,
    ]
    return Section("person", _("Person"), columns, [row])


def _access_section(person: Person) -> Section:
    columns = [
        ("at", _("when")),
        ("viewer", _("seen by")),
        ("kind", _("what")),
        ("channel", _("how")),
        ("persons", _("persons in the act")),
    ]
    accesses = PersonalDataAccess.objects.filter(person=person).select_related("viewer").order_by("at", "pk")
    rows = [
        [
            access.at,
            access.viewer.username if access.viewer else None,
            access.get_kind_display(),
            access.get_channel_display(),
            access.persons,
        ]
        for access in accesses
    ]
    return Section("access_log", _("Who saw the data"), columns, rows)


def _history_condition(model: type, person: Person) -> Q:
    """The rows of a historical model about ``person`` (their own record, a link to them or to their account) or
    made by their account."""
    user_model = get_user_model()
    condition = Q(id=person.pk) if model.instance_type is Person else Q()
    for model_field in model._meta.concrete_fields:
        if not model_field.is_relation:
            continue
        if model_field.related_model is Person:
            condition |= Q(**{model_field.attname: person.pk})
        elif model_field.related_model is user_model and person.user_id is not None:
            condition |= Q(**{model_field.attname: person.user_id})
    return condition


def _history_section(person: Person) -> Section:
    """Every history row made by the person's account or about them, in every table django-simple-history keeps
    (one query a table), with the row's values as they were."""
    columns = [
        ("what", _("what")),
        ("object", _("object id")),
        ("action", _("action")),
        ("when", _("when")),
        ("by", _("changed by")),
        ("by_them", _("changed by them")),
        ("values", _("values")),
    ]
    found = []
    for model in historical_models():
        condition = _history_condition(model, person)
        if not condition:
            continue
        subject = str(model.instance_type._meta.verbose_name)
        for record in model._default_manager.filter(condition).order_by("history_date", "history_id").values():
            found.append((subject, record))
    user_ids = {record["history_user_id"] for _subject, record in found if record["history_user_id"] is not None}
    names = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    found.sort(key=lambda item: (item[1]["history_date"], item[0], item[1]["history_id"]))
    rows = [
        [
            subject,
            record.get("id"),
            ACTIONS.get(record["history_type"], record["history_type"]),
            record["history_date"],
            names.get(record["history_user_id"]),
            person.user_id is not None and record["history_user_id"] == person.user_id,
            {key: value for key, value in record.items() if key not in HISTORY_COLUMNS},
        ]
        for subject, record in found
    ]
    return Section("history", _("History"), columns, rows)


def directory_export(person: Person) -> Iterator[Section]:
    yield _person_section(person)
    yield _history_section(person)
    yield _access_section(person)


def directory_erase(erasure: Erasure) -> dict[str, int]:
    """The person row and all its history under the pseudonym; e-mails to them deleted, texts that name them
    rewritten. Their links (unit, topics, initiatives, meetings) stay: the figures count them."""
    person = erasure.person
    first_name, last_name = erasure.pseudonym_parts
    erased = {
        "first_name": first_name,
        "last_name": last_name,
        "email": "",
        "phone": "",
        "title": "",
        "external_id": "",
        "pseudonym": erasure.number,
    }
    for name, value in erased.items():
        setattr(person, name, value)
    record_by(person, erasure.by).save()  # its history row says who erased them, and when (``record_by`` below)
    history = Person.history.filter(id=person.pk).update(**erased)
    addresses = {address for address in (erasure.addresses or ()) if address}
    mails = OutgoingEmail.objects.filter(to__overlap=list(addresses)).delete()[0] if addresses else 0
    counts = {"sectors.Person": 1, "sectors.HistoricalPerson": history}
    if mails:
        counts["core.OutgoingEmail"] = mails
    return merge_counts(
        counts,
        erasure.scrub_texts(OutgoingEmail, "subject", "body", "html_body"),
        erasure.scrub_texts(LogEntry, "object_repr", "change_message"),
    )


DIRECTORY_PART = PersonDataPart("sectors", order=0, export=directory_export, erase=directory_erase)
