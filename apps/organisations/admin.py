from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from apps.core.translated import search_paths
from apps.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    """For looking up and the history: the register's pages (/organisations/) enter and change organisations, with
    their unit, through the services."""

    list_display = ("__str__", "kind", "level", "business_id", "parent")
    list_filter = ("kind", "level", "unit__sector")
    search_fields = (*search_paths(Organisation, "unit__name"), "business_id")
    list_select_related = ("unit", "parent__unit")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False
