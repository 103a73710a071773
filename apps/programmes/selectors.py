"""Reads of programmes: the list, and one programme's initiatives, meetings, decisions and money."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries
from apps.programmes.models import Decision, Meeting, Programme
from apps.sectors.models import Person

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.initiatives.models import Initiative

# ``Funding.Instrument.PROGRAMME_BUDGET`` of the initiatives app, which builds on this one: programmes read their
# initiatives' money through the reverse relations and never import that app.
PROGRAMME_BUDGET = "programme_budget"


T = TypeVar("T", bound=models.Model)


@dataclass(frozen=True)
class RolledUpProgress:
    """A programme's or strategy goal's progress rolled up from its initiatives' outcomes (the rules are in
    ``apps/initiatives/progress.py``): Σ weight × progress ÷ Σ weight over the initiatives with outcomes."""

    as_of: date
    # initiative id → (weight, progress 0…1, or None when it has no outcome yet)
    initiatives: dict[int, tuple[int, float | None]]

    @property
    def counted(self) -> int:
        return sum(1 for _weight, progress in self.initiatives.values() if progress is not None)

    @property
    def left_out(self) -> int:
        return len(self.initiatives) - self.counted

    @property
    def weights(self) -> int:
        return sum(weight for weight, progress in self.initiatives.values() if progress is not None)

    @property
    def value(self) -> float | None:
        """0…1, or None when no initiative has an outcome."""
        weighted = sum(weight * progress for weight, progress in self.initiatives.values() if progress is not None)
        return weighted / self.weights if self.weights else None

    @property
    def percent(self) -> float | None:
        return None if self.value is None else 100 * self.value

    def beside(self, initiatives: Iterable[T]) -> list[tuple[T, float | None]]:
        """Each of ``initiatives`` with its progress in %, or None when it has no outcome."""
        rows = []
        for initiative in initiatives:
            progress = self.initiatives.get(initiative.pk, (1, None))[1]
            rows.append((initiative, None if progress is None else 100 * progress))
        return rows


# Reads a programme's rolled-up progress: provided by the initiatives app (which builds on this one) in its
# ``AppConfig.ready``, so the programme page shows it without importing that app.
_progress_readers: list[Callable[[Programme], RolledUpProgress]] = []


def programme_progress_register(reader: Callable[[Programme], RolledUpProgress]) -> None:
    _progress_readers[:] = [reader]


def programme_progress(programme: Programme) -> RolledUpProgress | None:
    """The programme's progress from its initiatives' outcomes as of today; one query."""
    return _progress_readers[0](programme) if _progress_readers else None


def programme_list(*, include_archived: bool = False) -> QuerySet[Programme]:
    """Programmes for a list: the live ones, unless the archived are asked for too."""
    programmes = Programme.objects.all() if include_archived else Programme.objects.live()
    return (
        programmes.select_related("lead__unit")
        .prefetch_related("sectors")
        .annotate(initiative_count=Count("initiatives", distinct=True))
        .order_by("name")
    )


def programmes_led_by(user: User) -> list[Programme]:
    """The programmes whose lead is the user's person (ongoing or to come), each with ``next_meeting``: the date
    of its next meeting from today, or None; one query."""
    today = timezone.localdate()
    return list(
        Programme.objects.filter(lead__user=user)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .annotate(next_meeting=Min("meetings__held_on", filter=Q(meetings__held_on__gte=today)))
        .order_by("name")
    )


def programme_initiatives(programme: Programme) -> QuerySet[Initiative]:
    """The programme's initiatives for its page: newest first, with the sectors taking part (prefetched)."""
    return programme.initiatives.prefetch_related("participations__unit__sector").order_by("-start_date", "pk")


def programme_detail() -> QuerySet[Programme]:
    """One programme, archived or not, with its meetings and decisions (the archived ones too, marked)."""
    return programme_list(include_archived=True).prefetch_related(
        "strategy_goals",
        Prefetch(
            "meetings",
            queryset=Meeting.objects.prefetch_related(
                Prefetch("attendees", queryset=Person.objects.select_related("unit__sector"))
            ),
        ),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("meeting")
            .prefetch_related("attachments")
            .order_by("decided_on", "pk"),
        ),
    )


def decisions_due_for_review(user: User, *, today: date | None = None) -> list[Decision]:
    """Decisions and agreements of the programmes ``user`` leads whose review date has come: their home page's."""
    today = today or timezone.localdate()
    return list(
        Decision.objects.live()
        .filter(review_on__lte=today, programme__lead__user=user, programme__archived_at__isnull=True)
        .select_related("programme")
        .order_by("review_on", "pk")
    )


def programme_history(programme: Programme, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The change history of a programme and of its meetings and decisions (deleted ones too), newest first."""
    return history_entries(
        [
            programme.history.select_related("lead"),
            Meeting.history.filter(programme_id=programme.pk),
            Decision.history.filter(programme_id=programme.pk),
        ],
        limit=limit,
    )


@dataclass
class BudgetYear:
    year: int
    budget: Decimal
    allocated: Decimal
    spent: Decimal

    @property
    def unallocated(self) -> Decimal:
        return self.budget - self.allocated


def programme_budget(programme: Programme) -> list[BudgetYear]:
    """Per year: the programme's yearly budget against what its initiatives got and spent from that budget."""
    programme_money = Programme.objects.filter(pk=programme.pk, initiatives__fundings__instrument=PROGRAMME_BUDGET)
    money = {
        row["year"]: row
        for row in programme_money.order_by()
        .values(year=F("initiatives__fundings__year"))
        .annotate(allocated=Sum("initiatives__fundings__allocated"), spent=Sum("initiatives__fundings__spent"))
    }
    last_year = programme.end_date.year if programme.end_date else max([programme.start_date.year, *money])
    years = sorted(set(range(programme.start_date.year, last_year + 1)) | set(money))
    zero = Decimal(0)
    return [
        BudgetYear(
            year=year,
            budget=programme.yearly_budget if programme.start_date.year <= year <= last_year else zero,
            allocated=money.get(year, {}).get("allocated") or zero,
            spent=money.get(year, {}).get("spent") or zero,
        )
        for year in years
    ]


def meeting_sectors(meeting: Meeting) -> list[str]:
    """The sectors present at a meeting, from its attendees' units (uses prefetched attendees)."""
    return sorted({person.unit.sector.name for person in meeting.attendees.all()})
