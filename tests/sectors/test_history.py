"""A person's changes are kept in history: who, when, each field and the topics; the admin shows it."""

import pytest
from django.urls import reverse
from zeal import zeal_context

from apps.accounts.roles import Role
from apps.sectors.models import Person
from tests.sectors.factories import PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _form(person: Person, **changes: object) -> dict[str, object]:
    values = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "unit": person.unit_id,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "languages": person.languages,
        "user": person.user_id or "",
    }
    return values | changes


def test_a_person_changed_in_the_admin_keeps_each_field_and_topic_with_the_admin(admin_client):
    # Given a person and a topic
    person = PersonFactory(title="Planner", phone="")
    topic = TopicFactory(name="Youth")

    # When an administrator changes the title and adds the topic
    response = admin_client.post(
        reverse("admin:sectors_person_change", args=[person.pk]), _form(person, title="Lead planner", topics=[topic.pk])
    )
    history_page = admin_client.get(reverse("admin:sectors_person_history", args=[person.pk]))

    # Then the history has the change by the administrator, and the topics as they were after it
    assert response.status_code == 302
    records = list(Person.history.filter(id=person.pk).order_by("history_id"))
    assert records[0].history_type == "+"
    assert records[-1].title == "Lead planner"
    assert {record.history_user for record in records[1:]} == {response.wsgi_request.user}
    assert [row.topic_id for row in records[-1].topics.all()] == [topic.pk]
    assert history_page.status_code == 200 and "Lead planner" in history_page.content.decode()


def test_deleting_a_person_is_kept_as_a_deleted_record(admin_client):
    person = PersonFactory()

    admin_client.post(reverse("admin:sectors_person_delete", args=[person.pk]), {"post": "yes"})

    deleted = Person.history.get(id=person.pk, history_type="-")
    assert deleted.history_user.is_superuser


def test_the_person_history_page_shows_who_changed_what_to_role_holders_only(admin_client, client_for):
    # Given a person whose title an administrator changed
    person = PersonFactory(title="Planner")
    admin_client.post(reverse("admin:sectors_person_change", args=[person.pk]), _form(person, title="Lead planner"))
    official, bare_login = client_for(Role.OFFICIAL), client_for()

    # When an official and a login without a role open the person's history
    with zeal_context():
        page = official.get(reverse("sectors:person_history", args=[person.pk]))
    refused = bare_login.get(reverse("sectors:person_history", args=[person.pk]))

    # Then the official sees the change from → to, and the directory links to it; the bare login is refused
    assert ("title", "Planner", "Lead planner") in {
        (change.field, change.old, change.new) for entry in page.context["history"] for change in entry.changes
    }
    directory = official.get(reverse("sectors:person_directory")).content.decode()
    assert reverse("sectors:person_history", args=[person.pk]) in directory
    assert refused.status_code == 403
