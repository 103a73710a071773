from __future__ import annotations

from datetime import date, time, timedelta

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.filters import PlausibleDateFilter
from apps.core.search import SearchFilter, text_search
from apps.core.timezones import aware
from apps.premises import selectors
from apps.premises.forms import DateInput, TimeInput
from apps.premises.models import Booking, Equipment, Space, Venue
from apps.sectors.filters import UnitTreeFilter

SPACE_SEARCH_FIELDS = ("name", "venue__name")


class SpaceFilter(django_filters.FilterSet):
    """The space catalogue's filters, for the browser and the API alike; bad values become form errors."""

    q = SearchFilter(method="filter_text")
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"), queryset=Venue.objects.all(), empty_label=_("All venues")
    )
    # The owner unit and its sub-units (the culture services' spaces are all of its venues' spaces).
    owner_unit = UnitTreeFilter(empty_label=_("All units"))
    min_capacity = django_filters.NumberFilter(
        label=_("At least this many people"), field_name="capacity", lookup_expr="gte", min_value=1
    )
    equipment = django_filters.MultipleChoiceFilter(
        label=_("Equipment"),
        choices=Equipment.choices,
        method="filter_equipment",
        widget=forms.CheckboxSelectMultiple,
    )
    step_free = django_filters.BooleanFilter(
        label=_("Step-free access"), method="filter_step_free", widget=forms.CheckboxInput
    )
    open_to_external = django_filters.BooleanFilter(
        label=_("Open to external bookers"), method="filter_open_to_external", widget=forms.CheckboxInput
    )
    free_on = PlausibleDateFilter(label=_("Free on"), method="filter_free", widget=DateInput())
    free_from = django_filters.TimeFilter(label=_("Free from"), method="filter_free", widget=TimeInput())
    free_until = django_filters.TimeFilter(label=_("Free until"), method="filter_free", widget=TimeInput())

    class Meta:
        model = Space
        fields = [
            "q",
            "venue",
            "owner_unit",
            "min_capacity",
            "equipment",
            "step_free",
            "open_to_external",
            "free_on",
            "free_from",
            "free_until",
        ]

    def filter_text(self, queryset: QuerySet[Space], name: str, value: str) -> QuerySet[Space]:
        return text_search(queryset, text=value, fields=SPACE_SEARCH_FIELDS)

    def filter_equipment(self, queryset: QuerySet[Space], name: str, value: list[str]) -> QuerySet[Space]:
        return queryset.filter(equipment__contains=list(value)) if value else queryset

    def filter_step_free(self, queryset: QuerySet[Space], name: str, value: bool) -> QuerySet[Space]:
        return queryset.filter(venue__step_free_access=True) if value else queryset

    def filter_open_to_external(self, queryset: QuerySet[Space], name: str, value: bool) -> QuerySet[Space]:
        """Opened to some external bookers (associations, partners or residents)."""
        return queryset.exclude(open_to=[]) if value else queryset

    def filter_free(self, queryset: QuerySet[Space], name: str, value: object) -> QuerySet[Space]:
        """Free throughout ``free_on`` ``free_from``-``free_until`` (applied once, when the date is seen)."""
        data = self.form.cleaned_data
        day, start, end = data.get("free_on"), data.get("free_from"), data.get("free_until")
        if name != "free_on" or not (day and start and end):
            return queryset
        # A search window, where nothing is booked: a time the clocks skip reads as the instant an hour later.
        start_at, end_at = aware(day, start, shift_skipped=True), aware(day, end, shift_skipped=True)
        if end_at <= start_at:  # "from 20:00 until 02:00" runs past midnight
            end_at = aware(day + timedelta(days=1), end, shift_skipped=True)
        free = selectors.spaces_free_between(queryset, start_at, end_at)
        return queryset.filter(pk__in=[space.pk for space in free])


class BookingListFilter(django_filters.FilterSet):
    """The filters of a booking list (my bookings, the request queue): which space, starting when, which status.

    ``spaces`` limits the space menu to those the list can hold (the user's own or managed spaces); a series is
    listed when one of its occurrences passes the filters.
    """

    UPCOMING, PAST = "upcoming", "past"

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        empty_label=_("Any time"),
        method="filter_when",
    )
    space = django_filters.ModelChoiceFilter(
        label=_("Space"), queryset=Space.objects.none(), empty_label=_("All spaces")
    )
    starts_from = PlausibleDateFilter(label=_("Starting on or after"), method="filter_starts", widget=DateInput())
    starts_until = PlausibleDateFilter(label=_("Starting on or before"), method="filter_starts", widget=DateInput())
    status = django_filters.ChoiceFilter(
        label=_("Booking status"), choices=Booking.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = Booking
        fields = ["when", "space", "starts_from", "starts_until", "status"]

    def __init__(self, *args: object, spaces: QuerySet[Space], with_status: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.filters["space"].queryset = spaces.select_related("venue").order_by("venue__name", "name")
        if not with_status:
            del self.filters["status"]
            del self.filters["when"]

    def filter_when(self, queryset: QuerySet[Booking], name: str, value: str) -> QuerySet[Booking]:
        now = timezone.now()
        if value == self.UPCOMING:
            return queryset.filter(period__endswith__gt=now)
        if value == self.PAST:
            return queryset.filter(period__endswith__lte=now)
        return queryset

    def filter_starts(self, queryset: QuerySet[Booking], name: str, value: date) -> QuerySet[Booking]:
        """From the start of ``starts_from`` to the end of ``starts_until``, in the city's local time."""
        if name == "starts_from":
            return queryset.filter(period__startswith__gte=aware(value, time.min, shift_skipped=True))
        return queryset.filter(period__startswith__lt=aware(value + timedelta(days=1), time.min, shift_skipped=True))
