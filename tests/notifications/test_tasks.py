"""The reminder jobs are on the beat schedule, each naming a task a worker knows; old one-click answers go."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.accounts.roles import Role
from apps.notifications.models import ActionToken
from apps.notifications.tasks import action_tokens_purge_task
from config.celery import app
from tests.initiatives.factories import InitiativeFactory


def test_the_reminder_jobs_run_daily_on_the_beat_schedule():
    app.loader.import_default_modules()
    jobs = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    daily = (
        "initiatives.reminders_task",
        "programmes.meeting_reminders_task",
        "dashboards.weekly_digest_task",
        "notifications.action_tokens_purge_task",
    )
    for task in daily:
        assert task in app.tasks, task
        assert isinstance(jobs[task], crontab) and jobs[task].day_of_week == set(range(7)), task


@pytest.mark.django_db
def test_answers_long_expired_are_forgotten_and_recent_ones_kept(make_user, settings):
    # Given an answer that expired a day ago and one that expired longer ago than links live
    settings.SILTA_ACTION_LINK_DAYS = 14
    user = make_user(Role.OFFICIAL)
    initiative = InitiativeFactory()
    now = timezone.now()
    for expired_days_ago in (1, 15):
        ActionToken.objects.create(
            user=user,
            action="initiatives.completed",
            subject_type=ContentType.objects.get_for_model(initiative),
            subject_id=initiative.pk,
            created_at=now - timedelta(days=expired_days_ago + 14),
            expires_at=now - timedelta(days=expired_days_ago),
        )

    # When the daily purge runs
    purged = action_tokens_purge_task.apply().get()

    # Then only the old one is gone
    assert purged == 1
    assert ActionToken.objects.get().expires_at == now - timedelta(days=1)
