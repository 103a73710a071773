"""The unit administrator's roles page: the people of their unit only, linked from the navigation for them."""

import pytest
from django.urls import reverse

from apps.accounts.models import RoleAssignment
from apps.accounts.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_roles_of_the_unit_and_no_other(client_for, make_user):
    client = client_for(Role.UNIT_ADMIN)
    make_user(Role.PROGRAMME_LEAD, home_unit=client.user.home_unit, last_name="Colleague")
    make_user(Role.PROGRAMME_LEAD, last_name="Stranger")

    page = client.get(reverse("accounts:unit_roles")).content.decode()

    assert "Colleague" in page
    assert "Stranger" not in page


def test_a_grant_on_the_page_is_by_hand_and_names_who_granted_it(client_for):
    client = client_for(Role.UNIT_ADMIN)
    colleague = UserFactory(home_unit=client.user.home_unit)

    response = client.post(reverse("accounts:unit_roles"), {"user": colleague.pk, "role": Role.OFFICIAL, "unit": ""})

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=colleague)
    assert (assignment.role, assignment.source, assignment.granted_by) == (Role.OFFICIAL, "hand", client.user)


@pytest.mark.parametrize(("role", "linked"), [(Role.UNIT_ADMIN, True), (Role.OFFICIAL, False), (Role.ADMIN, False)])
def test_the_navigation_links_the_page_for_unit_administrators(client_for, role, linked):
    page = client_for(role).get(reverse("initiatives:list")).content.decode()

    assert (reverse("accounts:unit_roles") in page) is linked


def test_the_page_shows_who_granted_and_removed_the_units_roles(client_for, make_user):
    # Given a role granted and then removed on the page, and a role of another unit's person
    client = client_for(Role.UNIT_ADMIN, first_name="Ulla", last_name="Unitadmin")
    colleague = UserFactory(home_unit=client.user.home_unit, last_name="Colleague")
    client.post(reverse("accounts:unit_roles"), {"user": colleague.pk, "role": Role.OFFICIAL, "unit": ""})
    client.post(reverse("accounts:unit_role_remove", args=[RoleAssignment.objects.get(user=colleague).pk]))
    stranger = make_user(Role.PROGRAMME_LEAD, last_name="Stranger")

    # When the page opens
    response = client.get(reverse("accounts:unit_roles"))

    # Then its change history has the grant and the removal, by the unit administrator, and nothing of the stranger
    history = response.context["history"]
    colleague_rows = [entry for entry in history if entry.record.startswith(f"{colleague} ·")]
    assert [entry.action for entry in colleague_rows] == ["deleted", "created"]
    assert {entry.who for entry in colleague_rows} == {client.user}
    assert not [entry for entry in history if entry.record.startswith(f"{stranger} ·")]
    assert "Ulla Unitadmin" in response.content.decode()
