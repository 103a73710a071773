"""The app's URLs plus a view that fails, to see what the error page shows (tests only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("connection to db-internal.example failed: password hunter2")


urlpatterns = [path("fail/", fail), path("api/v1/fail/", fail), *app_urlpatterns]
