from django.urls import path

from apps.sectors import views

app_name = "sectors"

urlpatterns = [
    path("", views.person_directory, name="person_directory"),
]
