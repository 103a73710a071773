import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from apps.accounts.models import User
from apps.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_custom_user_model_is_active():
    assert get_user_model() is User


def test_every_role_exists_as_a_group_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


def test_a_user_holds_exactly_the_roles_of_its_groups(make_user):
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
