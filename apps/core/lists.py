"""The one way a list page filters, pages and answers htmx: the initiative list, the person directory and the
space catalogue all read the same query string the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import FilterSet

from apps.core.forms import choices_fingerprint
from apps.core.spreadsheets import Format, Table, table_response


@dataclass
class ListPage:
    """One page of a filtered list: the filter (its form shows the values and errors), the page, and the query
    string without the page number (for the pagination links and the CSV link)."""

    filter: FilterSet
    page: Page
    query: str

    def context(self) -> dict[str, Any]:
        return {"filter": self.filter, "page": self.page, "query": self.query}


def keys_first(queryset: QuerySet, bottom: int, top: int, *, read: Callable[[list], list] | None = None) -> list:
    """Rows ``bottom``–``top`` of ``queryset`` whose rows cost something to compute (subqueries in the select list,
    such as an initiative's funding sums), read by their primary keys first: PostgreSQL computes a row's select list
    before ``OFFSET`` skips it, so page 100 computed the sums of the 2,475 rows before it. The keys come from the
    list's order alone (its index), then those rows with everything they show: one query more, whatever the page.
    ``read`` reads the rows of the keys, in their order, its own way (plain rows); by default ``queryset``'s."""
    keys = list(queryset.values_list("pk", flat=True)[bottom:top])
    if read is not None:
        return read(keys)
    found = {row.pk: row for row in queryset.filter(pk__in=keys)} if keys else {}
    return [found[key] for key in keys if key in found]


def filtered_page(
    request: HttpRequest,
    filterset_class: Callable[..., FilterSet],
    queryset: QuerySet,
    per_page: int,
    *,
    defaults: dict[str, str] | None = None,
    rows: Callable[[QuerySet], QuerySet] | None = None,
    paginator_class: type[Paginator] = Paginator,
    count: Callable[[QuerySet], int] | None = None,
) -> ListPage:
    """Filter ``queryset`` by the request's query and take the asked page of it.

    ``defaults`` are filter values that apply while the query does not name them (my bookings: upcoming);
    ``rows`` shapes the filtered queryset into the rows that are paged (a series as one row); ``paginator_class``
    ``apps.core.estimated_pages.EstimatedKeysFirstPaginator`` pages costly rows of a long list; ``count`` tells the
    paginator how many rows the filtered queryset makes, for a caller that reads that number anyway (and would
    otherwise count the rows twice).
    """
    data = request.GET.copy()
    for name, value in (defaults or {}).items():
        data.setdefault(name, value)
    search = filterset_class(data, queryset=queryset)
    # A bad filter value shows its message beside the field and no results, rather than misleading ones.
    filtered = search.qs if search.is_valid() else search.queryset.none()
    paginator = paginator_class(rows(filtered) if rows else filtered, per_page)
    if count is not None:
        paginator.count = count(filtered)  # instead of the cached property
    page = paginator.get_page(request.GET.get("page"))
    query = data.copy()
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
    downloads: tuple[str, str] | None = None,
) -> HttpResponse:
    """The whole page, or for htmx only the results; ``cache_filters`` keys the filter form's rendering by its
    choices (``filter_choices`` for ``core/_filter_form.html``), worth it for selects of hundreds of choices.

    ``downloads`` (the CSV and the Excel address) puts the download links beside the filters; an htmx answer
    carries them too, out of band, so they download what the results show after a filter changed.
    """
    context = {**listed.context(), **(context or {})}
    if downloads:
        context["csv_url"], context["xlsx_url"] = downloads
    if request.htmx:  # the results only
        response = render(request, results_template, context)
        if downloads:
            response.write(render_to_string("core/_list_downloads.html", {**context, "oob": True}, request))
        return response
    if cache_filters:
        context["filter_choices"] = choices_fingerprint(listed.filter.form)
    return render(request, template, context)


def export_refusal(rows: QuerySet) -> str | None:
    """Why ``rows`` are too many for one download (``SILTA_EXPORT_MAX_ROWS``), or None when they fit."""
    limit = settings.SILTA_EXPORT_MAX_ROWS
    if rows.count() <= limit:
        return None
    return _("The download would hold more than {limit} rows: narrow the search.").format(limit=limit)


def list_download(
    request: HttpRequest,
    filterset_class: type[FilterSet] | None,
    queryset: QuerySet,
    *,
    table: Callable[[Iterable[Model]], Table],
    name: str,
    file_format: Format,
    downloaded: Callable[[QuerySet], None] | None = None,
) -> HttpResponseBase:
    """The whole list (not one page), filtered by ``filterset_class`` if given, as ``<name>-<today>.csv`` or
    ``.xlsx``, read in chunks.

    A bad filter or more rows than ``SILTA_EXPORT_MAX_ROWS`` is a 400 that says why, not a misleading file.
    ``downloaded(rows)`` runs once the download is granted, before the file is written (the directory logs it).
    """
    rows = queryset
    if filterset_class is not None:
        search = filterset_class(request.GET, queryset=queryset)
        if not search.is_valid():
            return _plain_400("\n".join(f"{field}: {' '.join(errors)}" for field, errors in search.errors.items()))
        rows = search.qs
    refusal = export_refusal(rows)
    if refusal:
        return _plain_400(refusal)
    if downloaded is not None:
        downloaded(rows)
    return table_response(
        table(rows.iterator(chunk_size=500)), f"{name}-{timezone.localdate().isoformat()}", file_format
    )


def _plain_400(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
