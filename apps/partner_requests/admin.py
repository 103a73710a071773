from django.contrib import admin
from django.http import HttpRequest

from apps.partner_requests.models import PartnerAnswer, PartnerRequest


class PartnerAnswerInline(admin.TabularInline):
    model = PartnerAnswer
    fields = ("responder", "message", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    """For looking up: requests are posted, answered and closed on their pages (/partners-wanted/)."""

    list_display = ("title", "author", "unit", "status", "created_at")
    list_filter = ("status", "sectors_wanted")
    search_fields = ("title", "description")
    list_select_related = ("author", "unit")
    inlines = [PartnerAnswerInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PartnerRequest | None = None) -> bool:
        return False
