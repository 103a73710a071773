from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.forms import read_date, read_datetime
from apps.core.lists import ListPage, filtered_page, list_download, render_list
from apps.core.pages import form_write, message_write
from apps.core.policy import page_allows, page_requires
from apps.core.replica import primary_reads
from apps.core.spreadsheets import Format
from apps.premises import exports, ical, permissions, selectors, services
from apps.premises.filters import BookingListFilter, SpaceFilter
from apps.premises.forms import (
    BookingForm,
    DecisionForm,
    FreeSpaceForm,
    OpeningExceptionForm,
    OpeningPeriodFormSet,
    SpaceForm,
)
from apps.premises.models import (
    OPENING_HOURS_FIELDS,
    SPACE_EDITABLE_FIELDS,
    Booking,
    BookingSeries,
    OpeningHours,
    Space,
)

SPACES_PER_PAGE = 20
BOOKINGS_PER_PAGE = 25


# Pages of premises are for roles that see them (every role but a bare login).
reader_required = page_requires(permissions.can_read)


@reader_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """The space catalogue: filter by capacity, equipment, accessibility, venue and free time."""
    listed = filtered_page(request, SpaceFilter, selectors.space_catalogue(), SPACES_PER_PAGE)
    return render_list(
        request,
        listed,
        template="premises/catalogue.html",
        results_template="premises/_space_results.html",
        # The owner unit's select offers every unit of the city (240 in the benchmark's): rendering it was most
        # of the page; kept per set of choices, language and query (render_list), so a renamed unit shows at once.
        cache_filters=True,
        downloads=(reverse("premises:catalogue_export"), reverse("premises:catalogue_export_xlsx")),
    )


@reader_required
def catalogue_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The whole filtered catalogue as CSV or Excel."""
    return list_download(
        request,
        SpaceFilter,
        selectors.space_catalogue(),
        table=exports.space_table,
        name="spaces",
        file_format=file_format,
    )


@reader_required
def find_free_space(request: HttpRequest) -> HttpResponse:
    """When, how long, how many people, what equipment: the spaces free then that the user may book."""
    form = FreeSpaceForm(request.GET or None)
    found: list[Space] | None = None
    if form.is_valid():
        data = form.cleaned_data
        found = selectors.free_spaces_to_book(
            request.user, start=data["start"], end=data["end"], people=data["people"], equipment=data["equipment"]
        )
    return render(
        request,
        "premises/find_free.html",
        {
            "form": form,
            "found": found,
            "start": form.cleaned_data.get("start") if found is not None else None,
            "end": form.cleaned_data.get("end") if found is not None else None,
        },
    )


def _week_context(request: HttpRequest, space: Space) -> dict[str, object]:
    """The week calendar of ``?week=`` (this week if it is missing or no plausible date: a hand-edited link)."""
    calendar = selectors.week_calendar(
        space, read_date(request.GET.get("week")) or timezone.localdate(), viewer=request.user
    )
    return {
        "space": space,
        "days": calendar.days,
        "week": calendar.week,
        "previous_week": calendar.previous_week,
        "next_week": calendar.next_week,
        "can_book": permissions.can_book(request.user, space),
    }


def _space(pk: int) -> Space:
    return get_object_or_404(selectors.space_catalogue(), pk=pk)


@reader_required
def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A space, its rules and opening hours, and a week calendar (htmx moves between weeks)."""
    space = _space(pk)
    context = _week_context(request, space)
    if request.htmx:
        return render(request, "premises/_week.html", context)
    can_manage = permissions.can_manage(request.user, space)
    context.update(
        {
            "opening_hours": OpeningHours.objects.filter(space=space).order_by("weekday", "opens"),
            "closures": space.opening_exceptions.filter(date__gte=timezone.localdate())[:10],
            "can_manage": can_manage,
            # Who changed the rules and hours is for those who may change them.
            "history": selectors.space_history(space) if can_manage else None,
            "feed_url": request.build_absolute_uri(reverse("premises:space_feed", args=[space.pk]))
            if space.is_bookable
            else "",
        }
    )
    return render(request, "premises/space_detail.html", context)


