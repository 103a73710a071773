from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "apps.initiatives"
    verbose_name = _("Joint initiatives")

    def ready(self) -> None:
        from apps.core.tabular.kinds import register
        from apps.initiatives import notifications  # noqa: F401  (declares the app's notification kinds)
        from apps.initiatives.resources import FundingImport, InitiativeImport, OutcomeImport

        for kind in (InitiativeImport, FundingImport, OutcomeImport):
            register(kind)

        from apps.initiatives.selectors import contacts_of_units_initiatives
        from apps.sectors.selectors import person_audience_register

        # An external person who did not agree to be listed is still found by the officials who work with them.
        person_audience_register(contacts_of_units_initiatives)

        from apps.initiatives.progress import programme_progress
        from apps.programmes.selectors import programme_progress_register

        # The programme page shows its progress rolled up from the initiatives' outcomes.
        programme_progress_register(programme_progress)

        from apps.initiatives.person_data import INITIATIVES_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(INITIATIVES_PART)
