"""Benchmark of the spreadsheet import (``make bench-import``).

Writes a workbook of initiatives (each with a lead and two partner units: 3 unit rows an initiative, so 10,000
initiatives are 30,000 unit rows), then previews and imports it through the same services the import pages and
their Celery tasks call (eager mode), on its own database (silta_bench_import). Each size runs in a fresh process,
so its memory figure is its own: the peak resident set size (RSS, getrusage) during the preview and the import,
less the RSS before the upload. Prints seconds and memory at 1,000 and 10,000 rows and their ratios (goal: the
10,000-row import under 60 s, memory flat between the two sizes: rows are streamed from openpyxl's read-only
mode in chunks of 500 and only the counts and the first rows' results are kept).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import django_on_bench_database, peak_memory_mib

DATABASE = "silta_bench_import"
SIZES = (1_000, 10_000)
UNITS = 300


def _reference_data() -> object:
    """Units with codes, goals, themes, a contact person and the importing admin; the initiatives emptied."""
    from django.db import connection

    from apps.accounts.models import User
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant
    from apps.initiatives.models import Theme
    from apps.sectors.models import Person, Sector, Unit
    from apps.strategy.models import StrategyGoal

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE initiatives_initiative, initiatives_historicalinitiative, initiatives_historicalparticipation, "
            "initiatives_historicalinitiative_themes, initiatives_historicalinitiative_strategy_goals, "
            "initiatives_historicalinitiative_contact_persons, imports_importjob CASCADE"
        )
    sector, _ = Sector.objects.get_or_create(slug="bench", defaults={"name": "Bench sector"})
    for number in range(UNITS):
        Unit.objects.get_or_create(external_code=f"U-{number}", defaults={"sector": sector, "name": f"Unit {number}"})
    for number in range(20):
        StrategyGoal.objects.get_or_create(code=f"9.{number}", defaults={"title": f"Bench goal {number}"})
        Theme.objects.get_or_create(slug=f"bench-{number}", defaults={"name": f"Bench theme {number}"})
    Person.objects.get_or_create(
        email="bench.contact@example.fi",
        defaults={"first_name": "Bench", "last_name": "Contact", "unit": Unit.objects.get(external_code="U-0")},
    )
    admin, created = User.objects.get_or_create(username="bench-importer")
    if created:
        role_grant(by=None, user=admin, role=Role.ADMIN)
    return admin


def _workbook(rows: int, path: Path) -> None:
    from openpyxl import Workbook

    from apps.initiatives.resources import COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Initiatives")
    header = [column.key for column in COLUMNS]
    sheet.append(header)
    for number in range(rows):
        values = {
            "external_id": f"B-{number}",
            "title": f"Bench initiative {number}",
            "description": "A joint initiative of three units.",
            "language": "fi",
            "status": "active",
            "collaboration_form": "project",
            "start_date": f"{1 + number % 28}.{1 + number % 12}.2026",
            "lead_unit": f"U-{number % UNITS}",
            "partner_units": f"U-{(number + 1) % UNITS}; U-{(number + 2) % UNITS}",
            "strategy_goals": f"9.{number % 20}",
            "themes": f"Bench theme {number % 20}",
            "contact_persons": "bench.contact@example.fi",
            "involves_residents": "Kyllä" if number % 2 else "Ei",
            "resident_participants": "1 250",
        }
        sheet.append([values.get(key, "") for key in header])
    workbook.save(path)


def measure(rows: int) -> dict[str, float]:
    """One size, in this process: generate, upload, preview, confirm; seconds and RSS growth (MiB)."""
    django_on_bench_database(DATABASE)
    from django.core.files import File

    from apps.imports import services
    from apps.imports.models import ImportJob
    from apps.initiatives.models import Initiative, Participation

    admin = _reference_data()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"initiatives-{rows}.xlsx"
        _workbook(rows, path)
        size = path.stat().st_size
        baseline = peak_memory_mib()
        started = time.perf_counter()
        with path.open("rb") as handle:
            job = services.import_job_create(by=admin, kind="initiatives", upload=File(handle, name=path.name))
        preview_seconds = time.perf_counter() - started
        preview_peak = peak_memory_mib()
        job.refresh_from_db()
        assert job.status == ImportJob.Status.PREVIEWED and job.preview["counts"]["create"] == rows, job.preview
        started = time.perf_counter()
        services.import_job_confirm(by=admin, job=job)
        import_seconds = time.perf_counter() - started
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, job.result
        participations = Participation.objects.count()
        assert Initiative.objects.count() == rows and participations == 3 * rows
    return {
        "rows": rows,
        "unit_rows": participations,
        "file_mib": size / 2**20,
        "preview_s": preview_seconds,
        "import_s": import_seconds,
        "baseline_mib": baseline,
        "preview_growth_mib": preview_peak - baseline,
        "import_growth_mib": peak_memory_mib() - baseline,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="measure one size in this process (the parent runs each size)")
    options = parser.parse_args()
    if options.rows:
        print(json.dumps(measure(options.rows)))
        return
    results = []
    for rows in SIZES:
        output = subprocess.run(
            [sys.executable, __file__, "--rows", str(rows)], check=True, capture_output=True, text=True
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    print("memory: peak RSS growth over the process before the upload (getrusage ru_maxrss), MiB\n")
    print(
        f"{'rows':>8}{'unit rows':>11}{'file MiB':>10}{'preview s':>11}{'import s':>10}"
        f"{'preview MiB':>13}{'import MiB':>12}"
    )
    for result in results:
        print(
            f"{result['rows']:>8,}{result['unit_rows']:>11,}{result['file_mib']:>10.1f}{result['preview_s']:>11.1f}"
            f"{result['import_s']:>10.1f}{result['preview_growth_mib']:>13.1f}{result['import_growth_mib']:>12.1f}"
        )
    small, big = results
    print(
        f"\nratio 10,000 / 1,000 rows: time ×{big['import_s'] / small['import_s']:.1f}, "
        f"memory ×{big['import_growth_mib'] / max(small['import_growth_mib'], 0.1):.2f}"
    )
    goal = big["import_s"] < 60
    print(f"goal (import of 10,000 rows under 60 s): {'met' if goal else 'NOT met'} ({big['import_s']:.1f} s)")


if __name__ == "__main__":
    main()
