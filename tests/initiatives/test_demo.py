from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from apps.accounts.models import User
from apps.initiatives import permissions
from apps.initiatives.models import Funding, Initiative, Outcome
from apps.programmes import permissions as programme_permissions
from apps.programmes.models import Programme

pytestmark = pytest.mark.django_db


def _culture_share(initiatives) -> float:
    with_culture = initiatives.filter(participations__unit__sector__slug="culture").distinct().count()
    return with_culture / initiatives.count()


def test_seed_demo_creates_initiatives_and_programmes_with_the_city_patterns():
    call_command("seed_demo", stdout=StringIO())

    initiatives = Initiative.objects.all()
    assert initiatives.count() >= 200
    assert len({initiative.start_date.year for initiative in initiatives}) >= 3
    assert initiatives.filter(participations__unit__sector__kind="external").distinct().exists()
    assert Funding.objects.count() >= 100
    assert Outcome.objects.count() >= 50
    programmes = Programme.objects.annotate(meetings_n=Count("meetings"), decisions_n=Count("decisions"))
    assert programmes.count() >= 5
    assert all(programme.meetings_n and programme.decisions_n for programme in programmes)
    assert programmes.filter(decisions__is_kedge=True).exists()
    in_programmes = initiatives.filter(programme__isnull=False)
    outside = initiatives.filter(programme__isnull=True)
    assert _culture_share(in_programmes) < _culture_share(outside) / 2
    single_contact = initiatives.annotate(contacts=Count("contact_persons")).filter(contacts=1)
    assert single_contact.count() >= 20
    assert Initiative.history.filter(history_type="+").count() == initiatives.count()


def test_the_demo_logins_have_work_to_edit():
    call_command("seed_demo", stdout=StringIO())

    official = User.objects.get(username="official")
    lead = User.objects.get(username="lead")

    assert permissions.editable_initiatives(official).count() >= 5
    assert any(programme_permissions.can_edit_programme(lead, programme) for programme in Programme.objects.all())
