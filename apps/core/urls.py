"""The pages of the core app: the health check, the accessibility statement and the privacy notice (no namespace:
the names ``healthz``, ``accessibility`` and ``privacy`` are used across every app's templates; the home page is
apps/home's)."""

from django.urls import path

from apps.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_notice, name="privacy"),
]
