"""Reads of premises: opening intervals, availability, the week calendar, the free-space search, the managers' queue."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TypedDict
from urllib.parse import urlencode

from django.contrib.postgres.fields import BigIntegerRangeField
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import (
    Count,
    DurationField,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Now
from django.db.models.lookups import Exact
from django.utils import timezone

from apps.accounts.models import RoleAssignment, User
from apps.accounts.roles import Role
from apps.core.dates import FIRST_YEAR, LAST_YEAR
from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries
from apps.core.timezones import aware
from apps.premises import permissions
from apps.premises.models import Booking, BookingSeries, OpeningException, OpeningHours, Space, Venue
from apps.sectors.models import Sector
from apps.sectors.selectors import unit_ancestors

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Availability:
    """What a space looks like between two instants: when it is open, held by bookings, and free."""

    space: Space
    start: datetime
    end: datetime
    open: list[Interval]
    busy: list[Booking] | list[BusyRow]
    free: list[Interval]


def space_catalogue() -> QuerySet[Space]:
    return (
        Space.objects.select_related("venue", "owner_unit__sector")
        .prefetch_related("allowed_sectors")
        .order_by("venue__name", "name")
    )


# The space and what a booking checks of it, in one statement written out: the same query through the ORM
# (subqueries of JSON objects) took ten times as long to compile as to run, on every booking.
SPACE_WITH_RULES_SQL = """
SELECT s.*,
       ARRAY(SELECT jsonb_build_object('id', h.id, 'weekday', h.weekday, 'opens', h.opens, 'closes', h.closes)
             FROM premises_openinghours h WHERE h.space_id = s.id) AS rule_hours,
       ARRAY(SELECT jsonb_build_object('id', e.id, 'date', e.date, 'opens', e.opens, 'closes', e.closes)
             FROM premises_openingexception e WHERE e.space_id = s.id AND e.date >= %s) AS rule_exceptions,
       ARRAY(SELECT a.sector_id FROM premises_space_allowed_sectors a WHERE a.space_id = s.id) AS rule_sectors
FROM premises_space s
WHERE s.id = %s
"""
BIGINT_MAX = 2**63 - 1


def space_with_rules(pk: int, *, exceptions_from: date | None = None) -> Space | None:
    """The space with its allowed sectors, weekly hours and exceptional days from ``exceptions_from`` on (default:
    yesterday, as a booking never starts in the past and yesterday's hours may run past midnight) read in one
    query and handed to the rule checks as prefetched related objects; None if there is no such space."""
    if not 0 < pk <= BIGINT_MAX:
        return None
    first_day = exceptions_from or timezone.localdate() - timedelta(days=1)
    found = list(Space.objects.raw(SPACE_WITH_RULES_SQL, [first_day, pk]))
    if not found:
        return None
    space = found[0]
    hours = [_json(row) for row in space.rule_hours]
    exceptions = [_json(row) for row in space.rule_exceptions]
    _prefill(
        space,
        "opening_hours",
        OpeningHours,
        [
            OpeningHours(
                id=row["id"],
                space=space,
                weekday=row["weekday"],
                opens=time.fromisoformat(row["opens"]),
                closes=time.fromisoformat(row["closes"]),
            )
            for row in hours
        ],
    )
    _prefill(
        space,
        "opening_exceptions",
        OpeningException,
        [
            OpeningException(
                id=row["id"],
                space=space,
                date=date.fromisoformat(row["date"]),
                opens=time.fromisoformat(row["opens"]) if row["opens"] else None,
                closes=time.fromisoformat(row["closes"]) if row["closes"] else None,
            )
            for row in exceptions
        ],
    )
    _prefill(space, "allowed_sectors", Sector, [Sector(pk=pk) for pk in space.rule_sectors])
    return space


def _json(value: str | dict) -> dict:
    """A ``jsonb`` array element: Django has psycopg2 hand JSON over as text (``JSONField`` parses it itself)."""
    return json.loads(value) if isinstance(value, str) else value


def _prefill(instance: Space, name: str, model: type, rows: list[object]) -> None:
    """Put ``rows`` where ``prefetch_related(name)`` would: ``instance.<name>.all()`` reads them, not the database.
    A bare ``QuerySet``: through the model's manager (modeltranslation's, for sectors) it cost more than the rows."""
    queryset = QuerySet(model=model)
    queryset._result_cache = rows
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {**getattr(instance, "_prefetched_objects_cache", {}), name: queryset}


def venue_list() -> QuerySet[Venue]:
    return Venue.objects.order_by("name")


def _local(day: date, moment: time) -> datetime:
    """Opening hours and week bounds are read, never booked: a time the clocks skip must not fail the read."""
    return aware(day, moment, shift_skipped=True)


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with touching or overlapping intervals joined (so a booking may run across midnight)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def opening_intervals(space: Space, start: datetime, end: datetime) -> list[Interval]:
    """The instants between ``start`` and ``end`` when the space is open, in local time rules, merged."""
    first_day = timezone.localtime(start).date() - timedelta(days=1)  # yesterday's hours may run past midnight
    last_day = timezone.localtime(end).date()
    weekly: dict[int, list[tuple[time, time]]] = {}
    for hours in _prefetched(space, "opening_hours"):
        weekly.setdefault(hours.weekday, []).append((hours.opens, hours.closes))
    exceptions = {
        exception.date: exception
        for exception in _prefetched(space, "opening_exceptions")
        if first_day <= exception.date <= last_day
    }
    intervals: list[Interval] = []
    day = first_day
    while day <= last_day:
        exception = exceptions.get(day)
        if exception is not None:
            periods = [] if exception.is_closed else [(exception.opens, exception.closes)]
        else:
            periods = weekly.get(day.weekday(), [])
        for opens, closes in periods:
            # Closing at or before opening means closing the next day (00:00-00:00 is a whole day).
            closing_day = day if closes > opens else day + timedelta(days=1)
            intervals.append((_local(day, opens), _local(closing_day, closes)))
        day += timedelta(days=1)
    clipped = [(max(a, start), min(b, end)) for a, b in _merge(intervals) if b > start and a < end]
    return clipped


def _prefetched(space: Space, name: str) -> Iterable:
    """The space's related rows ``name`` as prefetched (``space_with_rules``), else read now. The query is made
    only when needed: building it for nothing was a tenth of the rule checks' time on every booking."""
    prefetched = getattr(space, "_prefetched_objects_cache", {})
    return prefetched[name] if name in prefetched else getattr(space, name).all()


