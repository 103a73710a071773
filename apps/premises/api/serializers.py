from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.serializers import LocalDateTimeField, ModelSerializer, PlausibleDateField
from apps.initiatives.models import Initiative
from apps.premises import selectors
from apps.premises.models import (
    OPENING_HOURS_FIELDS,
    SPACE_EDITABLE_FIELDS,
    Booking,
    BookingSeries,
    ExternalBookers,
    OpeningHours,
    Recurrence,
    Space,
    Venue,
)
from apps.premises.selectors import Availability
from apps.programmes.models import Programme

# Availability is asked for a calendar view, not for a year at once.
MAX_AVAILABILITY_SPAN = timedelta(days=31)


class VenueSerializer(ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "name", "description", "address", "step_free_access", "accessibility_notes"]


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}:\d{2}$", "example": "08:00:00"})
class LocalTimeField(serializers.TimeField):
    """A wall-clock time of the venue (no offset), which OpenAPI's ``format: time`` would require."""


class OpeningHoursSerializer(serializers.ModelSerializer):
    opens = LocalTimeField()
    closes = LocalTimeField()

    class Meta:
        model = OpeningHours
        fields = list(OPENING_HOURS_FIELDS)


class SpaceSerializer(ModelSerializer):
    venue = VenueSerializer(read_only=True)
    owner_unit_name = serializers.CharField(source="owner_unit.name", read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)

    class Meta:
        model = Space
        fields = [
            "id",
            "venue",
            "owner_unit",
            "owner_unit_name",
            *SPACE_EDITABLE_FIELDS,
            "allowed_sectors",
            "opening_hours",
        ]
        read_only_fields = fields


class SpaceUpdateSerializer(ModelSerializer):
    """What a premises manager changes of a space (``PATCH``): its rules, who may book it, terms and price."""

    open_to = serializers.MultipleChoiceField(
        choices=ExternalBookers.choices, required=False, help_text=_("Who besides the city's sectors may book it.")
    )

    class Meta:
        model = Space
        fields = [*SPACE_EDITABLE_FIELDS, "allowed_sectors"]


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class BusySlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(source="period.lower")
    end = serializers.DateTimeField(source="period.upper")
    held_until = serializers.DateTimeField(source="held_period.upper")
    status = serializers.ChoiceField(choices=Booking.Status.choices)


class AvailabilityQuerySerializer(serializers.Serializer):
    # "from" is a Python keyword: the field is renamed below.
    from_ = LocalDateTimeField(label=_("From"))
    to = LocalDateTimeField(label=_("To"))

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate(self, attrs: dict) -> dict:
        if attrs["to"] <= attrs["from"]:
            raise serializers.ValidationError(_("'to' must be after 'from'."))
        if attrs["to"] - attrs["from"] > MAX_AVAILABILITY_SPAN:
            raise serializers.ValidationError(_("Ask for at most 31 days at a time."))
        return attrs


class AvailabilitySerializer(serializers.Serializer):
    space = serializers.IntegerField(source="space.pk")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    open = serializers.SerializerMethodField()
    free = serializers.SerializerMethodField()
    busy = BusySlotSerializer(many=True)

    @extend_schema_field(PeriodSerializer(many=True))
    def get_open(self, availability: Availability) -> list[dict]:
        return PeriodSerializer([{"start": a, "end": b} for a, b in availability.open], many=True).data

    @extend_schema_field(PeriodSerializer(many=True))
    def get_free(self, availability: Availability) -> list[dict]:
        return PeriodSerializer([{"start": a, "end": b} for a, b in availability.free], many=True).data


def _iso(zone: tzinfo) -> Callable[[datetime], str]:
    """DRF's ``DateTimeField`` output (ISO 8601 in ``zone``, UTC as ``Z``) without a field call per value."""

    def iso(moment: datetime) -> str:
        text = moment.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return iso


def availability_data(availability: Availability) -> dict:
    """What ``AvailabilitySerializer`` gives (its schema documents it), written out for ``availability_rows``'
    plain rows: a month's hundreds of busy slots through nested serializers cost several times the query."""
    iso = _iso(timezone.get_current_timezone())
    return {
        "space": availability.space.pk,
        "start": iso(availability.start),
        "end": iso(availability.end),
        "open": [{"start": iso(a), "end": iso(b)} for a, b in availability.open],
        "free": [{"start": iso(a), "end": iso(b)} for a, b in availability.free],
        "busy": [
            {
                "start": iso(row["start"]),
                "end": iso(row["end"]),
                "held_until": iso(row["held_until"]),
                "status": row["status"],
            }
            for row in availability.busy
        ],
    }


