"""Writes of the accounts app: roles granted and removed (``roles``), accounts kept by single sign-on (``sign_in``),
the retention of sign-in records and sessions (``login_attempts``)."""

from apps.accounts.services.login_attempts import login_attempts_purge, sessions_clear_expired
from apps.accounts.services.roles import role_grant, role_login_sync, role_revoke
from apps.accounts.services.sign_in import user_roles_from_groups, user_sign_in_from_claims

__all__ = [
    "login_attempts_purge",
    "role_grant",
    "role_login_sync",
    "role_revoke",
    "sessions_clear_expired",
    "user_roles_from_groups",
    "user_sign_in_from_claims",
]
