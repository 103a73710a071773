"""Who may do what, as one table: role × endpoint × action, for the pages and the API (OWASP ASVS V8).

Each row names an endpoint and the answer every role gets; a role left out of a row gets the row's ``others``.
The objects belong to nobody in particular, except where a role's right comes from the object:
the programme lead leads the programme (and so its initiative), the premises manager's unit owns the space.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import ApiToken, RoleAssignment, User
from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.dashboards.models import BoardReport
from apps.partners.models import Membership
from apps.premises.models import Booking, UserFeedToken
from apps.pulse.models import PulseRound
from apps.sectors.models import Person
from tests.accounts.factories import api_token_for
from tests.api_access import call
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.organisations.factories import OrganisationFactory
from tests.partner_requests.factories import PartnerRequestFactory
from tests.partners.factories import PARTNER_BACKEND, member, partner_account, pending
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.programmes.factories import DecisionFactory, MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory
from tests.strategy.factories import StrategyGoalFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
STAFF_ROLES = [Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER, Role.MANAGER, Role.ADMIN]
# A partner account, approved as a member of an organisation that takes part in ``w.partner_initiative``.
PARTNER = Role.PARTNER
ROLES = [ANONYMOUS, *STAFF_ROLES, PARTNER]
LOGIN = 302  # pages send anonymous visitors to the login page
# DRF answers 403, not 401, when session authentication (which has no WWW-Authenticate challenge) comes first.
API_ANONYMOUS = 403


@dataclass
class World:
    users: dict[str, User | None]
    objects: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        return self.objects[name]


@pytest.fixture
def world(make_user) -> World:
    """One user per role (their own home units) and the objects the table acts on."""
    users: dict[str, User | None] = {ANONYMOUS: None}
    for role in STAFF_ROLES:
        users[role] = make_user(role, username=f"matrix-{role}")
    partner_organisation = OrganisationFactory(kind="association")
    users[PARTNER] = member(partner_organisation, by=users[Role.ADMIN], username="matrix-partner")
    partner_initiative = InitiativeFactory()
    ParticipationFactory(initiative=partner_initiative, unit=partner_organisation.unit)
    opened_space = SpaceFactory(open_to=["associations"])
    lead_person = PersonFactory(user=users[Role.PROGRAMME_LEAD])
    programme = ProgrammeFactory(lead=lead_person)
    initiative = InitiativeFactory(programme=programme)
    archived = {"archived_at": timezone.now()}
    archived_programme = ProgrammeFactory(lead=lead_person, **archived)
    archived_meeting = MeetingFactory(programme=programme, **archived)
    archived_decision = DecisionFactory(programme=programme, **archived)
    space = SpaceFactory(owner_unit=users[Role.PREMISES_MANAGER].home_unit, approval_required=True)
    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=10), datetime.time(10))
    )
    booking = BookingFactory(
        space=space,
        period=DateTimeTZRange(start, start + datetime.timedelta(hours=1)),
        status=Booking.Status.REQUESTED,
        booker=make_user(Role.OFFICIAL, username="matrix-booker"),
    )
    board_report = BoardReport.objects.create(
        scope="city", period_kind="month", period_start=datetime.date(2026, 10, 1), language="en"
    )
    board_report.file.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
    board_report.status = BoardReport.Status.DONE
    board_report.save()
    return World(
        users,
        {
            "board_report": board_report,
            "programme": programme,
            "archived_programme": archived_programme,
            "archived_meeting": archived_meeting,
            "archived_decision": archived_decision,
            "initiative": initiative,
            "partner_initiative": partner_initiative,
            "opened_space": opened_space,
            "pending_membership": pending(partner_account(username="matrix-applicant"), partner_organisation),
            "public_initiative": InitiativeFactory(is_public=True),
            "space": space,
            "booking": booking,
            "free_start": start + datetime.timedelta(hours=3),
            "sector": SectorFactory(),
            "goal": StrategyGoalFactory(),
            "person": PersonFactory(),
            "organisation": OrganisationFactory(),
            "partner_request": PartnerRequestFactory(),
            "lead_person": lead_person,
            "api_token": api_token_for(booking.booker, name="Someone else's")[0],
            "pulse_round": PulseRound.objects.create(
                title="Pulse",
                owner=users[Role.PROGRAMME_LEAD],
                programme=programme,
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 3, 31),
                closes_on=timezone.localdate() + datetime.timedelta(days=10),
            ),
        },
    )


@dataclass
class Row:
    """One endpoint and action; ``allowed`` roles get ``ok``, the other logged-in roles ``denied``."""

    name: str
    method: str
    url: Callable[[World], str]
    allowed: tuple[str, ...]
    ok: int
    denied: int | dict[str, int] = 403
    anonymous: int | None = None
    payload: Callable[[World], dict] = field(default=lambda w: {})
    api: bool = True
    # For pages that answer every caller alike (a redirect with a message): did the action happen, and for whom?
    took_effect: Callable[[World], bool] | None = None
    effective_for: tuple[str, ...] = ()

    def expected(self, role: str) -> int:
        if role == ANONYMOUS:
            return self.anonymous or (API_ANONYMOUS if self.api else LOGIN)
        if role in self.allowed:
            return self.ok
        if isinstance(self.denied, dict):
            return self.denied.get(role, 403)
        # The partner area refuses a partner every staff page and endpoint alike (apps/partners/middleware.py);
        # what is open to everyone (``anonymous`` given) answers a partner as any signed-in user.
        return 403 if role == PARTNER and self.anonymous is None else self.denied


# Everyone of the city's staff; a partner account reaches only the partner pages and the public ones.
EVERYONE = tuple(STAFF_ROLES)
ANYONE = (*EVERYONE, PARTNER)  # what is open to everyone, logged in or not
CREATORS = (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.ADMIN)
LEADS = (Role.PROGRAMME_LEAD, Role.ADMIN)
BOOKERS = (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER, Role.ADMIN)
SPACE_MANAGERS = (Role.PREMISES_MANAGER, Role.ADMIN)
VIEWERS = (Role.MANAGER, Role.ADMIN)
# Pulse rounds: the programme's lead (who owns the round), city-wide managers and administrators.
PULSE = (Role.PROGRAMME_LEAD, Role.MANAGER, Role.ADMIN)
# Another's booking is out of sight (404) for bookers who do not manage its space; managers see it (403).
HIDDEN = {Role.OFFICIAL: 404, Role.PROGRAMME_LEAD: 404}


def _booking_payload(w: World) -> dict:
    return {
        "space": w.space.pk,
        "start": w.free_start.isoformat(),
        "end": (w.free_start + datetime.timedelta(hours=1)).isoformat(),
        "purpose": "Residents' evening",
        "attendees": 10,
    }


TABLE = [
    # Partner pages (apps/partners): a partner's own organisation's; the city's administrators decide on members.
    Row("partner home page", "get", lambda w: "/partners/", (PARTNER,), 200, api=False, denied={Role.ADMIN: 302}),
    Row("members page", "get", lambda w: "/partners/members/", (PARTNER, Role.ADMIN), 200, api=False),
    Row(
        "approve a member",
        "post",
        lambda w: f"/partners/members/{w.pending_membership.pk}/approve/",
        (PARTNER, Role.ADMIN),
        302,
        denied=302,  # the refusal is a message on the page it returns to
        api=False,
        took_effect=lambda w: Membership.objects.get(pk=w.pending_membership.pk).status == "approved",
        effective_for=(PARTNER, Role.ADMIN),
    ),
    Row(
        "own organisation's initiative page",
        "get",
        lambda w: f"/partners/initiatives/{w.partner_initiative.pk}/",
        (PARTNER,),
        200,
        api=False,
    ),
    Row(
        "another organisation's initiative page",
        "get",
        lambda w: f"/partners/initiatives/{w.initiative.pk}/",
        (),
        403,
        denied={PARTNER: 404},
        api=False,
    ),
    Row("opened space page", "get", lambda w: f"/partners/spaces/{w.opened_space.pk}/", (PARTNER,), 200, api=False),
    Row(
        "closed space page",
        "get",
        lambda w: f"/partners/spaces/{w.space.pk}/",
        (),
        403,
        denied={PARTNER: 404},
        api=False,
    ),
    # Pulse surveys: the rounds are their owners' and managers'; the questionnaire's link is its own proof.
    Row("pulse round list page", "get", lambda w: "/pulse/", PULSE, 200, api=False),
    Row("new pulse round page", "get", lambda w: "/pulse/new/", PULSE, 200, api=False),
    Row("pulse round page", "get", lambda w: f"/pulse/{w.pulse_round.pk}/", PULSE, 200, api=False),
    Row(
        "close a pulse round",
        "post",
        lambda w: f"/pulse/{w.pulse_round.pk}/close/",
        PULSE,
        302,
        api=False,
        took_effect=lambda w: PulseRound.objects.get(pk=w.pulse_round.pk).state == "closed",
        effective_for=PULSE,
    ),
    Row(
        "questionnaire with a changed link", "get", lambda w: "/pulse/answer/x:y:z/", (), 403, api=False, anonymous=403
    ),
    Row("list pulse rounds", "get", lambda w: "/api/v1/pulse/rounds/", EVERYONE, 200),
    Row("read a pulse round", "get", lambda w: f"/api/v1/pulse/rounds/{w.pulse_round.pk}/", PULSE, 200, denied=404),
    Row(
        "answer with a changed link",
        "put",
        lambda w: "/api/v1/pulse/answers/x:y:z/",
        (),
        403,
        payload=lambda w: {"ratings": []},
    ),
    # Pages
    Row("initiative list page", "get", lambda w: "/initiatives/", EVERYONE, 200, api=False),
    Row("initiative page", "get", lambda w: f"/initiatives/{w.initiative.pk}/", EVERYONE, 200, api=False),
    Row("new initiative page", "get", lambda w: "/initiatives/new/", CREATORS, 200, api=False),
    Row("initiative edit page", "get", lambda w: f"/initiatives/{w.initiative.pk}/edit/", LEADS, 200, api=False),
    Row("strategy goal page", "get", lambda w: f"/initiatives/goals/{w.goal.pk}/", EVERYONE, 200, api=False),
    Row("programme list page", "get", lambda w: "/programmes/", EVERYONE, 200, api=False),
    Row("new programme page", "get", lambda w: "/programmes/new/", LEADS, 200, api=False),
    Row("programme edit page", "get", lambda w: f"/programmes/{w.programme.pk}/edit/", LEADS, 200, api=False),
    Row(
        "archive a programme (page)",
        "post",
        lambda w: f"/programmes/{w.programme.pk}/delete/",
        (Role.ADMIN,),
        302,
        api=False,
    ),
    Row(
        "restore a programme (page)",
        "post",
        lambda w: f"/programmes/{w.archived_programme.pk}/restore/",
        LEADS,
        302,
        api=False,
    ),
    Row(
        "restore a meeting (page)",
        "post",
        lambda w: f"/programmes/meetings/{w.archived_meeting.pk}/restore/",
        LEADS,
        302,
        api=False,
    ),
    Row(
        "restore a decision (page)",
        "post",
        lambda w: f"/programmes/decisions/{w.archived_decision.pk}/restore/",
        LEADS,
        302,
        api=False,
    ),
    Row("organisation register page", "get", lambda w: "/organisations/", EVERYONE, 200, api=False),
    Row("organisation page", "get", lambda w: f"/organisations/{w.organisation.pk}/", EVERYONE, 200, api=False),
    Row("new organisation page", "get", lambda w: "/organisations/new/", (Role.ADMIN,), 200, api=False),
    Row(
        "organisation edit page",
        "get",
        lambda w: f"/organisations/{w.organisation.pk}/edit/",
        (Role.ADMIN,),
        200,
        api=False,
    ),
    # Partners post and answer too (the pages only; the API is the staff's).
    Row("partner request list page", "get", lambda w: "/partners-wanted/", ANYONE, 200, api=False),
    Row(
        "partner request page",
        "get",
        lambda w: f"/partners-wanted/{w.partner_request.pk}/",
        ANYONE,
        200,
        api=False,
    ),
    Row("new partner request page", "get", lambda w: "/partners-wanted/new/", (*CREATORS, PARTNER), 200, api=False),
    Row(
        "close another's partner request (page)",
        "post",
        lambda w: f"/partners-wanted/{w.partner_request.pk}/close/",
        (Role.ADMIN,),
        302,
        api=False,
    ),
    Row("partner request list", "get", lambda w: "/api/v1/partner-requests/", EVERYONE, 200),
    # The public pages, open data and public API: the same for everyone, logged in or not (apps/public).
    Row("public index page", "get", lambda w: "/open/fi/", ANYONE, 200, anonymous=200, api=False),
    Row("public initiative list page", "get", lambda w: "/open/sv/initiatives/", ANYONE, 200, anonymous=200, api=False),
    Row(
        "public initiative page",
        "get",
        lambda w: f"/open/en/initiatives/{w.public_initiative.pk}/",
        ANYONE,
        200,
        anonymous=200,
        api=False,
    ),
    Row(
        "public page of an initiative not made public",
        "get",
        lambda w: f"/open/en/initiatives/{w.initiative.pk}/",
        (),
        404,
        denied=404,
        anonymous=404,
        api=False,
    ),
    Row("public indicators page", "get", lambda w: "/open/fi/indicators/", ANYONE, 200, anonymous=200, api=False),
    Row("public premises page", "get", lambda w: "/open/fi/premises/", ANYONE, 200, anonymous=200, api=False),
    Row(
        "public page of a space not opened",
        "get",
        lambda w: f"/open/fi/premises/{w.space.pk}/",
        (),
        404,
        denied=404,
        anonymous=404,
        api=False,
    ),
    Row("open data: spaces", "get", lambda w: "/open/sv/data/spaces.csv", ANYONE, 200, anonymous=200, api=False),
    Row("open data: initiatives", "get", lambda w: "/open/fi/data/initiatives.csv", ANYONE, 200, 403, 200, api=False),
    Row(
        "open data: indicator values",
        "get",
        lambda w: "/open/en/data/indicator-values.json",
        ANYONE,
        200,
        anonymous=200,
        api=False,
    ),
    Row("public API: initiatives", "get", lambda w: "/api/public/v1/initiatives/", ANYONE, 200, anonymous=200),
    Row(
        "public API: an initiative not made public",
        "get",
        lambda w: f"/api/public/v1/initiatives/{w.initiative.pk}/",
        (),
        404,
        denied=404,
        anonymous=404,
    ),
    Row(
        "public API: indicator values",
        "get",
        lambda w: "/api/public/v1/indicator-values/",
        ANYONE,
        200,
        anonymous=200,
    ),
    Row("public API schema", "get", lambda w: "/api/public/schema/", ANYONE, 200, anonymous=200),
    Row("organisation list", "get", lambda w: "/api/v1/organisations/", EVERYONE, 200),
    Row("organisation detail", "get", lambda w: f"/api/v1/organisations/{w.organisation.pk}/", EVERYONE, 200),
    Row("premises catalogue page", "get", lambda w: "/premises/", EVERYONE, 200, api=False),
    Row("space calendar page", "get", lambda w: f"/premises/spaces/{w.space.pk}/", EVERYONE, 200, api=False),
    Row("booking form page", "get", lambda w: f"/premises/spaces/{w.space.pk}/book/", BOOKERS, 200, api=False),
    Row("space edit page", "get", lambda w: f"/premises/spaces/{w.space.pk}/edit/", SPACE_MANAGERS, 200, api=False),
    Row("request queue page", "get", lambda w: "/premises/requests/", SPACE_MANAGERS, 200, api=False),
    Row("my bookings page", "get", lambda w: "/premises/my/", EVERYONE, 200, api=False),
    Row("dashboard overview page", "get", lambda w: "/dashboards/", VIEWERS, 200, api=False),
    Row("dashboard network page", "get", lambda w: "/dashboards/network/", VIEWERS, 200, api=False),
    Row("indicator list page", "get", lambda w: "/indicators/", VIEWERS, 200, api=False),
    Row("dashboard period list", "get", lambda w: "/dashboards/periods/?period_kind=year", VIEWERS, 200, api=False),
    Row("targets page", "get", lambda w: "/dashboards/targets/", VIEWERS, 200, api=False),
    # Board reports: the city's for the dashboards' readers; a programme lead has only their programme's (the
    # city's is out of their sight), the others none.
    Row(
        "ask for the city's board report",
        "post",
        lambda w: "/dashboards/reports/",
        VIEWERS,
        302,
        payload=lambda w: {"period_kind": "month", "period": "2026-10-01"},
        api=False,
    ),
    Row(
        "ask for a programme's board report",
        "post",
        lambda w: "/dashboards/reports/",
        (Role.PROGRAMME_LEAD, *VIEWERS),
        302,
        payload=lambda w: {"period_kind": "month", "period": "2026-10-01", "programme": w.programme.pk},
        api=False,
    ),
    Row(
        "board report page",
        "get",
        lambda w: f"/dashboards/reports/{w.board_report.pk}/",
        VIEWERS,
        200,
        denied={Role.PROGRAMME_LEAD: 404},
        api=False,
    ),
    Row(
        "board report status",
        "get",
        lambda w: f"/dashboards/reports/{w.board_report.pk}/status/",
        VIEWERS,
        200,
        denied={Role.PROGRAMME_LEAD: 404},
        api=False,
    ),
    Row(
        "board report download",
        "get",
        lambda w: f"/dashboards/reports/{w.board_report.pk}/download/",
        VIEWERS,
        200,
        denied={Role.PROGRAMME_LEAD: 404},
        api=False,
    ),
    # Personal data: the privacy notice is public; contact details for role holders (logged); who saw a person's
    # data for administrators and the person themself (the programme lead is the lead person).
    Row("privacy notice page", "get", lambda w: "/privacy/", ANYONE, 200, api=False, anonymous=200),
    Row(
        "a person's contact details",
        "get",
        lambda w: f"/directory/people/{w.person.pk}/contact/",
        EVERYONE,
        200,
        api=False,
    ),
    Row(
        "a person's access log page",
        "get",
        lambda w: f"/directory/people/{w.person.pk}/access-log/",
        (Role.ADMIN,),
        200,
        api=False,
    ),
    Row(
        "my own access log page",
        "get",
        lambda w: f"/directory/people/{w.lead_person.pk}/access-log/",
        (Role.PROGRAMME_LEAD, Role.ADMIN),
        200,
        api=False,
    ),
    # A person's data: the export for administrators and the person themself, the erasure for administrators.
    Row(
        "a person's data (JSON)",
        "get",
        lambda w: f"/directory/people/{w.person.pk}/data.json",
        (Role.ADMIN,),
        200,
        api=False,
    ),
    Row(
        "a person's data (Excel)",
        "get",
        lambda w: f"/directory/people/{w.person.pk}/data.xlsx",
        (Role.ADMIN,),
        200,
        api=False,
    ),
    Row(
        "my own data (JSON)",
        "get",
        lambda w: f"/directory/people/{w.lead_person.pk}/data.json",
        (Role.PROGRAMME_LEAD, Role.ADMIN),
        200,
        api=False,
    ),
    Row(
        "a person's erase page",
        "get",
        lambda w: f"/directory/people/{w.person.pk}/erase/",
        (Role.ADMIN,),
        200,
        api=False,
    ),
    Row(
        "erase a person",
        "post",
        lambda w: f"/directory/people/{w.person.pk}/erase/",
        (Role.ADMIN,),
        302,
        api=False,
        took_effect=lambda w: Person.objects.get(pk=w.person.pk).is_erased,
        effective_for=(Role.ADMIN,),
    ),
    # Downloads of lists and dashboard tables: the same people as their pages.
    # Spreadsheet imports: those who create initiatives import them (the rows then follow the forms' policy),
    # premises managers their spaces, administrators the organisation.
    Row("imports page", "get", lambda w: "/imports/", (*CREATORS, Role.PREMISES_MANAGER), 200, api=False),
    Row("space import template", "get", lambda w: "/imports/spaces/template.xlsx", SPACE_MANAGERS, 200, api=False),
    Row("unit import upload page", "get", lambda w: "/imports/units/", (Role.ADMIN,), 200, api=False),
    Row("outcome import upload page", "get", lambda w: "/imports/outcomes/", CREATORS, 200, api=False),
    Row("initiative import template", "get", lambda w: "/imports/initiatives/template.xlsx", CREATORS, 200, api=False),
    Row("initiative import upload page", "get", lambda w: "/imports/initiatives/", CREATORS, 200, api=False),
    Row(
        "initiatives for editing and re-import",
        "get",
        lambda w: "/initiatives/export-for-import.xlsx",
        EVERYONE,
        200,
        api=False,
    ),
    Row("initiative list CSV", "get", lambda w: "/initiatives/export.csv", EVERYONE, 200, api=False),
    Row("initiative list Excel", "get", lambda w: "/initiatives/export.xlsx", EVERYONE, 200, api=False),
    Row("person directory Excel", "get", lambda w: "/directory/export.xlsx", EVERYONE, 200, api=False),
    Row("person history page", "get", lambda w: f"/directory/{w.person.pk}/history/", EVERYONE, 200, api=False),
    Row("programme list Excel", "get", lambda w: "/programmes/export.xlsx", EVERYONE, 200, api=False),
    Row("premises catalogue Excel", "get", lambda w: "/premises/export.xlsx", EVERYONE, 200, api=False),
    Row("my bookings Excel", "get", lambda w: "/premises/my/export.xlsx", EVERYONE, 200, api=False),
    Row("request queue Excel", "get", lambda w: "/premises/requests/export.xlsx", SPACE_MANAGERS, 200, api=False),
    Row("indicator catalogue Excel", "get", lambda w: "/indicators/export.xlsx", VIEWERS, 200, api=False),
    Row(
        "dashboard table Excel",
        "get",
        lambda w: "/dashboards/?download=tiles&format=xlsx",
        VIEWERS,
        200,
        api=False,
    ),
    Row(
        "approve a booking on the request queue",
        "post",
        lambda w: f"/premises/bookings/{w.booking.pk}/decide/",
        EVERYONE,
        302,
        payload=lambda w: {"decision": "approve"},
        api=False,
        took_effect=lambda w: Booking.objects.get(pk=w.booking.pk).status == Booking.Status.CONFIRMED,
        effective_for=SPACE_MANAGERS,
    ),
    # Calendar apps cannot log in: a space's feed shows only when it is taken (no names, no purposes).
    Row(
        "space calendar feed",
        "get",
        lambda w: f"/premises/feeds/spaces/{w.space.pk}.ics",
        ANYONE,
        200,
        api=False,
        anonymous=200,
    ),
    Row(
        "renew my calendar feed address",
        "post",
        lambda w: "/premises/my/feed/renew/",
        EVERYONE,
        302,
        api=False,
        took_effect=lambda w: UserFeedToken.objects.exists(),
        effective_for=EVERYONE,
    ),
    Row(
        "someone's feed with a forged token",
        "get",
        lambda w: "/premises/feeds/users/1:forged.ics",
        (),
        404,
        denied=404,
        anonymous=404,
        api=False,
    ),
    # Personal API tokens: everyone keeps their own; only an admin revokes another's (a token does what its user may).
    Row("my API tokens page", "get", lambda w: "/account/tokens/", EVERYONE, 200, api=False),
    Row(
        "create an API token",
        "post",
        lambda w: "/account/tokens/",
        EVERYONE,
        200,
        api=False,
        payload=lambda w: {"name": "Matrix", "expires_on": timezone.localdate() + datetime.timedelta(days=30)},
        took_effect=lambda w: ApiToken.objects.filter(name="Matrix").exists(),
        effective_for=EVERYONE,
    ),
    Row(
        "revoke someone else's API token",
        "post",
        lambda w: f"/account/tokens/{w.api_token.pk}/revoke/",
        (Role.ADMIN,),
        302,
        api=False,
        took_effect=lambda w: ApiToken.objects.get(pk=w.api_token.pk).revoked_at is not None,
        effective_for=(Role.ADMIN,),
    ),
    # API: one person, with the contact details (logged)
    Row("read one person", "get", lambda w: f"/api/v1/persons/{w.person.pk}/", EVERYONE, 200),
    Row("a person's data", "get", lambda w: f"/api/v1/persons/{w.person.pk}/data/", (Role.ADMIN,), 200),
    Row(
        "a person's data as Excel",
        "get",
        lambda w: f"/api/v1/persons/{w.person.pk}/data/?format=xlsx",
        (Role.ADMIN,),
        200,
    ),
    Row(
        "my own data",
        "get",
        lambda w: f"/api/v1/persons/{w.lead_person.pk}/data/",
        (Role.PROGRAMME_LEAD, Role.ADMIN),
        200,
    ),
    Row(
        "erase a person through the API",
        "post",
        lambda w: f"/api/v1/persons/{w.person.pk}/erase/",
        (Role.ADMIN,),
        200,
        took_effect=lambda w: Person.objects.get(pk=w.person.pk).is_erased,
        effective_for=(Role.ADMIN,),
    ),
    # API: initiatives
    Row("list initiatives", "get", lambda w: "/api/v1/initiatives/", EVERYONE, 200),
    Row(
        "create an initiative",
        "post",
        lambda w: "/api/v1/initiatives/",
        CREATORS,
        201,
        payload=lambda w: {"title": "Reading buddies", "collaboration_form": "project", "start_date": "2026-01-01"},
    ),
    Row(
        "change an initiative",
        "patch",
        lambda w: f"/api/v1/initiatives/{w.initiative.pk}/",
        LEADS,
        200,
        payload=lambda w: {"title": "Renamed"},
    ),
    Row("delete an initiative", "delete", lambda w: f"/api/v1/initiatives/{w.initiative.pk}/", (Role.ADMIN,), 204),
    Row(
        "add a participation",
        "post",
        lambda w: "/api/v1/participations/",
        LEADS,
        201,
        payload=lambda w: {
            "initiative": w.initiative.pk,
            "unit": w.users[Role.OFFICIAL].home_unit_id,
            "role": "partner",
            "joined_on": "2026-01-01",
        },
    ),
    # API: programmes
    Row("list programmes", "get", lambda w: "/api/v1/programmes/", EVERYONE, 200),
    Row(
        "create a programme",
        "post",
        lambda w: "/api/v1/programmes/",
        LEADS,
        201,
        payload=lambda w: {
            "name": "Ageing well",
            "lead": w.person.pk,
            "sectors": [w.sector.pk],
            "start_date": "2026-01-01",
        },
    ),
    Row(
        "change a programme",
        "patch",
        lambda w: f"/api/v1/programmes/{w.programme.pk}/",
        LEADS,
        200,
        payload=lambda w: {"mandate": "Renewed by the board"},
    ),
    # A programme something refers to is archived (200 with the row), not deleted.
    Row("delete a programme", "delete", lambda w: f"/api/v1/programmes/{w.programme.pk}/", (Role.ADMIN,), 200),
    Row(
        "restore a programme",
        "post",
        lambda w: f"/api/v1/programmes/{w.archived_programme.pk}/restore/",
        LEADS,
        200,
    ),
    Row("restore a meeting", "post", lambda w: f"/api/v1/meetings/{w.archived_meeting.pk}/restore/", LEADS, 200),
    Row("restore a decision", "post", lambda w: f"/api/v1/decisions/{w.archived_decision.pk}/restore/", LEADS, 200),
    Row(
        "record a decision",
        "post",
        lambda w: "/api/v1/decisions/",
        LEADS,
        201,
        payload=lambda w: {"programme": w.programme.pk, "level": "official", "decided_on": "2026-02-01", "text": "Go"},
    ),
    # API: premises
    Row("list spaces", "get", lambda w: "/api/v1/spaces/", EVERYONE, 200),
    Row(
        "change a space (who may book it, terms, price)",
        "patch",
        lambda w: f"/api/v1/spaces/{w.space.pk}/",
        SPACE_MANAGERS,
        200,
        payload=lambda w: {"open_to": ["associations"], "terms_of_use": "Leave it tidy."},
    ),
    Row("book a space", "post", lambda w: "/api/v1/bookings/", BOOKERS, 201, payload=_booking_payload),
    Row(
        "approve a booking",
        "post",
        lambda w: f"/api/v1/bookings/{w.booking.pk}/approve/",
        SPACE_MANAGERS,
        200,
        denied=HIDDEN,
    ),
    Row(
        "decline a booking",
        "post",
        lambda w: f"/api/v1/bookings/{w.booking.pk}/decline/",
        SPACE_MANAGERS,
        200,
        denied=HIDDEN,
        payload=lambda w: {"reason": "The hall is being renovated."},
    ),
    Row(
        "cancel another's booking",
        "post",
        lambda w: f"/api/v1/bookings/{w.booking.pk}/cancel/",
        SPACE_MANAGERS,
        200,
        denied=HIDDEN,
    ),
]

CASES = [pytest.param(row, role, id=f"{row.name}-{role}") for row in TABLE for role in ROLES]


def _page(user: User | None, method: str, url: str, payload: dict) -> int:
    client = Client()
    if user is not None:
        client.force_login(user, backend=PARTNER_BACKEND if user.is_partner else None)
    return getattr(client, method)(url, payload).status_code


def _api(user: User | None, method: str, url: str, payload: dict) -> Any:
    """A partner calls the API as a partner can: signed in on the partner pages (they hold no API tokens)."""
    if user is None or not user.is_partner:
        return call(user, method, url, payload)
    client = APIClient()
    client.force_login(user, backend=PARTNER_BACKEND)
    return getattr(client, method)(url, payload, format="json")


@pytest.mark.parametrize(("row", "role"), CASES)
def test_permission_matrix(world: World, row: Row, role: str) -> None:
    # Given a user with the role (or nobody), when they act on the endpoint
    user, url, payload = world.users[role], row.url(world), row.payload(world)
    if row.api:
        response = _api(user, row.method, url, payload)
        status = response.status_code
        # Then every API refusal says why, in JSON
        if status >= 400:
            assert response.json()["detail"], response.content
    else:
        status = _page(user, row.method, url, payload)
    # Then the answer is the one the table gives the role
    assert status == row.expected(role), f"{role} {row.method.upper()} {url}: {status}"
    # And the action happened only for the roles allowed it
    if row.took_effect is not None:
        assert row.took_effect(world) == (role in row.effective_for)


# Scoped roles: where a role is held decides on which objects it counts. Unit A owns space A (in venue A) and
# unit B space B; programme P1 has a scoped lead, P2 none of these users.
PM_UNIT_A = "premises manager of unit A"
PM_VENUE_A = "premises manager of venue A"
PM_HOME_A = "city-wide premises manager at home in unit A"
LEAD_P1 = "programme lead of P1"
UNIT_ADMIN_A = "unit administrator of unit A"
SCOPED_ROLES = [ANONYMOUS, PM_UNIT_A, PM_VENUE_A, PM_HOME_A, LEAD_P1, UNIT_ADMIN_A]
MANAGERS_OF_A = (PM_UNIT_A, PM_VENUE_A, PM_HOME_A)
# Another space's booking is out of sight (404) for bookers; a unit administrator books nothing and is refused (403).
OUT_OF_SIGHT = {LEAD_P1: 404, PM_UNIT_A: 404, PM_VENUE_A: 404, PM_HOME_A: 404}  # the unit administrator: 403


@pytest.fixture
def scoped_world(make_user) -> World:
    unit_a, unit_b = UnitFactory(), UnitFactory()
    space_a = SpaceFactory(owner_unit=unit_a, approval_required=True)
    space_b = SpaceFactory(owner_unit=unit_b, approval_required=True)
    p1, p2 = ProgrammeFactory(), ProgrammeFactory()
    users: dict[str, User | None] = {ANONYMOUS: None}
    for name, role, scope, home_unit in [
        (PM_UNIT_A, Role.PREMISES_MANAGER, unit_a, UnitFactory()),
        (PM_VENUE_A, Role.PREMISES_MANAGER, space_a.venue, UnitFactory()),
        (PM_HOME_A, Role.PREMISES_MANAGER, None, unit_a),
        (LEAD_P1, Role.PROGRAMME_LEAD, p1, UnitFactory()),
        (UNIT_ADMIN_A, Role.UNIT_ADMIN, unit_a, unit_a),
    ]:
        users[name] = make_user(home_unit=home_unit)
        role_grant(by=None, user=users[name], role=role, scope=scope)
    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=10), datetime.time(10))
    )
    booker = make_user(Role.OFFICIAL, username="scoped-booker")
    bookings = {
        name: BookingFactory(
            space=space,
            period=DateTimeTZRange(start, start + datetime.timedelta(hours=1)),
            status=Booking.Status.REQUESTED,
            booker=booker,
        )
        for name, space in [("booking_a", space_a), ("booking_b", space_b)]
    }
    colleague = make_user(Role.OFFICIAL, home_unit=unit_a, username="scoped-colleague")
    stranger = make_user(Role.OFFICIAL, home_unit=unit_b, username="scoped-stranger")
    objects = {"space_a": space_a, "space_b": space_b, "p1": p1, "p2": p2, "unit_a": unit_a, **bookings}
    return World(users, {**objects, "colleague": colleague, "stranger": stranger})


def _grant(user: str, role: Role, unit: str | None = None) -> Callable[[World], dict]:
    return lambda w: {"user": w.objects[user].pk, "role": role, "unit": w.objects[unit].pk if unit else ""}


def _holds(user: str, role: Role) -> Callable[[World], bool]:
    return lambda w: RoleAssignment.objects.filter(user=w.objects[user], role=role).exists()


def _removal_url(user: str) -> Callable[[World], str]:
    return lambda w: f"/accounts/roles/{RoleAssignment.objects.get(user=w.objects[user]).pk}/remove/"


SCOPED_TABLE = [
    Row(
        "unit A's space edit page",
        "get",
        lambda w: f"/premises/spaces/{w.space_a.pk}/edit/",
        MANAGERS_OF_A,
        200,
        api=False,
    ),
    Row("unit B's space edit page", "get", lambda w: f"/premises/spaces/{w.space_b.pk}/edit/", (), 200, api=False),
    Row(
        "approve a booking of unit A's space",
        "post",
        lambda w: f"/api/v1/bookings/{w.booking_a.pk}/approve/",
        MANAGERS_OF_A,
        200,
        denied={LEAD_P1: 404},
    ),
    Row(
        "approve a booking of unit B's space",
        "post",
        lambda w: f"/api/v1/bookings/{w.booking_b.pk}/approve/",
        (),
        200,
        denied=OUT_OF_SIGHT,
    ),
    Row(
        "decide on unit B's booking on the request queue",
        "post",
        lambda w: f"/premises/bookings/{w.booking_b.pk}/decide/",
        tuple(SCOPED_ROLES[1:]),
        302,
        payload=lambda w: {"decision": "approve"},
        api=False,
        took_effect=lambda w: Booking.objects.get(pk=w.booking_b.pk).status == Booking.Status.CONFIRMED,
        effective_for=(),
    ),
    Row("P1's edit page", "get", lambda w: f"/programmes/{w.p1.pk}/edit/", (LEAD_P1,), 200, api=False),
    Row("P2's edit page", "get", lambda w: f"/programmes/{w.p2.pk}/edit/", (), 200, api=False),
    Row(
        "change P1",
        "patch",
        lambda w: f"/api/v1/programmes/{w.p1.pk}/",
        (LEAD_P1,),
        200,
        payload=lambda w: {"mandate": "Renewed by the board"},
    ),
    Row(
        "change P2",
        "patch",
        lambda w: f"/api/v1/programmes/{w.p2.pk}/",
        (),
        200,
        payload=lambda w: {"mandate": "Renewed by the board"},
    ),
    # The unit administrator's page: roles inside their own unit only, never admin.
    Row("my unit's roles page", "get", lambda w: "/accounts/roles/", (UNIT_ADMIN_A,), 200, api=False),
    Row(
        "grant a colleague a premises manager role for unit A",
        "post",
        lambda w: "/accounts/roles/",
        (UNIT_ADMIN_A,),
        302,
        payload=_grant("colleague", Role.PREMISES_MANAGER, "unit_a"),
        api=False,
        took_effect=_holds("colleague", Role.PREMISES_MANAGER),
        effective_for=(UNIT_ADMIN_A,),
    ),
    Row(
        "grant a colleague the admin role",
        "post",
        lambda w: "/accounts/roles/",
        (UNIT_ADMIN_A,),
        400,
        payload=_grant("colleague", Role.ADMIN),
        api=False,
        took_effect=_holds("colleague", Role.ADMIN),
    ),
    Row(
        "grant someone of unit B a role",
        "post",
        lambda w: "/accounts/roles/",
        (UNIT_ADMIN_A,),
        400,
        payload=_grant("stranger", Role.PROGRAMME_LEAD),
        api=False,
        took_effect=_holds("stranger", Role.PROGRAMME_LEAD),
    ),
    Row(
        "remove a colleague's role",
        "post",
        _removal_url("colleague"),
        (UNIT_ADMIN_A,),
        302,
        api=False,
        took_effect=lambda w: not _holds("colleague", Role.OFFICIAL)(w),
        effective_for=(UNIT_ADMIN_A,),
    ),
    Row(
        "remove the role of someone of unit B",
        "post",
        _removal_url("stranger"),
        (),
        302,
        api=False,
        took_effect=lambda w: not _holds("stranger", Role.OFFICIAL)(w),
    ),
]

SCOPED_CASES = [pytest.param(row, role, id=f"{row.name}-{role}") for row in SCOPED_TABLE for role in SCOPED_ROLES]


@pytest.mark.parametrize(("row", "role"), SCOPED_CASES)
def test_scoped_permission_matrix(scoped_world: World, row: Row, role: str) -> None:
    test_permission_matrix(scoped_world, row, role)
