from django.urls import path

from apps.accounts import role_views

app_name = "accounts"

urlpatterns = [
    path("", role_views.unit_roles, name="unit_roles"),
    path("<int:pk>/remove/", role_views.unit_role_remove, name="unit_role_remove"),
]
