from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


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
