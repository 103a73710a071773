"""The move from role groups to role assignments keeps what every user may do."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0003_role_groups")]
AFTER = [("accounts", "0004_role_assignments")]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_member_of_a_role_group_holds_the_role_city_wide_by_hand_afterwards():
    # Given users in the role groups of before
    old = _migrate(BEFORE)
    group = old.get_model("auth", "Group").objects.get_or_create
    user_model = old.get_model("accounts", "User")
    lead = user_model.objects.create(username="old-lead")
    lead.groups.add(group(name="programme_lead")[0], group(name="official")[0])
    user_model.objects.create(username="old-nobody")

    # When the role assignments come
    new = _migrate(AFTER)
    try:
        assignments = new.get_model("accounts", "RoleAssignment").objects.filter(user__username__startswith="old-")
        history = new.get_model("accounts", "HistoricalRoleAssignment").objects.filter(user_id__in=[lead.pk])

        # Then each membership is a city-wide assignment by hand, kept in history, and the groups are gone
        assert sorted(assignments.values_list("user__username", "role", "source", "unit", "venue")) == [
            ("old-lead", "official", "hand", None, None),
            ("old-lead", "programme_lead", "hand", None, None),
        ]
        assert sorted(history.values_list("role", "history_type")) == [("official", "+"), ("programme_lead", "+")]
        assert not new.get_model("auth", "Group").objects.filter(name__in=["official", "programme_lead"]).exists()
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
