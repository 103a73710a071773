from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.accounts.models import ApiToken, LoginGroupRole, RoleAssignment, User
from apps.accounts.roles import ScopeKind
from apps.accounts.services import role_grant, role_revoke
from apps.accounts.tokens import api_token_revoke
from apps.core.exceptions import ApplicationError
from apps.core.pages import message_write

SCOPE_FIELDS = tuple(kind.value for kind in ScopeKind)


class HandRoleForm(forms.ModelForm):
    """A new row grants a role; a held one is shown as it is (remove it and grant another to change it)."""

    class Meta:
        model = RoleAssignment
        fields = ("role", *SCOPE_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for field in self.fields.values():
                field.disabled = True

    def validate_unique(self) -> None:
        """The service says whether the role is held already; the form holds no rules."""


class HandRoleInline(admin.TabularInline):
    """Roles granted by hand in Silta: the login never changes these."""

    model = RoleAssignment
    fk_name = "user"
    form = HandRoleForm
    extra = 1
    verbose_name = _("role granted by hand")
    verbose_name_plural = _("roles granted by hand")
    readonly_fields = ("granted_by", "granted_at")
    autocomplete_fields = ("unit", "venue", "programme", "sector")

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        return super().get_queryset(request).filter(source=RoleAssignment.Source.HAND)


class LoginRoleInline(admin.TabularInline):
    """Roles that come from the city's login (group claims); the next sign-in sets them again."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    verbose_name = _("role from the login")
    verbose_name_plural = _("roles from the login")
    fields = readonly_fields = ("role", *SCOPE_FIELDS, "granted_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        return super().get_queryset(request).filter(source=RoleAssignment.Source.LOGIN)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Silta"), {"fields": ("home_unit", "language", "oidc_subject")}))
    list_display = ("username", "first_name", "last_name", "home_unit", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "home_unit__sector")
    autocomplete_fields = ("home_unit",)
    readonly_fields = ("oidc_subject",)
    inlines = (HandRoleInline, LoginRoleInline)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset: Any, change: bool) -> None:
        """Role rows go through ``role_grant`` / ``role_revoke``: the policy decides, the history says who."""
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills deleted_objects and new_objects, saves nothing
        try:
            for assignment in formset.deleted_objects:
                role_revoke(by=request.user, assignment=assignment)
            for assignment in formset.new_objects:
                scope = next((getattr(assignment, kind) for kind in SCOPE_FIELDS if getattr(assignment, kind)), None)
                role_grant(by=request.user, user=form.instance, role=assignment.role, scope=scope)
        except ApplicationError as refusal:
            messages.error(request, refusal.message)
        return None


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    """Every held role, where it comes from and its history; grants and removals are made on the user."""

    list_display = ("user", "role", "unit", "venue", "programme", "sector", "source", "granted_by", "granted_at")
    list_filter = ("source", "role")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "unit", "venue", "programme", "sector", "granted_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LoginGroupRole)
class LoginGroupRoleAdmin(SimpleHistoryAdmin):
    """Which directory group of the city's login gives which role where; a member's next sign-in follows it."""

    list_display = ("group", "role", "unit", "venue", "programme", "sector")
    list_filter = ("role",)
    search_fields = ("group",)
    list_select_related = ("unit", "venue", "programme", "sector")
    fields = ("group", "role", *SCOPE_FIELDS)
    autocomplete_fields = SCOPE_FIELDS


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
