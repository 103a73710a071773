"""The public pages and open data: no login, no session, the same answer for everyone, so a CDN may keep them.

The language is in the address (``/open/fi/…``), not negotiated from a cookie or a header, so one cached answer
fits every visitor of that address. The views render without the request's context processors and never read
the user or the session (``apps.core.middleware.LoginRequiredMiddleware`` lets them through first): no
``Set-Cookie``, no ``Vary: Cookie``, ``Cache-Control: public, max-age=SILTA_PUBLIC_CACHE_SECONDS``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_page

from apps.core.spreadsheets import csv_download
from apps.core.throttling import AddressRateThrottle
from apps.public import open_data, selectors

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
PAGE_SIZE = 25


class PublicRateThrottle(AddressRateThrottle):
    """The public pages, open data and public API, per address (``SILTA_PUBLIC_THROTTLE``)."""

    scope = "public"


def public_cache(response: HttpResponseBase) -> HttpResponseBase:
    if response.has_header("Cache-Control"):  # the server cache's own max-age: said once, in one order
        del response["Cache-Control"]
    patch_cache_control(response, public=True, max_age=settings.SILTA_PUBLIC_CACHE_SECONDS)
    return response


def _page(request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    """Rendered without the request: no context processor reads the user, the session or the CSRF token."""
    language = translation.get_language()
    prefix = f"/{language}/"
    alternates = [
        (code, translation.get_language_info(code)["name_local"], request.path.replace(prefix, f"/{code}/", 1))
        for code in LANGUAGES
    ]
    return HttpResponse(
        render_to_string(template, {**context, "language": language, "alternates": alternates}), status=status
    )


def _too_many(request: HttpRequest, wait: float) -> HttpResponse:
    minutes = max(1, math.ceil(wait / 60))
    message = ngettext(
        "Too many requests from your address. Please try again in %(minutes)d minute.",
        "Too many requests from your address. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    response = _page(request, "public/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(math.ceil(wait))
    add_never_cache_headers(response)
    return response


def public_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Open to everyone, in the address' language, throttled per address, cacheable by anyone, and kept in the
    server's cache for as long as a shared cache may keep it (``SILTA_PUBLIC_CACHE_SECONDS``): a page everybody
    sees alike is computed once per period and process, not once per visitor (downloads stream, uncached)."""
    cached = cache_page(settings.SILTA_PUBLIC_CACHE_SECONDS, key_prefix="silta-public")(view)

    @login_not_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, language: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if language not in LANGUAGES:
            raise Http404
        translation.activate(language)
        throttle = PublicRateThrottle()
        if not throttle.allow_request(request, None):
            return _too_many(request, throttle.wait())
        return public_cache(cached(request, *args, **kwargs))

    return wrapped


@login_not_required
def language_choice(request: HttpRequest) -> HttpResponseRedirect:
    """``/open/``: to the pages in the visitor's language (negotiated: this answer varies, the pages do not)."""
    language = translation.get_language_from_request(request)
    response = HttpResponseRedirect(reverse("public:index", args=[language if language in LANGUAGES else "fi"]))
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    add_never_cache_headers(response)
    return response


@public_view
def index(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "public/index.html",
        {
            "initiative_count": selectors.public_initiatives().count(),
            "licence": settings.SILTA_OPEN_DATA_LICENCE,
            "licence_url": settings.SILTA_OPEN_DATA_LICENCE_URL,
        },
    )


@public_view
def initiative_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.public_initiatives(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "initiatives": list(page.object_list), "section": "initiatives"}
    return _page(request, "public/initiative_list.html", context)


@public_view
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(selectors.public_initiatives(), pk=pk)
    context = {"item": open_data.initiative_row(initiative), "section": "initiatives"}
    return _page(request, "public/initiative_detail.html", context)


@public_view
def indicators(request: HttpRequest) -> HttpResponse:
    return _page(request, "public/indicators.html", {"page": selectors.city_indicators(), "section": "indicators"})


@public_view
def premises_list(request: HttpRequest) -> HttpResponse:
    spaces = [open_data.space_row(space) for space in selectors.opened_spaces()]
    return _page(request, "public/premises_list.html", {"spaces": spaces, "section": "premises"})


@public_view
def premises_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_object_or_404(selectors.opened_spaces(), pk=pk)
    context = {
        "space": open_data.space_row(space),
        "week": selectors.free_week(space, today=timezone.localdate()),
        "section": "premises",
    }
    return _page(request, "public/premises_detail.html", context)


def _download(
    name: str, file_format: str, rows: Iterable[dict], table: Callable[[Iterable[dict]], Iterable[list]]
) -> HttpResponseBase:
    """Open data as ``name.json`` (the rows under the licence) or ``name.csv`` (streamed through ``table``)."""
    if file_format == "json":
        data = open_data.with_licence(list(rows))
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    return csv_download(f"{name}.csv", table(rows))


@public_view
def initiatives_data(request: HttpRequest, file_format: str) -> HttpResponseBase:
    rows = (open_data.initiative_row(initiative) for initiative in selectors.public_initiatives().iterator(500))
    return _download("initiatives", file_format, rows, open_data.initiative_table)


@public_view
def spaces_data(request: HttpRequest, file_format: str) -> HttpResponseBase:
    rows = (open_data.space_row(space) for space in selectors.opened_spaces())
    return _download("spaces", file_format, rows, open_data.space_table)


@public_view
def indicator_values_data(request: HttpRequest, file_format: str) -> HttpResponseBase:
    rows = selectors.value_rows(selectors.open_indicator_values().iterator(2000))
    return _download("indicator-values", file_format, rows, open_data.indicator_value_table)
