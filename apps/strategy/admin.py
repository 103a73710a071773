from django.contrib import admin

from apps.strategy.models import StrategyGoal


@admin.register(StrategyGoal)
class StrategyGoalAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "parent", "sector")
    list_filter = ("sector",)
    search_fields = ("code", "title")
    autocomplete_fields = ("parent",)
