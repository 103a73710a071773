from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin, AnyLanguageTabularInline
from apps.premises.models import Booking, BookingSeries, OpeningException, OpeningHours, Space, Venue


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin, AnyLanguageAdmin):
    list_display = ("name", "address", "step_free_access")
    search_fields = search_paths(Venue, "name", "address")


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(AnyLanguageTabularInline):
    model = OpeningException
    extra = 0


@admin.register(Space)
class SpaceAdmin(SimpleHistoryAdmin, AnyLanguageAdmin):
    list_display = ("name", "venue", "capacity", "owner_unit", "is_bookable", "approval_required")
    list_filter = ("venue", "is_bookable", "approval_required")
    search_fields = search_paths(Space, "name", "venue__name")
    list_select_related = ("venue", "owner_unit")
    filter_horizontal = ("allowed_sectors",)
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(OpeningHours)
class OpeningHoursAdmin(SimpleHistoryAdmin):
    """Mostly edited on the space; here for its history (and deletions the space's page no longer shows)."""

    list_display = ("space", "weekday", "opens", "closes")
    list_select_related = ("space__venue",)
    list_filter = ("space__venue",)


@admin.register(OpeningException)
class OpeningExceptionAdmin(SimpleHistoryAdmin, AnyLanguageAdmin):
    list_display = ("space", "date", "opens", "closes", "reason")
    list_select_related = ("space__venue",)
    list_filter = ("space__venue",)


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    """Read-mostly: bookings are made and decided through the services, which keep the rules."""

    list_display = ("space", "period", "booker", "status")
    list_filter = ("status", "space__venue")
    search_fields = search_paths(Booking, "purpose", "booker__username", "space__name")
    list_select_related = ("space__venue", "booker")
    readonly_fields = ("period", "held_period", "status", "decided_by", "decided_at", "series")
    raw_id_fields = ("booker", "initiative", "programme")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a booking is made by booking_create, which checks the rules, the quota and the slot


@admin.register(BookingSeries)
class BookingSeriesAdmin(SimpleHistoryAdmin):
    """Read-mostly: a series' occurrences are made by booking_series_create, so its schedule is not edited here."""

    list_display = ("purpose", "space", "booker", "recurrence", "until")
    list_select_related = ("space__venue", "booker")
    readonly_fields = ("space", "booker", "recurrence", "until")
    raw_id_fields = ("initiative", "programme")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