@primary_reads  # the form's free slots and rules must see the latest bookings, not the replica's
@reader_required
def booking_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Book a space once or as a series; conflicts of a series are shown before anything is saved."""
    space = _space(pk)
    page_allows(permissions.can_book(request.user, space))  # the form page opens only for who may use it
    form = BookingForm(
        request.POST or None,
        booker=request.user,
        space=space,
        initial=BookingForm.initial_for(read_datetime(request.GET.get("start")), read_datetime(request.GET.get("end"))),
    )
    occurrences = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        for note in form.time_notes:
            messages.info(request, note)
        when = {"by": request.user, "space": space, "start": data["start"], "end": data["end"]}
        details = {
            **when,
            "purpose": data["purpose"],
            "attendees": data["attendees"],
            "initiative": data["initiative"],
            "programme": data["programme"],
            "accept_terms": form.accepted_terms,
        }
        if not data["repeat"]:
            booking = form_write(form, lambda: services.booking_create(**details))
            if booking is not None:
                messages.success(request, _booked_message(booking.status, 1))
                return redirect("premises:my_bookings")
        else:
            series_fields = {"recurrence": data["repeat"], "until": data["until"]}
            book_free_only = request.POST.get("book") == "free"
            if not book_free_only:
                occurrences = form_write(
                    form,
                    lambda: services.booking_series_preview(**when, attendees=data["attendees"], **series_fields),
                )
            if book_free_only or (occurrences is not None and all(o.is_free for o in occurrences)):
                series = form_write(
                    form,
                    lambda: services.booking_series_create(**details, **series_fields, book_free_only=book_free_only),
                )
                if series is not None:
                    needs_approval = permissions.needs_approval(request.user, space)
                    status = Booking.Status.REQUESTED if needs_approval else Booking.Status.CONFIRMED
                    messages.success(request, _booked_message(status, series.occurrences.count()))
                    return redirect("premises:my_bookings")
                occurrences = None
    return render(
        request,
        "premises/booking_form.html",
        {
            "space": space,
            "form": form,
            "occurrences": occurrences,
            "free_count": sum(o.is_free for o in occurrences or []),
            "needs_approval": permissions.needs_approval(request.user, space),
        },
    )


def _booked_message(status: str, count: int) -> str:
    if status == Booking.Status.CONFIRMED:
        return ngettext("Booked and confirmed.", "%(count)d occurrences booked and confirmed.", count) % {
            "count": count
        }
    return ngettext(
        "Booking requested. You will get an email when the premises manager decides.",
        "%(count)d occurrences requested as one series. You will get an email when the premises manager decides.",
        count,
    ) % {"count": count}


@reader_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    """The user's bookings, a series as one row, filtered and paged; with cancel links and their calendar feed."""
    now = timezone.now()
    bookings = selectors.own_bookings(request.user)
    listed, counts = _booking_list(request, bookings, spaces=selectors.spaces_booked_by(request.user))
    return render_list(
        request,
        listed,
        template="premises/my_bookings.html",
        results_template="premises/_my_booking_rows.html",
        cache_filters=False,
        downloads=(reverse("premises:my_bookings_export"), reverse("premises:my_bookings_export_xlsx")),
        context={
            "counts": counts,
            "feed_url": request.build_absolute_uri(
                reverse("premises:user_feed", args=[services.user_feed_token_get_or_create(by=request.user).secret])
            ),
            "now": now,
        },
    )


def _booking_list(
    request: HttpRequest, bookings: QuerySet[Booking], *, spaces: QuerySet[Space], queue: bool = False
) -> tuple[ListPage, dict[str, int]]:
    """One page of a booking list, a series as one row: my bookings (upcoming first, past newest first) or the
    request queue (soonest first), each row with whether it can be cancelled from here; and how many single
    bookings and series the list holds, whose sum is the number of rows the pages count."""
    counts: dict[str, int] = {}

    def count_rows(filtered: QuerySet[Booking]) -> int:
        counts.update(selectors.booking_row_counts(filtered))
        return counts["singles"] + counts["series"]

    listed = filtered_page(
        request,
        partial(BookingListFilter, spaces=spaces, with_status=not queue),
        bookings,
        BOOKINGS_PER_PAGE,
        defaults=None if queue else {"when": BookingListFilter.UPCOMING},
        rows=lambda filtered: selectors.booking_rows(
            filtered, newest_first=not queue and request.GET.get("when") == BookingListFilter.PAST
        ),
        count=count_rows,
    )
    rows = selectors.rows_of_page(listed.page.object_list)
    now = timezone.now()
    selectors.with_cancel_offers(request.user, [row.booking for row in rows if row.booking], now=now)
    selectors.series_with_cancel_offers(request.user, [row.series for row in rows if row.series], now=now)
    listed.page.object_list = rows
    return listed, counts


