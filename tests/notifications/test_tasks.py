"""The reminder jobs are on the beat schedule, each naming a task a worker knows; old one-click answers go."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.accounts.roles import Role
from apps.core.models import OutgoingEmail
from apps.notifications.models import ActionToken, Notification
from apps.notifications.tasks import action_tokens_purge_task, notifications_purge_task
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


def test_the_board_report_is_mailed_on_the_first_of_each_month():
    app.loader.import_default_modules()
    jobs = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    schedule = jobs["dashboards.monthly_board_report_task"]
    assert "dashboards.monthly_board_report_task" in app.tasks
    assert (
        isinstance(schedule, crontab) and schedule.day_of_month == {1} and schedule.month_of_year == set(range(1, 13))
    )


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


def test_the_retention_runs_are_nightly_on_the_beat_schedule():
    app.loader.import_default_modules()
    jobs = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    nightly = (
        "sectors.personal_data_access_purge_task",
        "premises.bookings_anonymise_task",
        "notifications.notifications_purge_task",
        "accounts.login_attempts_purge_task",
    )
    for task in nightly:
        assert task in app.tasks, task
        assert isinstance(jobs[task], crontab) and jobs[task].day_of_week == set(range(7)), task
        assert jobs[task].hour == {3}, task  # at night, away from the day's reminders and the indicators' 02:30


@pytest.mark.django_db
def test_notifications_and_finished_emails_are_purged_exactly_by_age(make_user, settings):
    # Given notifications and e-mails written a minute before and a minute after the retention limit, and an old
    # e-mail still waiting to be sent
    settings.SILTA_NOTIFICATION_RETENTION_DAYS = 30
    user = make_user(Role.OFFICIAL)
    limit = timezone.now() - timedelta(days=30)
    kept = []
    for n, written in enumerate((limit - timedelta(minutes=1), limit + timedelta(minutes=1))):
        email = OutgoingEmail.objects.create(
            key=f"test:{n}",
            subject="Your booking",
            body="Hello Aino",
            from_email="silta@example.org",
            to=[user.email],
            status=OutgoingEmail.Status.SENT,
            sent_at=written,
            created_at=written,
        )
        notification = Notification.objects.create(
            recipient=user, kind="test", key=f"test:{n}", title="Aino's booking", email=email, created_at=written
        )
        kept.append((notification.pk, email.pk))
    waiting = OutgoingEmail.objects.create(
        key="test:waiting", subject="s", body="b", from_email="silta@example.org", to=[user.email], created_at=limit
    )

    # When the nightly task runs through Celery (twice: the second finds nothing)
    first, second = notifications_purge_task.apply().get(), notifications_purge_task.apply().get()

    # Then only the old notification and the old sent e-mail are gone; the waiting e-mail stays
    assert first == {"notifications": 1, "emails": 1}
    assert second == {"notifications": 0, "emails": 0}
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept[1][0]]
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {kept[1][1], waiting.pk}


@pytest.mark.django_db
def test_an_answer_goes_exactly_when_it_expired_longer_ago_than_links_live(make_user, settings):
    # Given answers that expired a minute less and a minute more than SILTA_ACTION_LINK_DAYS ago
    settings.SILTA_ACTION_LINK_DAYS = 14
    user, initiative, now = make_user(Role.OFFICIAL), InitiativeFactory(), timezone.now()
    limit = now - timedelta(days=14)
    for expired in (limit + timedelta(minutes=1), limit - timedelta(minutes=1)):
        ActionToken.objects.create(
            user=user,
            action="initiatives.completed",
            subject_type=ContentType.objects.get_for_model(initiative),
            subject_id=initiative.pk,
            created_at=expired - timedelta(days=14),
            expires_at=expired,
        )

    # When the nightly purge runs
    purged = action_tokens_purge_task.apply().get()

    # Then only the one past the limit is gone
    assert purged == 1
    assert ActionToken.objects.get().expires_at == limit + timedelta(minutes=1)
