from celery import shared_task

from apps.programmes.notifications import decision_review_reminders_send, meeting_agenda_reminders_send


@shared_task(name="programmes.meeting_reminders_task", acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def meeting_reminders_task() -> int:
    """Beat, daily: remind programme leads of their meetings' agendas (each meeting once)."""
    return meeting_agenda_reminders_send()


@shared_task(name="programmes.decision_reviews_task", acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def decision_reviews_task() -> int:
    """Beat, daily: remind programme leads of decisions whose review date has come (each decision once per date)."""
    return decision_review_reminders_send()
