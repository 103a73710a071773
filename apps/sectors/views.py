from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from apps.core.lists import filtered_page, render_list
from apps.sectors import selectors
from apps.sectors.filters import PersonDirectoryFilter
from apps.sectors.permissions import can_see_contact_details

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
        context={"show_contact_details": can_see_contact_details(request.user)},
    )
