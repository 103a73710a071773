"""Demo partner requests: a few posts of the demo's official and programme lead, one already answered.

Written in the language their author would use (Finnish mostly, one in Swedish); keyed by title, so a second run
changes nothing. Drawn from nothing random: the seeders before this one keep their draws.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from apps.accounts.models import User
from apps.partner_requests.models import PartnerAnswer, PartnerRequest
from apps.sectors.models import Sector, Topic

# (author, title, description, sector slugs wanted, topics' English names, area, days ago, answered by)
REQUESTS = [
    (
        "official",
        "Kulttuurikumppani nuorten työllisyyshankkeeseen Itä-Helsingissä keväällä 2027",
        "Etsimme taiteilijaa tai kulttuuriyhdistystä, joka vetäisi nuorille työpajoja osana työllisyyspolkua.",
        ["culture", "civil-society"],
        ["Youth", "Employment", "Cultural participation"],
        "Itä-Helsinki",
        12,
        "lead",
    ),
    (
        "lead",
        "Liikuntaseura mukaan ikäihmisten kulttuuri- ja liikuntaryhmiin",
        "Kulttuuriohjelma hakee liikuntaseuraa, joka toisi ohjaajan viikoittaisiin ryhmiin palvelutaloissa.",
        ["sports-and-youth", "civil-society"],
        ["Older people", "Physical activity", "Loneliness"],
        "Koko kaupunki",
        5,
        None,
    ),
    (
        "official",
        "Tila ja kumppani nuorten bänditoimintaan",
        "Nuorisopalvelut etsii musiikkiopistoa tai yhdistystä, jolla on treenitila iltaisin.",
        ["culture"],
        ["Music", "Youth", "Premises"],
        "Kallio",
        30,
        None,
    ),
    (
        "lead",
        "Partner för en läsfrämjande kampanj på svenska",
        "Vi söker ett bibliotek eller en förening som vill ordna läsecirklar för familjer på svenska.",
        ["education", "civil-society"],
        ["Reading", "Early childhood"],
        "Hela staden",
        2,
        None,
    ),
]


def seed(rng: random.Random) -> None:
    users = {user.username: user for user in User.objects.filter(username__in=["official", "lead"])}
    topics = {topic.name_en: topic for topic in Topic.objects.all()}
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    now = timezone.now()
    for author, title, description, wanted, topic_names, area, days_ago, answered_by in REQUESTS:
        posted = now - datetime.timedelta(days=days_ago)
        partner_request, created = PartnerRequest.objects.get_or_create(
            title=title,
            defaults={
                "author": users[author],
                "unit": users[author].home_unit,
                "description": description,
                "area": area,
                "created_at": posted,
                "starts_on": (posted + datetime.timedelta(days=60)).date(),
                "ends_on": (posted + datetime.timedelta(days=180)).date(),
            },
        )
        if not created:
            continue
        partner_request.topics.set(topics[name] for name in topic_names)
        partner_request.sectors_wanted.set(sectors[slug] for slug in wanted if slug in sectors)
        if answered_by:
            PartnerAnswer.objects.create(
                request=partner_request,
                responder=users[answered_by],
                message="Kulttuuripalveluilla olisi tähän sopiva taiteilija; soitellaan!",
                created_at=posted + datetime.timedelta(days=3),
            )
