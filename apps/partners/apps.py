from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "apps.partners"
    verbose_name = _("Partner accounts")

    def ready(self) -> None:
        from apps.partners import notifications  # noqa: F401  (declares the app's notification kinds)
