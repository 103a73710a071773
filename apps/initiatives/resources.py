"""Initiatives from a spreadsheet (issue 15, part 4): the columns, how a row is read and compared, and the file
that imports back unchanged ("Download for editing and re-import" on the list).

A row is one initiative, found again by its ``external_id`` (an exported initiative made in Silta has
``silta:<id>``). Its units are four columns by role, each unit by its code (else its name in any language); goals
by code or title, themes by identifier or name, in any language; contact persons by e-mail, or created in the lead
unit when the import is told to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError, Invalid
from apps.core.tabular import cells
from apps.core.tabular.kinds import (
    CHANGE,
    CREATE,
    UNCHANGED,
    Column,
    ImportKind,
    Row,
    RowByRowImport,
    RowErrors,
    RowResult,
)
from apps.core.translated import LANGUAGE_CODES
from apps.initiatives import permissions, services
from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme
from apps.initiatives.services import InitiativeLinks
from apps.programmes.models import Programme
from apps.sectors import services as sector_services
from apps.sectors.models import Language, Person, Unit
from apps.strategy.models import StrategyGoal

if TYPE_CHECKING:
    from apps.accounts.models import User

SILTA_ID = re.compile(r"^silta:(\d+)$")
Role = Participation.Role
# The unit columns, one per role, in the order a row lists them.
UNIT_COLUMNS = {
    Role.LEAD: "lead_unit",
    Role.PARTNER: "partner_units",
    Role.FUNDER: "funder_units",
    Role.VENUE: "venue_units",
}
FIELDS = (
    "title",
    "description",
    "language",
    "status",
    "collaboration_form",
    "start_date",
    "end_date",
    "programme_id",
    "involves_residents",
    "involves_ngos",
    "resident_participants",
    "weight",
)
LINKS = ("strategy_goals", "themes", "contact_persons")
# The column a field's error belongs to.
FIELD_COLUMNS = {"programme": "programme", "programme_id": "programme", "__all__": ""}


def _choices(choices: Iterable[tuple[str, Any]]) -> str:
    return ", ".join(f"{key} ({label})" for key, label in choices)


class _Help:
    """A column's explanation that lists the current choices in the active language."""

    def __init__(self, text: Any, choices: Iterable[tuple[str, Any]] | None = None) -> None:
        self.text, self.choices = text, choices

    def __str__(self) -> str:
        if self.choices is None:
            return str(self.text)
        return f"{self.text} {_choices(self.choices)}."


COLUMNS = (
    Column(
        "external_id",
        gettext_lazy("External id"),
        gettext_lazy("The initiative's own id, any text; the same id finds the same initiative on the next import."),
        required=True,
        example="KULT-2026-001",
    ),
    Column("title", gettext_lazy("Title"), gettext_lazy("The initiative's name."), required=True),
    Column("description", gettext_lazy("Description"), gettext_lazy("What the initiative does (optional).")),
    Column(
        "language",
        gettext_lazy("Language of the text"),
        _Help(gettext_lazy("The language of the title and description; empty is Finnish. One of:"), Language.choices),
        example="fi",
    ),
    Column(
        "status",
        gettext_lazy("Status"),
        _Help(
            gettext_lazy("Empty is an idea. A new initiative is an idea, planned or active. One of:"),
            Initiative.Status.choices,
        ),
        example="active",
    ),
    Column(
        "collaboration_form",
        gettext_lazy("Collaboration form"),
        _Help(gettext_lazy("One of:"), Initiative.CollaborationForm.choices),
        required=True,
        example="project",
    ),
    Column("start_date", gettext_lazy("Start date"), gettext_lazy("1.2.2026 or 2026-02-01."), True, "1.2.2026"),
    Column("end_date", gettext_lazy("End date"), gettext_lazy("Empty while it goes on."), example="31.12.2026"),
    Column("programme", gettext_lazy("Programme"), gettext_lazy("The programme's name in any language (optional).")),
    Column(
        "lead_unit",
        gettext_lazy("Lead unit"),
        gettext_lazy("The unit that leads it: its code (else its name in any language)."),
        example="KULT-01",
    ),
    Column(
        "partner_units",
        gettext_lazy("Partner units"),
        gettext_lazy("Units taking part as partners, by code or name, separated by “;”."),
        example="SOTE-02; NUOR-03",
    ),
    Column("funder_units", gettext_lazy("Funder units"), gettext_lazy("Units that fund it, as above.")),
    Column("venue_units", gettext_lazy("Venue units"), gettext_lazy("Units that host it, as above.")),
    Column(
        "strategy_goals",
        gettext_lazy("Strategy goals"),
        gettext_lazy("Goals by code (2.3) or title in any language, separated by “;”."),
        example="1.2; 2.3",
    ),
    Column(
        "themes",
        gettext_lazy("Themes"),
        gettext_lazy("Themes by identifier or name in any language, separated by “;”."),
        example="loneliness; youth",
    ),
    Column(
        "contact_persons",
        gettext_lazy("Contact persons"),
        gettext_lazy(
            "E-mail addresses of persons in the directory, separated by “;”. The preview offers to create those "
            "it does not find, in the lead unit."
        ),
        example="maija.meikalainen@example.fi",
    ),
    Column(
        "involves_residents",
        gettext_lazy("Residents take part"),
        gettext_lazy("Yes or No (Kyllä or Ei)."),
        example="Yes",
    ),
    Column("involves_ngos", gettext_lazy("NGOs take part"), gettext_lazy("Yes or No (Kyllä or Ei)."), example="No"),
    Column(
        "resident_participants",
        gettext_lazy("Resident participants"),
        gettext_lazy("How many residents took part, a whole number (optional)."),
        example="120",
    ),
    Column(
        "weight",
        gettext_lazy("Weight in the roll-up"),
        gettext_lazy("How much it counts in its programme's and goals' progress, a whole number from 1; empty is 1."),
        example="1",
    ),
)


