"""The session's user comes with their roles: permission checks and navigation need no further query."""

import pytest
from django.urls import reverse

from apps.accounts.backends import RoleAwareModelBackend
from apps.accounts.roles import Role
from apps.accounts.services import role_revoke

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_roles(make_user, django_assert_num_queries):
    manager = make_user(Role.MANAGER, Role.OFFICIAL)

    with django_assert_num_queries(1):
        user = RoleAwareModelBackend().get_user(manager.pk)
        roles = user.role_names
        is_manager, is_admin = user.has_role(Role.MANAGER), user.has_role(Role.ADMIN)

    assert user == manager
    assert roles == {Role.MANAGER, Role.OFFICIAL}
    assert (is_manager, is_admin) == (True, False)


def test_a_user_without_roles_has_none(make_user, django_assert_num_queries):
    nobody = make_user()

    with django_assert_num_queries(1):
        roles = RoleAwareModelBackend().get_user(nobody.pk).role_names

    assert roles == frozenset()


def test_a_deactivated_user_is_logged_out(client_for):
    client = client_for(Role.OFFICIAL)
    official = client.user
    official.is_active = False
    official.save()

    response = client.get(reverse("initiatives:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_role_taken_away_counts_from_the_next_request(client_for):
    client = client_for(Role.MANAGER)
    manager = client.user
    before = client.get(reverse("dashboards:overview")).status_code

    for assignment in manager.role_assignments.all():
        role_revoke(by=None, assignment=assignment)
    after = client.get(reverse("dashboards:overview")).status_code

    assert (before, after) == (200, 403)
