from django.urls import path

from apps.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("trends/", views.trends, name="trends"),
    path("network/", views.network, name="network"),
    path("network/units/", views.unit_network, name="unit_network"),
    path("network/units/<int:unit_id>/initiatives/", views.unit_initiatives, name="unit_initiatives"),
    path("network/people/", views.person_network, name="person_network"),
    path("network/people/<int:person_id>/initiatives/", views.person_initiatives, name="person_initiatives"),
    path("premises/", views.premises, name="premises"),
    path("periods/", views.period_options, name="period_options"),
    path("targets/", views.targets, name="targets"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("indicators/<slug:code>/", views.drilldown, name="drilldown"),
    path("reports/", views.board_report_request, name="board_report_request"),
    path("reports/<int:pk>/", views.board_report, name="board_report"),
    path("reports/<int:pk>/status/", views.board_report_status, name="board_report_status"),
    path("reports/<int:pk>/download/", views.board_report_download, name="board_report_download"),
]
