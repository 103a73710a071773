from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.core.lists import filtered_page, list_download, render_list
from apps.core.options import option_response
from apps.core.policy import page_allows
from apps.core.spreadsheets import Format
from apps.sectors import exports, selectors
from apps.sectors.filters import PersonDirectoryFilter
from apps.sectors.forms import person_label
from apps.sectors.models import Person, Unit
from apps.sectors.permissions import can_see_contact_details, can_see_person_history

PEOPLE_PER_PAGE = 20


def person_directory(request: HttpRequest) -> HttpResponse:
    """Whom do I talk to? Search people by sector, unit, topic, language and free text."""
    listed = filtered_page(request, PersonDirectoryFilter, selectors.person_directory(), PEOPLE_PER_PAGE)
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


def person_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The whole filtered directory as CSV or Excel; e-mail and phone only for who sees them on the page."""
    return list_download(
        request,
        PersonDirectoryFilter,
        selectors.person_directory(),
        table=partial(exports.person_table, contact_details=can_see_contact_details(request.user)),
        name="persons",
        file_format=file_format,
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
    context = {"person": person, "history": selectors.person_history(person)}
    return render(request, "sectors/person_history.html", context)
