"""Backup and restore (README, "Backup and restore"): `make backup` and `make restore` bring back every row."""

import subprocess
import time
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg2 import sql

from apps.indicators.models import IndicatorValue

ROOT = Path(__file__).resolve().parents[2]

INDICATOR_VALUES = """
    SELECT i.code, v.scope, v.scope_id, v.period_kind, v.period_start, v.value, v.numerator, v.denominator
    FROM indicators_indicatorvalue v JOIN indicators_indicator i ON i.id = v.indicator_id
    ORDER BY 1, 2, 3, 4, 5
"""


def _url(dbname: str) -> str:
    """A libpq URL for ``dbname`` on the test database's server, as DATABASE_URL is written."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{quote(db['HOST'], safe='')}{port}/{dbname}"


def _snapshot(dbname: str) -> dict:
    """Per table its row count and an md5 of all its rows; the sequences; the indicator values."""
    with psycopg2.connect(_url(dbname)) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = {}
        for (table,) in cursor.fetchall():
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
                ).format(sql.Identifier(table))
            )
            tables[table] = cursor.fetchone()
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")
        sequences = cursor.fetchall()
        cursor.execute(INDICATOR_VALUES)
        values = cursor.fetchall()
    conn.close()
    return {"tables": tables, "sequences": sequences, "indicator_values": values}


def _make(target: str, *, backup: Path, dbname: str) -> float:
    started = time.monotonic()
    subprocess.run(
        ["make", "--no-print-directory", target, f"BACKUP={backup}", f"DATABASE_URL={_url(dbname)}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.monotonic() - started


def _admin(statement: str) -> None:
    conn = psycopg2.connect(_url("postgres"))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(statement)
    conn.close()


@pytest.fixture
def fresh_database() -> str:
    """An empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield name
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_dump_of_the_demo_restores_the_same_rows_and_indicator_values(tmp_path, fresh_database):
    # Given the demo city with its indicators computed
    call_command("seed_demo", stdout=StringIO())
    call_command("compute_indicators", "--sync", "--since", "2024-01-01", stdout=StringIO())
    assert IndicatorValue.objects.count() > 1000
    source = connection.settings_dict["NAME"]
    before = _snapshot(source)

    # When it is backed up and restored into a fresh database, and once more over that restored one
    archive = tmp_path / "silta.dump"
    dumped_in = _make("backup", backup=archive, dbname=source)
    restored_in = _make("restore", backup=archive, dbname=fresh_database)
    again_in = _make("restore", backup=archive, dbname=fresh_database)

    # Then every table has the same rows, the sequences go on from the same values, the indicators are the same
    after = _snapshot(fresh_database)
    assert after["tables"] == before["tables"]
    assert after["sequences"] == before["sequences"]
    assert after["indicator_values"] == before["indicator_values"]
    assert dumped_in < 60 and restored_in < 60 and again_in < 60


def test_restore_without_an_archive_says_what_to_give(tmp_path):
    answer = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "restore",
            f"BACKUP={tmp_path / 'missing.dump'}",
            "DATABASE_URL=postgres://x/y",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )

    assert answer.returncode != 0
    assert "make restore BACKUP=" in answer.stdout
