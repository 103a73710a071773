from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api_downloads import DownloadableList, DownloadRenderer
from apps.core.estimated_pages import EstimatedCountPagination
from apps.core.spreadsheets import Table
from apps.premises import exports, selectors, services
from apps.premises import permissions as policy
from apps.premises.api.serializers import (
    AvailabilityQuerySerializer,
    AvailabilitySerializer,
    BookingCreateSerializer,
    BookingDecisionSerializer,
    BookingSerializer,
    CountSerializer,
    OccurrenceSerializer,
    SeriesCreateSerializer,
    SeriesSerializer,
    SpaceSerializer,
    SpaceUpdateSerializer,
    availability_data,
    booking_data,
)
from apps.premises.filters import SpaceFilter
from apps.premises.models import Booking, BookingSeries, Space

ERROR = inline_serializer("PremisesError", {"detail": serializers.CharField()})
CONFLICT = inline_serializer(
    "BookingConflict",
    {
        "detail": serializers.CharField(),
        "conflict": inline_serializer(
            "ConflictingSlot",
            {
                "booking": serializers.IntegerField(),
                "start": serializers.DateTimeField(),
                "end": serializers.DateTimeField(),
                "held_until": serializers.DateTimeField(),
            },
            required=False,
        ),
        "occurrences": OccurrenceSerializer(many=True, required=False),
    },
)
REFUSALS = {400: ERROR, 403: ERROR, 409: CONFLICT}


class ReadsPremises(permissions.BasePermission):
    """The same rule as the pages: logged in with a role that sees premises; booking needs a booker's role.

    The booker's role is asked before the body is read, so a caller who books nothing never costs a validation;
    whether this booker may book that space is the service's question, once the space is known.
    """

    BOOKING_ACTIONS = ("create", "preview")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not policy.can_read(request.user):
            return False
        if getattr(view, "action", None) in self.BOOKING_ACTIONS and not policy.is_booker(request.user):
            self.message = _("Only officials, programme leads, premises managers and admins book spaces.")
            return False
        return True


