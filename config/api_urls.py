"""The REST API, version 1: each app contributes its routes; schema and docs are served by the app itself."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("v1/", include("apps.sectors.api.urls")),
    path("v1/", include("apps.strategy.api.urls")),
    path("v1/", include("apps.programmes.api.urls")),
    path("v1/", include("apps.initiatives.api.urls")),
    path("v1/", include("apps.premises.api.urls")),
    path("v1/", include("apps.indicators.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
