from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulseConfig(AppConfig):
    name = "apps.pulse"
    verbose_name = _("Pulse surveys")

    def ready(self) -> None:
        from apps.pulse import notifications  # noqa: F401  (declares the app's notification kinds)
        from apps.pulse.person_data import PULSE_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(PULSE_PART)