def is_open_throughout(space: Space, start: datetime, end: datetime) -> bool:
    return any(a <= start and end <= b for a, b in opening_intervals(space, start, end))


def _space_range(space_id: object) -> Func:
    """The space as the exclusion constraint compares it: the one-point range ``[space_id, space_id]``."""
    return Func(space_id, space_id, Value("[]"), function="int8range", output_field=BigIntegerRangeField())


def held_in_space(space_id: int | OuterRef, held: DateTimeTZRange) -> QuerySet[Booking]:
    """Holding bookings of a space whose held time overlaps ``held``, asked in the exclusion constraint's own terms,
    so its GiST index finds them directly (``space_id = …`` would intersect two index scans of ~25,000 rows each)."""
    return (
        Booking.objects.holding()
        .filter(
            Exact(
                _space_range(F("space_id")),
                _space_range(space_id if isinstance(space_id, OuterRef) else Value(space_id)),
            )
        )
        .filter(held_period__overlap=held)
    )


def holding_bookings(space: Space, start: datetime, end: datetime) -> QuerySet[Booking]:
    """Requested and confirmed bookings whose held time (with buffer) touches ``[start, end)``."""
    return held_in_space(space.pk, DateTimeTZRange(start, end)).select_related("booker", "series").order_by("period")


def first_conflict(space: Space, held: DateTimeTZRange, *, exclude_pk: int | None = None) -> Booking | None:
    """The earliest holding booking of the space whose held time overlaps ``held``."""
    bookings = held_in_space(space.pk, held)
    if exclude_pk is not None:
        bookings = bookings.exclude(pk=exclude_pk)
    return bookings.order_by("period").first()


def _subtract(intervals: list[Interval], taken: list[Interval]) -> list[Interval]:
    """``intervals`` less ``taken``, both sorted and merged (``_merge``): one pass over both, as a month holds
    hundreds of bookings (comparing every interval with every booking cost more than the query)."""
    free: list[Interval] = []
    first = 0
    for start, end in intervals:
        while first < len(taken) and taken[first][1] <= start:
            first += 1
        cursor = start
        for busy_start, busy_end in islice(taken, first, None):
            if busy_start >= end:
                break
            if busy_start > cursor:
                free.append((cursor, busy_start))
            cursor = max(cursor, busy_end)
        if cursor < end:
            free.append((cursor, end))
    return free


