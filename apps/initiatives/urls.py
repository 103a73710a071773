from django.urls import path

from apps.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("export.csv", views.initiative_export, name="export"),
    path("export.xlsx", views.initiative_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("export-for-import.xlsx", views.initiative_export_for_import, name="export_for_import"),
    path("new/", views.initiative_create, name="create"),
    path("quick/", views.initiative_quick_log, name="quick_log"),
    path("options.json", views.initiative_options, name="options"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/edit/", views.initiative_edit, name="edit"),
    path("<int:pk>/status/", views.initiative_status_change, name="status"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
]
