from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.translated import search_paths
from apps.core.translated_admin import AnyLanguageAdmin
from apps.sectors import permissions, selectors, services
from apps.sectors.models import Person, PersonalDataAccess, PersonErasure, Sector, Topic, Unit


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
    list_display = ("last_name", "first_name", "unit", "title", "is_boundary_spanner", "listing_consent")
    list_filter = ("is_boundary_spanner", "listing_consent", "unit__sector__kind", "unit__sector")
    search_fields = ("first_name", "last_name", "title", "email")
    autocomplete_fields = ("unit", "user")
    filter_horizontal = ("topics",)
    list_select_related = ("unit",)
    readonly_fields = ("access_log", "data_actions")
    fieldsets = (
        (None, {"fields": ("first_name", "last_name", "user", "unit", "title", "email", "phone")}),
        (_("In the directory"), {"fields": ("languages", "topics", "is_boundary_spanner")}),
        (_("Consent to be listed"), {"fields": ("listing_consent", "listing_consent_since")}),
        (_("Personal data"), {"fields": ("access_log", "data_actions")}),
    )

    @admin.display(description=_("access log"))
    def access_log(self, person: Person) -> str:
        if person.pk is None:
            return "–"
        url = reverse("sectors:person_access_log", args=[person.pk])
        return format_html('<a href="{}">{}</a>', url, _("Who saw this person's personal data"))

    @admin.display(description=_("their data"))
    def data_actions(self, person: Person) -> str:
        if person.pk is None:
            return "–"
        if person.is_erased:
            return str(_("Erased"))
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("sectors:person_data_json", args=[person.pk]),
            _("Download all their data (JSON)"),
            reverse("sectors:person_data_xlsx", args=[person.pk]),
            _("Download all their data (Excel)"),
            reverse("sectors:person_erase", args=[person.pk]),
            _("Erase this person…"),
        )

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> HttpResponse:
        # The form shows the e-mail and phone: an administrator's look is in the person's access log too.
        person = self.get_object(request, object_id)
        if request.method == "GET" and person is not None and self.has_view_or_change_permission(request, person):
            services.personal_data_access_log(
                by=request.user,
                person=person,
                kind=PersonalDataAccess.Kind.CONTACT_DETAILS,
                channel=PersonalDataAccess.Channel.ADMIN,
            )
        return super().change_view(request, object_id, *args, **kwargs)


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """The access log, read only: nobody adds, changes or removes a row by hand (retention removes old ones)."""

    list_display = ("at", "person", "viewer", "kind", "channel", "persons")
    list_filter = ("kind", "channel")
    date_hierarchy = "at"
    search_fields = ("person__first_name", "person__last_name", "viewer__username", "event")
    list_select_related = ("person", "viewer")
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PersonalDataAccess | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PersonalDataAccess | None = None) -> bool:
        return False


@admin.register(PersonErasure)
class PersonErasureAdmin(admin.ModelAdmin):
    """The erasure log, read only: an erasure is made on the person's erase page (``services.person_erase``)."""

    list_display = ("at", "__str__", "erased_by", "rows")
    date_hierarchy = "at"
    list_select_related = ("erased_by",)
    readonly_fields = ("person", "erased_by", "at", "pseudonym", "rows", "counts")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PersonErasure | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PersonErasure | None = None) -> bool:
        return False
