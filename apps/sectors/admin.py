from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin
from apps.sectors import permissions, selectors, services
from apps.sectors.models import Person, Sector, Topic, Unit


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin, AnyLanguageAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = search_paths(Sector, "name")
    prepopulated_fields = {"slug": ("name_fi",)}


class UnitChangeList(ChangeList):
    """The page's units with their paths, read in one query for the whole page."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        self.result_list = selectors.attach_paths(self.result_list)


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin, AnyLanguageAdmin):
    list_display = ("path_label", "sector", "external_code")
    list_filter = ("sector",)
    search_fields = search_paths(Unit, "name", "sector__name", "external_code")
    list_select_related = ("sector",)
    autocomplete_fields = ("parent",)
    ordering = ("sector__name", "name")

    @admin.display(description=Unit._meta.verbose_name)
    def path_label(self, unit: Unit) -> str:
        return unit.path_label

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return UnitChangeList

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and permissions.can_manage_units(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Unit | None = None) -> bool:
        return super().has_change_permission(request, obj) and permissions.can_manage_units(request.user)

    def save_model(self, request: HttpRequest, obj: Unit, form: ModelForm, change: bool) -> None:
        # The form has put its values on ``obj`` and run the model's checks; the service writes, under the tree's lock.
        services.unit_save(by=request.user, unit=obj)


@admin.register(Topic)
class TopicAdmin(AnyLanguageAdmin):
    search_fields = search_paths(Topic, "name")
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "unit", "title", "is_boundary_spanner")
    list_filter = ("is_boundary_spanner", "unit__sector")
    search_fields = ("first_name", "last_name", "title", "email")
    autocomplete_fields = ("unit", "user")
    filter_horizontal = ("topics",)
    list_select_related = ("unit",)
