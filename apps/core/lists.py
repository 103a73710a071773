"""The one way a list page filters, pages and answers htmx: the initiative list, the person directory and the
space catalogue all read the same query string the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_filters import FilterSet

from apps.core.forms import choices_fingerprint


@dataclass
class ListPage:
    """One page of a filtered list: the filter (its form shows the values and errors), the page, and the query
    string without the page number (for the pagination links and the CSV link)."""

    filter: FilterSet
    page: Page
    query: str

    def context(self) -> dict[str, Any]:
        return {"filter": self.filter, "page": self.page, "query": self.query}


def filtered_page(
    request: HttpRequest, filterset_class: type[FilterSet], queryset: QuerySet, per_page: int
) -> ListPage:
    """Filter ``queryset`` by the request's query and take the asked page of it."""
    search = filterset_class(request.GET, queryset=queryset)
    # A bad filter value shows its message beside the field and no results, rather than misleading ones.
    rows = search.qs if search.is_valid() else search.queryset.none()
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return ListPage(filter=search, page=page, query=query.urlencode())


def render_list(
    request: HttpRequest,
    listed: ListPage,
    *,
    template: str,
    results_template: str,
    context: dict[str, Any] | None = None,
    cache_filters: bool = True,
) -> HttpResponse:
    """The whole page, or for htmx only the results; ``cache_filters`` keys the filter form's rendering by its
    choices (``filter_choices`` for ``core/_filter_form.html``), worth it for selects of hundreds of choices."""
    context = {**listed.context(), **(context or {})}
    if request.htmx:  # the results only
        return render(request, results_template, context)
    if cache_filters:
        context["filter_choices"] = choices_fingerprint(listed.filter.form)
    return render(request, template, context)
