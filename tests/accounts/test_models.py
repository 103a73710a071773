import pytest
from django.contrib.auth import get_user_model

from apps.accounts.models import RoleAssignment, User
from apps.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_custom_user_model_is_active():
    assert get_user_model() is User


def test_every_role_can_be_assigned():
    choices = {value for value, _label in RoleAssignment._meta.get_field("role").choices}

    assert choices == {role.value for role in Role}


def test_a_user_holds_exactly_the_roles_assigned_to_them(make_user):
    lead = make_user(Role.PROGRAMME_LEAD, Role.OFFICIAL)

    assert lead.has_role(Role.PROGRAMME_LEAD)
    assert lead.has_role(Role.OFFICIAL)
    assert not lead.has_role(Role.MANAGER)
    assert not lead.has_role(Role.ADMIN)


def test_a_superuser_holds_every_role(make_user):
    root = make_user(is_superuser=True)

    assert all(root.has_role(role) for role in Role)


def test_a_user_belongs_to_a_home_unit(make_user):
    user = make_user(Role.OFFICIAL)

    assert user.home_unit is not None
    assert user in user.home_unit.users.all()
