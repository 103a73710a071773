"""Spreadsheet imports: upload, preview, confirm (issue 15, part 4).

An upload is stored and previewed by a Celery task; the preview runs the whole import in a transaction that is
rolled back (:func:`apps.core.tabular.kinds.run_import`), so it shows exactly what confirming would create, change
or leave alone, and every error. Confirming runs it again, for real, in one transaction: a file with an error, or
one that fails half-way, writes nothing. The progress counters are written on a connection of their own, so the
page's progress bar moves while the import's transaction is still open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import is_admin
from apps.core.exceptions import Conflict, NotFound
from apps.core.policy import require
from apps.core.services import validated_save
from apps.core.tabular.kinds import ImportKind, Report, kind_of, run_import
from apps.core.tabular.reader import check_size
from apps.imports.models import ImportJob

if TYPE_CHECKING:
    from apps.accounts.models import User

Status = ImportJob.Status


def kind_for(key: str) -> type[ImportKind]:
    kind = kind_of(key)
    if kind is None:
        raise NotFound(_("There is no import of that kind."))
    return kind


def can_see_job(user: User, job: ImportJob) -> bool:
    """An import is its uploader's (an administrator sees every one)."""
    return user.is_authenticated and (job.uploaded_by_id == user.pk or is_admin(user))


def _options(kind: type[ImportKind], options: Mapping[str, Any] | None) -> dict[str, bool]:
    return {name: bool((options or {}).get(name)) for name in kind.option_labels}


def _enqueue_preview(job: ImportJob) -> None:
    from apps.imports.tasks import import_preview_task

    transaction.on_commit(lambda: import_preview_task.delay(job.pk))


@transaction.atomic
def import_job_create(
    *, by: User, kind: str, upload: UploadedFile, options: Mapping[str, Any] | None = None
) -> ImportJob:
    """Store an uploaded spreadsheet and queue its preview; nothing of its rows is written yet."""
    kind_class = kind_for(kind)
    require(kind_class.may_import(by), _("You may not import %(what)s.") % {"what": kind_class.label})
    check_size(upload.size or 0)
    job = ImportJob(
        kind=kind_class.key,
        file=upload,
        original_name=(upload.name or "")[-255:],
        uploaded_by=by,
        options=_options(kind_class, options),
    )
    validated_save(job)
    _enqueue_preview(job)
    return job


@transaction.atomic
def import_job_preview_again(*, by: User, job: ImportJob, options: Mapping[str, Any]) -> ImportJob:
    """Preview the same file again with other options (e.g. creating the persons it names)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    require(can_see_job(by, job))
    if job.status != Status.PREVIEWED:
        raise Conflict(_("This import is not waiting for a decision."))
    job.options = _options(kind_for(job.kind), options)
    job.status, job.preview, job.rows_done = Status.PREVIEW_QUEUED, None, 0
    validated_save(job)
    _enqueue_preview(job)
    return job


@transaction.atomic
def import_job_confirm(*, by: User, job: ImportJob) -> ImportJob:
    """The uploader says yes to the preview: queue the import. A preview with errors cannot be confirmed."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    require(can_see_job(by, job))
    require(kind_for(job.kind).may_import(by))
    if job.status != Status.PREVIEWED:
        raise Conflict(_("This import is not waiting for a decision."))
    if not Report(**job.preview).ok:
        raise Conflict(_("Correct the errors in the file and upload it again: nothing is imported while any remain."))
    job.status, job.rows_done = Status.IMPORT_QUEUED, 0
    validated_save(job)
    from apps.imports.tasks import import_confirm_task

    transaction.on_commit(lambda: import_confirm_task.delay(job.pk))
    return job


class _Progress:
    """Writes a job's counters on a connection of its own (autocommit), outside the import's transaction."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int, total: int | None) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE imports_importjob SET rows_done = %s, rows_total = COALESCE(%s, rows_total) WHERE id = %s",
                [done, total, self.job_id],
            )

    def close(self) -> None:
        self.connection.close()


def _start(job_id: int, *, expected: str, running: str) -> ImportJob | None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != expected:  # a task delivered twice finds the job under way or done
            return None
        job.status, job.rows_done = running, 0
        job.save(update_fields=["status", "rows_done"])
    return job


def _run(job: ImportJob, *, write: bool) -> Report:
    progress = _Progress(job.pk)
    try:
        with job.file.open("rb") as handle:
            return run_import(
                kind_for(job.kind),
                handle,
                by=job.uploaded_by,
                write=write,
                options=job.options,
                progress=progress,
            )
    finally:
        progress.close()


def _finish(job: ImportJob, status: str, **fields: Any) -> None:
    job.refresh_from_db(fields=["rows_done", "rows_total"])
    job.status, job.finished_at = status, timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


def import_job_preview(*, job_id: int) -> ImportJob | None:
    """The task's work: run the import without writing and keep what it would do."""
    job = _start(job_id, expected=Status.PREVIEW_QUEUED, running=Status.PREVIEWING)
    if job is None:
        return None
    try:
        report = _run(job, write=False)
    except Exception:
        _finish(
            job, Status.FAILED, result={"file_errors": [_("The preview failed unexpectedly; nothing was written.")]}
        )
        raise
    _finish(job, Status.PREVIEWED, preview=report.as_dict(), rows_total=report.rows_read)
    return job


def import_job_run(*, job_id: int) -> ImportJob | None:
    """The task's work after the confirmation: the import for real, all or nothing."""
    job = _start(job_id, expected=Status.IMPORT_QUEUED, running=Status.IMPORTING)
    if job is None:
        return None
    try:
        report = _run(job, write=True)
    except Exception:
        _finish(job, Status.FAILED, result={"file_errors": [_("The import failed unexpectedly; nothing was written.")]})
        raise
    _finish(job, Status.DONE if report.ok else Status.FAILED, result=report.as_dict(), rows_total=report.rows_read)
    if report.ok:
        job.file.delete(save=True)  # the rows are in Silta now; the upload is not kept
    return job
