from __future__ import annotations

from django.contrib import messages
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.estimated_pages import EstimatedCountPaginator
from apps.core.lists import export_refusal, filtered_page, keys_first, list_download, render_list
from apps.core.options import option_response
from apps.core.pages import form_write, message_write
from apps.core.policy import page_allows
from apps.core.spreadsheets import XLSX_CONTENT_TYPE, Format
from apps.core.tabular.template import template_file
from apps.initiatives import permissions, progress, selectors, services
from apps.initiatives.exports import initiative_table
from apps.initiatives.filters import InitiativeFilter
from apps.initiatives.forms import InitiativeForm, QuickLogForm, StatusChangeForm, initiative_rowsets
from apps.initiatives.models import Initiative
from apps.initiatives.resources import InitiativeImport
from apps.sectors.models import Unit
from apps.strategy.models import StrategyGoal

INITIATIVES_PER_PAGE = 25


class InitiativeRowsPaginator(EstimatedCountPaginator):
    """Pages of the initiative list: the keys in the list's order (its index), then the page's rows as plain values
    (``selectors.initiative_list_rows``); a bounded count."""

    def rows(self, bottom: int, top: int) -> list:
        return keys_first(self.object_list, bottom, top, read=selectors.initiative_list_rows)


def initiative_list(request: HttpRequest) -> HttpResponse:
    """All initiatives, filtered, sorted and paged; htmx swaps only the results."""
    listed = filtered_page(
        request,
        InitiativeFilter,
        Initiative.objects.all(),
        INITIATIVES_PER_PAGE,
        paginator_class=InitiativeRowsPaginator,
    )
    context = {
        "editable_ids": permissions.editable_initiative_ids(request.user, list(listed.page)),
        "can_create": permissions.can_create_initiative(request.user),
        "reimport_url": reverse("initiatives:export_for_import"),
    }
    return render_list(
        request,
        listed,
        template="initiatives/initiative_list.html",
        results_template="initiatives/_initiative_results.html",
        context=context,
        downloads=(reverse("initiatives:export"), reverse("initiatives:export_xlsx")),
    )


def initiative_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The whole filtered list as CSV (streamed) or Excel (written to a temporary file), read in chunks."""
    return list_download(
        request,
        InitiativeFilter,
        selectors.initiative_list(),
        table=initiative_table,
        name="initiatives",
        file_format=file_format,
    )


def initiative_export_for_import(request: HttpRequest) -> HttpResponseBase:
    """The filtered list in the import's columns, with the explanations sheet: edit it and import it back (an
    unedited file imports with no changes)."""
    search = InitiativeFilter(request.GET, queryset=selectors.initiative_list())
    if not search.is_valid():
        return HttpResponseBadRequest(" ".join(str(error) for errors in search.errors.values() for error in errors))
    refusal = export_refusal(search.qs)
    if refusal:
        return HttpResponseBadRequest(refusal, content_type="text/plain; charset=utf-8")
    rows = InitiativeImport.export_rows(InitiativeImport.export_queryset(search.qs).iterator(chunk_size=500))
    return FileResponse(
        template_file(InitiativeImport, rows),
        as_attachment=True,
        filename=f"initiatives-for-import-{timezone.localdate().isoformat()}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(selectors.initiative_detail(), pk=pk)
    can_edit = permissions.can_edit_initiative(request.user, initiative)
    context = {
        "initiative": initiative,
        "can_edit": can_edit,
        "status_form": StatusChangeForm(initiative=initiative) if can_edit else None,
        "history": selectors.initiative_history(initiative),
        "gaps": selectors.initiative_gaps(initiative) if can_edit else [],
    }
    return render(request, "initiatives/initiative_detail.html", context)


def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A strategy goal: its initiatives and its progress rolled up from their outcomes. The page lives here, not in
    the strategy app, because it reads the initiatives (which build on strategy)."""
    goal = get_object_or_404(StrategyGoal.objects.select_related("parent", "sector"), pk=pk)
    rolled_up = progress.goal_progress(goal)
    context = {
        "goal": goal,
        "progress": rolled_up,
        "initiative_rows": rolled_up.beside(selectors.goal_initiatives(goal)),
    }
    return render(request, "initiatives/goal_detail.html", context)


def initiative_create(request: HttpRequest) -> HttpResponse:
    page_allows(permissions.can_create_initiative(request.user))
    return _initiative_form(request, Initiative())


