from django.contrib import admin

from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin
from apps.strategy.models import StrategyGoal


@admin.register(StrategyGoal)
class StrategyGoalAdmin(AnyLanguageAdmin):
    list_display = ("code", "title", "parent", "sector")
    list_filter = ("sector",)
    search_fields = search_paths(StrategyGoal, "code", "title")
    autocomplete_fields = ("parent",)
