from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.accounts.models import User
from apps.accounts.roles import Role
from tests.initiatives.factories import ThemeFactory
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory
from tests.strategy.factories import StrategyGoalFactory

HEADER = [
    "external_id",
    "title",
    "status",
    "collaboration_form",
    "start_date",
    "end_date",
    "lead_unit",
    "partner_units",
    "strategy_goals",
    "themes",
    "contact_persons",
    "involves_residents",
    "resident_participants",
]


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook whose first sheet holds ``rows`` (the header first), as a person's Excel saves it."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def upload(content: bytes, name: str = "initiatives.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def _import_tasks_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import tasks run in the test's process when queued, as CELERY_TASK_ALWAYS_EAGER would run them (not in
    the tests with a real worker)."""
    if request.node.get_closest_marker("celery_worker"):
        return
    from apps.imports.tasks import import_confirm_task, import_preview_task

    for task in (import_preview_task, import_confirm_task):

        def run_here(args: tuple = (), kwargs: dict | None = None, task: Any = task, **options: Any) -> Any:
            return task.apply(args, kwargs)

        monkeypatch.setattr(task, "apply_async", run_here)


@pytest.fixture
def org(db: None) -> dict[str, Any]:
    """Two sectors' units with codes, goals, themes and a person with an e-mail."""
    culture = SectorFactory(name="Culture", slug="culture")
    social = SectorFactory(name="Social services", slug="social")
    return {
        "library": UnitFactory(sector=culture, name="Libraries", external_code="KULT-01"),
        "museum": UnitFactory(sector=culture, name="Museums", external_code="KULT-02"),
        "youth": UnitFactory(sector=social, name="Youth services", external_code="SOTE-02"),
        "goal": StrategyGoalFactory(code="2.3", title="Everyone belongs"),
        "goal2": StrategyGoalFactory(code="1.1", title="A city for learning"),
        "theme": ThemeFactory(name="Loneliness", slug="loneliness"),
        "person": PersonFactory(email="maija.virtanen@example.fi"),
    }


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMIN)


def rows(*body: Sequence[object], header: Sequence[str] = HEADER) -> list[list[object]]:
    return [list(header), *(list(row) for row in body)]


def row(
    key: str = "K-1", title: str = "Reading buddies", header: Sequence[str] = HEADER, **cells: object
) -> list[object]:
    values = {
        "external_id": key,
        "title": title,
        "status": "active",
        "collaboration_form": "project",
        "start_date": "1.2.2026",
        "end_date": "",
        "lead_unit": "KULT-01",
        "partner_units": "SOTE-02",
        "strategy_goals": "2.3",
        "themes": "Loneliness",
        "contact_persons": "maija.virtanen@example.fi",
        "involves_residents": "Kyllä",
        "resident_participants": "12 500",
    }
    values.update(cells)
    return [values.get(column, "") for column in header]
