"""The admin's unit pages: the list shows where each unit sits, a move that breaks the tree is a form error."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.accounts.roles import Role
from apps.sectors.models import Unit
from tests.clients import UserClient
from tests.sectors.factories import UnitFactory, unit_tree

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sectors_unit_changelist")


def _form(unit: Unit, **changes: object) -> dict[str, object]:
    values = {"sector": unit.sector_id, "parent": unit.parent_id or "", "name_en": unit.name, "email": unit.email}
    values |= {"external_code": unit.external_code, **changes}
    return values


def test_the_list_shows_each_units_path_in_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    tree = unit_tree()
    admin_client.get(CHANGELIST)  # sessions and the like, once

    with django_assert_max_num_queries(12) as first:
        page = admin_client.get(CHANGELIST)
    for level in range(5):
        UnitFactory(sector=tree["sello"].sector, parent=tree["sello"], name=f"Team {level}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        admin_client.get(CHANGELIST)

    assert "Culture Services › Libraries › Sello Library" in page.content.decode()


def test_a_move_under_its_own_sub_unit_is_a_form_error(admin_client):
    tree = unit_tree()
    url = reverse("admin:sectors_unit_change", args=[tree["services"].pk])

    response = admin_client.post(url, _form(tree["services"], parent=tree["sello"].pk))

    assert response.status_code == 200
    assert "A unit cannot be moved under one of its own sub-units." in response.content.decode()
    assert Unit.objects.get(pk=tree["services"].pk).parent_id is None


def test_an_administrator_adds_and_moves_units(admin_client):
    tree = unit_tree()
    client = admin_client

    added = client.post(reverse("admin:sectors_unit_add"), _form(tree["sello"], name_en="Entresse Library"))
    moved = client.post(
        reverse("admin:sectors_unit_change", args=[tree["sello"].pk]), _form(tree["sello"], parent=tree["museums"].pk)
    )

    assert added.status_code == moved.status_code == 302
    assert Unit.objects.get(name="Entresse Library").path_label == "Culture Services › Libraries › Entresse Library"
    assert Unit.objects.get(pk=tree["sello"].pk).parent == tree["museums"]


def test_the_parent_is_chosen_with_autocomplete(admin_client):
    tree = unit_tree()

    answer = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Libraries", "app_label": "sectors", "model_name": "unit", "field_name": "parent"},
    )

    assert [result["id"] for result in answer.json()["results"]] == [str(tree["libraries"].pk)]


def test_staff_with_model_permissions_but_no_administrator_role_only_read_units(make_user):
    # Given a staff login granted Django's unit permissions by hand, holding no administrator role
    staff = make_user(Role.OFFICIAL, is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename__in=["view_unit", "add_unit", "change_unit"]))
    client = UserClient(staff)
    unit = unit_tree()["sello"]

    # Then the admin shows the units but does not offer to add or change them (the service would refuse)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(reverse("admin:sectors_unit_add")).status_code == 403
    assert client.post(reverse("admin:sectors_unit_change", args=[unit.pk]), _form(unit, name="X")).status_code == 403
    assert Unit.objects.get(pk=unit.pk).name == "Sello Library"


def test_a_name_in_any_one_language_will_do_and_none_is_a_form_error(admin_client):
    tree = unit_tree()
    add = reverse("admin:sectors_unit_add")

    swedish_only = admin_client.post(add, _form(tree["sello"], name_en="", name_sv="Esbo stadsbibliotek"))
    nameless = admin_client.post(add, _form(tree["sello"], name_en=""))

    assert swedish_only.status_code == 302
    assert Unit.objects.get(name_sv="Esbo stadsbibliotek").name_fi is None
    assert nameless.status_code == 200
    assert "Give the name in at least one language." in nameless.content.decode()
