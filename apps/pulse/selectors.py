"""Reads of pulse surveys: who worked with whom in a round, the questionnaire's state, and results by group.

Results are only ever grouped: a (round, sector pair) group counts when at least ``SILTA_PULSE_MIN_GROUP``
different respondents rated in it, and every total is a sum of such groups, so no published figure, nor the
difference of two, is made of fewer answers (the indicators in ``apps/indicators/computations/trust.py`` follow
the same rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from apps.initiatives.models import Participation
from apps.pulse.models import (
    ITEMS,
    TRUST_ITEMS,
    VALUE_ITEMS,
    PulseInvitation,
    PulseRating,
    PulseResponse,
    PulseRound,
    PulseWish,
)
from apps.sectors.models import Person, Sector, Unit


def min_group() -> int:
    return settings.SILTA_PULSE_MIN_GROUP


def worked_with(pulse_round: PulseRound, person: Person) -> QuerySet[Unit]:
    """The other units taking part in the round's initiatives that ``person`` is a contact person of."""
    initiatives = pulse_round.initiatives.filter(contact_persons=person)
    return (
        Unit.objects.filter(participations__initiative__in=initiatives)
        .exclude(pk=person.unit_id)
        .select_related("sector")
        .distinct()
        .order_by("sector__name", "name")
    )


def wishable_units(person: Person) -> QuerySet[Unit]:
    return Unit.objects.exclude(pk=person.unit_id).select_related("sector").order_by("sector__name", "name")


def wishable_persons(person: Person) -> QuerySet[Person]:
    """Boundary spanners anyone may find in the directory (city staff, or external people who agreed)."""
    listed = ~Q(unit__sector__kind=Sector.Kind.EXTERNAL) | Q(listing_consent=True)
    return (
        Person.objects.filter(listed, is_boundary_spanner=True, pseudonym__isnull=True)
        .exclude(pk=person.pk)
        .select_related("unit")
        .order_by("last_name", "first_name", "pk")
    )


def response_of(invitation: PulseInvitation) -> PulseResponse | None:
    """The invitee's own answers while the round is open (read through their link only)."""
    return (
        PulseResponse.objects.filter(round_id=invitation.round_id, person_id=invitation.person_id)
        .prefetch_related("ratings", "wishes")
        .first()
    )


@dataclass(frozen=True)
class ResponseRate:
    invited: int
    answered: int

    @property
    def share(self) -> float | None:
        return self.answered / self.invited if self.invited else None


def response_rate(pulse_round: PulseRound) -> ResponseRate:
    counts = pulse_round.invitations.aggregate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    return ResponseRate(invited=counts["invited"], answered=counts["answered"])


def scaled(mean: float | None) -> float | None:
    """A mean on the 1–4 scale as an index from 0 to 1."""
    return None if mean is None else (mean - 1) / 3


@dataclass(frozen=True)
class GroupResult:
    """One group's result; ``trust`` and ``value`` are None when the group is too small to show."""

    label: str
    respondents: int
    trust: float | None
    value: float | None

    @property
    def too_few(self) -> bool:
        return self.respondents < min_group()


def _index(rows: list[dict], items: tuple[str, ...]) -> float | None:
    scores = [row[item] for row in rows for item in items if row[item] is not None]
    return scaled(sum(scores) / len(scores)) if scores else None


def round_results(pulse_round: PulseRound) -> tuple[list[GroupResult], GroupResult | None]:
    """Per sector pair, and for the round, once it is closed: the trust and value index of the groups with at
    least the minimum of respondents; a smaller group shows only that it is too small. The round's total counts
    only the groups shown."""
    if pulse_round.state != PulseRound.State.CLOSED:
        return [], None
    ratings = list(
        PulseRating.objects.filter(response__round=pulse_round).values(
            "response_id", "response__sector_id", "rated_sector_id", *ITEMS
        )
    )
    names = dict(Sector.objects.values_list("pk", "name"))
    groups: dict[tuple[int, int], list[dict]] = {}
    for row in ratings:
        pair = tuple(sorted((row["response__sector_id"], row["rated_sector_id"])))
        groups.setdefault(pair, []).append(row)
    results, kept = [], []
    for (a, b), rows in sorted(groups.items(), key=lambda item: (names[item[0][0]], names[item[0][1]])):
        respondents = len({row["response_id"] for row in rows})
        label = names[a] if a == b else f"{names[a]} – {names[b]}"
        if respondents < min_group():
            results.append(GroupResult(label, respondents, None, None))
            continue
        kept += rows
        results.append(GroupResult(label, respondents, _index(rows, TRUST_ITEMS), _index(rows, VALUE_ITEMS)))
    total = GroupResult(
        "", len({row["response_id"] for row in kept}), _index(kept, TRUST_ITEMS), _index(kept, VALUE_ITEMS)
    )
    return results, total if kept else None


@dataclass(frozen=True)
class WishedTie:
    from_unit: Unit
    to_unit: Unit
    wishes: int


def wished_ties(*, limit: int = 50) -> list[WishedTie]:
    """Pairs of units where one's people, in a closed round, wished to work with the other (or a person of it),
    and that share no initiative yet: the most wished first."""
    counts = (
        PulseWish.objects.filter(response__round__state=PulseRound.State.CLOSED)
        .annotate(target=Coalesce("unit_id", "person__unit_id"))
        .exclude(target=F("response__unit_id"))
        .annotate(
            tied=Exists(
                Participation.objects.filter(
                    unit_id=OuterRef("response__unit_id"),
                    initiative__participations__unit_id=OuterRef("target"),
                )
            )
        )
        .filter(tied=False)
        .values("response__unit_id", "target")
        .annotate(wishes=Count("pk"))
        .order_by("-wishes", "response__unit_id", "target")[:limit]
    )
    units = Unit.objects.select_related("sector").in_bulk(
        {row["response__unit_id"] for row in counts} | {row["target"] for row in counts}
    )
    return [WishedTie(units[row["response__unit_id"]], units[row["target"]], row["wishes"]) for row in counts]
