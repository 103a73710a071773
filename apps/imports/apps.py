from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "apps.imports"
    verbose_name = _("Spreadsheet imports")

    def ready(self) -> None:
        from apps.imports.person_data import IMPORTS_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(IMPORTS_PART)
