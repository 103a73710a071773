"""The accounts' part of a person's data (``apps.sectors.person_data``): their user row, roles and API tokens;
erased, the account cannot sign in again and every session and token of it ends."""

from __future__ import annotations

from collections.abc import Iterator

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from apps.accounts.models import ApiToken, RoleAssignment, User
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Section

# Sessions are read in chunks of this many to find the account's (each session's data is signed and encoded).
SESSION_CHUNK = 2000


def accounts_export(person: Person) -> Iterator[Section]:
    user = person.user
    if user is None:
        return
    columns = [
        ("username", _("username")),
        ("first_name", _("first name")),
        ("last_name", _("last name")),
        ("email", _("email address")),
        ("home_unit", _("home unit")),
        ("language", _("language")),
        ("single_sign_on", _("single sign-on subject")),
        ("date_joined", _("date joined")),
        ("last_login", _("last login")),
        ("is_active", _("active")),
    ]
    row = [
        user.username,
        user.first_name,
        user.last_name,
        user.email,
        user.home_unit.name if user.home_unit else None,
        user.language,
        user.oidc_subject,
        user.date_joined,
        user.last_login,
        user.is_active,
    ]
    yield Section("user", _("User account"), columns, [row])
    roles = RoleAssignment.objects.filter(user=user).select_related(
        "granted_by", "unit", "venue", "programme", "sector"
    )
    yield Section(
        "roles",
        _("Roles"),
        [
            ("role", _("role")),
            ("scope", _("scope")),
            ("source", _("source")),
            ("granted_by", _("granted by")),
            ("granted_at", _("granted at")),
        ],
        [
            [
                role.get_role_display(),
                str(role.scope) if role.scope is not None else None,
                role.get_source_display(),
                role.granted_by.username if role.granted_by else None,
                role.granted_at,
            ]
            for role in roles.order_by("granted_at", "pk")
        ],
    )
    yield Section(
        "api_tokens",
        _("API tokens"),
        [
            ("name", _("name")),
            ("prefix", _("prefix")),
            ("created_at", _("created")),
            ("expires_on", _("expires on")),
            ("last_used_at", _("last used")),
            ("revoked_at", _("revoked")),
        ],
        [
            [token.name, token.prefix, token.created_at, token.expires_on, token.last_used_at, token.revoked_at]
            for token in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
        ],
    )


def _end_sessions(user: User) -> int:
    """Delete the account's sessions (the database backend keeps them encoded: each live one is read)."""
    ended = []
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data")
    for session in sessions.iterator(chunk_size=SESSION_CHUNK):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.session_key)
    return Session.objects.filter(session_key__in=ended).delete()[0] if ended else 0


def accounts_erase(erasure: Erasure) -> dict[str, int]:
    """The account under the pseudonym and closed: no password, no single sign-on link, inactive; its sessions,
    API tokens and sign-in records gone. Its roles stay, as who granted what (the history keeps them anyway)."""
    user = erasure.user
    if user is None:
        return {}
    old_names = [name for name in (user.username, user.email) if name]
    first_name, last_name = erasure.pseudonym_parts
    user.username = f"erased-{erasure.number}"
    user.first_name, user.last_name, user.email = first_name, last_name, ""
    user.oidc_subject = ""
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()  # also ends every session's hash check
    user.save()
    counts = {
        "accounts.User": 1,
        "django_session": _end_sessions(user),
        "accounts.ApiToken": ApiToken.objects.filter(user=user).delete()[0],
        "authtoken.Token": Token.objects.filter(user=user).delete()[0],
    }
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        counts[model._meta.label] = model.objects.filter(username__in=old_names).delete()[0]
    return {label: count for label, count in counts.items() if count}


ACCOUNTS_PART = PersonDataPart("accounts", order=10, export=accounts_export, erase=accounts_erase)
