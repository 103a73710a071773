"""Partner wanted: posting, the one-click answer that puts the two in touch, closing; and the bad input."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from apps.accounts.roles import Role
from apps.core.exceptions import Conflict, Invalid, NotAllowed
from apps.partner_requests import services
from apps.partner_requests.models import PartnerAnswer, PartnerRequest
from tests.partner_requests.factories import PartnerRequestFactory
from tests.sectors.factories import SectorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_an_official_posts_a_request_for_their_unit(make_user):
    official = make_user(Role.OFFICIAL)
    culture, youth = SectorFactory(), TopicFactory()

    posted = services.partner_request_post(
        by=official, title="A culture partner", sectors_wanted=[culture], topics=[youth], area="Espoonlahti"
    )

    assert (posted.author, posted.unit, posted.status) == (official, official.home_unit, PartnerRequest.Status.OPEN)
    assert list(posted.sectors_wanted.all()) == [culture] and list(posted.topics.all()) == [youth]


def test_a_request_refuses_a_period_that_ends_before_it_starts_and_a_reader_without_a_role(make_user):
    official = make_user(Role.OFFICIAL)

    with pytest.raises(Invalid) as refusal:
        services.partner_request_post(
            by=official, title="Backwards", starts_on=datetime.date(2027, 5, 1), ends_on=datetime.date(2027, 4, 1)
        )
    with pytest.raises(NotAllowed):
        services.partner_request_post(by=make_user(Role.MANAGER), title="Not mine to post")

    assert "ends_on" in refusal.value.errors
    assert not PartnerRequest.objects.exists()


def test_an_answer_puts_both_in_touch_by_email_each_in_their_language(make_user, django_capture_on_commit_callbacks):
    author = make_user(Role.OFFICIAL, language="fi", email="author@example.org")
    responder = make_user(Role.OFFICIAL, language="sv", email="responder@example.org")
    partner_request = PartnerRequestFactory(author=author, title="Kulttuurikumppani nuorille")

    with django_capture_on_commit_callbacks(execute=True):
        services.partner_request_answer(by=responder, partner_request=partner_request, message="Vi har en konstnär.")

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"author@example.org", "responder@example.org"}
    to_author, to_responder = by_address["author@example.org"], by_address["responder@example.org"]
    assert "responder@example.org" in to_author.body and "Vi har en konstnär." in to_author.body
    assert "author@example.org" in to_responder.body
    assert "Kulttuurikumppani nuorille" in to_author.subject and to_author.subject != to_responder.subject


def test_one_answer_per_person_no_answer_to_oneself_and_none_once_closed(make_user):
    author, responder = make_user(Role.OFFICIAL), make_user(Role.OFFICIAL)
    partner_request = PartnerRequestFactory(author=author)
    services.partner_request_answer(by=responder, partner_request=partner_request)

    with pytest.raises(Conflict, match="already"):
        services.partner_request_answer(by=responder, partner_request=partner_request)
    with pytest.raises(NotAllowed):
        services.partner_request_answer(by=author, partner_request=partner_request)
    with pytest.raises(NotAllowed):
        services.partner_request_close(by=responder, partner_request=partner_request)
    services.partner_request_close(by=author, partner_request=partner_request)
    with pytest.raises(Conflict, match="closed"):
        services.partner_request_answer(by=make_user(Role.OFFICIAL), partner_request=partner_request)

    assert PartnerAnswer.objects.count() == 1
    partner_request.refresh_from_db()
    assert partner_request.status == PartnerRequest.Status.CLOSED and partner_request.closed_at is not None
