"""The public API's routes, mounted at /api/public/ (config/api_urls.py), with a schema of their own."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework import permissions
from rest_framework.routers import SimpleRouter

from apps.public.api import views

router = SimpleRouter()
router.register("initiatives", views.PublicInitiativeViewSet, basename="public-initiative")
router.register("indicator-values", views.PublicIndicatorValueViewSet, basename="public-indicator-value")

# The public endpoints at their full path, for the schema that covers only them.
PUBLIC_API = [path("api/public/v1/", include(router.urls))]

urlpatterns = [
    path("v1/", include(router.urls)),
    path(
        "schema/",
        SpectacularAPIView.as_view(
            urlconf=PUBLIC_API,
            authentication_classes=[],
            permission_classes=[permissions.AllowAny],
            custom_settings={"TITLE": "Silta public API"},
        ),
        name="public-schema",
    ),
]
