from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def strong_identification(request: HttpRequest) -> dict[str, str]:
    """The name of the partners' strong identification ("Suomi.fi"), where the city configured one; else ""."""
    return {"strong_identification": settings.SILTA_PARTNER_OIDC_NAME if settings.SILTA_PARTNER_OIDC_ISSUER else ""}
