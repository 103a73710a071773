from django.contrib import admin

from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin
from apps.programmes.models import Decision, Meeting, Programme


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ("kind", "title", "held_on")
    show_change_link = True


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(AnyLanguageAdmin):
    list_display = ("name", "lead", "start_date", "end_date", "yearly_budget")
    search_fields = search_paths(Programme, "name", "mandate")
    list_select_related = ("lead",)
    autocomplete_fields = ("lead",)
    filter_horizontal = ("sectors", "strategy_goals")
    inlines = [MeetingInline, DecisionInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "kind", "held_on")
    list_filter = ("kind", "programme")
    search_fields = ("title",)
    autocomplete_fields = ("attendees",)
