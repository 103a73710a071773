from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.core.forms import choices_fingerprint
from apps.sectors import selectors
from apps.sectors.filters import PersonDirectoryFilter
from apps.sectors.permissions import can_see_contact_details

PEOPLE_PER_PAGE = 20


def person_directory(request: HttpRequest) -> HttpResponse:
    """Whom do I talk to? Search people by sector, unit, topic, language and free text."""
    directory = PersonDirectoryFilter(request.GET, queryset=selectors.person_directory())
    # A bad filter value shows its message beside the field and no results, rather than misleading ones.
    people = directory.qs if directory.is_valid() else directory.queryset.none()
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": directory,
        "page": page,
        "query": query.urlencode(),
        "show_contact_details": can_see_contact_details(request.user),
    }
    if request.htmx:  # the results only
        return render(request, "sectors/_person_results.html", context)
    return render(
        request, "sectors/person_directory.html", {**context, "filter_choices": choices_fingerprint(directory.form)}
    )
