from django.urls import path

from apps.sectors import views

app_name = "sectors"

urlpatterns = [
    path("", views.person_directory, name="person_directory"),
    path("export.csv", views.person_export, name="export"),
    path("export.xlsx", views.person_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("units/options.json", views.unit_options, name="unit_options"),
    path("people/options.json", views.person_options, name="person_options"),
    path("<int:pk>/history/", views.person_history, name="person_history"),
    path("people/<int:person_id>/contact/", views.person_contact, name="person_contact"),
    path("people/<int:person_id>/access-log/", views.person_access_log, name="person_access_log"),
    path("people/<int:person_id>/data.json", views.person_data_download, name="person_data_json"),
    path(
        "people/<int:person_id>/data.xlsx", views.person_data_download, {"file_format": "xlsx"}, name="person_data_xlsx"
    ),
    path("people/<int:person_id>/erase/", views.person_erase, name="person_erase"),
]
