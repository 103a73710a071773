"""Accounts from the login (apps.accounts.services), given claims an ID token check has already passed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from apps.accounts.models import LoginGroupRole, RoleAssignment, User
from apps.accounts.roles import Role
from apps.accounts.services import user_sign_in_from_claims
from tests.sectors.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
ISSUER = "https://sso.example.fi"


def claims(**changes: object) -> dict[str, object]:
    return {"sub": "s-1", "email": "eeva@example.org", "given_name": "Eeva", "family_name": "Aho", **changes}


def test_a_local_account_with_the_same_email_is_taken_over_with_its_roles(make_user):
    local = make_user(Role.PREMISES_MANAGER, username="eeva", email="Eeva@Example.org")

    user = user_sign_in_from_claims(issuer=ISSUER, claims=claims())

    assert user.pk == local.pk
    assert user.oidc_subject == f"{ISSUER} s-1"
    assert User.objects.get(pk=local.pk).has_role(Role.PREMISES_MANAGER)  # roles granted by hand stay


def test_an_unverified_email_takes_no_account_over(make_user):
    local = make_user(username="eeva", email="eeva@example.org")

    user = user_sign_in_from_claims(issuer=ISSUER, claims=claims(email_verified=False))

    assert user.pk != local.pk
    assert user.username != "eeva"  # the taken name gets the subject's hash


def test_the_same_subject_of_another_issuer_is_another_user():
    first = user_sign_in_from_claims(issuer=ISSUER, claims=claims(email=""))
    second = user_sign_in_from_claims(issuer="https://other.example", claims=claims(email=""))

    assert first.pk != second.pk


def test_a_list_of_unit_codes_gives_the_first_known_unit_and_a_missing_claim_keeps_the_unit():
    unit = UnitFactory(external_code="U-2")

    user = user_sign_in_from_claims(issuer=ISSUER, claims=claims(department=["U-404", "U-2"]))
    again = user_sign_in_from_claims(issuer=ISSUER, claims=claims())

    assert user.home_unit == again.home_unit == unit


def test_a_person_already_linked_to_someone_else_is_left_alone(make_user):
    other = make_user()
    person = PersonFactory(email="eeva@example.org", user=other)

    user_sign_in_from_claims(issuer=ISSUER, claims=claims())

    person.refresh_from_db()
    assert person.user == other


def test_the_groups_claim_changes_no_role_yet():
    user = user_sign_in_from_claims(issuer=ISSUER, claims=claims(groups=["silta-admins"]))

    assert not User.objects.get(pk=user.pk).has_any_role()


def test_an_unknown_language_keeps_the_users_choice():
    user_sign_in_from_claims(issuer=ISSUER, claims=claims(locale="sv-FI"))

    user = user_sign_in_from_claims(issuer=ISSUER, claims=claims(locale="de-DE"))

    assert user.language == "sv"


def test_a_second_sign_in_with_other_groups_changes_the_login_roles_and_the_history_says_so(make_user):
    unit = UnitFactory()
    LoginGroupRole.objects.create(group="premises-staff", role=Role.PREMISES_MANAGER, unit=unit)
    LoginGroupRole.objects.create(group="managers", role=Role.MANAGER)
    by_hand = make_user(Role.OFFICIAL, username="eeva", email="eeva@example.org")

    # Given a first sign-in as a member of the premises staff group
    user_sign_in_from_claims(issuer=ISSUER, claims=claims(groups=["premises-staff", "unmapped"]))
    first = User.objects.get(pk=by_hand.pk)
    assert first.scope_ids(Role.PREMISES_MANAGER, "unit") == {unit.pk}
    assert not first.has_role(Role.MANAGER)

    # When the next sign-in names the managers' group instead
    user_sign_in_from_claims(issuer=ISSUER, claims=claims(groups="managers"))

    # Then the login's roles follow the groups, the role granted by hand stays, and the history has each change
    second = User.objects.get(pk=by_hand.pk)
    assert second.has_role(Role.MANAGER)
    assert not second.has_role(Role.PREMISES_MANAGER)
    assert second.has_role(Role.OFFICIAL)
    changes = RoleAssignment.history.filter(user=second, source=RoleAssignment.Source.LOGIN)
    assert sorted((change.role, change.history_type) for change in changes) == [
        (Role.MANAGER, "+"),
        (Role.PREMISES_MANAGER, "+"),
        (Role.PREMISES_MANAGER, "-"),
    ]


def test_a_login_group_mapping_respects_the_roles_scopes():
    with pytest.raises(IntegrityError):
        LoginGroupRole.objects.create(group="leads", role=Role.PROGRAMME_LEAD, unit=UnitFactory())
