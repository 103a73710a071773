"""The personal link of an invitation: its id and the round's closing moment, signed with the secret key.

``django.core.signing.dumps`` signs with a ``TimestampSigner``, so a changed or cut link fails before the database
is asked; the closing moment inside makes the link expire with its round. The link may be opened any number of
times until then: answers can be changed while the round is open.
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import NotAllowed
from apps.pulse.models import PulseInvitation

SALT = "pulse.invitation"


class LinkRefused(NotAllowed):
    """A link that cannot be used: changed, cut short, of an invitation that is gone, or expired."""


def invitation_token(invitation: PulseInvitation) -> str:
    closes = int(invitation.round.closes_at.timestamp())
    return signing.dumps({"i": invitation.pk, "e": closes}, salt=SALT, compress=True)


def invitation_from_token(signed: str, *, now: datetime | None = None) -> PulseInvitation:
    """The invitation a link names, or ``LinkRefused`` with a message for the page."""
    try:
        payload = signing.loads(signed, salt=SALT)
        invitation_id, expires = int(payload["i"]), int(payload["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise LinkRefused(
            _("This link is not valid: it may have been changed or cut short. Open it again from the e-mail.")
        ) from exc
    invitation = (
        PulseInvitation.objects.select_related("round", "person__unit__sector").filter(pk=invitation_id).first()
    )
    if invitation is None:
        raise LinkRefused(_("This survey no longer exists."))
    if (now or timezone.now()).timestamp() >= expires:
        raise LinkRefused(_("This survey has closed, so the link no longer works. Thank you for your interest."))
    return invitation