@reader_required
def my_bookings_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The user's bookings as the page filters them, a series' occurrences one by one."""
    return list_download(
        request,
        partial(BookingListFilter, spaces=selectors.spaces_booked_by(request.user)),
        selectors.bookings_to_export(request.user),
        table=exports.booking_table,
        name="bookings",
        file_format=file_format,
    )


@require_POST
@reader_required
def feed_renew(request: HttpRequest) -> HttpResponse:
    """A new address for the user's calendar feed; the old one stops working at once."""
    services.user_feed_token_renew(by=request.user)
    messages.success(
        request, _("Your calendar feed has a new address. The old address no longer works: update your calendar app.")
    )
    return redirect("premises:my_bookings")


def _button_write(
    request: HttpRequest, write: Callable[[], object], success: str, back: str = "premises:my_bookings"
) -> HttpResponse:
    """A button on a list runs ``write`` and answers with the list again, the outcome as a message on it.

    Even the policy's refusal is a message there, not a 403 page: the list has no form to show it beside.
    """
    result = message_write(request, write, refusal_as_message=True)
    if result is not None:
        messages.success(request, success % {"count": result} if isinstance(result, int) else success)
    return redirect(back)


@primary_reads
@require_http_methods(["GET", "HEAD", "POST"])
@reader_required
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "cancel this booking?" (a cancellation cannot be undone), POST cancels."""
    booking = get_object_or_404(Booking.objects.select_related("space__venue"), pk=pk)
    if request.method != "POST":
        return render(
            request, "premises/cancel_confirm.html", {"booking": booking, "series": None, "space": booking.space}
        )
    return _button_write(
        request, lambda: services.booking_cancel(by=request.user, booking=booking), _("Booking cancelled.")
    )


@primary_reads
@require_http_methods(["GET", "HEAD", "POST"])
@reader_required
def series_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "cancel the future occurrences?", POST cancels them."""
    series = get_object_or_404(BookingSeries.objects.select_related("space__venue"), pk=pk)
    if request.method != "POST":
        return render(
            request, "premises/cancel_confirm.html", {"booking": None, "series": series, "space": series.space}
        )
    return _button_write(
        request,
        lambda: services.booking_series_cancel(by=request.user, series=series),
        _("%(count)s future occurrences cancelled."),
    )


@reader_required
@page_requires(permissions.manages_any_space)
def request_queue(request: HttpRequest) -> HttpResponse:
    """Premises managers: the requests waiting for a decision on their spaces, a series as one row, soonest
    first, filtered by space and date and paged."""
    spaces = selectors.managed_spaces(request.user)
    waiting = Booking.objects.filter(space__in=spaces, status=Booking.Status.REQUESTED)
    listed, counts = _booking_list(request, waiting, spaces=spaces, queue=True)
    return render_list(
        request,
        listed,
        template="premises/queue.html",
        results_template="premises/_queue_rows.html",
        cache_filters=False,
        downloads=(reverse("premises:request_queue_export"), reverse("premises:request_queue_export_xlsx")),
        context={"counts": counts},
    )


