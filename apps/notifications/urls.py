from django.urls import path

from apps.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.notification_read, name="read_all"),
    path("<int:pk>/read/", views.notification_read, name="read"),
    path("settings/", views.notification_settings, name="settings"),
    path("off/<str:signed>/", views.unsubscribe, name="unsubscribe"),
    path("answer/<str:signed>/", views.action, name="action"),
]
