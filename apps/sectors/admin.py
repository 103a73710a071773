from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from apps.core.translated import search_paths
from apps.sectors.models import Person, Sector, Topic, Unit


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = search_paths(Sector, "name")
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Unit)
class UnitAdmin(TranslationAdmin):
    list_display = ("name", "sector", "external_code")
    list_filter = ("sector",)
    search_fields = search_paths(Unit, "name", "sector__name", "external_code")
    list_select_related = ("sector",)


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    search_fields = search_paths(Topic, "name")
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "unit", "title", "is_boundary_spanner")
    list_filter = ("is_boundary_spanner", "unit__sector")
    search_fields = ("first_name", "last_name", "title", "email")
    autocomplete_fields = ("unit", "user")
    filter_horizontal = ("topics",)
    list_select_related = ("unit",)
