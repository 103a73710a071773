from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin
from apps.programmes.models import Decision, Meeting, Programme


class ArchivedFilter(admin.SimpleListFilter):
    """Live rows first, as on the pages; the archived ones a click away."""

    title = _("archived")
    parameter_name = "archived"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("no", _("No")), ("yes", _("Yes"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("no", "yes"):
            return queryset.filter(archived_at__isnull=self.value() == "no")
        return queryset


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ("kind", "title", "held_on")
    show_change_link = True


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin, AnyLanguageAdmin):
    list_display = ("name", "lead", "start_date", "end_date", "yearly_budget", "archived_at")
    list_filter = (ArchivedFilter,)
    search_fields = search_paths(Programme, "name", "mandate")
    list_select_related = ("lead",)
    autocomplete_fields = ("lead",)
    filter_horizontal = ("sectors", "strategy_goals")
    inlines = [MeetingInline, DecisionInline]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "programme", "kind", "held_on", "archived_at")
    list_filter = (ArchivedFilter, "kind", "programme")
    search_fields = ("title",)
    autocomplete_fields = ("attendees",)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("decided_on", "programme", "level", "is_kedge", "archived_at")
    list_filter = (ArchivedFilter, "level", "is_kedge", "programme")
    search_fields = ("text",)
    list_select_related = ("programme",)
