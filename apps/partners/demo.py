"""Demo partner accounts: members of two civic organisations that take part in demo initiatives, one person waiting
for approval, and partner requests two partners posted. Keyed by user name and title: a second run changes nothing.
Drawn from nothing random, so the seeders after this one keep their draws."""

from __future__ import annotations

import random

from allauth.account.models import EmailAddress
from django.db.models import Count

from apps.accounts.demo import DEMO_PASSWORD
from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.partner_requests.models import PartnerRequest
from apps.partner_requests.services import partner_request_post
from apps.partners import services
from apps.partners.models import Membership
from apps.sectors.models import Sector, Topic

# user name, first name, last name, approved (else waiting), which organisation (0 or 1 of the two chosen)
PARTNERS = [
    ("kumppani", "Kaisa", "Kumppani", True, 0),
    ("partner", "Pia", "Partner", True, 1),
    ("jasen", "Jari", "Jäsenehdokas", False, 0),
]
# author (user name), title, description, sector slugs wanted, topics' English names, area
POSTS = [
    (
        "kumppani",
        "Tila ja kaupungin kumppani ikäihmisten lauluryhmälle",
        "Yhdistyksemme etsii palvelutaloa tai kirjastoa, joka tarjoaisi tilan ja yhteyshenkilön viikoittaiselle "
        "lauluryhmälle syksystä 2027.",
        ["social-and-health", "culture"],
        ["Older people", "Loneliness"],
        "Espoonlahti",
    ),
    (
        "partner",
        "Vi söker en skola för ett idrottsprojekt för unga",
        "Föreningen vill ordna eftermiddagsidrott för högstadieelever och söker en skola och en ungdomsgård.",
        ["education", "sports-and-youth"],
        ["Youth", "Physical activity"],
        "Hela staden",
    ),
]


def _organisations() -> list[Organisation]:
    """The two associations that take part in the most demo initiatives: their members have something to see."""
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION)
        .annotate(taking_part=Count("unit__participations"))
        .order_by("-taking_part", "pk")
        .select_related("unit")[:2]
    )


def seed(rng: random.Random) -> None:
    organisations = _organisations()
    if len(organisations) < 2:
        return
    admin = User.objects.get(username="admin")
    for username, first_name, last_name, approved, which in PARTNERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "kind": User.Kind.PARTNER,
            },
        )
        if not created:
            continue
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        membership = services.membership_request(by=user, organisation=organisations[which], message="")
        if approved:
            services.membership_approve(by=admin, membership=membership)
    topics = {topic.name_en: topic for topic in Topic.objects.all()}
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    for author, title, description, wanted, topic_names, area in POSTS:
        user = User.objects.get(username=author)
        if (
            PartnerRequest.objects.filter(title=title).exists()
            or not Membership.objects.filter(user=user, status=Membership.Status.APPROVED).exists()
        ):
            continue
        partner_request_post(
            by=user,
            title=title,
            description=description,
            topics=[topics[name] for name in topic_names if name in topics],
            sectors_wanted=[sectors[slug] for slug in wanted if slug in sectors],
            area=area,
        )
