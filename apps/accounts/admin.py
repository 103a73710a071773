from functools import partial

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.models import ApiToken, User
from apps.accounts.tokens import api_token_revoke
from apps.core.pages import message_write


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Silta"), {"fields": ("home_unit",)}))
    list_display = ("username", "first_name", "last_name", "home_unit", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "home_unit__sector")
    autocomplete_fields = ("home_unit",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see every token and revoke leaked ones; tokens are made by their users on their page only."""

    list_display = ("name", "user", "prefix", "created_at", "expires_on", "last_used_at", "revoked_at")
    list_filter = ("expires_on", "revoked_at")
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("user", "name", "prefix", "created_at", "expires_on", "last_used_at", "revoked_at")
    exclude = ("digest",)
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = [
            message_write(request, partial(api_token_revoke, by=request.user, token=token), refusal_as_message=True)
            for token in queryset
        ]
        count = sum(token is not None for token in revoked)
        self.message_user(
            request, ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count}
        )
