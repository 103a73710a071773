from django.urls import path

from apps.sectors import views

app_name = "sectors"

urlpatterns = [
    path("", views.person_directory, name="person_directory"),
    path("export.csv", views.person_export, name="export"),
    path("export.xlsx", views.person_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("people/<int:person_id>/contact/", views.person_contact, name="person_contact"),
    path("people/<int:person_id>/access-log/", views.person_access_log, name="person_access_log"),
]
