"""A person's data across the apps: each app's part of a person's data export and of their erasure (the hook).

The directory's ``Person`` lives here, but what Silta holds about a person is spread over the feature apps above:
initiatives they are a contact of, meetings they attended, their bookings, their notifications, their account.
Sectors imports none of them. Each app describes its part as a :class:`PersonDataPart` and registers it with
:func:`person_data_register` in its ``AppConfig.ready`` (as initiatives registers its ``person_audience``):

- ``export(person)``: its :class:`Section` s of the person's data export (JSON, and a sheet each in Excel);
- ``refusals(person)``: why the person cannot be erased yet (a :class:`Refusal` with what to hand over first);
- ``erase(erasure)``: its rows of the person, live and in django-simple-history's tables, rewritten under the
  :class:`Erasure`'s pseudonym; returns the rows it changed per table (counts only, for the erasure log).

``apps.sectors.services.person_data_export`` and ``person_erase`` run every part.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.backends.postgresql.psycopg_any import Range
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.core.history import history_model
from apps.core.spreadsheets import Table

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.sectors.models import Person

# The pseudonym of an erased person, "Henkilö 4821" / "Person 4821": shown in the reader's language where Silta
# writes the name (``Person.full_name``), in the city's language (``LANGUAGE_CODE``) inside stored text.
PSEUDONYM = _("Person %(number)s")
# A name, address or phone shorter than this is not searched for in free text: it would match other words.
SHORTEST_NEEDLE = 4


class PersonDataEncoder(DjangoJSONEncoder):
    """The export's JSON: dates and times in ISO 8601, a period as its start and end, labels as text."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Range):
            return {"start": o.lower, "end": o.upper}
        if isinstance(o, Promise):
            return str(o)
        if isinstance(o, models.Model):
            return str(o)
        if isinstance(o, set | frozenset | tuple):
            return list(o)
        return super().default(o)


def _plain(value: object) -> object:
    """A cell value for a workbook: numbers, texts, dates and booleans as they are, the rest as text or JSON."""
    if value is None or isinstance(value, bool | int | float | Decimal | str | date | datetime | Promise):
        return value
    if isinstance(value, UUID | models.Model):
        return str(value)
    if isinstance(value, Range):
        return f"{value.lower:%Y-%m-%d %H:%M} – {value.upper:%Y-%m-%d %H:%M}" if value.lower and value.upper else ""
    if isinstance(value, list | tuple | set | frozenset) and all(isinstance(item, str | int) for item in value):
        return ", ".join(str(item) for item in value)
    return json.dumps(value, cls=PersonDataEncoder, ensure_ascii=False, sort_keys=True)


@dataclass
class Section:
    """One kind of rows of a person's data: ``columns`` are (key in the JSON, heading in the workbook)."""

    key: str
    title: str | Promise
    columns: Sequence[tuple[str, str | Promise]]
    rows: list[Sequence[object]] = field(default_factory=list)

    def records(self) -> list[dict[str, object]]:
        keys = [key for key, _heading in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]

    def table(self) -> Table:
        return Table(
            header=[capfirst(str(heading)) for _key, heading in self.columns],
            rows=[[_plain(value) for value in row] for row in self.rows],
            title=str(self.title),
        )


@dataclass(frozen=True)
class Refusal:
    """Why a person cannot be erased yet, and where to hand it over (a page's address and its link text)."""

    message: str
    url: str = ""
    link: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"message": self.message, "url": self.url, "link": self.link}


def _pattern(needle: str) -> str:
    """A PostgreSQL regular expression of ``needle`` as written (any case), as a whole word where it starts or ends
    with a letter or digit ("Anna Virta" is not found in "Anna Virtanen")."""
    start = r"\m" if needle[:1].isalnum() else ""
    end = r"\M" if needle[-1:].isalnum() else ""
    return start + re.escape(needle) + end


