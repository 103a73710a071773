from django.urls import path

from apps.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("export.csv", views.indicator_export, name="export"),
    path("export.xlsx", views.indicator_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("recompute/", views.recompute, name="recompute"),
    path("runs/<uuid:pk>/", views.run_status, name="run_status"),
]
