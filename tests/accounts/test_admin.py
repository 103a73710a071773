"""Roles in the Django admin: granted and removed on the user through the services, login roles shown apart."""

from typing import Any

import pytest
from django.urls import reverse

from apps.accounts.models import LoginGroupRole, RoleAssignment
from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from tests.accounts.factories import UserFactory
from tests.sectors.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _data_of(page: Any) -> dict[str, Any]:
    """What the change page would post back unchanged: the user's fields and every inline's rows."""
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {}
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            if value is None or value is False:
                continue
            key, widget = form.add_prefix(name), field.widget
            if hasattr(widget, "decompress"):  # date and time in two inputs
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{key}_{index}"] = part
            else:
                data[key] = value
    return data


def _change_page(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def test_the_user_page_shows_roles_by_hand_apart_from_roles_from_the_login(admin_client):
    person = UserFactory()
    role_grant(by=None, user=person, role=Role.OFFICIAL)
    role_grant(by=None, user=person, role=Role.MANAGER, source=RoleAssignment.Source.LOGIN)

    page = admin_client.get(_change_page(person))

    hand, login = (inline.formset for inline in page.context["inline_admin_formsets"])
    assert [form.instance.role for form in hand.initial_forms] == [Role.OFFICIAL]
    assert [form.instance.role for form in login.initial_forms] == [Role.MANAGER]
    assert "roles from the login" in page.content.decode().lower()


def test_a_role_granted_in_the_admin_goes_through_the_service(admin_client, django_user_model):
    person, unit = UserFactory(), UnitFactory()
    data = _data_of(admin_client.get(_change_page(person)))
    data.update({"role_assignments-0-role": Role.PREMISES_MANAGER, "role_assignments-0-unit": unit.pk})

    response = admin_client.post(_change_page(person), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assignment = RoleAssignment.objects.get(user=person)
    admin = django_user_model.objects.get(username="admin")
    assert (assignment.role, assignment.unit, assignment.source, assignment.granted_by) == (
        Role.PREMISES_MANAGER,
        unit,
        RoleAssignment.Source.HAND,
        admin,
    )
    assert assignment.history.get().history_user == admin


def test_a_role_removed_in_the_admin_is_kept_in_history(admin_client):
    person = UserFactory()
    role_grant(by=None, user=person, role=Role.OFFICIAL)
    data = _data_of(admin_client.get(_change_page(person)))
    data["role_assignments-0-DELETE"] = "on"

    response = admin_client.post(_change_page(person), data)

    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(user=person).exists()
    assert [h.history_type for h in RoleAssignment.history.filter(user=person).order_by("history_id")] == ["+", "-"]


def test_the_role_list_adds_nothing_past_the_services(admin_client):
    assert admin_client.get(reverse("admin:accounts_roleassignment_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:accounts_roleassignment_add")).status_code == 403


def test_an_administrator_maps_a_login_group_to_a_scoped_role_in_the_admin(admin_client):
    unit = UnitFactory()
    add = reverse("admin:accounts_logingrouprole_add")

    response = admin_client.post(add, {"group": "culture-premises", "role": Role.PREMISES_MANAGER, "unit": unit.pk})
    refused = admin_client.post(add, {"group": "culture-leads", "role": Role.PROGRAMME_LEAD, "unit": unit.pk})

    assert response.status_code == 302
    assert LoginGroupRole.objects.get().scope == unit
    assert refused.status_code == 200  # the form again, with the constraint's message
    assert "This role cannot have this scope." in refused.content.decode()
