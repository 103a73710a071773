"""No public page, download or public API answer of the demo city carries a person: every person's and user's
name, e-mail and phone is searched for in all of them."""

from __future__ import annotations

import math
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from apps.accounts.models import User
from apps.initiatives.models import Initiative
from apps.premises.models import Space
from apps.public.views import PAGE_SIZE
from apps.sectors.models import Person

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert response.status_code == 200, response
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_no_public_page_of_the_demo_names_a_person():
    call_command("seed_demo", stdout=StringIO())
    public = list(Initiative.objects.filter(is_public=True).values_list("pk", flat=True))
    assert len(public) >= 5  # the demo publishes some, so the pages below are not empty
    client = Client()
    paths = [f"/open/{language}/" for language in ("fi", "sv", "en")]
    paths += [f"/open/fi/initiatives/?page={page}" for page in range(1, math.ceil(len(public) / PAGE_SIZE) + 1)]
    paths += ["/open/en/indicators/", "/open/sv/premises/", "/open/fi/data/spaces.csv", "/open/fi/data/spaces.json"]
    paths += [f"/open/en/premises/{pk}/" for pk in Space.objects.exclude(open_to=[]).values_list("pk", flat=True)]
    paths += [f"/open/en/initiatives/{pk}/" for pk in public]
    paths += ["/open/fi/data/initiatives.csv", "/open/fi/data/initiatives.json"]
    paths += ["/open/fi/data/indicator-values.csv", "/api/public/v1/initiatives/", "/api/public/v1/indicator-values/"]
    pages = {path: _body(client.get(path)) for path in paths}
    assert sum(page.count('<h2><a href="/open/') for page in pages.values()) >= len(public)

    secrets = set()
    for person in Person.objects.all():
        secrets.update({f"{person.first_name} {person.last_name}", person.email, person.phone})
    for user in User.objects.all():
        secrets.update({user.get_full_name(), user.email})
    secrets.discard("")
    assert len(secrets) > 50
    found = [(path, secret) for path, page in pages.items() for secret in secrets if secret in page]
    assert found == []
