from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerRequestsConfig(AppConfig):
    name = "apps.partner_requests"
    verbose_name = _("Partner wanted")

    def ready(self) -> None:
        from apps.partner_requests import notifications  # noqa: F401  (declares the app's notification kind)
        from apps.partner_requests.person_data import PARTNER_REQUESTS_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(PARTNER_REQUESTS_PART)