class SpaceViewSet(DownloadableList, viewsets.ReadOnlyModelViewSet):
    """Spaces with their rules and weekly opening hours (``?format=csv|xlsx``: the catalogue's download)."""

    serializer_class = SpaceSerializer
    permission_classes = [ReadsPremises]
    filterset_class = SpaceFilter

    download_name = "spaces"

    def get_queryset(self) -> QuerySet[Space]:
        return selectors.space_catalogue().prefetch_related("opening_hours")

    def download_table(self, rows: Iterable[Space]) -> Table:
        return exports.space_table(rows)

    @extend_schema(request=SpaceUpdateSerializer, responses={200: SpaceSerializer, **REFUSALS})
    def partial_update(self, request: Request, pk: str) -> Response:
        """A premises manager changes the space's rules, who may book it, its terms of use and price."""
        space = self.get_object()
        data = SpaceUpdateSerializer(space, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        if "open_to" in changes:
            changes["open_to"] = sorted(changes["open_to"])
        services.space_update(by=request.user, space=space, **changes)
        return Response(SpaceSerializer(self.get_queryset().get(pk=space.pk)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATETIME, required=True, description=_("Start of the window.")),
            OpenApiParameter("to", OpenApiTypes.DATETIME, required=True, description=_("End of the window.")),
        ],
        responses={200: AvailabilitySerializer, 400: ERROR},
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def availability(self, request: Request, pk: str) -> Response:
        """When the space is open, held (with buffers) and free between ``from`` and ``to`` (at most 31 days)."""
        query = AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.validated_data["from"], query.validated_data["to"]
        # The space with its hours and the exceptional days of the window in one query; the bookings as plain rows.
        first_day = timezone.localtime(start).date() - timedelta(days=1)  # yesterday's hours may run past midnight
        space = selectors.space_with_rules(int(pk), exceptions_from=first_day) if pk.isdigit() else None
        if space is None:
            raise Http404
        self.check_object_permissions(request, space)
        return Response(availability_data(selectors.availability_rows(space, start, end)))


def _decision(request: Request) -> str:
    decision = BookingDecisionSerializer(data=request.data)
    decision.is_valid(raise_exception=True)
    return decision.validated_data["reason"]


class BookingViewSet(DownloadableList, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Bookings the caller may see: their own, those of the spaces they manage, or all for decision makers
    (``?format=csv|xlsx``: the whole filtered list as a file)."""

    download_name = "bookings"

    serializer_class = BookingSerializer
    permission_classes = [ReadsPremises]
    filterset_fields = ["space", "status", "series"]
    # A manager sees a million bookings: no exact count of them all on every page (``count_is_estimate``).
    pagination_class = EstimatedCountPagination

    def get_queryset(self) -> QuerySet[Booking]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Booking.objects.none()
        bookings = selectors.visible_bookings(self.request.user).order_by("period", "pk")
        if self.action == "list" and not isinstance(getattr(self.request, "accepted_renderer", None), DownloadRenderer):
            # The JSON rows name the space, booker and series by id: no joins (the file names them).
            return bookings.select_related(None)
        return bookings

    def download_table(self, rows: Iterable[Booking]) -> Table:
        return exports.booking_table(rows)  # the booker's id only, as in the JSON

    @extend_schema(request=BookingCreateSerializer, responses={201: BookingSerializer, **REFUSALS})
    def create(self, request: Request) -> Response:
        """Book a space; 409 names the slot that is already taken."""
        data = BookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = services.booking_create(by=request.user, **data.validated_data)
        return Response(booking_data(booking), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: BookingSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        booking = services.booking_approve(by=request.user, booking=self.get_object())
        return Response(BookingSerializer(booking).data)

    @extend_schema(request=BookingDecisionSerializer, responses={200: BookingSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        booking = services.booking_decline(by=request.user, booking=self.get_object(), reason=_decision(request))
        return Response(BookingSerializer(booking).data)

    @extend_schema(request=None, responses={200: BookingSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        booking = services.booking_cancel(by=request.user, booking=self.get_object())
        return Response(BookingSerializer(booking).data)


class SeriesViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Recurring bookings, each handled as one: one request, one decision, one cancellation."""

    serializer_class = SeriesSerializer
    permission_classes = [ReadsPremises]
    filterset_fields = ["space"]

    def get_queryset(self) -> QuerySet[BookingSeries]:
        if getattr(self, "swagger_fake_view", False):
            return BookingSeries.objects.none()
        return selectors.visible_series(self.request.user).order_by("-created_at", "pk")

    @extend_schema(request=SeriesCreateSerializer, responses={200: OccurrenceSerializer(many=True), **REFUSALS})
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def preview(self, request: Request) -> Response:
        """Every occurrence of a planned series and why it cannot be booked; nothing is saved."""
        data = SeriesCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        occurrences = services.booking_series_preview(
            by=request.user,
            space=values["space"],
            start=values["start"],
            end=values["end"],
            recurrence=values["recurrence"],
            until=values["until"],
            attendees=values["attendees"],
        )
        return Response(OccurrenceSerializer([o.as_dict() for o in occurrences], many=True).data)

    @extend_schema(request=SeriesCreateSerializer, responses={201: SeriesSerializer, **REFUSALS})
    def create(self, request: Request) -> Response:
        """Book a series: all occurrences, or with ``book_free_only`` the free ones; 409 lists the conflicts."""
        data = SeriesCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        series = services.booking_series_create(by=request.user, **data.validated_data)
        return Response(SeriesSerializer(self.get_queryset().get(pk=series.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: CountSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        return Response({"count": services.booking_series_approve(by=request.user, series=self.get_object())})

    @extend_schema(request=BookingDecisionSerializer, responses={200: CountSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        count = services.booking_series_decline(by=request.user, series=self.get_object(), reason=_decision(request))
        return Response({"count": count})

    @extend_schema(request=None, responses={200: CountSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        return Response({"count": services.booking_series_cancel(by=request.user, series=self.get_object())})
