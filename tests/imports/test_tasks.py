"""The import through a real Celery worker: the page queues the preview and the import, the worker runs them and
writes the progress counters the page's progress bar polls."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker

from apps.imports.models import ImportJob
from apps.initiatives.models import Initiative
from config.celery import app
from tests.clients import UserClient
from tests.imports.conftest import row, rows, upload, xlsx_bytes


def _wait(job_id: int, status: str, seconds: float = 60) -> ImportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(pk=job_id)
        if job.status == status:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} is {ImportJob.objects.get(pk=job_id).status}, not {status}")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_big_file_is_previewed_and_imported_by_the_worker_with_its_progress_counted(admin, org):
    client = UserClient(admin)
    content = xlsx_bytes(rows(*(row(f"K-{n}", title=f"Initiative {n}") for n in range(1200))))

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        response = client.post("/imports/initiatives/", {"file": upload(content)})
        job_id = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
        previewed = _wait(job_id, ImportJob.Status.PREVIEWED)
        client.post(f"/imports/jobs/{job_id}/confirm/")
        done = _wait(job_id, ImportJob.Status.DONE)
        fragment = client.get(f"/imports/jobs/{job_id}/status/")

    assert previewed.preview["counts"]["create"] == 1200
    assert (done.rows_done, done.rows_total) == (1200, 1200)
    assert Initiative.objects.count() == 1200
    assert fragment["HX-Refresh"] == "true"
