from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "apps.programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from apps.programmes import notifications  # noqa: F401  (declares the app's notification kinds)
        from apps.programmes.person_data import PROGRAMMES_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(PROGRAMMES_PART)
