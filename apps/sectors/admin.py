from django.contrib import admin

from apps.sectors.models import Person, Sector, Topic, Unit


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "sector", "external_code")
    list_filter = ("sector",)
    search_fields = ("name", "sector__name", "external_code")
    list_select_related = ("sector",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "unit", "title", "is_boundary_spanner")
    list_filter = ("is_boundary_spanner", "unit__sector")
    search_fields = ("first_name", "last_name", "title", "email")
    autocomplete_fields = ("unit", "user")
    filter_horizontal = ("topics",)
    list_select_related = ("unit",)
