from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "apps.programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from apps.programmes import notifications  # noqa: F401  (declares the app's notification kinds)
