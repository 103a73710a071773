"""The partner requests' part of a person's data (``apps.sectors.person_data``): the requests they posted and the
answers they gave; erased, their texts carry the pseudonym, while the requests and answers stay for the figures."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from apps.partner_requests.models import PartnerAnswer, PartnerRequest
from apps.sectors.models import Person
from apps.sectors.person_data import Erasure, PersonDataPart, Section, merge_counts


def partner_requests_export(person: Person) -> Iterator[Section]:
    requests = PartnerRequest.objects.filter(author_id=person.user_id).order_by("created_at", "pk")
    yield Section(
        "partner_requests",
        _("Partner requests posted"),
        [("id", _("id")), ("title", _("title")), ("description", _("description")), ("posted", _("posted"))],
        [[row.pk, row.title, row.description, row.created_at] for row in requests] if person.user_id else [],
    )
    answers = PartnerAnswer.objects.filter(responder_id=person.user_id).select_related("request")
    yield Section(
        "partner_answers",
        _("Answers to partner requests"),
        [("id", _("id")), ("request", _("partner request")), ("message", _("message")), ("answered", _("answered"))],
        [[row.pk, row.request.title, row.message, row.created_at] for row in answers] if person.user_id else [],
    )


def partner_requests_erase(erasure: Erasure) -> dict[str, int]:
    return merge_counts(
        erasure.scrub_texts(PartnerRequest, "title", "description", "area"),
        erasure.scrub_texts(PartnerAnswer, "message"),
    )


PARTNER_REQUESTS_PART = PersonDataPart(
    "partner_requests", order=55, export=partner_requests_export, erase=partner_requests_erase
)
