"""The REST API, version 1: each app contributes its routes; schema and docs are served by the app itself."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from apps.core.api import not_found

urlpatterns = [
    # Premises first: bookings are the API's busiest writes (the routers' prefixes differ, so order decides nothing).
    path("v1/", include("apps.premises.api.urls")),
    path("v1/", include("apps.sectors.api.urls")),
    path("v1/", include("apps.organisations.api.urls")),
    path("v1/", include("apps.strategy.api.urls")),
    path("v1/", include("apps.programmes.api.urls")),
    path("v1/", include("apps.initiatives.api.urls")),
    path("v1/", include("apps.partner_requests.api.urls")),
    path("v1/", include("apps.pulse.api.urls")),
    path("v1/", include("apps.indicators.api.urls")),
    # The public, read-only API (no credentials) and its own schema: apps/public/api.
    path("public/", include("apps.public.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the Content Security Policy needs no inline script.
    # Pages for people in a browser: someone not logged in is sent to the login and back, not shown a 403.
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"),
    path("redoc/", login_required(SpectacularRedocView.as_view(url_name="schema")), name="api-redoc"),
    # Anything else under /api/ (e.g. an id that is not a number) is a JSON 404, like the API's own.
    re_path(r"^", not_found),
]