def _names(model: type, field_name: str, *extra: str) -> dict[str, int]:
    """Every language's name (and ``extra`` columns, e.g. a code) of ``model``'s rows, casefolded, to its id."""
    columns = [f"{field_name}_{language}" for language in LANGUAGE_CODES] + list(extra)
    table: dict[str, int] = {}
    for pk, *values in model.objects.values_list("pk", *columns):
        for value in values:
            if value:
                table.setdefault(str(value).casefold(), pk)
    return table


@dataclass
class _Parsed:
    row: Row
    fields: dict[str, Any] = field(default_factory=dict)
    links: InitiativeLinks = field(default_factory=InitiativeLinks)
    new_persons: list[str] = field(default_factory=list)
    errors: RowErrors = field(default_factory=RowErrors)


class InitiativeImport(ImportKind):
    """Initiatives with their units and roles, goals, themes and contact persons."""

    key = "initiatives"
    label = gettext_lazy("Initiatives")
    columns = COLUMNS
    option_labels = {"create_persons": gettext_lazy("Create the contact persons who are not in the directory")}

    @classmethod
    def may_import(cls, user: User) -> bool:
        return permissions.can_create_initiative(user)

    def __init__(self, *, by: User, options: dict[str, Any] | None = None) -> None:
        super().__init__(by=by, options=options)
        self.goals = _names(StrategyGoal, "title", "code")
        self.themes = _names(Theme, "name", "slug")
        self.programmes = _names(Programme, "name")
        self.units: dict[str, int] = {}
        ambiguous: set[str] = set()
        for pk, code, *names in Unit.objects.values_list("pk", "external_code", *(f"name_{c}" for c in LANGUAGE_CODES)):
            for name in {name.casefold() for name in names if name}:
                if name in self.units:
                    ambiguous.add(name)
                self.units[name] = pk
            if code:
                self.units[code.casefold()] = pk
        for name in ambiguous:  # a name two units share finds neither; their codes still do
            self.units.pop(name, None)
        self.create_persons = bool(self.options.get("create_persons"))

    # --- reading a row ---

    def _parse(self, row: Row) -> _Parsed:
        parsed = _Parsed(row=row)
        errors, values = parsed.errors, parsed.fields
        with errors.of("title"):
            values["title"] = cells.text(row["title"])
            cells.required(values["title"])
        values["description"] = cells.text(row["description"])
        with errors.of("language"):
            values["language"] = cells.choice(row["language"], Language.choices, default="fi")
        with errors.of("status"):
            values["status"] = cells.choice(row["status"], Initiative.Status.choices, default=Initiative.Status.IDEA)
        with errors.of("collaboration_form"):
            values["collaboration_form"] = cells.choice(row["collaboration_form"], Initiative.CollaborationForm.choices)
        with errors.of("start_date"):
            values["start_date"] = cells.optional_date(row["start_date"])
            cells.required(values["start_date"])
        with errors.of("end_date"):
            values["end_date"] = cells.optional_date(row["end_date"])
        with errors.of("programme"):
            programme = cells.text(row["programme"])
            values["programme_id"] = (
                cells.lookup([programme], self.programmes, _("programme"))[0] if programme else None
            )
        for name in ("involves_residents", "involves_ngos"):
            with errors.of(name):
                values[name] = cells.boolean(row[name])
        with errors.of("resident_participants"):
            values["resident_participants"] = cells.optional_integer(row["resident_participants"])
            if values["resident_participants"] is not None and values["resident_participants"] < 0:
                raise cells.CellError(_("The number cannot be negative."))
        with errors.of("weight"):
            values["weight"] = cells.optional_integer(row["weight"])
            values["weight"] = 1 if values["weight"] is None else values["weight"]
        with errors.of("strategy_goals"):
            parsed.links.strategy_goals = cells.lookup(
                cells.items(row["strategy_goals"]), self.goals, _("strategy goal")
            )
        with errors.of("themes"):
            parsed.links.themes = cells.lookup(cells.items(row["themes"]), self.themes, _("theme"))
        for role, column in UNIT_COLUMNS.items():
            with errors.of(column):
                names = cells.items(row[column])
                if role == Role.LEAD and len(names) > 1:
                    raise cells.CellError(_("An initiative has one lead unit."))
                parsed.links.participations += [
                    (unit, role) for unit in cells.lookup(names, self.units, _("unit with the code or name"))
                ]
        return parsed

    def _contacts(self, parsed: list[_Parsed]) -> None:
        """Contact persons by e-mail, for a whole chunk in one query; unknown ones are errors, or persons to create."""
        wanted = {email.casefold() for item in parsed for email in cells.items(item.row["contact_persons"])}
        found: dict[str, int] = {}
        if wanted:
            query = Q()
            for email in wanted:
                query |= Q(email__iexact=email)
            for pk, email in Person.objects.filter(query).order_by("-pk").values_list("pk", "email"):
                found[email.casefold()] = pk  # the oldest person with the address wins
        for item in parsed:
            emails = cells.items(item.row["contact_persons"])
            missing = [email for email in emails if email.casefold() not in found]
            item.links.contact_persons = [found[email.casefold()] for email in emails if email.casefold() in found]
            if not missing:
                continue
            lead = next((unit for unit, role in item.links.participations if role == Role.LEAD), None)
            if self.create_persons and lead is not None:
                item.new_persons = missing
            elif self.create_persons:
                item.errors.add(
                    "contact_persons", _("A person can be created only in a lead unit: give the lead unit.")
                )
            else:
                item.errors.add(
                    "contact_persons",
                    _(
                        "Nobody in the directory has the e-mail “%(emails)s”. Correct it, or choose to create "
                        "the person."
                    )
                    % {"emails": "”, “".join(missing)},
                )

    # --- comparing and writing ---

    def _existing(self, keys: list[str]) -> dict[str, Initiative]:
        by_pk = {int(match.group(1)): key for key in keys if (match := SILTA_ID.match(key))}
        # "<> ''" as the unique index's own condition, so PostgreSQL reads that partial index, not the table.
        query = (Q(external_id__in=keys) & ~Q(external_id="")) | Q(pk__in=list(by_pk), external_id="")
        found = {}
        for initiative in Initiative.objects.filter(query).prefetch_related("participations"):
            key = initiative.external_id or by_pk.get(initiative.pk)
            if key:
                found[key] = initiative
        ids = [initiative.pk for initiative in found.values()]
        self._current_links = {pk: InitiativeLinks() for pk in ids}
        for name in LINKS:
            through = Initiative._meta.get_field(name).remote_field.through
            target = Initiative._meta.get_field(name).m2m_reverse_field_name()
            for initiative_id, value in through.objects.filter(initiative_id__in=ids).values_list(
                "initiative_id", f"{target}_id"
            ):
                getattr(self._current_links[initiative_id], name).append(value)
        # Contact persons without an e-mail: a row cannot name them, so a re-import keeps them.
        self._unnamed = {pk: [] for pk in ids}
        through = Initiative.contact_persons.through
        for initiative_id, person_id in through.objects.filter(initiative_id__in=ids, person__email="").values_list(
            "initiative_id", "person_id"
        ):
            self._unnamed[initiative_id].append(person_id)
        for initiative in found.values():
            self._current_links[initiative.pk].participations = [
                (row.unit_id, row.role) for row in initiative.participations.all()
            ]
        return found

    def _changes(self, initiative: Initiative, parsed: _Parsed) -> tuple[dict[str, Any], list[str]]:
        changes = {name: value for name, value in parsed.fields.items() if getattr(initiative, name) != value}
        columns = [FIELD_COLUMNS.get(name, name) for name in changes]
        current = self._current_links[initiative.pk]
        for name in LINKS:
            if set(getattr(current, name)) != set(getattr(parsed.links, name)):
                columns.append(name)
        if parsed.new_persons and "contact_persons" not in columns:
            columns.append("contact_persons")
        if set(current.participations) != set(parsed.links.participations):
            old, new = set(current.participations), set(parsed.links.participations)
            columns += [
                column
                for role, column in UNIT_COLUMNS.items()
                if {u for u, r in old if r == role} != {u for u, r in new if r == role}
            ]
        return changes, columns

    def _make_persons(self, parsed: _Parsed) -> None:
        lead = next(unit for unit, role in parsed.links.participations if role == Role.LEAD)
        for email in parsed.new_persons:
            person = sector_services.person_create_for_contact(by=self.by, email=email, unit_id=lead)
            parsed.links.contact_persons.append(person.pk)

    def write(self, rows: list[Row]) -> list[RowResult]:
        parsed = [self._parse(row) for row in rows]
        self._contacts(parsed)
        existing = self._existing([item.row.key for item in parsed])
        results: dict[int, RowResult] = {}
        new: list[_Parsed] = []
        for item in parsed:
            label = item.fields.get("title") or ""
            if item.errors:
                results[item.row.line] = RowResult.failed(item.row, item.errors, label)
                continue
            initiative = existing.get(item.row.key)
            try:
                if initiative is None:
                    new.append(item)
                    continue
                item.links.contact_persons += self._unnamed[initiative.pk]
                changes, columns = self._changes(initiative, item)
                if not columns:
                    results[item.row.line] = RowResult(item.row.line, item.row.key, UNCHANGED, label=label)
                    continue
                if item.new_persons:
                    self._make_persons(item)
                services.initiative_import_change(by=self.by, initiative=initiative, changes=changes, links=item.links)
                results[item.row.line] = RowResult(item.row.line, item.row.key, CHANGE, changed=columns, label=label)
            except ApplicationError as exc:
                results[item.row.line] = RowResult.failed(item.row, _error_columns(exc), label)
        results.update(self._create(new))
        return [results[row.line] for row in rows]

    def _create(self, items: list[_Parsed]) -> dict[int, RowResult]:
        """The new rows: each checked on its own (so an error names its row), then all written in bulk."""
        results: dict[int, RowResult] = {}
        ready: list[tuple[_Parsed, Initiative]] = []
        for item in items:
            initiative = Initiative(external_id=item.row.key, **item.fields)
            try:
                services.initiative_import_check(by=self.by, initiative=initiative, links=item.links)
            except ApplicationError as exc:
                results[item.row.line] = RowResult.failed(item.row, _error_columns(exc), item.fields["title"])
                continue
            ready.append((item, initiative))
        for item, _initiative in ready:
            if item.new_persons:
                self._make_persons(item)
        if ready:
            services.initiatives_create_many(
                by=self.by,
                initiatives=[initiative for _item, initiative in ready],
                links=[item.links for item, _i in ready],
            )
        for item, _initiative in ready:
            results[item.row.line] = RowResult(item.row.line, item.row.key, CREATE, label=item.fields["title"])
        return results

    # --- the file that imports back unchanged ---

    @staticmethod
    def export_queryset(queryset: Any) -> Any:
        return queryset.select_related("programme").prefetch_related(
            "participations__unit", "strategy_goals", "themes", "contact_persons"
        )

    @classmethod
    def export_rows(cls, objects: Iterable[Initiative]) -> Iterator[list[object]]:
        for initiative in objects:
            units = {role: [] for role in UNIT_COLUMNS}
            for row in initiative.participations.all():
                units[row.role].append(row.unit.external_code or row.unit.name)
            yield [
                initiative.external_id or f"silta:{initiative.pk}",
                initiative.title,
                initiative.description,
                initiative.language,
                initiative.status,
                initiative.collaboration_form,
                initiative.start_date,
                initiative.end_date,
                initiative.programme.name if initiative.programme else "",
                *("; ".join(sorted(units[role])) for role in UNIT_COLUMNS),
                "; ".join(goal.code for goal in initiative.strategy_goals.all()),
                "; ".join(theme.slug for theme in initiative.themes.all()),
                "; ".join(person.email for person in initiative.contact_persons.all() if person.email),
                initiative.involves_residents,
                initiative.involves_ngos,
                initiative.resident_participants,
                initiative.weight,
            ]


