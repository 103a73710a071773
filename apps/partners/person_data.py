"""The partner accounts' part of a person's data (``apps.sectors.person_data``): their memberships of organisations
and their e-mail addresses as the sign-up keeps them. Erased, the membership's message carries the pseudonym; the
memberships stay (who belonged where, for the organisation's history), the account's addresses go with the account."""

from __future__ import annotations

from collections.abc import Iterator

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from apps.partners.models import Membership
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Section


def partners_export(person: Person) -> Iterator[Section]:
    memberships = Membership.objects.filter(user_id=person.user_id).select_related("organisation__unit")
    yield Section(
        "memberships",
        _("Memberships of organisations"),
        [
            ("id", _("id")),
            ("organisation", _("organisation")),
            ("status", _("status")),
            ("message", _("message")),
            ("asked", _("asked on")),
            ("decided", _("decided on")),
        ],
        [
            [row.pk, row.organisation.name, row.get_status_display(), row.message, row.requested_at, row.decided_at]
            for row in memberships.order_by("requested_at", "pk")
        ]
        if person.user_id
        else [],
    )
    addresses = EmailAddress.objects.filter(user_id=person.user_id).order_by("pk") if person.user_id else []
    yield Section(
        "email_addresses",
        _("E-mail addresses of the account"),
        [("email", _("e-mail")), ("verified", _("verified")), ("primary", _("primary"))],
        [[row.email, row.verified, row.primary] for row in addresses],
    )


def partners_erase(erasure: Erasure) -> dict[str, int]:
    counts = erasure.scrub_texts(Membership, "message")
    if erasure.user is not None:
        removed, _by_model = EmailAddress.objects.filter(user=erasure.user).delete()
        if removed:
            counts[EmailAddress._meta.label] = removed
    return counts


PARTNERS_PART = PersonDataPart("partners", order=57, export=partners_export, erase=partners_erase)