def space_availability(space: Space, start: datetime, end: datetime) -> Availability:
    """Open, busy and free time of a space between ``start`` and ``end``; buffers count as busy."""
    open_intervals = opening_intervals(space, start, end)
    # What a calendar shows of a booking and what decides whether its viewer sees whose and why: a week of a busy
    # space holds over a hundred, made into model instances.
    shown = ("period", "held_period", "status", "purpose", "booker_id", "space_id")
    busy = list(held_in_space(space.pk, DateTimeTZRange(start, end)).order_by("period").only(*shown))
    for booking in busy:
        booking.space = space  # permission checks per booking read the space: no query each
    taken = _merge((b.held_period.lower, b.held_period.upper) for b in busy)
    return Availability(
        space=space, start=start, end=end, open=open_intervals, busy=busy, free=_subtract(open_intervals, taken)
    )


class BusyRow(TypedDict):
    start: datetime
    end: datetime
    held_until: datetime
    status: str


def availability_rows(space: Space, start: datetime, end: datetime) -> Availability:
    """``space_availability`` with the busy time as plain rows (``BusyRow``), for the API: a month holds hundreds
    of bookings, and model instances of them cost far more than the query."""
    open_intervals = opening_intervals(space, start, end)
    busy: list[BusyRow] = list(
        held_in_space(space.pk, DateTimeTZRange(start, end))
        .order_by("period")
        # The bounds as plain timestamps: psycopg2 parses those in C, ranges in Python.
        .values(
            "status", start=F("period__startswith"), end=F("period__endswith"), held_until=F("held_period__endswith")
        )
    )
    taken = _merge((row["start"], row["held_until"]) for row in busy)
    return Availability(
        space=space, start=start, end=end, open=open_intervals, busy=busy, free=_subtract(open_intervals, taken)
    )


def spaces_free_between(spaces: QuerySet[Space], start: datetime, end: datetime) -> list[Space]:
    """The spaces open throughout ``[start, end)`` with no holding booking (or buffer) in it."""
    taken = held_in_space(OuterRef("pk"), DateTimeTZRange(start, end))
    candidates = (
        spaces.filter(is_bookable=True)
        .exclude(Exists(taken))
        .prefetch_related("opening_hours", Prefetch("opening_exceptions", OpeningException.objects.all()))
    )
    return [space for space in candidates if is_open_throughout(space, start, end)]


def bookings_of(user: User) -> QuerySet[Booking]:
    """A user's own single bookings (occurrences of series are shown through their series)."""
    return (
        Booking.objects.filter(booker=user, series__isnull=True)
        .select_related("space__venue", "initiative", "programme")
        .order_by("-period")
    )


def own_bookings(user: User) -> QuerySet[Booking]:
    """Every booking a user made, a series' occurrences among them (``booking_rows`` shows a series once)."""
    return Booking.objects.filter(booker=user)


def spaces_booked_by(user: User) -> QuerySet[Space]:
    """The spaces a user has booked at least once: the space menu of their bookings' filters."""
    return Space.objects.filter(Exists(Booking.objects.filter(space=OuterRef("pk"), booker=user)))


def bookings_to_export(user: User) -> QuerySet[Booking]:
    """Every booking of a user, a series' occurrences included, in time order: their download of "My bookings"."""
    return Booking.objects.filter(booker=user).select_related("space__venue").order_by("period", "pk")


def free_spaces_to_book(
    user: User, *, start: datetime, end: datetime, people: int, equipment: Iterable[str] = ()
) -> list[Space]:
    """The spaces free throughout ``[start, end)`` for ``people`` with ``equipment`` that ``user`` may book."""
    candidates = space_catalogue().filter(capacity__gte=people)
    if equipment:
        candidates = candidates.filter(equipment__contains=list(equipment))
    return [space for space in spaces_free_between(candidates, start, end) if permissions.can_book(user, space)]


HOME_LIMIT = 5


def next_bookings_of(user: User, *, limit: int = HOME_LIMIT) -> list[Booking]:
    """A user's next single bookings still to come that hold their space (requested or confirmed), soonest first."""
    return list(
        Booking.objects.filter(
            booker=user, series__isnull=True, status__in=Booking.HOLDING, period__startswith__gt=Now()
        )
        .select_related("space__venue")
        .order_by("period", "pk")[:limit]
    )