def _error_columns(exc: ApplicationError) -> dict[str, list[str]]:
    if isinstance(exc, Invalid):
        return {FIELD_COLUMNS.get(name, name): messages for name, messages in exc.errors.items()}
    return {"": [exc.message]}


class _InitiativeRowImport(RowByRowImport):
    """A row of an initiative (a funding line, an outcome), by its own external id, in the initiative its
    ``initiative`` column names (the initiative's external id, or ``silta:<id>``)."""

    model: type[Funding | Outcome]
    fields: tuple[str, ...]

    @classmethod
    def may_import(cls, user: User) -> bool:
        return permissions.can_create_initiative(user)

    def _initiative(self, errors: RowErrors, value: object) -> int | None:
        with errors.of("initiative"):
            key = cells.text(value)
            cells.required(key)
            if match := SILTA_ID.match(key):
                found = Initiative.objects.filter(pk=int(match.group(1)), external_id="").values_list("pk", flat=True)
            else:
                found = Initiative.objects.filter(external_id=key).exclude(external_id="").values_list("pk", flat=True)
            pk = found.first()
            if pk is None:
                raise cells.CellError(_("No initiative with the external id “%(key)s” in Silta.") % {"key": key})
            return pk
        return None

    def find(self, key: str) -> Funding | Outcome | None:
        return self.model.objects.filter(external_id=key).select_related("initiative").first()

    def current(self, obj: Funding | Outcome) -> dict[str, Any]:
        return {"initiative": obj.initiative_id, **{name: getattr(obj, name) for name in self.fields}}

    def save(self, obj: Funding | Outcome | None, key: str, values: dict[str, Any]) -> Funding | Outcome:
        initiative = Initiative.objects.get(pk=values["initiative"])
        fields = {name: values[name] for name in self.fields}
        if obj is None:
            row = self.model(external_id=key, initiative=initiative, **fields)
            row._history_user = self.by
            return services.initiative_row_save(by=self.by, row=row)
        obj._history_user = self.by
        return services.initiative_row_update(by=self.by, row=obj, changes={"initiative": initiative, **fields})