def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    page_allows(permissions.can_edit_initiative(request.user, initiative))
    return _initiative_form(request, initiative)


def _initiative_form(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Create or edit an initiative with its rows; on any error everything typed comes back with the messages."""
    data = request.POST if request.method == "POST" else None
    add_row = request.POST.get("add_row") if data is not None else None
    form = InitiativeForm(data, instance=initiative)
    rowsets = initiative_rowsets(initiative, data, add_row=add_row, home_unit=request.user.home_unit)
    if data is not None and not add_row and form.is_valid() and all(r.is_valid() for r in rowsets.values()):
        rows_to_save, rows_to_delete = _changed_rows(rowsets)
        fields = dict(form.cleaned_data)
        partner_units = fields.pop("units")
        saved = form_write(
            form,
            lambda: services.initiative_save_with_rows(
                by=request.user,
                initiative=initiative,
                fields=fields,
                rows_to_save=rows_to_save,
                rows_to_delete=rows_to_delete,
                partner_units=partner_units,
            ),
        )
        if saved is not None:
            messages.success(request, _("The initiative was saved."))
            return redirect("initiatives:detail", pk=saved.pk)
    context = {
        "form": form,
        "rowsets": rowsets,
        "initiative": initiative,
        "sectors_taking_part": _sectors_taking_part(form, rowsets),
    }
    return render(request, "initiatives/initiative_form.html", context)


def _sectors_taking_part(
    form: InitiativeForm | QuickLogForm, rowsets: dict[str, BaseInlineFormSet] | None = None
) -> list[str]:
    """The sectors of the units the form holds (saved, chosen or typed in a row): the summary a page without
    JavaScript shows; static/js/autocomplete.js keeps it up to date as units are chosen."""
    unit_ids = set(form["units"].value() or [])
    participations = (rowsets or {}).get("participations")
    for row_form in participations.forms if participations is not None else []:
        if row_form not in getattr(participations, "deleted_forms", []):
            unit_ids.add(row_form["unit"].value())
    ids = {int(pk) for pk in unit_ids if str(pk).isdigit()}
    return sorted(set(Unit.objects.filter(pk__in=ids).values_list("sector__name", flat=True)))


def initiative_quick_log(request: HttpRequest) -> HttpResponse:
    """Title, units, one contact, start date and form: a valid initiative in one step, completed later."""
    page_allows(permissions.can_create_initiative(request.user))
    form = QuickLogForm(request.POST or None, initial={"units": [request.user.home_unit_id]})
    if form.is_valid():
        saved = form_write(form, lambda: services.initiative_quick_log(by=request.user, **form.cleaned_data))
        if saved is not None:
            messages.success(request, _("The initiative was logged. Complete it when you can."))
            return redirect("initiatives:detail", pk=saved.pk)
    context = {"form": form, "sectors_taking_part": _sectors_taking_part(form)}
    return render(request, "initiatives/quick_log.html", context)


@require_GET
def initiative_options(request: HttpRequest) -> JsonResponse:
    """The initiatives the user's own records (a booking) may count towards, found by title (autocomplete)."""
    linkable = permissions.linkable_initiatives(request.user).order_by("title", "pk")
    return option_response(request, linkable, fields=("title",))


def _changed_rows(rowsets: dict[str, BaseInlineFormSet]) -> tuple[list[models.Model], list[models.Model]]:
    """The rows the forms changed or added, and the saved rows they mark for deletion."""
    to_save, to_delete = [], []
    for rowset in rowsets.values():
        for row_form in rowset.forms:
            if row_form in rowset.deleted_forms:
                if row_form.instance.pk:
                    to_delete.append(row_form.instance)
            elif row_form.has_changed():
                to_save.append(row_form.instance)
    return to_save, to_delete


@require_POST
def initiative_status_change(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    page_allows(permissions.can_edit_initiative(request.user, initiative))  # the detail page shows this form to editors
    form = StatusChangeForm(request.POST, initiative=initiative)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("status", [])))
    elif message_write(
        request,
        lambda: services.initiative_status_change(
            by=request.user, initiative=initiative, status=form.cleaned_data["status"]
        ),
    ):
        status = initiative.get_status_display()
        messages.success(request, _("Status changed to “%(status)s”.") % {"status": status})
    return redirect("initiatives:detail", pk=pk)
