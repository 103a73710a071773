"""One DRF exception handler for the whole API: every refusal is JSON with a message, never a 500."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.exceptions import ApplicationError, Invalid


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Invalid):  # field by field, in the shape of DRF's own validation errors
        exc = DjangoValidationError(exc.errors)
    elif isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **exc.extra}, status=exc.status_code)
    if isinstance(exc, RequestDataTooBig):  # DATA_UPLOAD_MAX_MEMORY_SIZE, raised when DRF reads the body
        message = _("The request is too large: send at most {limit} bytes.")
        return Response({"detail": message.format(limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}, status=413)
    if isinstance(exc, SuspiciousOperation):  # e.g. more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
        exc = exceptions.ParseError()
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        response.data.setdefault("detail", str(_first_message(response.data)))
    return response


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request: Request) -> Response:
    """The answer for paths under /api/ that name no endpoint: JSON, as from every endpoint."""
    raise exceptions.NotFound()


def _first_message(data: Any) -> str:
    """The first human message in a nested DRF error structure, for clients that only show one line."""
    if isinstance(data, dict):
        for key, value in data.items():
            message = _first_message(value)
            return message if key in ("non_field_errors", "detail") else f"{key}: {message}"
    if isinstance(data, list) and data:
        return _first_message(data[0])
    return str(data)
