from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ApplicationError
from apps.initiatives import permissions
from apps.initiatives.selectors import initiative_list
from apps.programmes import selectors, services
from apps.programmes.forms import DecisionForm, MeetingForm, ProgrammeForm
from apps.programmes.models import Decision, Meeting, Programme


def programme_list(request: HttpRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list(),
        "can_create": permissions.can_create_programme(request.user),
    }
    return render(request, "programmes/programme_list.html", context)


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
    context = {
        "programme": programme,
        "can_edit": can_edit,
        "initiatives": initiative_list().filter(programme=programme).order_by("-start_date", "pk"),
        "meetings": meetings,
        "decisions": programme.decisions.all(),
        "budget": selectors.programme_budget(programme),
        "meeting_form": meeting_form or (MeetingForm() if can_edit else None),
        "decision_form": decision_form or (DecisionForm(programme=programme) if can_edit else None),
    }
    return render(request, "programmes/programme_detail.html", context)


def _try_save(form: ModelForm, save) -> bool:  # type: ignore[no-untyped-def]
    """Run a service with the form's data; its refusal becomes a form error, never a server error."""
    if not form.is_valid():
        return False
    try:
        save(dict(form.cleaned_data))
    except ApplicationError as exc:
        form.add_error(None, exc.message)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
    else:
        return True
    return False


def programme_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_programme(request.user):
        raise PermissionDenied
    return _programme_form(request, Programme())


def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    if not permissions.can_edit_programme(request.user, programme):
        raise PermissionDenied
    return _programme_form(request, programme)


def _programme_form(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme)
    saved: dict[str, Programme] = {}

    def save(data: dict) -> None:
        if programme.pk:
            saved["programme"] = services.programme_update(programme=programme, data=data)
        else:
            saved["programme"] = services.programme_create(data=data)

    if request.method == "POST" and _try_save(form, save):
        messages.success(request, _("The programme was saved."))
        return redirect("programmes:detail", pk=saved["programme"].pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


def _editable_programme(request: HttpRequest, pk: int) -> Programme:
    programme = get_object_or_404(selectors.programme_detail(), pk=pk)
    if not permissions.can_edit_programme(request.user, programme):
        raise PermissionDenied
    return programme


@require_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable_programme(request, pk)
    form = MeetingForm(request.POST)
    if _try_save(form, lambda data: services.meeting_save(meeting=Meeting(programme=programme), data=data)):
        messages.success(request, _("The meeting was added."))
        return redirect("programmes:detail", pk=pk)
    return _render_detail(request, programme, True, meeting_form=form)


@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable_programme(request, pk)
    form = DecisionForm(request.POST, programme=programme)
    if _try_save(form, lambda data: services.decision_save(decision=Decision(programme=programme), data=data)):
        messages.success(request, _("The decision was added."))
        return redirect("programmes:detail", pk=pk)
    return _render_detail(request, programme, True, decision_form=form)
