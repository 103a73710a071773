"""Writes of partner requests: post, answer (which puts the two in touch), close."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import policy
from apps.core.exceptions import Conflict, Invalid
from apps.core.services import validated_save
from apps.notifications.services import notification_send
from apps.partner_requests import permissions
from apps.partner_requests.models import PartnerAnswer, PartnerRequest
from apps.partner_requests.notifications import IN_TOUCH
from apps.sectors.models import Sector, Topic
from apps.strategy.models import StrategyGoal

if TYPE_CHECKING:
    from apps.accounts.models import User


@transaction.atomic
def partner_request_post(
    *,
    by: User,
    title: str,
    description: str = "",
    topics: Iterable[Topic] = (),
    sectors_wanted: Iterable[Sector] = (),
    strategy_goals: Iterable[StrategyGoal] = (),
    area: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> PartnerRequest:
    policy.require(permissions.can_post_request(by), _("Only officials and programme leads post partner requests."))
    if starts_on and ends_on and ends_on < starts_on:
        raise Invalid({"ends_on": _("The period ends before it starts.")})
    partner_request = PartnerRequest(
        author=by,
        unit=by.home_unit,
        title=title,
        description=description,
        area=area,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    validated_save(partner_request)
    partner_request.topics.set(topics)
    partner_request.sectors_wanted.set(sectors_wanted)
    partner_request.strategy_goals.set(strategy_goals)
    return partner_request


@transaction.atomic
def partner_request_answer(*, by: User, partner_request: PartnerRequest, message: str = "") -> PartnerAnswer:
    """``by`` could be the partner asked for: the answer is kept, and both are told who the other is (e-mail)."""
    locked = PartnerRequest.objects.select_for_update().select_related("author").get(pk=partner_request.pk)
    if locked.status != PartnerRequest.Status.OPEN:
        raise Conflict(_("This partner request was closed meanwhile: it takes no more answers."))
    policy.require(permissions.can_answer_request(by, locked), _("You cannot answer your own partner request."))
    try:
        with transaction.atomic():
            answer = PartnerAnswer.objects.create(request=locked, responder=by, message=message.strip())
    except IntegrityError:
        raise Conflict(_("You have answered this partner request already.")) from None
    url = reverse("partner_requests:detail", args=[locked.pk])
    for recipient, other in ((locked.author, by), (by, locked.author)):
        notification_send(
            recipient=recipient,
            kind=IN_TOUCH.code,
            key=f"partner_requests.in_touch:{answer.pk}:{recipient.pk}",
            subject=answer,
            url=url,
            context={
                "partner_request": locked,
                "other_name": other.get_full_name() or other.username,
                "other_email": other.email,
                "message": answer.message,
                "answered": recipient == locked.author,
            },
        )
    return answer


@transaction.atomic
def partner_request_close(*, by: User, partner_request: PartnerRequest) -> PartnerRequest:
    """The author found a partner (or gave up): the request leaves the lists and takes no more answers."""
    policy.require(permissions.can_close_request(by, partner_request), _("Only the author closes a partner request."))
    if partner_request.status == PartnerRequest.Status.CLOSED:
        return partner_request
    partner_request.status, partner_request.closed_at = PartnerRequest.Status.CLOSED, timezone.now()
    partner_request.save(update_fields=["status", "closed_at"])
    return partner_request
