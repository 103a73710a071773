"""The reminder jobs are on the beat schedule, and each names a task a worker knows."""

from __future__ import annotations

from celery.schedules import crontab
from django.conf import settings

from config.celery import app


def test_the_reminder_jobs_run_daily_on_the_beat_schedule():
    app.loader.import_default_modules()
    jobs = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    for task in ("initiatives.reminders_task", "programmes.meeting_reminders_task", "dashboards.weekly_digest_task"):
        assert task in app.tasks, task
        assert isinstance(jobs[task], crontab) and jobs[task].day_of_week == set(range(7)), task
