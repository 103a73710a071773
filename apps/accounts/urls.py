"""Pages of accounts (sign-in and sign-out are Django's own views, routed in config/urls.py)."""

from django.urls import path

from apps.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/roles/", views.unit_roles, name="unit_roles"),
    path("accounts/roles/<int:pk>/remove/", views.unit_role_remove, name="unit_role_remove"),
    path("account/tokens/", views.api_tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