class FundingImport(_InitiativeRowImport):
    """Funding lines of initiatives: from a unit (by code) or an external source, allocated and spent."""

    key = "funding"
    label = gettext_lazy("Funding lines")
    model = Funding
    fields = ("source_unit_id", "external_source", "instrument", "allocated", "spent", "year")
    field_columns = {"source_unit": "source_unit", "source_unit_id": "source_unit"}
    columns = (
        Column("external_id", gettext_lazy("External id"), gettext_lazy("The funding line's own id."), True, "RAH-1"),
        Column(
            "initiative",
            gettext_lazy("Initiative"),
            gettext_lazy("The initiative's external id."),
            True,
            "KULT-2026-001",
        ),
        Column(
            "source_unit",
            gettext_lazy("Source unit"),
            gettext_lazy("The code of the city unit that pays; or give an external source."),
            example="KULT-01",
        ),
        Column(
            "external_source",
            gettext_lazy("External source"),
            gettext_lazy("Who pays, outside the city; or give a source unit."),
        ),
        Column(
            "instrument",
            gettext_lazy("Instrument"),
            _Help(gettext_lazy("One of:"), Funding.Instrument.choices),
            True,
            "grant",
        ),
        Column("allocated", gettext_lazy("Allocated (€)"), gettext_lazy("12 500,50 or 12500.50."), True, "12 500,50"),
        Column("spent", gettext_lazy("Spent (€)"), gettext_lazy("As above; empty is 0."), example="0"),
        Column("year", gettext_lazy("Year"), gettext_lazy("The budget year."), True, "2026"),
    )

    def __init__(self, *, by: User, options: dict[str, Any] | None = None) -> None:
        super().__init__(by=by, options=options)
        self.units = {
            code.casefold(): pk
            for pk, code in Unit.objects.exclude(external_code="").values_list("pk", "external_code")
        }

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        values: dict[str, Any] = {"initiative": self._initiative(errors, row["initiative"])}
        with errors.of("source_unit"):
            code = cells.text(row["source_unit"])
            values["source_unit_id"] = cells.lookup([code], self.units, _("unit with the code"))[0] if code else None
        values["external_source"] = cells.text(row["external_source"])
        with errors.of("instrument"):
            values["instrument"] = cells.choice(row["instrument"], Funding.Instrument.choices)
        for name in ("allocated", "spent"):
            with errors.of(name):
                values[name] = cells.optional_decimal(row[name])
                if name == "allocated":
                    cells.required(values[name])
                elif values[name] is None:
                    values[name] = Decimal("0.00")
        with errors.of("year"):
            values["year"] = cells.optional_integer(row["year"])
            cells.required(values["year"])
        return values

    def label_of(self, values: dict[str, Any]) -> str:
        return str(values.get("year") or "")


