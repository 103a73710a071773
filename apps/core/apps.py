from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from apps.core import database  # noqa: F401 - connects the per-connection time limits of workers
        from apps.core.translated import connect_original_columns

        connect_original_columns()
