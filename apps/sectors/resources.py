"""The organisation from spreadsheets (issue 15, part 4): sectors, the unit tree and the person directory.

Each is its own sheet and import, found again by its external id: a sector's identifier (slug), a unit's code
(``external_code``, the identity provider's), a person's ``external_id``. Names are one column per language.
Units may name as parent a unit further up the same file (import the tree top down) or one already in Silta.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.tabular import cells
from apps.core.tabular.kinds import Column, Row, RowByRowImport, RowErrors
from apps.core.translated import LANGUAGE_CODES
from apps.sectors import permissions, services
from apps.sectors.models import Language, Person, Sector, Topic, Unit

if TYPE_CHECKING:
    from apps.accounts.models import User

LANGUAGE_NAMES = {"fi": gettext_lazy("in Finnish"), "sv": gettext_lazy("in Swedish"), "en": gettext_lazy("in English")}


def _name_columns(field: str, label: Any, required_help: Any) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"{field}_{code}",
            f"{label} ({LANGUAGE_NAMES[code]})",
            required_help if code == "fi" else gettext_lazy("Optional."),
        )
        for code in LANGUAGE_CODES
    )


def _names(row: Row, field: str, errors: RowErrors, *, required: bool = True) -> dict[str, str]:
    values = {f"{field}_{code}": cells.text(row[f"{field}_{code}"]) for code in LANGUAGE_CODES}
    if required and not any(values.values()):
        errors.add(f"{field}_fi", _("Give a name in at least one language."))
    return values


def _table(model: type, *columns: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for pk, *values in model.objects.values_list("pk", *columns):
        for value in values:
            if value:
                table.setdefault(str(value).casefold(), pk)
    return table


class _OrganisationImport(RowByRowImport):
    @classmethod
    def may_import(cls, user: User) -> bool:
        return permissions.can_manage_units(user)


class SectorImport(_OrganisationImport):
    """Sectors, by their identifier."""

    key = "sectors"
    label = gettext_lazy("Sectors")
    columns = (
        Column(
            "external_id",
            gettext_lazy("Identifier"),
            gettext_lazy("The sector's identifier: lower-case letters, digits and “-”."),
            True,
            "culture",
        ),
        *_name_columns("name", gettext_lazy("Name"), gettext_lazy("The name; at least one language is needed.")),
        Column(
            "kind",
            gettext_lazy("Kind"),
            gettext_lazy("city (a city sector) or external; empty is city."),
            example="city",
        ),
        *_name_columns("description", gettext_lazy("Description"), gettext_lazy("Optional.")),
    )

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        values: dict[str, Any] = _names(row, "name", errors)
        values.update(_names(row, "description", errors, required=False))
        with errors.of("kind"):
            values["kind"] = cells.choice(row["kind"], Sector.Kind.choices, default=Sector.Kind.CITY)
        return values

    def label_of(self, values: dict[str, Any]) -> str:
        return next((values.get(f"name_{code}") for code in LANGUAGE_CODES if values.get(f"name_{code}")), "")

    def find(self, key: str) -> Sector | None:
        return Sector.objects.filter(slug=key).first()

    def current(self, obj: Sector) -> dict[str, Any]:
        return {name: getattr(obj, name) or "" if name != "kind" else obj.kind for name in self._value_names()}

    def _value_names(self) -> list[str]:
        return [column.key for column in self.columns if column.key != "external_id"]

    def save(self, obj: Sector | None, key: str, values: dict[str, Any]) -> Sector:
        sector = obj or Sector(slug=key)
        for name, value in values.items():
            setattr(sector, name, value)
        return services.sector_save(by=self.by, sector=sector)


class UnitImport(_OrganisationImport):
    """The unit tree: each unit by its code, in its sector, under its parent."""

    key = "units"
    label = gettext_lazy("Units")
    columns = (
        Column(
            "external_id",
            gettext_lazy("Code"),
            gettext_lazy("The unit's code (the identity provider's department code)."),
            True,
            "KULT-01",
        ),
        Column("sector", gettext_lazy("Sector"), gettext_lazy("The sector's identifier or name."), True, "culture"),
        Column(
            "parent",
            gettext_lazy("Parent unit"),
            gettext_lazy(
                "The code of the unit above; empty at the top of the sector. A parent further up the file is found."
            ),
        ),
        *_name_columns("name", gettext_lazy("Name"), gettext_lazy("The name; at least one language is needed.")),
        Column("email", gettext_lazy("E-mail"), gettext_lazy("The unit's shared address (optional).")),
    )

    def __init__(self, *, by: User, options: dict[str, Any] | None = None) -> None:
        super().__init__(by=by, options=options)
        self.sectors = _table(Sector, "slug", *(f"name_{code}" for code in LANGUAGE_CODES))

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        values: dict[str, Any] = {}
        with errors.of("sector"):
            name = cells.text(row["sector"])
            cells.required(name)
            values["sector"] = cells.lookup([name], self.sectors, _("sector"))[0]
        with errors.of("parent"):
            parent = cells.text(row["parent"])
            values["parent"] = None
            if parent:
                found = Unit.objects.filter(external_code=parent).values_list("pk", flat=True).first()
                if found is None:
                    raise cells.CellError(
                        _("No unit with the code “%(code)s” in Silta or above in this file.") % {"code": parent}
                    )
                values["parent"] = found
        values.update(_names(row, "name", errors))
        with errors.of("email"):
            values["email"] = cells.text(row["email"])
        return values

    def label_of(self, values: dict[str, Any]) -> str:
        return next((values.get(f"name_{code}") for code in LANGUAGE_CODES if values.get(f"name_{code}")), "")

    def find(self, key: str) -> Unit | None:
        return Unit.objects.filter(external_code=key).first()

    def current(self, obj: Unit) -> dict[str, Any]:
        now = {f"name_{code}": getattr(obj, f"name_{code}") or "" for code in LANGUAGE_CODES}
        now.update({"sector": obj.sector_id, "parent": obj.parent_id, "email": obj.email})
        return now

    def save(self, obj: Unit | None, key: str, values: dict[str, Any]) -> Unit:
        unit = obj or Unit(external_code=key)
        unit.sector_id, unit.parent_id = values["sector"], values["parent"]
        unit.email = values["email"]
        for code in LANGUAGE_CODES:
            setattr(unit, f"name_{code}", values[f"name_{code}"] or None)
        return services.unit_save(by=self.by, unit=unit)


class PersonImport(_OrganisationImport):
    """The person directory, with topics and languages."""

    key = "persons"
    label = gettext_lazy("Persons")
    columns = (
        Column(
            "external_id",
            gettext_lazy("External id"),
            gettext_lazy("The person's id, e.g. the HR register's."),
            True,
            "HR-1234",
        ),
        Column("first_name", gettext_lazy("First name"), gettext_lazy("Needed."), True, "Maija"),
        Column("last_name", gettext_lazy("Last name"), gettext_lazy("Needed."), True, "Virtanen"),
        Column("unit", gettext_lazy("Unit"), gettext_lazy("The code of the person's unit."), True, "KULT-01"),
        Column("title", gettext_lazy("Title"), gettext_lazy("Optional.")),
        Column("email", gettext_lazy("E-mail"), gettext_lazy("Optional."), example="maija.virtanen@example.fi"),
        Column("phone", gettext_lazy("Phone"), gettext_lazy("Optional.")),
        Column(
            "languages",
            gettext_lazy("Languages"),
            gettext_lazy("Language codes separated by “;”: fi, sv, en, ru, et, ar, so."),
            example="fi; en",
        ),
        Column(
            "topics",
            gettext_lazy("Topics"),
            gettext_lazy("Topics by identifier or name in any language, separated by “;”."),
            example="youth",
        ),
        Column(
            "boundary_spanner", gettext_lazy("Boundary spanner"), gettext_lazy("Yes or No (Kyllä or Ei)."), example="No"
        ),
    )

    def __init__(self, *, by: User, options: dict[str, Any] | None = None) -> None:
        super().__init__(by=by, options=options)
        self.topics = _table(Topic, "slug", *(f"name_{code}" for code in LANGUAGE_CODES))
        self.units = {
            code.casefold(): pk
            for pk, code in Unit.objects.exclude(external_code="").values_list("pk", "external_code")
        }

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in ("first_name", "last_name"):
            with errors.of(name):
                values[name] = cells.text(row[name])
                cells.required(values[name])
        with errors.of("unit"):
            code = cells.text(row["unit"])
            cells.required(code)
            values["unit"] = cells.lookup([code], self.units, _("unit with the code"))[0]
        for name in ("title", "email", "phone"):
            values[name] = cells.text(row[name])
        with errors.of("languages"):
            values["languages"] = [cells.choice(item, Language.choices) for item in cells.items(row["languages"])]
        with errors.of("topics"):
            values["topics"] = sorted(cells.lookup(cells.items(row["topics"]), self.topics, _("topic")))
        with errors.of("boundary_spanner"):
            values["boundary_spanner"] = cells.boolean(row["boundary_spanner"])
        return values

    def label_of(self, values: dict[str, Any]) -> str:
        return f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()

    def find(self, key: str) -> Person | None:
        return Person.objects.filter(external_id=key).first()

    def current(self, obj: Person) -> dict[str, Any]:
        return {
            "first_name": obj.first_name,
            "last_name": obj.last_name,
            "unit": obj.unit_id,
            "title": obj.title,
            "email": obj.email,
            "phone": obj.phone,
            "languages": list(obj.languages),
            "topics": sorted(obj.topics.values_list("pk", flat=True)),
            "boundary_spanner": obj.is_boundary_spanner,
        }

    def save(self, obj: Person | None, key: str, values: dict[str, Any]) -> Person:
        person = obj or Person(external_id=key)
        for name in ("first_name", "last_name", "title", "email", "phone", "languages"):
            setattr(person, name, values[name])
        person.unit_id = values["unit"]
        person.is_boundary_spanner = values["boundary_spanner"]
        return services.person_save(by=self.by, person=person, topics=values["topics"])