class BookingSerializer(serializers.ModelSerializer):
    start = serializers.DateTimeField(source="period.lower", read_only=True)
    end = serializers.DateTimeField(source="period.upper", read_only=True)
    held_until = serializers.DateTimeField(source="held_period.upper", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "space",
            "series",
            "booker",
            "status",
            "start",
            "end",
            "held_until",
            "purpose",
            "attendees",
            "initiative",
            "programme",
            "decided_by",
            "decided_at",
            "reason",
            "terms_accepted_at",
            "terms_sha256",
            "created_at",
        ]
        read_only_fields = fields


class BookableSpaceField(serializers.PrimaryKeyRelatedField):
    """The space to book, read with its booking rules in one query (``selectors.space_with_rules``); the
    queryset names the model for the schema."""

    # Querysets as class attributes, not arguments (here and below): DRF deep-copies a serializer's declared
    # fields with their arguments for every instance, and three querysets were a third of that, on every booking.
    queryset = Space.objects.all()

    def to_internal_value(self, data: object) -> Space:
        if isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            pk = int(data)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        space = selectors.space_with_rules(pk)
        if space is None:
            self.fail("does_not_exist", pk_value=data)
        return space


def booking_data(booking: Booking) -> dict:
    """``BookingSerializer(booking).data``, written out for the answer to a new booking: a ModelSerializer builds
    its fields from the model on every instance, which was a tenth of a booking's time."""
    iso = _iso(timezone.get_current_timezone())
    return {
        "id": booking.pk,
        "space": booking.space_id,
        "series": booking.series_id,
        "booker": booking.booker_id,
        "status": booking.status,
        "start": iso(booking.period.lower),
        "end": iso(booking.period.upper),
        "held_until": iso(booking.held_period.upper),
        "purpose": booking.purpose,
        "attendees": booking.attendees,
        "initiative": booking.initiative_id,
        "programme": booking.programme_id,
        "decided_by": booking.decided_by_id,
        "decided_at": iso(booking.decided_at) if booking.decided_at else None,
        "reason": booking.reason,
        "terms_accepted_at": iso(booking.terms_accepted_at) if booking.terms_accepted_at else None,
        "terms_sha256": booking.terms_sha256,
        "created_at": iso(booking.created_at),
    }


class InitiativeField(serializers.PrimaryKeyRelatedField):
    queryset = Initiative.objects.all()


class ProgrammeField(serializers.PrimaryKeyRelatedField):
    queryset = Programme.objects.all()


class BookingCreateSerializer(serializers.Serializer):
    space = BookableSpaceField()
    start = LocalDateTimeField()
    end = LocalDateTimeField()
    purpose = serializers.CharField(max_length=300)
    attendees = serializers.IntegerField(min_value=1)
    initiative = InitiativeField(required=False, allow_null=True)
    programme = ProgrammeField(required=False, allow_null=True)
    accept_terms = serializers.BooleanField(
        default=False, help_text=_("An external booker accepts the space's terms of use (required if it has any).")
    )


class SeriesCreateSerializer(BookingCreateSerializer):
    recurrence = serializers.ChoiceField(choices=Recurrence.choices)
    until = PlausibleDateField()
    book_free_only = serializers.BooleanField(
        default=False, help_text=_("If some occurrences cannot be booked, book the free ones instead of none.")
    )


class OccurrenceSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    problem = serializers.CharField(help_text=_("Why this occurrence cannot be booked; empty when it is free."))


class SeriesSerializer(serializers.ModelSerializer):
    first_start = serializers.DateTimeField(source="first_period.lower", read_only=True)
    first_end = serializers.DateTimeField(source="first_period.upper", read_only=True)
    requested = serializers.IntegerField(source="requested_count", read_only=True)
    confirmed = serializers.IntegerField(source="confirmed_count", read_only=True)
    occurrences = serializers.IntegerField(source="occurrence_count", read_only=True)

    class Meta:
        model = BookingSeries
        fields = [
            "id",
            "space",
            "booker",
            "recurrence",
            "first_start",
            "first_end",
            "until",
            "purpose",
            "attendees",
            "initiative",
            "programme",
            "requested",
            "confirmed",
            "occurrences",
            "created_at",
        ]
        read_only_fields = fields


class BookingDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("How many occurrences changed."))