class OutcomeImport(_InitiativeRowImport):
    """Outcomes of initiatives: a result, its indicator and progress, in % or as numbers (baseline, target, actual)."""

    key = "outcomes"
    label = gettext_lazy("Outcomes")
    model = Outcome
    fields = ("text", "indicator", "progress", "baseline", "target", "actual", "unit", "recorded_on")
    columns = (
        Column("external_id", gettext_lazy("External id"), gettext_lazy("The outcome's own id."), True, "TUL-1"),
        Column(
            "initiative",
            gettext_lazy("Initiative"),
            gettext_lazy("The initiative's external id."),
            True,
            "KULT-2026-001",
        ),
        Column("text", gettext_lazy("Result"), gettext_lazy("What was achieved."), True),
        Column("indicator", gettext_lazy("Indicator"), gettext_lazy("How it is measured (optional).")),
        Column(
            "progress",
            gettext_lazy("Progress (%)"),
            gettext_lazy("A whole number from 0 to 100; may be empty when the actual value is given."),
            example="50",
        ),
        Column(
            "baseline", gettext_lazy("Baseline"), gettext_lazy("Where the measure started (optional)."), example="0"
        ),
        Column(
            "target", gettext_lazy("Target value"), gettext_lazy("Where it should get; with a baseline."), example="40"
        ),
        Column("actual", gettext_lazy("Actual value"), gettext_lazy("Where it is now; with a target."), example="25"),
        Column("unit", gettext_lazy("Unit of measure"), gettext_lazy("What the numbers count, e.g. participants.")),
        Column("recorded_on", gettext_lazy("Recorded on"), gettext_lazy("1.2.2026 or 2026-02-01."), True, "1.2.2026"),
    )

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        values: dict[str, Any] = {"initiative": self._initiative(errors, row["initiative"])}
        with errors.of("text"):
            values["text"] = cells.text(row["text"])
            cells.required(values["text"])
        values["indicator"] = cells.text(row["indicator"])
        with errors.of("progress"):
            values["progress"] = cells.optional_integer(row["progress"])
        for name in ("baseline", "target", "actual"):
            with errors.of(name):
                values[name] = cells.optional_decimal(row[name], places=4)
        values["unit"] = cells.text(row["unit"])
        if values["progress"] is None:  # what the service would work out, so a re-import reads as unchanged
            numbers = {name: values[name] for name in ("baseline", "target", "actual")}
            values["progress"] = Outcome(**numbers).measured_progress()
        with errors.of("recorded_on"):
            values["recorded_on"] = cells.optional_date(row["recorded_on"])
            cells.required(values["recorded_on"])
        return values

    def label_of(self, values: dict[str, Any]) -> str:
        return (values.get("text") or "")[:60]
