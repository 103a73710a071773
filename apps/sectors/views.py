from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from apps.core.lists import filtered_page, list_download, render_list
from apps.core.options import option_response
from apps.core.pages import message_write
from apps.core.policy import page_allows
from apps.core.spreadsheets import Format
from apps.sectors import exports, selectors, services
from apps.sectors.filters import PersonDirectoryFilter
from apps.sectors.forms import person_label
from apps.sectors.models import Person, PersonalDataAccess, Unit
from apps.sectors.permissions import (
    can_erase_person,
    can_export_person_data,
    can_see_access_log,
    can_see_contact_details,
    can_see_person_history,
)

PEOPLE_PER_PAGE = 20
ACCESSES_PER_PAGE = 50


def person_directory(request: HttpRequest) -> HttpResponse:
    """Whom do I talk to? Search people by sector, unit, topic, language and free text.

    The rows show no e-mail or phone: each person's contact details open on request (``person_contact``), logged.
    """
    people = selectors.person_directory(user=request.user)
    listed = filtered_page(request, PersonDirectoryFilter, people, PEOPLE_PER_PAGE)
    selectors.attach_paths(person.unit for person in listed.page)  # where each unit sits, one query for the page
    return render_list(
        request,
        listed,
        template="sectors/person_directory.html",
        results_template="sectors/_person_results.html",
        context={
            "show_contact_details": can_see_contact_details(request.user),
            "show_history": can_see_person_history(request.user),
        },
        downloads=(reverse("sectors:export"), reverse("sectors:export_xlsx")),
    )


@require_GET
@never_cache  # every opening is logged, so none is served from a cache
def person_contact(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person's e-mail and phone, logged: for htmx the details in the directory's row, otherwise a page."""
    person = message_write(
        request,
        lambda: services.person_contact_details_open(
            by=request.user, person_id=person_id, channel=PersonalDataAccess.Channel.PAGE
        ),
    )
    template = "sectors/_contact_details.html" if request.htmx else "sectors/person_contact.html"
    return render(request, template, {"person": person})


def person_access_log(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who saw this person's personal data, and when and how: for administrators and the person themself."""
    person = get_object_or_404(Person.objects.select_related("unit"), pk=person_id)
    page_allows(can_see_access_log(request.user, person))
    page = Paginator(selectors.person_access_log(person), ACCESSES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "page": page,
        "query": "",
        "retention_days": settings.SILTA_ACCESS_LOG_RETENTION_DAYS,
        **_person_data_actions(request, person),
    }
    return render(request, "sectors/person_access_log.html", context)


def _person_data_actions(request: HttpRequest, person: Person) -> dict[str, bool]:
    """Which of the person's data buttons the page shows (the services decide again)."""
    return {
        "can_export_data": can_export_person_data(request.user, person),
        "can_erase": can_erase_person(request.user, person) and not person.is_erased,
        "can_see_log": can_see_access_log(request.user, person),
    }


@require_GET
@never_cache  # every download is logged, so none is served from a cache
def person_data_download(
    request: HttpRequest, person_id: int, file_format: exports.PersonDataFormat = "json"
) -> HttpResponseBase:
    """Everything Silta holds about a person, as JSON or an Excel workbook: for administrators and themself."""
    person = get_object_or_404(Person, pk=person_id)
    sections = message_write(
        request,
        lambda: services.person_data_export(by=request.user, person=person, channel=PersonalDataAccess.Channel.PAGE),
    )
    return exports.person_data_response(person, sections or [], file_format)


@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    """Erase a person, after a page that says what it does and what must be handed over first: administrators."""
    person = get_object_or_404(Person.objects.select_related("unit__sector", "user"), pk=person_id)
    page_allows(can_erase_person(request.user, person), _("Only administrators erase persons."))
    if request.method == "POST":
        erasure = message_write(request, lambda: services.person_erase(by=request.user, person=person))
        if erasure is None:  # refused: the page again, with the reason above it
            return redirect("sectors:person_erase", person_id=person.pk)
        messages.success(
            request, _("The person was erased. They are now shown as %(pseudonym)s.") % {"pseudonym": erasure}
        )
        return redirect("sectors:person_history", pk=person.pk)
    refusals = [] if person.is_erased else selectors.person_erasure_refusals(person)
    return render(request, "sectors/person_erase.html", {"person": person, "refusals": refusals})


def _log_download(request: HttpRequest, contact_details: bool, rows: QuerySet[Person]) -> None:
    if contact_details:  # names and titles are the list page's, which is not logged either
        services.personal_data_access_log_many(
            by=request.user,
            persons=rows,
            kind=PersonalDataAccess.Kind.DIRECTORY_DOWNLOAD,
            channel=PersonalDataAccess.Channel.PAGE,
        )


def person_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The whole filtered directory as CSV or Excel; e-mail and phone for who may open them, each person logged."""
    contact_details = can_see_contact_details(request.user)
    return list_download(
        request,
        PersonDirectoryFilter,
        selectors.person_directory(user=request.user),
        table=partial(exports.person_table, contact_details=contact_details),
        name="persons",
        file_format=file_format,
        downloaded=partial(_log_download, request, contact_details),
    )


@require_GET
def unit_options(request: HttpRequest) -> JsonResponse:
    """Units whose name, or whose sector's name, in any language, contains the typed words (autocomplete)."""
    return option_response(
        request,
        Unit.objects.select_related("sector").order_by("sector__name", "name"),
        fields=("name", "sector__name"),
        label=lambda unit: unit.path_label,
        group=lambda unit: unit.sector.name,
        prepare=selectors.attach_paths,
    )


@require_GET
def person_options(request: HttpRequest) -> JsonResponse:
    """People whose name or unit contains the typed words (autocomplete of contact persons)."""
    return option_response(
        request,
        Person.objects.select_related("unit").order_by("last_name", "first_name", "pk"),
        fields=("first_name", "last_name", "unit__name"),
        label=person_label,
    )


def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's change history (people are edited in the admin; this shows it to those who work with them)."""
    person = get_object_or_404(Person.objects.select_related("unit__sector"), pk=pk)
    page_allows(can_see_person_history(request.user))
    context = {
        "person": person,
        "history": selectors.person_history(person),
        **_person_data_actions(request, person),
    }
    return render(request, "sectors/person_history.html", context)
