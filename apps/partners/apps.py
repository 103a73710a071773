from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "apps.partners"
    verbose_name = _("Partner accounts")

    def ready(self) -> None:
        from apps.partners import notifications  # noqa: F401  (declares the app's notification kinds)
        from apps.partners.person_data import PARTNERS_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(PARTNERS_PART)
