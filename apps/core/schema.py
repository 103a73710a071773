"""The OpenAPI schema names every answer the API gives, refusals included, so clients (and schemathesis) know them.

drf-spectacular documents the success status of each operation; the exception handler in :mod:`apps.core.api` adds
the refusals below, which are the same for every endpoint. ``@extend_schema(responses=...)`` on a view still wins.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

ERROR = inline_serializer(
    "ApiError",
    {"detail": serializers.CharField(help_text="The first message, for clients that show one line.")},
)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# What a list answers with ?format=csv|xlsx (apps.core.api_downloads): a file, and refusals still in JSON.
FILE_MEDIA_TYPES = (CSV_CONTENT_TYPE.split(";")[0], XLSX_CONTENT_TYPE)
FILE = {"type": "string", "format": "binary"}


class ApiAutoSchema(AutoSchema):
    def _get_format_parameters(self) -> list[dict[str, Any]]:
        """``?format=`` where it chooses something: a list's file formats (not on the writes of the list's route)."""
        if getattr(self.view, "action", None) != "list":
            return []
        parameters = super()._get_format_parameters()
        for parameter in parameters:
            parameter["description"] = (
                "`csv` or `xlsx`: the whole filtered list (not one page) as a file, as the list page downloads it, "
                "in the request's language, up to SILTA_EXPORT_MAX_ROWS rows (more: 400)."
            )
        return parameters

    def _get_response_for_code(self, serializer: Any, status_code: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        response = super()._get_response_for_code(serializer, status_code, *args, **kwargs)
        content = response.get("content", {})
        is_list = getattr(self.view, "action", None) == "list"
        for media_type in FILE_MEDIA_TYPES:
            if media_type in content:
                if is_list and status_code.startswith("2"):
                    content[media_type] = {"schema": FILE}
                else:
                    del content[media_type]
        return response

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        refusals = {"401": ERROR, "403": ERROR, "429": ERROR}  # any call may be throttled (Retry-After)
        has_query = self.method == "GET" and (self._is_list_view() or self.get_filter_backends())
        if self.method in WRITE_METHODS or has_query:
            refusals["400"] = ERROR  # bad data, an unknown filter value or a reference to nothing
        if "{" in self.path or self._is_list_view():
            refusals["404"] = ERROR  # no such object, or a page past the end
        if self.method in WRITE_METHODS:
            refusals["409"] = ERROR  # a clash with the current state (a slot taken, a concurrent change)
            refusals["413"] = ERROR  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE
        for code, serializer in refusals.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code, direction=direction)
        return responses


class IdListFieldExtension(OpenApiSerializerFieldExtension):
    """An id list says how many ids it takes (``maxItems``), so clients and fuzzers know the cap."""

    target_class = "apps.core.serializers.IdListField"

    def map_serializer_field(self, auto_schema: AutoSchema, direction: str) -> dict[str, Any]:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "maxItems": self.target.max_length}


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """The token scheme says where a token comes from and what a refused one gets (drf-spectacular's says neither)."""

    target_class = "apps.core.authentication.TokenAuthentication"
    match_subclasses = True
    priority = 1  # before drf-spectacular's own scheme for DRF's TokenAuthentication, which this subclasses
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal API token, sent as `Authorization: Token silta_…`. Each user creates, names and revokes "
                "their tokens on the page /account/tokens/; a token expires on the date chosen (at most a year "
                "ahead) and acts with its user's roles. A token that is unknown, revoked or expired gets 401 with "
                "`WWW-Authenticate: Token` and a JSON `detail`; repeated failures from one address get 429. "
                "Tokens made with `manage.py drf_create_token` are accepted too."
            ),
        }
