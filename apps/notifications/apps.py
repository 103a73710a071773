from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from apps.notifications.person_data import NOTIFICATIONS_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(NOTIFICATIONS_PART)
