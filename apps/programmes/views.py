from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.lists import list_download
from apps.core.options import option_response
from apps.core.pages import form_write, message_write
from apps.core.policy import page_allows
from apps.core.spreadsheets import Format
from apps.programmes import exports, permissions, selectors, services
from apps.programmes.forms import AttachmentForm, DecisionForm, MeetingForm, ProgrammeForm
from apps.programmes.models import Decision, DecisionAttachment, Meeting, Programme


def programme_list(request: HttpRequest) -> HttpResponse:
    """The live programmes; ``?archived=1`` lists the archived ones instead."""
    archived = request.GET.get("archived") == "1"
    programmes = selectors.programme_list(include_archived=archived)
    context = {
        "programmes": programmes.filter(archived_at__isnull=False) if archived else programmes,
        "archived": archived,
        "can_create": permissions.can_create_programme(request.user),
    }
    return render(request, "programmes/programme_list.html", context)


def programme_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """Every programme as on the list page, as CSV or Excel."""
    programmes = selectors.programme_list()
    return list_download(
        request, None, programmes, table=exports.programme_table, name="programmes", file_format=file_format
    )


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.programme_detail(), pk=pk)
    can_edit = permissions.can_edit_programme(request.user, programme)
    return _render_detail(request, programme, can_edit)


def _render_detail(
    request: HttpRequest,
    programme: Programme,
    can_edit: bool,
    meeting_form: MeetingForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    meetings = [(meeting, selectors.meeting_sectors(meeting)) for meeting in programme.meetings.all()]
    progress = selectors.programme_progress(programme)
    initiatives = selectors.programme_initiatives(programme)
    context = {
        "programme": programme,
        "can_edit": can_edit,
        "initiatives": initiatives,
        "initiative_rows": progress.beside(initiatives) if progress else [(item, None) for item in initiatives],
        "meetings": meetings,
        "decisions": programme.decisions.all(),
        "budget": selectors.programme_budget(programme),
        "progress": progress,
        "meeting_form": meeting_form or (MeetingForm() if can_edit else None),
        "decision_form": decision_form or (DecisionForm(programme=programme) if can_edit else None),
        "attachment_form": AttachmentForm() if can_edit else None,
        "can_delete": permissions.can_delete_programme(request.user),
        "history": selectors.programme_history(programme),
    }
    return render(request, "programmes/programme_detail.html", context)


def programme_create(request: HttpRequest) -> HttpResponse:
    page_allows(permissions.can_create_programme(request.user))  # the form page does not open (the service refuses too)
    return _programme_form(request, Programme())


def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    page_allows(permissions.can_edit_programme(request.user, programme))
    return _programme_form(request, programme)


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if programme.pk:
            saved = form_write(
                form, lambda: services.programme_update(by=request.user, programme=programme, changes=data)
            )
        else:
            saved = form_write(form, lambda: services.programme_create(by=request.user, **data))
        if saved is not None:
            messages.success(request, _("The programme was saved."))
            return redirect("programmes:detail", pk=saved.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


def _editable_programme(request: HttpRequest, pk: int) -> Programme:
    """The programme whose page forms the user posts; others get the 403 the page would give them."""
    programme = get_object_or_404(selectors.programme_detail(), pk=pk)
    page_allows(permissions.can_edit_programme(request.user, programme))
    return programme


@require_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable_programme(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid() and form_write(
        form, lambda: services.meeting_create(by=request.user, programme=programme, **form.cleaned_data)
    ):
        messages.success(request, _("The meeting was added."))
        return redirect("programmes:detail", pk=pk)
    return _render_detail(request, programme, True, meeting_form=form)


@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable_programme(request, pk)
    form = DecisionForm(request.POST, programme=programme)
    if form.is_valid() and form_write(
        form, lambda: services.decision_create(by=request.user, programme=programme, **form.cleaned_data)
    ):
        messages.success(request, _("The decision was added."))
        return redirect("programmes:detail", pk=pk)
    return _render_detail(request, programme, True, decision_form=form)


@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a document to a decision (those who edit its programme)."""
    decision = get_object_or_404(Decision.objects.select_related("programme"), pk=pk)
    page_allows(permissions.can_edit_programme(request.user, decision.programme))
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    elif message_write(
        request,
        lambda: services.decision_attachment_add(by=request.user, decision=decision, upload=form.cleaned_data["file"]),
    ):
        messages.success(request, _("The document was attached."))
    return redirect(f"{reverse('programmes:detail', args=[decision.programme_id])}#decision-{decision.pk}")


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A decision's document, for everyone who reads programmes; always a download, never shown in the page."""
    attachment = get_object_or_404(DecisionAttachment.objects.select_related("decision"), pk=pk)
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(stored, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(DecisionAttachment.objects.select_related("decision__programme"), pk=pk)
    page_allows(permissions.can_edit_programme(request.user, attachment.decision.programme))
    programme_id = attachment.decision.programme_id
    removed = message_write(
        request, lambda: services.decision_attachment_remove(by=request.user, attachment=attachment) or True
    )
    if removed:
        messages.success(request, _("The document was removed."))
    return redirect("programmes:detail", pk=programme_id)


@require_GET
def programme_options(request: HttpRequest) -> JsonResponse:
    """The programmes the user's own records (a booking) may count towards, found by any language's name."""
    return option_response(request, permissions.linkable_programmes(request.user).order_by("name"), fields=("name",))


@require_POST
def programme_restore(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    page_allows(permissions.can_edit_programme(request.user, programme))
    if message_write(request, lambda: services.programme_restore(by=request.user, programme=programme)) is not None:
        messages.success(request, _("The programme was restored."))
    return redirect("programmes:detail", pk=pk)


@require_POST
def meeting_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """An archived meeting back in the lists and the decision form's choices (those who edit its programme)."""
    meeting = get_object_or_404(Meeting.objects.select_related("programme"), pk=pk)
    page_allows(permissions.can_edit_programme(request.user, meeting.programme))
    if message_write(request, lambda: services.meeting_restore(by=request.user, meeting=meeting)) is not None:
        messages.success(request, _("The meeting was restored."))
    return redirect(f"{reverse('programmes:detail', args=[meeting.programme_id])}#meeting-{meeting.pk}")


@require_POST
def decision_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """An archived decision back in the lists (those who edit its programme)."""
    decision = get_object_or_404(Decision.objects.select_related("programme"), pk=pk)
    page_allows(permissions.can_edit_programme(request.user, decision.programme))
    if message_write(request, lambda: services.decision_restore(by=request.user, decision=decision)) is not None:
        messages.success(request, _("The decision was restored."))
    return redirect(f"{reverse('programmes:detail', args=[decision.programme_id])}#decision-{decision.pk}")


@require_POST
def programme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a programme something refers to, delete one nothing refers to (admins only)."""
    programme = get_object_or_404(Programme, pk=pk)
    page_allows(permissions.can_delete_programme(request.user))
    removed = message_write(request, lambda: services.programme_delete(by=request.user, programme=programme))
    if removed is not None:
        messages.success(request, _("The programme was archived: its meetings, decisions and initiatives are kept."))
        return redirect("programmes:detail", pk=pk)
    if not Programme.objects.filter(pk=pk).exists():
        messages.success(request, _("The programme was deleted."))
        return redirect("programmes:list")
    return redirect("programmes:detail", pk=pk)