def next_series_of(user: User, *, limit: int = HOME_LIMIT) -> list[BookingSeries]:
    """A user's series with an occurrence still to come, the soonest next occurrence first."""
    return list(
        _series_with_counts(BookingSeries.objects.filter(booker=user))
        .filter(next_start__isnull=False)
        .order_by("next_start", "pk")[:limit]
    )


@dataclass(frozen=True)
class WaitingRequests:
    """What waits for a premises manager: how many single requests and series, and the oldest few of each."""

    single_count: int
    series_count: int
    oldest: list[Booking]
    oldest_series: list[BookingSeries]

    @property
    def total(self) -> int:
        return self.single_count + self.series_count


def waiting_requests(user: User, *, limit: int = HOME_LIMIT) -> WaitingRequests:
    """The requests waiting for this manager's decision (``request_queue``), counted, with the oldest few."""
    singles, series = request_queue(user)
    return WaitingRequests(
        single_count=singles.count(),
        series_count=series.count(),
        oldest=list(singles[:limit]),
        oldest_series=list(series[:limit]),
    )


def series_of(user: User) -> QuerySet[BookingSeries]:
    return _series_with_counts(BookingSeries.objects.filter(booker=user)).order_by("-created_at")


def _series_with_counts(series: QuerySet[BookingSeries]) -> QuerySet[BookingSeries]:
    return series.select_related("space__venue", "booker", "initiative", "programme").annotate(
        requested_count=Count("occurrences", filter=Q(occurrences__status=Booking.Status.REQUESTED)),
        confirmed_count=Count("occurrences", filter=Q(occurrences__status=Booking.Status.CONFIRMED)),
        occurrence_count=Count("occurrences"),
        next_start=Min(
            "occurrences__period__startswith",
            filter=Q(occurrences__status__in=Booking.HOLDING, occurrences__period__startswith__gt=Now()),
        ),
        last_holding_start=Max(
            "occurrences__period__startswith",
            filter=Q(occurrences__status__in=Booking.HOLDING, occurrences__period__startswith__gt=Now()),
        ),
    )


def with_cancel_offers(user: User, bookings: Iterable[Booking], *, now: datetime) -> list[Booking]:
    """``bookings`` with ``cancellable``: whether a Cancel button is offered (not past the space's deadline)."""
    rows = list(bookings)
    for booking in rows:
        booking.cancellable = permissions.can_cancel_now(user, booking, now)
    return rows


def series_with_cancel_offers(user: User, series: Iterable[BookingSeries], *, now: datetime) -> list[BookingSeries]:
    """Series (from ``series_of``) with ``cancellable``: whether any occurrence can still be cancelled."""
    rows = list(series)
    for one in rows:
        one.cancellable = permissions.can_cancel_series_now(user, one, one.last_holding_start, now)
    return rows


def managed_spaces(user: User) -> QuerySet[Space]:
    """The spaces a premises manager decides on (``permissions.can_manage``), or all for an administrator."""
    rule = permissions.managed_spaces_rule(user)
    return Space.objects.all() if rule is None else Space.objects.filter(rule)


def request_queue(user: User) -> tuple[QuerySet[Booking], QuerySet[BookingSeries]]:
    """Requests waiting for this manager: single bookings and whole series, oldest first."""
    spaces = managed_spaces(user)
    singles = (
        Booking.objects.filter(space__in=spaces, status=Booking.Status.REQUESTED, series__isnull=True)
        .select_related("space__venue", "booker__home_unit__sector", "initiative", "programme")
        .order_by("created_at")
    )
    series = (
        _series_with_counts(BookingSeries.objects.filter(space__in=spaces))
        .filter(requested_count__gt=0)
        .select_related("booker__home_unit__sector")
        .order_by("created_at")
    )
    return singles, series


@dataclass(frozen=True)
class BookingRow:
    """One row of a booking list: a single booking, or a whole series shown once (``first_start``: its first
    occurrence among those the list's filters kept)."""

    first_start: datetime
    booking: Booking | None = None
    series: BookingSeries | None = None


