from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.exceptions import ApplicationError
from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin
from apps.initiatives import services
from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme


@admin.register(Theme)
class ThemeAdmin(AnyLanguageAdmin):
    search_fields = search_paths(Theme, "name")
    prepopulated_fields = {"slug": ("name_fi",)}


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("unit",)


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0
    autocomplete_fields = ("source_unit",)


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0


def _status_action(status: Initiative.Status) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet], None]:
    """An admin action that moves the chosen initiatives to ``status`` through the service (its life cycle and
    policy); each refusal is a message naming the initiative."""

    def change_status(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Initiative]) -> None:
        for initiative in queryset.order_by("pk"):
            try:
                services.initiative_status_change(by=request.user, initiative=initiative, status=status)
            except ApplicationError as exc:
                modeladmin.message_user(request, f"{initiative}: {exc.message}", messages.ERROR)
            else:
                changed = _("Status changed to “%(status)s”.") % {"status": initiative.get_status_display()}
                modeladmin.message_user(request, f"{initiative}: {changed}", messages.SUCCESS)

    change_status.__name__ = f"change_status_to_{status.value}"
    description = lazy(lambda: _("Change status to “%(status)s”") % {"status": status.label}, str)()
    return admin.action(description=description)(change_status)


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "status", "collaboration_form", "start_date", "end_date", "programme")
    list_filter = ("status", "collaboration_form", "programme", "themes")
    search_fields = ("title", "description")
    list_select_related = ("programme",)
    autocomplete_fields = ("contact_persons",)
    filter_horizontal = ("strategy_goals", "themes")
    date_hierarchy = "start_date"
    inlines = [ParticipationInline, FundingInline, OutcomeInline]
    # The status follows the life cycle of services.STATUS_TRANSITIONS: it changes only through the actions.
    readonly_fields = ("status",)
    actions = [_status_action(status) for status in Initiative.Status]
