from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from apps.accounts.person_data import ACCOUNTS_PART
        from apps.sectors.person_data import person_data_register

        person_data_register(ACCOUNTS_PART)
