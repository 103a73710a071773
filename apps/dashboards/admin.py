from django.contrib import admin

from apps.dashboards.models import BoardReport


@admin.register(BoardReport)
class BoardReportAdmin(admin.ModelAdmin):
    """Read-only: reports are asked for on the dashboards and made by the worker; here an administrator sees which
    failed and why (and may delete old ones)."""

    list_display = (
        "scope",
        "scope_id",
        "period_kind",
        "period_start",
        "language",
        "status",
        "requested_by",
        "created_at",
    )
    list_filter = ("status", "scope", "period_kind", "language")
    readonly_fields = [field.name for field in BoardReport._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
