from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectorsConfig(AppConfig):
    name = "apps.sectors"
    verbose_name = _("Sectors and people")

    def ready(self) -> None:
        from apps.core.tabular.kinds import register
        from apps.sectors.person_data import person_data_register
        from apps.sectors.person_data_part import DIRECTORY_PART
        from apps.sectors.resources import PersonImport, SectorImport, UnitImport

        for kind in (SectorImport, UnitImport, PersonImport):
            register(kind)
        person_data_register(DIRECTORY_PART)
