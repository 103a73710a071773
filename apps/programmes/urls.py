from django.urls import path

from apps.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("export.csv", views.programme_export, name="export"),
    path("export.xlsx", views.programme_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("new/", views.programme_create, name="create"),
    path("options.json", views.programme_options, name="options"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/delete/", views.programme_delete, name="delete"),
    path("<int:pk>/restore/", views.programme_restore, name="restore"),
    path("<int:pk>/meetings/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("meetings/<int:pk>/restore/", views.meeting_restore, name="meeting_restore"),
    path("decisions/<int:pk>/restore/", views.decision_restore, name="decision_restore"),
    path("decisions/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
]
