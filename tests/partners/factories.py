from __future__ import annotations

from allauth.account.models import EmailAddress

from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.partners import services
from apps.partners.models import Membership
from tests.accounts.factories import UserFactory
from tests.clients import UserClient

PARTNER_BACKEND = "apps.partners.backends.PartnerBackend"


def partner_account(*, verified: bool = True, **fields: object) -> User:
    """A partner account as the sign-up makes it: no home unit, no role, its e-mail verified (or not)."""
    user = UserFactory(kind=User.Kind.PARTNER, home_unit=None, **fields)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


def member(organisation: Organisation, *, by: User, **fields: object) -> User:
    """A partner account approved as a member of ``organisation`` by ``by`` (a member or the city)."""
    user = partner_account(**fields)
    membership = services.membership_request(by=user, organisation=organisation, message="")
    services.membership_approve(by=by, membership=membership)
    user.refresh_from_db()
    return user


class PartnerClient(UserClient):
    """Signed in as a partner, through the partner accounts' backend (as allauth's sign-in does)."""

    def __init__(self, user: User, **defaults: object) -> None:
        super().__init__(user, backend=PARTNER_BACKEND, **defaults)


def pending(user: User, organisation: Organisation) -> Membership:
    return services.membership_request(by=user, organisation=organisation, message="I run the choir.")