@reader_required
@page_requires(permissions.manages_any_space)
def request_queue_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The requests waiting on the manager's spaces as the queue filters them, a series' occurrences one by one,
    with the booker."""
    return list_download(
        request,
        partial(BookingListFilter, spaces=selectors.managed_spaces(request.user), with_status=False),
        selectors.requested_bookings(request.user),
        table=partial(exports.booking_table, with_booker=True),
        name="booking-requests",
        file_format=file_format,
    )


def _decide(request: HttpRequest, target: Booking | BookingSeries) -> HttpResponse:
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    is_series = isinstance(target, BookingSeries)
    if request.POST.get("decision") == "approve":
        action = (
            (lambda: services.booking_series_approve(by=request.user, series=target))
            if is_series
            else (lambda: services.booking_approve(by=request.user, booking=target))
        )
        message = _("Approved; the booker gets an email.")
    elif request.POST.get("decision") == "decline":
        action = (
            (lambda: services.booking_series_decline(by=request.user, series=target, reason=reason))
            if is_series
            else (lambda: services.booking_decline(by=request.user, booking=target, reason=reason))
        )
        message = _("Declined; the booker gets an email.")
    else:
        raise Http404
    return _button_write(request, action, message, back="premises:request_queue")


@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, get_object_or_404(Booking.objects.select_related("space", "booker"), pk=pk))


@require_POST
def series_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, get_object_or_404(BookingSeries.objects.select_related("space", "booker"), pk=pk))


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Calendar apps cannot log in. A bookable space's feed shows only when it is taken (no names, no purposes),
# like the calendar on its page; a user's own feed carries details and is guarded by the user's renewable secret.
FEED_WINDOW = timedelta(days=365)


@login_not_required
@require_GET
def space_feed(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_object_or_404(Space.objects.select_related("venue"), pk=pk, is_bookable=True)
    now = timezone.now()
    bookings = selectors.holding_bookings(space, now - FEED_WINDOW, now + FEED_WINDOW).select_related("space__venue")
    return _ics(ical.calendar(str(space), bookings, with_details=False), f"space-{space.pk}.ics")


@login_not_required
@require_GET
@cache_control(private=True)  # the booker's own purposes: never in a shared cache
def user_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = ical.user_from_feed_token(token)
    if user is None:
        raise Http404
    now = timezone.now()
    bookings = (
        Booking.objects.holding()
        .filter(booker=user, period__endswith__gte=now - FEED_WINDOW)
        .select_related("space__venue")
        .order_by("period")
    )
    return _ics(ical.calendar(_("My bookings (Silta)"), bookings, with_details=True), "my-bookings.ics")


@reader_required
def space_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Premises managers edit a space, its rules, weekly hours and exceptional days."""
    space = _space(pk)
    page_allows(permissions.can_manage(request.user, space))  # the form page opens only for who may use it
    hours = [{name: getattr(h, name) for name in OPENING_HOURS_FIELDS} for h in space.opening_hours.all()]
    action = request.POST.get("action")
    form = SpaceForm(request.POST if action == "space" else None, instance=space)
    periods = OpeningPeriodFormSet(request.POST if action == "space" else None, initial=hours, prefix="hours")
    exception_form = OpeningExceptionForm(request.POST if action == "exception" else None)
    if action == "space" and form.is_valid() and periods.is_valid():

        def save_space() -> Space:
            data = {name: form.cleaned_data[name] for name in SPACE_EDITABLE_FIELDS}
            services.space_update(
                by=request.user, space=space, allowed_sectors=form.cleaned_data["allowed_sectors"], **data
            )
            services.space_opening_hours_set(
                by=request.user,
                space=space,
                periods=[
                    (row["weekday"], row["opens"], row["closes"])
                    for row in periods.cleaned_data
                    if row and not row.get("DELETE")
                ],
            )
            return space

        if form_write(form, save_space) is not None:
            messages.success(request, _("Space saved."))
            return redirect("premises:space_detail", pk=space.pk)
    if action == "exception" and exception_form.is_valid():
        data = exception_form.cleaned_data
        exception = form_write(
            exception_form,
            lambda: services.opening_exception_set(
                by=request.user,
                space=space,
                day=data["date"],
                opens=data["opens"],
                closes=data["closes"],
                reason=data["reason"],
            ),
        )
        if exception is not None:
            messages.success(request, _("Exceptional day saved."))
            return redirect("premises:space_edit", pk=space.pk)
    return render(
        request,
        "premises/space_edit.html",
        {"space": space, "form": form, "periods": periods, "exception_form": exception_form},
    )
