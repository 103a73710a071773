"""The home page (no namespace: ``home`` is used across every app's templates)."""

from django.urls import path

from apps.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
