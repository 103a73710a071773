"""The import pages: choose a kind, download its template, upload, watch the preview, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.pages import form_write, message_write
from apps.core.policy import page_allows
from apps.core.spreadsheets import XLSX_CONTENT_TYPE
from apps.core.tabular.kinds import ACTION_LABELS, ImportKind, Report, kind_of, kinds
from apps.core.tabular.template import template_file
from apps.imports import selectors, services
from apps.imports.forms import UploadForm
from apps.imports.models import ImportJob


def _kind(request: HttpRequest, key: str) -> type[ImportKind]:
    kind = kind_of(key)
    if kind is None:
        raise Http404
    page_allows(kind.may_import(request.user), _("Your role does not include importing this."))
    return kind


def import_index(request: HttpRequest) -> HttpResponse:
    allowed = [kind for kind in kinds() if kind.may_import(request.user)]
    page_allows(bool(allowed), _("Your role does not include importing."))
    return render(request, "imports/index.html", {"kinds": allowed, "jobs": selectors.import_jobs_of(request.user)})


def import_template(request: HttpRequest, kind: str) -> FileResponse:
    kind_class = _kind(request, kind)
    return FileResponse(
        template_file(kind_class),
        as_attachment=True,
        filename=f"silta-{kind_class.key}-template.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    kind_class = _kind(request, kind)
    form = UploadForm(request.POST or None, request.FILES or None, kind=kind_class)
    if request.method == "POST" and form.is_valid():
        job = form_write(
            form,
            lambda: services.import_job_create(
                by=request.user, kind=kind_class.key, upload=form.cleaned_data["file"], options=form.options()
            ),
        )
        if job is not None:
            return redirect("imports:job", job.pk)
    return render(request, "imports/upload.html", {"kind": kind_class, "form": form})


def _job(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("uploaded_by"), pk=pk)
    if not services.can_see_job(request.user, job):
        raise Http404
    return job


def _context(job: ImportJob) -> dict:
    kind = kind_of(job.kind)
    report = (
        Report(**job.result) if job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED) and job.result else None
    )
    preview = Report(**job.preview) if job.preview else None
    shown = report or preview
    columns = {column.key: column for column in kind.columns} if kind else {}
    return {
        "job": job,
        "kind": kind,
        "report": shown,
        "is_result": report is not None,
        "action_labels": ACTION_LABELS,
        "columns": columns,
        "can_confirm": job.status == ImportJob.Status.PREVIEWED and preview is not None and preview.ok,
        "options": [
            (name, label, job.options.get(name, False)) for name, label in (kind.option_labels.items() if kind else [])
        ],
    }


def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "imports/job.html", _context(_job(request, pk)))


def import_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx while the job runs; once it has finished, the whole page again."""
    job = _job(request, pk)
    response = render(request, "imports/_progress.html", _context(job))
    if not job.running:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def import_job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if message_write(request, lambda: services.import_job_confirm(by=request.user, job=job)) is not None:
        messages.success(request, _("The import has started."))
    return redirect("imports:job", job.pk)


@require_POST
def import_job_again(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    kind = kind_of(job.kind)
    options = {name: request.POST.get(name) == "on" for name in (kind.option_labels if kind else {})}
    message_write(request, lambda: services.import_job_preview_again(by=request.user, job=job, options=options))
    return redirect("imports:job", job.pk)
