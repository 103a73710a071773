"""Opening a round, answering through the link, and closing: the rules and the refusals."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.roles import Role
from apps.core.exceptions import Invalid, NotAllowed
from apps.pulse import selectors, services
from apps.pulse.models import PulseInvitation, PulseRating, PulseResponse, PulseRound
from apps.pulse.tokens import LinkRefused, invitation_from_token
from tests.pulse.conftest import CLOSES, TODAY, link_of
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db

DURING = timezone.make_aware(datetime(2026, 5, 10, 12))
AFTER = timezone.make_aware(datetime(2026, 5, 21, 0, 1))


def test_opening_a_round_invites_each_contact_person_with_a_personal_link(
    city, open_round, django_capture_on_commit_callbacks
):
    # When a manager opens a round over both initiatives
    with django_capture_on_commit_callbacks(execute=True):
        pulse_round = open_round()

    # Then each of the five contact persons is invited once, and mailed their own link
    invited = set(PulseInvitation.objects.filter(round=pulse_round).values_list("person__first_name", flat=True))
    assert invited == {"Aino", "Eero", "Saara", "Bertta", "Emil"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"{name}@example.org" for name in ("aino", "eero", "saara", "bertta", "emil")
    )
    links = {message.to[0]: message.body.split("/pulse/answer/")[1].split("/")[0] for message in mail.outbox}
    assert {email: invitation_from_token(link, now=DURING).person.email for email, link in links.items()} == {
        email: email for email in links
    }


def test_each_person_rates_the_other_units_of_their_own_initiatives(city, open_round):
    pulse_round = open_round()
    assert [unit.name for unit in selectors.worked_with(pulse_round, city.aino)] == ["Education A", "Social A"]
    assert [unit.name for unit in selectors.worked_with(pulse_round, city.emil)] == ["Culture B"]


def test_a_programme_lead_opens_rounds_for_their_programme_only(city, make_user):
    lead = make_user(Role.PROGRAMME_LEAD)
    lead_person = PersonFactory(user=lead, unit=city.culture_a)
    city.buddies.programme.lead = lead_person
    city.buddies.programme.save()
    dates = {"period_start": date(2026, 1, 1), "period_end": date(2026, 4, 30), "closes_on": CLOSES, "today": TODAY}

    # The programme's round takes the programme's initiatives when none is named
    pulse_round = services.pulse_round_open(by=lead, title="Ours", programme=city.buddies.programme, **dates)
    assert set(pulse_round.initiatives.all()) == {city.buddies, city.museum}
    # A city round is a manager's
    with pytest.raises(NotAllowed):
        services.pulse_round_open(by=lead, title="City", initiatives=[city.buddies], **dates)
    # And an official opens none
    with pytest.raises(NotAllowed):
        services.pulse_round_open(by=make_user(Role.OFFICIAL), title="Mine", programme=city.buddies.programme, **dates)


def test_a_round_must_close_in_the_future(city, manager):
    with pytest.raises(Invalid) as refused:
        services.pulse_round_open(
            by=manager,
            title="Late",
            initiatives=[city.buddies],
            period_start=date(2026, 1, 1),
            period_end=date(2026, 4, 30),
            closes_on=TODAY,
            today=TODAY,
        )
    assert "closes_on" in refused.value.errors


def test_answers_can_be_saved_half_way_and_changed_until_the_round_closes(city, open_round):
    pulse_round = open_round()
    signed = link_of(pulse_round, city.aino)

    # Given a half-way save: one item of one unit
    services.pulse_answers_save(signed=signed, ratings={city.education_a.pk: {"reliability": 2}}, now=DURING)
    # When the same link saves again, changing it and adding more
    services.pulse_answers_save(
        signed=signed,
        ratings={city.education_a.pk: {"reliability": 4, "mission": 3}, city.social_a.pk: {"openness": 1}},
        wished_units=[city.culture_b.pk],
        now=DURING,
    )

    # Then there is one response with the latest answers
    response = PulseResponse.objects.get(round=pulse_round)
    assert (response.person, response.unit, response.sector) == (city.aino, city.culture_a, city.culture)
    ratings = {rating.rated_unit.name: rating for rating in response.ratings.all()}
    assert (ratings["Education A"].reliability, ratings["Education A"].mission) == (4, 3)
    assert ratings["Education A"].rated_sector == city.education
    assert ratings["Social A"].openness == 1
    assert [wish.unit for wish in response.wishes.all()] == [city.culture_b]
    assert PulseInvitation.objects.get(round=pulse_round, person=city.aino).answered


def test_rating_a_unit_one_did_not_work_with_is_refused_and_nothing_is_saved(city, open_round):
    pulse_round = open_round()
    with pytest.raises(Invalid, match="worked with"):
        services.pulse_answers_save(
            signed=link_of(pulse_round, city.aino),
            ratings={city.education_a.pk: {"reliability": 3}, city.education_b.pk: {"reliability": 1}},
            now=DURING,
        )
    assert not PulseResponse.objects.exists()
    assert not PulseInvitation.objects.filter(answered=True).exists()


@pytest.mark.parametrize("rating", [0, 5, -1, "3.5", "x"])
def test_a_rating_outside_one_to_four_is_refused(city, open_round, rating):
    pulse_round = open_round()
    with pytest.raises(Invalid):
        services.pulse_answers_save(
            signed=link_of(pulse_round, city.aino), ratings={city.education_a.pk: {"mission": rating}}, now=DURING
        )
    assert not PulseRating.objects.exists()


def test_the_database_refuses_a_rating_outside_the_scale(city, open_round):
    pulse_round = open_round()
    services.pulse_answers_save(
        signed=link_of(pulse_round, city.aino), ratings={city.education_a.pk: {"mission": 2}}, now=DURING
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PulseRating.objects.update(mission=5)


def test_a_round_closed_meanwhile_refuses_the_whole_answer(city, open_round):
    pulse_round = open_round()
    signed = link_of(pulse_round, city.aino)
    services.pulse_answers_save(signed=signed, ratings={city.education_a.pk: {"mission": 2}}, now=DURING)
    services.pulse_round_close(pulse_round=pulse_round, now=DURING)

    with pytest.raises(services.RoundClosed, match="closed"):
        services.pulse_answers_save(
            signed=signed, ratings={city.education_a.pk: {"mission": 4}, city.social_a.pk: {"mission": 4}}, now=DURING
        )
    assert list(PulseRating.objects.values_list("mission", flat=True)) == [2]


def test_the_link_expires_when_the_round_closes(city, open_round):
    pulse_round = open_round()
    with pytest.raises(LinkRefused, match="closed"):
        services.pulse_answers_save(
            signed=link_of(pulse_round, city.aino), ratings={city.education_a.pk: {"mission": 4}}, now=AFTER
        )


@pytest.mark.parametrize(
    "change", [lambda s: s[:-2], lambda s: s.replace(":", "x", 1), lambda s: "a" + s, lambda s: ""]
)
def test_a_changed_link_is_refused(city, open_round, change):
    pulse_round = open_round()
    with pytest.raises(LinkRefused, match="not valid"):
        services.pulse_answers_save(
            signed=change(link_of(pulse_round, city.aino)), ratings={city.education_a.pk: {"mission": 4}}, now=DURING
        )


def test_two_rounds_over_the_same_initiatives_are_kept_apart(city, open_round):
    first, second = open_round(title="First"), open_round(title="Second")
    services.pulse_answers_save(
        signed=link_of(first, city.aino), ratings={city.education_a.pk: {"mission": 1}}, now=DURING
    )
    services.pulse_answers_save(
        signed=link_of(second, city.aino), ratings={city.education_a.pk: {"mission": 4}}, now=DURING
    )

    assert PulseRating.objects.get(response__round=first).mission == 1
    assert PulseRating.objects.get(response__round=second).mission == 4
    assert PulseInvitation.objects.filter(person=city.aino, answered=True).count() == 2


def test_closing_cuts_the_answers_loose_from_the_people_but_keeps_unit_and_sector(city, open_round):
    pulse_round = open_round()
    services.pulse_answers_save(
        signed=link_of(pulse_round, city.aino), ratings={city.education_a.pk: {"mission": 3}}, now=DURING
    )

    assert services.pulse_round_close(pulse_round=pulse_round, now=AFTER) is True
    assert services.pulse_round_close(pulse_round=pulse_round, now=AFTER) is False

    response = PulseResponse.objects.get()
    assert (response.person_id, response.saved_at) == (None, None)
    assert (response.unit, response.sector) == (city.culture_a, city.culture)
    assert PulseRound.objects.get().state == PulseRound.State.CLOSED


def test_the_beat_closes_the_rounds_whose_closing_day_is_over(city, open_round):
    pulse_round = open_round()
    assert services.pulse_rounds_close_due(now=timezone.make_aware(datetime(2026, 5, 20, 23))) == 0
    assert services.pulse_rounds_close_due(now=AFTER + timedelta(hours=1)) == 1
    pulse_round.refresh_from_db()
    assert pulse_round.state == PulseRound.State.CLOSED


def test_the_owner_may_close_early_but_an_official_may_not(city, open_round, make_user, manager):
    pulse_round = open_round()
    with pytest.raises(NotAllowed):
        services.pulse_round_close(pulse_round=pulse_round, by=make_user(Role.OFFICIAL))
    assert services.pulse_round_close(pulse_round=pulse_round, by=manager)


def test_a_persons_data_export_lists_their_invitations_but_never_their_ratings(city, open_round, make_user):
    from apps.sectors.models import PersonalDataAccess
    from apps.sectors.services import person_data_export

    pulse_round = open_round()
    services.pulse_answers_save(
        signed=link_of(pulse_round, city.aino),
        ratings={city.education_a.pk: {"mission": 4, "achieved": "X"}},
        now=DURING,
    )
    exported = person_data_export(by=make_user(Role.ADMIN), person=city.aino, channel=PersonalDataAccess.Channel.PAGE)
    sections = {section.key: section for section in exported}
    assert sections["pulse_invitations"].records() == [{"round": "Spring 2026", "closes_on": CLOSES, "answered": True}]
    assert not any("mission" in str(section.rows) or "'X'" in str(section.rows) for section in sections.values())


def test_wished_ties_are_the_wishes_of_closed_rounds_between_units_not_yet_working_together(city, open_round):
    pulse_round = open_round()
    services.pulse_answers_save(
        signed=link_of(pulse_round, city.aino),
        ratings={},
        wished_units=[city.culture_b.pk, city.education_a.pk],  # Education A is a partner already
        now=DURING,
    )
    assert selectors.wished_ties() == []  # the round is open

    services.pulse_round_close(pulse_round=pulse_round, now=AFTER)

    assert [(tie.from_unit, tie.to_unit, tie.wishes) for tie in selectors.wished_ties()] == [
        (city.culture_a, city.culture_b, 1)
    ]
