"""``?format=csv`` and ``?format=xlsx`` on the API's list endpoints: the same table as the page's download.

A list endpoint that mixes in :class:`DownloadableList` and says how its rows become a table answers
``?format=csv`` (or ``Accept: text/csv``) and ``?format=xlsx`` with the **whole filtered list**, not one page
(pagination does not apply to a file), up to ``SILTA_EXPORT_MAX_ROWS`` rows; a larger search is a 400 that says
so, never a silently cut file. Headers and labels are in the request's language (``Accept-Language``), values typed
as in :mod:`apps.core.spreadsheets`. Any refusal (a bad filter, no permission) stays JSON, as from every endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.exceptions import ApplicationError
from apps.core.lists import export_refusal
from apps.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Table, table_response


class DownloadRenderer(BaseRenderer):
    """Names a file format for content negotiation and the schema; the view writes the file itself."""

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        raise NotImplementedError("DownloadableList answers with the file; errors are rendered as JSON.")


class CsvRenderer(DownloadRenderer):
    media_type = CSV_CONTENT_TYPE.split(";")[0]
    format = "csv"
    charset = "utf-8"


class XlsxRenderer(DownloadRenderer):
    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"


DOWNLOAD_RENDERERS = (CsvRenderer, XlsxRenderer)


class TooManyRows(ApplicationError):
    """The search would download more rows than a file may hold."""


class DownloadableList:
    """A viewset mixin: its ``list`` also answers as a CSV or Excel file of ``download_table(rows)``."""

    download_name: str = "silta"

    def download_queryset(self) -> QuerySet:
        """The rows of a download, before the list's filters: the list's own unless a file shows more of them."""
        return self.get_queryset()  # type: ignore[attr-defined]

    def download_table(self, rows: Iterable[Model]) -> Table:
        raise NotImplementedError

    def downloaded(self, rows: QuerySet) -> None:
        """Runs once a download is granted, before the file is written (the person directory logs it)."""

    def get_renderers(self) -> list[BaseRenderer]:
        renderers = super().get_renderers()  # type: ignore[misc]
        # Every request to the list's route negotiates alike (a TRACE gets its 405, a POST its JSON answer).
        if "list" in getattr(self, "action_map", {}).values():
            renderers += [renderer() for renderer in DOWNLOAD_RENDERERS]
        return renderers

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """``?format=`` empty or repeated is a 400, as the schema's enum says: DRF would ignore an empty one and
        answer JSON, which hides a client's bug (an unknown format is DRF's 404)."""
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        values = request.query_params.getlist("format")
        if getattr(self, "action", None) == "list" and values and (len(values) > 1 or not values[0]):
            raise serializers.ValidationError({"format": [_("Give one format: csv or xlsx.")]})

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        renderer = getattr(request, "accepted_renderer", None)
        if not isinstance(renderer, DownloadRenderer):
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        rows: QuerySet = self.filter_queryset(self.download_queryset())  # type: ignore[attr-defined]
        refusal = export_refusal(rows)
        if refusal:
            raise TooManyRows(refusal)
        self.downloaded(rows)
        name = f"{self.download_name}-{timezone.localdate().isoformat()}"
        return table_response(self.download_table(rows.iterator(chunk_size=500)), name, renderer.format)

    def finalize_response(self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response) and isinstance(getattr(request, "accepted_renderer", None), DownloadRenderer):
            # A refusal of a file request is the API's JSON message, not a broken file.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
