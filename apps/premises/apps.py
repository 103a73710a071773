from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PremisesConfig(AppConfig):
    name = "apps.premises"
    verbose_name = _("Premises")

    def ready(self) -> None:
        from apps.core.tabular.kinds import register
        from apps.premises import notifications  # noqa: F401  (declares the app's notification kinds)
        from apps.premises.person_data import PREMISES_PART
        from apps.premises.resources import SpaceImport
        from apps.sectors.person_data import person_data_register

        register(SpaceImport)
        person_data_register(PREMISES_PART)
