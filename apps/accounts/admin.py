from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Silta"), {"fields": ("home_unit", "language", "oidc_subject")}))
    list_display = ("username", "first_name", "last_name", "home_unit", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "home_unit__sector")
    autocomplete_fields = ("home_unit",)
    readonly_fields = ("oidc_subject",)