def booking_rows(bookings: QuerySet[Booking], *, newest_first: bool = False) -> QuerySet:
    """``bookings`` (a series' occurrences among them) as one row per single booking and one per series, in start
    order: a union of ``{kind, key, first_start}`` that a Paginator counts and pages in SQL, so a list of a
    thousand requests costs what a list of ten does. ``rows_of_page`` turns a page of it into ``BookingRow``s."""
    singles = (
        bookings.filter(series__isnull=True)
        .order_by()
        .annotate(kind=Value("booking"), key=F("pk"), first_start=F("period__startswith"))
        .values("kind", "key", "first_start")
    )
    series = (
        bookings.filter(series__isnull=False)
        .order_by()
        .values("series_id")
        .annotate(kind=Value("series"), key=F("series_id"), first_start=Min("period__startswith"))
        .values("kind", "key", "first_start")
    )
    order = ("-first_start", "-key") if newest_first else ("first_start", "key")
    return singles.union(series, all=True).order_by(*order)


def booking_row_counts(bookings: QuerySet[Booking]) -> dict[str, int]:
    """How many single bookings and how many series ``bookings`` hold, for the line above a list."""
    return bookings.order_by().aggregate(
        singles=Count("pk", filter=Q(series__isnull=True)), series=Count("series", distinct=True)
    )


def rows_of_page(rows: Iterable[dict]) -> list[BookingRow]:
    """The ``BookingRow``s of one page of ``booking_rows``, in its order, in three queries whatever its size."""
    rows = list(rows)
    booking_keys = [row["key"] for row in rows if row["kind"] == "booking"]
    series_keys = [row["key"] for row in rows if row["kind"] == "series"]
    bookings = Booking.objects.select_related(
        "space__venue", "booker__home_unit__sector", "initiative", "programme"
    ).in_bulk(booking_keys)
    series = _series_with_counts(BookingSeries.objects.filter(pk__in=series_keys)).in_bulk() if series_keys else {}
    return [
        BookingRow(first_start=row["first_start"], booking=bookings[row["key"]])
        if row["kind"] == "booking"
        else BookingRow(first_start=row["first_start"], series=series[row["key"]])
        for row in rows
        if row["key"] in (bookings if row["kind"] == "booking" else series)
    ]


def requested_bookings(user: User) -> QuerySet[Booking]:
    """Every booking waiting for this manager's decision, a series' occurrences one by one, in time order."""
    return (
        Booking.objects.filter(space__in=managed_spaces(user), status=Booking.Status.REQUESTED)
        .select_related("space__venue", "booker__home_unit")
        .order_by("period", "pk")
    )


def visible_bookings(user: User) -> QuerySet[Booking]:
    """Bookings whose details the user may see: their own, their spaces', or all for decision makers."""
    bookings = Booking.objects.select_related("space__venue", "booker", "series")
    if user.has_role(Role.ADMIN) or user.has_role(Role.MANAGER):
        return bookings
    return bookings.filter(Q(booker=user) | Q(space__in=managed_spaces(user)))


def visible_series(user: User) -> QuerySet[BookingSeries]:
    series = _series_with_counts(BookingSeries.objects.all())
    if user.has_role(Role.ADMIN) or user.has_role(Role.MANAGER):
        return series
    return series.filter(Q(booker=user) | Q(space__in=managed_spaces(user)))


def hours_booked_in_week(space: Space, booker: User, moment: datetime) -> timedelta:
    """Holding hours the booker has in this space in the local week (Monday-Sunday) of ``moment``."""
    local_day = timezone.localtime(moment).date()
    week_start = _local(local_day - timedelta(days=local_day.weekday()), time.min)
    week_end = _local(local_day - timedelta(days=local_day.weekday()) + timedelta(days=7), time.min)
    booked = (
        Booking.objects.holding()
        .filter(space=space, booker=booker, period__startswith__gte=week_start, period__startswith__lt=week_end)
        .aggregate(hours=Sum(F("period__endswith") - F("period__startswith"), output_field=DurationField()))
    )
    return booked["hours"] or timedelta(0)


@dataclass(frozen=True)
class CalendarSlot:
    """A stretch of one day: taken by ``booking`` (``details`` says whether the viewer may read whose and why), or
    free when ``booking`` is None."""

    start: datetime
    end: datetime
    booking: Booking | None = None
    details: bool = False

    # A week shows over a hundred slots: their texts are made here, in the current time zone as the template's
    # filters would, at a fraction of the filters' cost.
    @property
    def starts_at(self) -> str:
        """ "08:00" in the current time zone."""
        return f"{timezone.localtime(self.start):%H:%M}"

    @property
    def hours(self) -> str:
        """ "08:00–09:30" in the current time zone."""
        return f"{self.starts_at}–{timezone.localtime(self.end):%H:%M}"

    @property
    def booking_query(self) -> str:
        """The query string of the booking form for this stretch: ``start=…&end=…`` (ISO 8601, local time)."""
        return urlencode(
            {"start": timezone.localtime(self.start).isoformat(), "end": timezone.localtime(self.end).isoformat()}
        )


