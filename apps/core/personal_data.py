"""Which fields of which models hold personal data, and why: the one list the privacy notice (``/privacy/``) shows.

Every model that keeps data about a person is named here by its label, with each personal field and a line on why
Silta keeps it (in the three languages, through gettext). ``tests/core/test_personal_data.py`` holds the list to the
models: a named field must exist, and a field that looks personal (an e-mail or IP address, a name or a phone, a link
to a user or a person, free text on a model listed here) must be listed, or on a listed model named in
``not_personal``. A new personal field without a line here fails that test, so the notice never falls behind.

Models are named by label (``"sectors.Person"``), not imported: core imports no app of ours. The history that
django-simple-history keeps of a listed model is described once, in the "history" register, for every tracked model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Register:
    """One part of the register description: what it holds data for, and how long."""

    key: str
    title: Promise
    purpose: Promise
    retention: Promise


@dataclass(frozen=True)
class PersonalFields:
    """A model's personal fields, each with why it is kept; ``not_personal``: its free-text fields looked at and
    found to hold nothing about people (so the test does not ask for them)."""

    model: str
    register: str
    fields: dict[str, Promise]
    not_personal: tuple[str, ...] = field(default=())


REGISTERS = (
    Register(
        "directory",
        _("The person directory"),
        _("Helps the city's staff find the right person in another sector or in an NGO or company."),
        _("As long as the person works with the city; an administrator removes or anonymises them on request."),
    ),
    Register(
        "accounts",
        _("User accounts and roles"),
        _("Lets people sign in and decides what each may do."),
        _("As long as the account is in use; roles are removed when the work ends."),
    ),
    Register(
        "collaboration",
        _("Initiatives, programmes and meetings"),
        _("Shows who works on which joint initiative and programme, so that the work can be followed."),
        _("As long as the initiative or programme is kept; decisions are archived under the Archives Act."),
    ),
    Register(
        "bookings",
        _("Bookings of premises"),
        _("Shows who booked a space, when and for what, so that shared premises can be used fairly."),
        # SILTA_BOOKING_RETENTION_DAYS
        _(
            "%(booking_days)s days after a booking ended, its booker, purpose, decline reason and who decided are "
            "removed every night, from its history too; its time and the booker's sector stay for the statistics."
        ),
    ),
    Register(
        "history",
        _("History of changes"),
        _("Shows who changed what and when, so that decisions and agreements stay traceable."),
        _("As long as the object it belongs to."),
    ),
    Register(
        "access_log",
        _("Access log"),
        _("Shows who opened a person's contact details or downloaded them, to answer the person and to find misuse."),
        _("%(days)s days, then deleted every night."),  # SILTA_ACCESS_LOG_RETENTION_DAYS
    ),
    Register(
        "erasures",
        _("Erasures"),
        _("Shows that a person was erased, by whom and when, so that the erasure can be shown to have been done."),
        _("As long as the pseudonymised person is kept; the log holds none of the erased data."),
    ),
    Register(
        "messages",
        _("E-mails sent by Silta"),
        _("Keeps each e-mail until it has been delivered, so that none is lost or sent twice."),
        # SILTA_NOTIFICATION_RETENTION_DAYS, SILTA_ACTION_LINK_DAYS
        _(
            "Notifications and sent e-mails %(notification_days)s days, then deleted every night (an e-mail not yet "
            "sent is kept); one-click answers until %(link_days)s days after they expire."
        ),
    ),
    Register(
        "pulse",
        _("Pulse surveys"),
        _(
            "Asks the contact persons of joint initiatives how the collaboration went (trust and value), and shows "
            "the answers only in groups of several respondents."
        ),
        _(
            "While a round is open, an answer is tied to the person who gave it, so that they can change it; when it "
            "closes, only their unit and sector stay with it. Who was invited, and whether they answered, is kept "
            "with the round."
        ),
    ),
    Register(
        "security",
        _("Sign-ins and sessions"),
        _("Protects accounts against password guessing and keeps a signed-in user signed in."),
        # SILTA_LOGIN_ATTEMPT_RETENTION_DAYS
        _(
            "Sessions end at sign-out or expiry and are removed the night after; sign-in attempts are deleted every "
            "night after %(login_days)s days."
        ),
    ),
)

DECLARED = (
    # The directory
    PersonalFields(
        "sectors.Person",
        "directory",
        {
            "first_name": _("The person's name, to find and address them."),
            "last_name": _("The person's name, to find and address them."),
            "title": _("Their job title, to see what they do."),
            "unit": _("The unit or organisation they work in."),
            "email": _("Their work e-mail, shown on request and logged."),
            "phone": _("Their work phone, shown on request and logged."),
            "external_id": _("Their id in the register an import came from (e.g. the HR register)."),
            "languages": _("The languages they can be contacted in."),
            "topics": _("The subjects they can be asked about."),
            "is_boundary_spanner": _("Whether they help others across sector borders."),
            "user": _("Their user account, if they sign in to Silta."),
            "listing_consent": _("Whether a person of an NGO or company agreed to be listed."),
            "listing_consent_since": _("When they agreed."),
            "pseudonym": _("The number of the pseudonym that replaced an erased person's name."),
        },
    ),
    PersonalFields(
        "sectors.Unit",
        "directory",
        {"email": _("The unit's shared e-mail; in a small organisation it may be one person's address.")},
        not_personal=("name", "external_code"),
    ),
    # Accounts and roles
    PersonalFields(
        "accounts.User",
        "accounts",
        {
            "username": _("The name the user signs in with."),
            "first_name": _("The user's name, shown to others they work with."),
            "last_name": _("The user's name, shown to others they work with."),
            "email": _("The user's e-mail, for messages about their bookings and work."),
            "password": _("A one-way hash of the password (local sign-in only)."),
            "home_unit": _("The unit the user works in."),
            "language": _("The language the user reads Silta in."),
            "oidc_subject": _("The user's identifier at the city's single sign-on."),
            "last_login": _("When the user last signed in."),
            "date_joined": _("When the account was created."),
            "is_active": _("Whether the account may sign in."),
        },
    ),
    PersonalFields(
        "accounts.RoleAssignment",
        "accounts",
        {
            "user": _("Who holds the role."),
            "role": _("Which role (official, programme lead, premises manager...)."),
            "granted_by": _("Who gave the role."),
            "granted_at": _("When the role was given."),
        },
    ),
    PersonalFields(
        "accounts.ApiToken",
        "accounts",
        {
            "user": _("Whose API token it is."),
            "name": _("The name the user gave the token."),
            "last_used_at": _("When the token was last used."),
        },
        not_personal=("prefix", "digest"),
    ),
    PersonalFields(
        "authtoken.Token",
        "accounts",
        {"user": _("Whose API token it is.")},
        not_personal=("key",),
    ),
    PersonalFields(
        "premises.UserFeedToken",
        "accounts",
        {"user": _("Whose calendar feed address it is.")},
        not_personal=("secret",),
    ),
    PersonalFields(
        "indicators.IndicatorRun",
        "accounts",
        {"requested_by": _("Who asked for the indicators to be computed again.")},
    ),
    PersonalFields(
        "dashboards.BoardReport",
        "accounts",
        {"requested_by": _("Who asked for a board report to be made.")},
        not_personal=("error",),
    ),
    PersonalFields(
        "partner_requests.PartnerRequest",
        "collaboration",
        {
            "author": _("Who looks for a partner, so that those who could be it reach them."),
            "title": _("What partner they look for, which may name people."),
            "description": _("More about the partner they look for, which may name people."),
        },
        not_personal=("area",),
    ),
    PersonalFields(
        "partner_requests.PartnerAnswer",
        "collaboration",
        {
            "responder": _("Who could be the partner asked for; the author is given their name and e-mail address."),
            "message": _("What the responder wrote to the author."),
        },
    ),
    # Initiatives, programmes, meetings
    PersonalFields(
        "initiatives.Initiative",
        "collaboration",
        {
            "contact_persons": _("The initiative's contact persons."),
            "created_by": _("Who recorded the initiative."),
        },
        not_personal=("title", "description", "external_id"),
    ),
    PersonalFields(
        "initiatives.Outcome",
        "collaboration",
        {"recorded_by": _("Who recorded an outcome (a partner changes only their own).")},
        not_personal=("text", "external_id", "indicator", "unit"),
    ),
    # Partner accounts' sign-up (django-allauth, apps/partners)
    PersonalFields(
        "account.EmailAddress",
        "accounts",
        {
            "user": _("A partner account's e-mail address and whether it is verified."),
            "email": _("A partner account's e-mail address and whether it is verified."),
        },
    ),
    PersonalFields(
        "socialaccount.SocialAccount",
        "accounts",
        {
            "user": _("A partner's strong identification (the provider's id of the person), where the city uses one."),
            "uid": _("A partner's strong identification (the provider's id of the person), where the city uses one."),
        },
        not_personal=("provider",),
    ),
    PersonalFields(
        "partners.Membership",
        "collaboration",
        {
            "user": _("A partner account's membership of its organisation."),
            "message": _("What the person wrote about their part in the organisation."),
            "decided_by": _("Who approved or refused the membership."),
        },
    ),
    PersonalFields(
        "programmes.DecisionAttachment",
        "collaboration",
        {
            "uploaded_by": _("Who attached a document to a decision."),
            "name": _("The document's file name, which may name a person."),
        },
        not_personal=("content_type",),
    ),
    PersonalFields(
        "indicators.IndicatorTarget",
        "collaboration",
        {"set_by": _("Who set an indicator's target.")},
    ),
    PersonalFields(
        "indicators.PersonNode",
        "collaboration",
        {"person": _("A contact person in the person network of a period: their group and how much they bridge.")},
    ),
    PersonalFields(
        "indicators.PersonTie",
        "collaboration",
        {
            "person_a": _("Two contact persons who share initiatives in a period (the person network)."),
            "person_b": _("Two contact persons who share initiatives in a period (the person network)."),
        },
    ),
    PersonalFields(
        "imports.ImportJob",
        "collaboration",
        {
            "uploaded_by": _("Who imported a spreadsheet, and so is named in the history of what it changed."),
            "original_name": _("The spreadsheet's file name, which may name a person."),
        },
        not_personal=("kind",),
    ),
    PersonalFields(
        "programmes.Programme",
        "collaboration",
        {"lead": _("The person who leads the programme.")},
        not_personal=("name", "mandate"),
    ),
    PersonalFields(
        "programmes.Meeting",
        "collaboration",
        {
            "attendees": _("Who attended the meeting."),
            "notes": _("The meeting's notes, which may say who said or agreed what."),
        },
        not_personal=("title",),
    ),
    # Bookings
    PersonalFields(
        "premises.Booking",
        "bookings",
        {
            "booker": _("Who booked the space."),
            "purpose": _("What the space was booked for, as the booker wrote it."),
            "period": _("When the booker uses the space."),
            "decided_by": _("Who approved or declined the request."),
            "reason": _("Why a request was declined, written to the booker."),
            "booker_sector": _("The sector the booker worked in, kept for the statistics when the booker is removed."),
            "terms_accepted_at": _("When the booker accepted the space's terms of use, and which text."),
        },
        # The hash of the space's terms: which text was accepted, nothing about the booker.
        not_personal=("terms_sha256",),
    ),
    PersonalFields(
        "premises.BookingSeries",
        "bookings",
        {
            "booker": _("Who booked the repeating booking."),
            "purpose": _("What the space was booked for, as the booker wrote it."),
        },
    ),
    # Pulse surveys
    PersonalFields(
        "pulse.PulseInvitation",
        "pulse",
        {
            "person": _("Who was asked to answer the survey."),
            "sent_at": _("When the personal link was sent."),
            "reminded_at": _("When the reminder was sent."),
            "answered": _("Whether the person answered (never when)."),
        },
    ),
    PersonalFields(
        "pulse.PulseResponse",
        "pulse",
        {
            "person": _("Who answered, while the round is open; removed when it closes."),
            "saved_at": _("When the answers were last saved, while the round is open; removed when it closes."),
            "unit": _("The unit of the person who answered, kept for the results by group."),
            "sector": _("The sector of the person who answered, kept for the results by group."),
        },
    ),
    PersonalFields(
        "pulse.PulseRating",
        "pulse",
        {"achieved": _("What the collaboration achieved, in the respondent's words.")},
    ),
    PersonalFields(
        "pulse.PulseWish",
        "pulse",
        {"person": _("A person the respondent would like to work with next.")},
    ),
    PersonalFields(
        "pulse.PulseRound",
        "pulse",
        {"owner": _("Who opened the round.")},
        not_personal=("title",),
    ),
    # History
    PersonalFields(
        "admin.LogEntry",
        "history",
        {
            "user": _("Which administrator changed something in the administration."),
            "action_time": _("When."),
            "object_repr": _("What was changed (it may be a person's name)."),
            "change_message": _("Which fields were changed."),
        },
        not_personal=("object_id",),
    ),
    # The access log
    PersonalFields(
        "sectors.PersonalDataAccess",
        "access_log",
        {
            "person": _("Whose personal data was seen."),
            "viewer": _("Who saw it."),
            "at": _("When."),
            "kind": _("What: contact details opened, the directory downloaded, a person's data exported."),
            "channel": _("How: a web page, the API or the administration."),
            "persons": _("How many persons one download held."),
        },
    ),
    # Erasures
    PersonalFields(
        "sectors.PersonErasure",
        "erasures",
        {
            "person": _("Who was erased (the person row, which holds only the pseudonym now)."),
            "erased_by": _("Which administrator erased them."),
            "at": _("When."),
            "pseudonym": _("The number of the pseudonym that replaced their name."),
            "rows": _("How many rows the erasure changed."),
            "counts": _("How many rows it changed in each table (counts only, no data)."),
        },
    ),
    # E-mails
    PersonalFields(
        "core.OutgoingEmail",
        "messages",
        {
            "to": _("Whom the e-mail is for."),
            "subject": _("The e-mail's subject, which may name a booking or a person."),
            "body": _("The e-mail's text."),
            "html_body": _("The e-mail's text, as the HTML part."),
        },
        not_personal=("key", "from_email", "last_error"),
    ),
    PersonalFields(
        "notifications.Notification",
        "messages",
        {
            "recipient": _("Whom a notification is for (in the app and by e-mail)."),
            "email": _("The e-mail that carried it."),
            "title": _("What it was about, which may name a booking, an initiative or a person."),
        },
        not_personal=("kind", "key", "url"),
    ),
    PersonalFields(
        "notifications.NotificationSetting",
        "messages",
        {"user": _("Whose choice of notifications (e-mail, in the app only, off; the digest day) it is.")},
        not_personal=("kind",),
    ),
    PersonalFields(
        "notifications.ActionToken",
        "messages",
        {"user": _("Whom a one-click answer in a reminder was sent to, and whether they used it.")},
        not_personal=("action",),
    ),
    # Sign-ins and sessions
    PersonalFields(
        "sessions.Session",
        "security",
        {"session_data": _("Which user a signed-in browser belongs to."), "expire_date": _("When it ends.")},
        not_personal=("session_key",),
    ),
    *(
        PersonalFields(
            label,
            "security",
            {
                "username": _("The user name typed at sign-in."),
                "ip_address": _("The address the sign-in came from."),
                "user_agent": _("The browser that was used."),
                "attempt_time": _("When."),
                **extra,
            },
            not_personal=not_personal,
        )
        for label, extra, not_personal in (
            (
                "axes.AccessAttempt",
                {
                    "get_data": _("What the sign-in request sent, the password masked."),
                    "post_data": _("What the sign-in request sent, the password masked."),
                },
                ("http_accept", "path_info"),
            ),
            ("axes.AccessLog", {}, ("http_accept", "path_info", "session_hash")),
            ("axes.AccessFailureLog", {}, ("http_accept", "path_info")),
        )
    ),
)


def declared() -> dict[str, PersonalFields]:
    """The declarations by model label."""
    return {declaration.model: declaration for declaration in DECLARED}


def tracked_models() -> list[type[models.Model]]:
    """The models whose history django-simple-history keeps (its historical models' ``instance_type``)."""
    tracked = {getattr(model, "instance_type", None) for model in apps.get_models()}
    return sorted((model for model in tracked if model is not None), key=lambda model: model._meta.label)


@dataclass
class NoticeRow:
    """A row of the notice's table: where (model), which field, and why."""

    model: str
    field: str
    why: str


@dataclass
class NoticeRegister:
    register: Register
    rows: list[NoticeRow]

    @property
    def retention(self) -> str:
        return retention_text(self.register)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:  # the test names it; the notice still shows the code's name
        return name


def _rows(declaration: PersonalFields) -> Iterator[NoticeRow]:
    model = apps.get_model(declaration.model)
    where = str(capfirst(model._meta.verbose_name))
    for name, why in declaration.fields.items():
        yield NoticeRow(model=where, field=_label(model, name), why=str(why))


def notice_registers() -> list[NoticeRegister]:
    """The register description of the privacy notice, in the active language, from the declarations above."""
    by_register: dict[str, list[NoticeRow]] = {register.key: [] for register in REGISTERS}
    for declaration in DECLARED:
        by_register[declaration.register].extend(_rows(declaration))
    for model in tracked_models():
        by_register["history"].append(
            NoticeRow(
                model=str(capfirst(model._meta.verbose_name_plural)),
                field=str(_("earlier values, who changed them and when")),
                why=str(_("Each change is kept: the fields as they were, the user who changed them, and the time.")),
            )
        )
    return [NoticeRegister(register, by_register[register.key]) for register in REGISTERS]


def retention_text(register: Register) -> str:
    """How long the register's data is kept, with the settings' figures filled in."""
    return str(register.retention) % {
        "days": settings.SILTA_ACCESS_LOG_RETENTION_DAYS,
        "booking_days": settings.SILTA_BOOKING_RETENTION_DAYS,
        "notification_days": settings.SILTA_NOTIFICATION_RETENTION_DAYS,
        "link_days": settings.SILTA_ACTION_LINK_DAYS,
        "login_days": settings.SILTA_LOGIN_ATTEMPT_RETENTION_DAYS,
    }
