from celery import shared_task

from apps.programmes.notifications import meeting_agenda_reminders_send


@shared_task(name="programmes.meeting_reminders_task", acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def meeting_reminders_task() -> int:
    """Beat, daily: remind programme leads of their meetings' agendas (each meeting once)."""
    return meeting_agenda_reminders_send()
