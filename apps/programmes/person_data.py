"""The programmes' part of a person's data (``apps.sectors.person_data``): the programmes they lead and the
meetings they attended; erased, the texts that name them (mandates, meeting notes, decisions) carry the pseudonym,
while the lead and the attendance stay for the figures."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from apps.programmes.models import Decision, DecisionAttachment, Meeting, Programme
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Section, merge_counts


def programmes_export(person: Person) -> Iterator[Section]:
    yield Section(
        "programmes",
        _("Programmes led"),
        [("id", _("id")), ("name", _("name")), ("archived", _("archived"))],
        [
            [programme.pk, programme.name, programme.archived_at]
            for programme in Programme.objects.filter(lead=person).order_by("name", "pk")
        ],
    )
    meetings = person.meetings.select_related("programme").order_by("held_on", "pk")
    yield Section(
        "meetings",
        _("Meetings attended"),
        [("id", _("id")), ("programme", _("programme")), ("title", _("title")), ("date", _("date"))],
        [[meeting.pk, meeting.programme.name, meeting.title, meeting.held_on] for meeting in meetings],
    )


def programmes_erase(erasure: Erasure) -> dict[str, int]:
    return merge_counts(
        erasure.scrub_texts(Programme, "name", "mandate"),
        erasure.scrub_texts(Meeting, "title", "notes"),
        erasure.scrub_texts(Decision, "text"),
        erasure.scrub_texts(DecisionAttachment, "name"),
    )


PROGRAMMES_PART = PersonDataPart("programmes", order=40, export=programmes_export, erase=programmes_erase)
