"""The admin lists rounds and invitations only: answers are never shown one by one, not even to administrators."""

from django.contrib import admin

from apps.pulse.models import PulseInvitation, PulseRound


class InvitationInline(admin.TabularInline):
    model = PulseInvitation
    extra = 0
    fields = ("person", "sent_at", "reminded_at", "answered")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(PulseRound)
class PulseRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "owner", "period_start", "period_end", "closes_on", "state")
    list_filter = ("state",)
    search_fields = ("title",)
    readonly_fields = ("state", "opened_at", "closed_at")
    autocomplete_fields = ("owner", "programme", "initiatives")
    inlines = [InvitationInline]
