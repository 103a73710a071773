"""Demo pulse surveys: two closed city rounds, the first day of the previous quarter and of this one, so the
dashboards show trust and value and how they changed. Trust rises a little in the second round."""

from __future__ import annotations

import datetime
import random

from django.db.models import Count
from django.utils import timezone

from apps.accounts.models import User
from apps.initiatives.models import Initiative
from apps.pulse.models import ITEMS, TRUST_ITEMS, PulseInvitation, PulseRating, PulseResponse, PulseRound, PulseWish
from apps.pulse.selectors import worked_with
from apps.sectors.models import Unit

TITLES = ("Yhteistyön pulssi, kevät", "Yhteistyön pulssi, syksy")
INITIATIVES = 60
ANSWER_SHARE = (0.7, 0.8)


def _quarter_start(day: datetime.date) -> datetime.date:
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def seed(rng: random.Random) -> None:
    if PulseRound.objects.filter(title__in=TITLES).exists():
        return
    today = timezone.localdate()
    second = _quarter_start(today)
    first = _quarter_start(second - datetime.timedelta(days=1))
    initiatives = list(
        Initiative.objects.filter(status__in=("active", "completed"))
        .annotate(units=Count("participations__unit", distinct=True), contacts=Count("contact_persons", distinct=True))
        .filter(units__gte=2, contacts__gte=1)
        .order_by("pk")[:INITIATIVES]
    )
    if not initiatives:
        return
    owner = User.objects.filter(username="manager").first()
    units = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    for number, (title, closes_on) in enumerate(zip(TITLES, (first, second), strict=True)):
        pulse_round = PulseRound.objects.create(
            title=title,
            owner=owner,
            period_start=closes_on - datetime.timedelta(days=180),
            period_end=closes_on - datetime.timedelta(days=1),
            closes_on=closes_on,
            state=PulseRound.State.CLOSED,
            opened_at=timezone.make_aware(
                datetime.datetime.combine(closes_on - datetime.timedelta(days=21), datetime.time(9))
            ),
            closed_at=timezone.make_aware(datetime.datetime.combine(closes_on, datetime.time(23, 59))),
        )
        pulse_round.initiatives.set(initiatives)
        persons = {person for initiative in initiatives for person in initiative.contact_persons.select_related("unit")}
        for person in sorted(persons, key=lambda item: item.pk):
            partners = list(worked_with(pulse_round, person))
            if not partners:
                continue
            answered = rng.random() < ANSWER_SHARE[number]
            PulseInvitation.objects.create(
                round=pulse_round, person=person, answered=answered, sent_at=pulse_round.opened_at
            )
            if not answered:
                continue
            # Stored as after closing: the unit and sector only, no person, no time.
            response = PulseResponse.objects.create(
                round=pulse_round, unit=person.unit, sector_id=person.unit.sector_id
            )
            for unit in partners:
                scores = {
                    item: min(
                        4, rng.choice((2, 3, 3, 4)) + (number if item in TRUST_ITEMS and rng.random() < 0.3 else 0)
                    )
                    for item in ITEMS
                }
                PulseRating.objects.create(response=response, rated_unit=unit, rated_sector_id=unit.sector_id, **scores)
            if rng.random() < 0.4:
                wished = rng.choice(units)
                if wished != person.unit_id:
                    PulseWish.objects.create(response=response, unit_id=wished)
