from django.urls import path

from apps.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_index, name="index"),
    path("jobs/<int:pk>/", views.import_job, name="job"),
    path("jobs/<int:pk>/status/", views.import_job_status, name="job_status"),
    path("jobs/<int:pk>/confirm/", views.import_job_confirm, name="job_confirm"),
    path("jobs/<int:pk>/again/", views.import_job_again, name="job_again"),
    path("<slug:kind>/", views.import_upload, name="upload"),
    path("<slug:kind>/template.xlsx", views.import_template, name="template"),
]