@dataclass
class Erasure:
    """One erasure under way: the person, their account, their pseudonym's number, and what names them."""

    person: Person
    user: User | None
    number: int
    by: User
    needles: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)  # their e-mail addresses (the person's, the account's)

    @property
    def pseudonym(self) -> str:
        """The pseudonym as stored text carries it: in the city's language ("Henkilö 4821")."""
        with translation.override(settings.LANGUAGE_CODE):
            return str(PSEUDONYM) % {"number": self.number}

    @property
    def pseudonym_parts(self) -> tuple[str, str]:
        """The pseudonym as a first and a last name ("Henkilö", "4821"), for rows that keep a name in two fields."""
        first, _space, last = self.pseudonym.rpartition(" ")
        return (first or self.pseudonym), (last or str(self.number))

    @property
    def patterns(self) -> list[str]:
        """The needles, longest first (a full name before the e-mail that contains it), as one regex each."""
        wanted = {needle.strip() for needle in self.needles if len(needle.strip()) >= SHORTEST_NEEDLE}
        return [_pattern(needle) for needle in sorted(wanted, key=lambda needle: (-len(needle), needle))]

    def scrub(self, text: str) -> str:
        """``text`` with every mention of the person (their name, e-mail, phone) replaced by the pseudonym."""
        for pattern in self.patterns:
            python = pattern.replace(r"\m", r"\b").replace(r"\M", r"\b")
            text = re.sub(python, self.pseudonym, text, flags=re.IGNORECASE)
        return text

    def scrub_texts(self, model: type[models.Model], *field_names: str) -> dict[str, int]:
        """Replace every mention of the person in the free-text ``field_names`` of ``model`` by the pseudonym, in
        every row, and in the same columns of its history (each translated column too). One ``UPDATE`` per table
        and column, in SQL (``regexp_replace``), whatever the rows are. Returns the rows changed per table."""
        counts: dict[str, int] = {}
        for target in (model, history_model(model)):
            if target is None:
                continue
            columns = _text_columns(target, field_names)
            changed = self._scrub_table(target._meta.db_table, columns)
            if changed:
                counts[target._meta.label] = changed
        return counts

    def _scrub_table(self, table: str, columns: list[tuple[str, bool]]) -> int:
        patterns = self.patterns
        if not patterns or not columns:
            return 0
        pattern = "|".join(f"(?:{item})" for item in patterns)
        assignments, conditions = [], []
        for column, is_json in columns:
            quoted = connection.ops.quote_name(column)
            # JSON as its text: the pseudonym holds no quote or backslash, so the text stays valid JSON
            text = f"{quoted}::text" if is_json else quoted
            replaced = f"regexp_replace({text}, %s, %s, 'gi')"
            assignments.append(f"{quoted} = {replaced}::jsonb" if is_json else f"{quoted} = {replaced}")
            conditions.append(f"{text} ~* %s")
        params: list[object] = []
        for _column in columns:
            params += [pattern, self.pseudonym]
        params += [pattern] * len(columns)
        assignments_sql, where = ", ".join(assignments), " OR ".join(conditions)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {connection.ops.quote_name(table)} SET {assignments_sql} WHERE {where}", params)
            return cursor.rowcount


def _text_columns(model: type[models.Model], field_names: Iterable[str]) -> list[tuple[str, bool]]:
    """The columns of the text (or JSON) fields ``field_names`` on ``model``, each with whether it holds JSON: each
    language's column of a translated field too."""
    wanted = set(field_names)
    languages = {code.replace("-", "_") for code, _name in settings.LANGUAGES}
    columns = []
    for model_field in model._meta.concrete_fields:
        original = getattr(model_field, "translated_field", None)
        name = original.name if original is not None else model_field.name
        base, _sep, suffix = name.rpartition("_")
        if name not in wanted and not (base in wanted and suffix in languages):
            continue
        if isinstance(model_field, models.JSONField):
            columns.append((model_field.column, True))
        elif isinstance(model_field, models.CharField | models.TextField):
            columns.append((model_field.column, False))
    return columns


def merge_counts(*parts: dict[str, int]) -> dict[str, int]:
    """Rows changed per table, added up over several steps."""
    total: dict[str, int] = {}
    for part in parts:
        for label, count in part.items():
            total[label] = total.get(label, 0) + count
    return total


@dataclass(frozen=True)
class PersonDataPart:
    """One app's part of a person's data; ``order`` places its sections in the export (the directory's first)."""

    name: str
    order: int = 100
    export: Callable[[Person], Iterable[Section]] | None = None
    refusals: Callable[[Person], Iterable[Refusal]] | None = None
    erase: Callable[[Erasure], dict[str, int]] | None = None


_PARTS: dict[str, PersonDataPart] = {}


def person_data_register(part: PersonDataPart) -> None:
    """An app's hook (in its ``AppConfig.ready``): its part of every person's export and erasure."""
    _PARTS[part.name] = part


def person_data_parts() -> list[PersonDataPart]:
    return sorted(_PARTS.values(), key=lambda part: (part.order, part.name))


def historical_models() -> list[type[models.Model]]:
    """Every historical model django-simple-history writes (each has its tracked model as ``instance_type``), not
    the snapshots of many-to-many fields it keeps beside them (ids only)."""
    return [
        model
        for model in apps.get_models()
        if getattr(model, "instance_type", None) is not None
        and any(model_field.name == "history_date" for model_field in model._meta.concrete_fields)
    ]
