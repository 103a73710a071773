"""The personal API tokens page, under /account/tokens/."""

from django.urls import path

from apps.accounts import token_views

app_name = "accounts"

urlpatterns = [
    path("", token_views.api_tokens, name="api_tokens"),
    path("<int:pk>/revoke/", token_views.api_token_revoke, name="api_token_revoke"),
]
