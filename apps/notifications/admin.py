from django.contrib import admin
from django.http import HttpRequest

from apps.notifications.models import ActionToken, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: who was told what, when, and whether they read it."""

    list_display = ("kind", "recipient", "title", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("key", "title", "recipient__username")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient", "email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False


@admin.register(ActionToken)
class ActionTokenAdmin(admin.ModelAdmin):
    """Read-only: the one-click answers sent, and which were used."""

    list_display = ("action", "user", "subject_type", "subject_id", "created_at", "expires_at", "used_at")
    list_filter = ("action",)
    raw_id_fields = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ActionToken | None = None) -> bool:
        return False
