from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from apps.partners.models import Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    """For looking up and the history: members and the city decide on the partner pages, through the services
    (which grant and take away the partner role with the membership)."""

    list_display = ("user", "organisation", "status", "requested_at", "decided_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("user__email", "user__last_name", "organisation__unit__name")
    list_select_related = ("user", "organisation__unit", "decided_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Membership | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Membership | None = None) -> bool:
        return False