@dataclass(frozen=True)
class CalendarDay:
    date: date
    slots: list[CalendarSlot]


@dataclass(frozen=True)
class WeekCalendar:
    """A space's week from Monday: each day's taken and free time, and the weeks a link may lead to."""

    space: Space
    week: date
    days: list[CalendarDay]
    previous_week: date | None
    next_week: date | None


def _plausible_or_none(day: date) -> date | None:
    """No link to a week that ``?week=`` would not read (before 1900, after 2100)."""
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


SLOT_STEP = timedelta(minutes=15)


def next_slot_start(moment: datetime) -> datetime:
    """``moment`` rounded up to a whole quarter hour: a "book from" link drawn at 11:07:42 offers 11:15, which is
    still in the future when the form is sent a minute later (11:07:42 would be refused as past)."""
    whole_minutes = moment.replace(second=0, microsecond=0)
    if whole_minutes < moment:
        whole_minutes += timedelta(minutes=1)
    step = int(SLOT_STEP.total_seconds() // 60)
    return whole_minutes + timedelta(minutes=-whole_minutes.minute % step)


def week_calendar(space: Space, day: date, *, viewer: User, now: datetime | None = None) -> WeekCalendar:
    """The calendar of the week (Monday-Sunday) of ``day``; free time already past is left out, and free time that
    has begun starts at the next quarter hour."""
    monday = day - timedelta(days=day.weekday())
    availability = space_availability(space, _local(monday, time.min), _local(monday + timedelta(days=7), time.min))
    now = next_slot_start(now or timezone.now())
    sees_details = permissions.details_seen_by(viewer, space)
    days = []
    for offset in range(7):
        current = monday + timedelta(days=offset)
        day_start, day_end = _local(current, time.min), _local(current + timedelta(days=1), time.min)
        busy = [
            CalendarSlot(b.period.lower, b.period.upper, booking=b, details=sees_details(b))
            for b in availability.busy
            if b.period.lower < day_end and b.period.upper > day_start
        ]
        free = [
            CalendarSlot(max(a, day_start, now), min(b, day_end))
            for a, b in availability.free
            if a < day_end and b > day_start and min(b, day_end) > max(a, day_start, now)
        ]
        # Taken and free time in the order of the day, as a screen reader reads it.
        days.append(CalendarDay(current, sorted(busy + free, key=lambda slot: slot.start)))
    return WeekCalendar(
        space=space,
        week=monday,
        days=days,
        previous_week=_plausible_or_none(monday - timedelta(days=7)),
        next_week=_plausible_or_none(monday + timedelta(days=7)),
    )


def space_managers(space: Space) -> QuerySet[User]:
    """The premises managers who decide on ``space``'s bookings (the rule of ``permissions.can_manage``: a scope of
    its unit, a unit above it, or its venue, or city-wide with one of those units as their home unit);
    administrators are not among them."""
    grants = RoleAssignment.objects.filter(role=Role.PREMISES_MANAGER)
    city_wide = Q(unit__isnull=True, venue__isnull=True, programme__isnull=True, sector__isnull=True)
    # A role for a unit holds for the units below it (User.units_within): the owner unit and every unit above it.
    units = [space.owner_unit_id, *(unit.pk for unit in unit_ancestors(space.owner_unit))]
    managing = grants.filter(
        Q(unit_id__in=units) | Q(venue_id=space.venue_id) | (city_wide & Q(user__home_unit_id__in=units))
    )
    return User.objects.filter(is_active=True, pk__in=managing.values("user_id")).order_by("pk")


def space_history(space: Space, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The change history of a space, its rules and who may book it, its opening hours and exceptions, and its
    venue's."""
    return history_entries(
        [
            space.history.select_related("venue"),
            Venue.history.filter(id=space.venue_id),
            OpeningHours.history.filter(space_id=space.pk),
            OpeningException.history.filter(space_id=space.pk).select_related("space__venue"),
        ],
        limit=limit,
    )
