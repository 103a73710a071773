"""The pulse surveys' part of a person's data (``apps.sectors.person_data``): the rounds they were asked to answer
and whether they did. Their ratings are not exported (not even to them through an administrator: the survey
promises that nobody sees one person's answers); erased, their answers of open rounds are cut loose from them at
once, as closing does, and the free texts that name them carry the pseudonym."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from apps.pulse.models import PulseInvitation, PulseRating, PulseResponse
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Section, merge_counts


def pulse_export(person: Person) -> Iterator[Section]:
    invitations = PulseInvitation.objects.filter(person=person).select_related("round").order_by("round__closes_on")
    yield Section(
        "pulse_invitations",
        _("Pulse surveys asked to answer"),
        [("round", _("round")), ("closes_on", _("closing date")), ("answered", _("answered"))],
        [[item.round.title, item.round.closes_on, item.answered] for item in invitations],
    )


def pulse_erase(erasure: Erasure) -> dict[str, int]:
    cut = PulseResponse.objects.filter(person=erasure.person).update(person=None, saved_at=None)
    return merge_counts(
        {"pulse.PulseResponse": cut} if cut else {},
        erasure.scrub_texts(PulseRating, "achieved"),
    )


PULSE_PART = PersonDataPart("pulse", order=55, export=pulse_export, erase=pulse_erase)
