"""Spaces from a spreadsheet (issue 15, part 4): each space with its booking rules and weekly opening hours.

A row is one space, found again by its ``external_id``; its venue by name (any language), its owner unit by code;
the hours as one column per weekday (``8-16`` or ``08:00-12:00; 13:00-16:00``, empty for closed).
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.tabular import cells
from apps.core.tabular.kinds import Column, Row, RowByRowImport, RowErrors
from apps.core.translated import LANGUAGE_CODES
from apps.premises import permissions, services
from apps.premises.models import Equipment, ExternalBookers, OpeningHours, Space, Venue
from apps.sectors.models import Sector, Unit

if TYPE_CHECKING:
    from apps.accounts.models import User

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DURATIONS = {
    "min_duration": (gettext_lazy("Shortest booking"), timedelta(minutes=30)),
    "max_duration": (gettext_lazy("Longest booking"), timedelta(hours=8)),
    "lead_time": (gettext_lazy("Lead time"), timedelta(0)),
    "buffer": (gettext_lazy("Buffer between bookings"), timedelta(0)),
    "cancellation_deadline": (gettext_lazy("Cancellation deadline"), timedelta(hours=24)),
}
DURATION_HELP = gettext_lazy("Minutes (90), hours and minutes (1:30) or 1 h 30 min; empty is %(default)s.")


class _DurationHelp:
    def __init__(self, default: timedelta) -> None:
        self.default = default

    def __str__(self) -> str:
        minutes = int(self.default.total_seconds() // 60)
        return str(DURATION_HELP) % {"default": f"{minutes // 60}:{minutes % 60:02d}"}


class _EquipmentHelp:
    def __str__(self) -> str:
        return _("Codes separated by “;”: %(codes)s.") % {
            "codes": ", ".join(f"{key} ({label})" for key, label in Equipment.choices)
        }


class _OpeningHelp:
    def __str__(self) -> str:
        return _("Who may book it besides the city's sectors, codes separated by “;”: %(codes)s. Empty: nobody.") % {
            "codes": ", ".join(f"{key} ({label})" for key, label in ExternalBookers.choices)
        }


def _table(model: type, *columns: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for pk, *values in model.objects.values_list("pk", *columns):
        for value in values:
            if value:
                table.setdefault(str(value).casefold(), pk)
    return table


class SpaceImport(RowByRowImport):
    """Spaces with their rules and weekly opening hours."""

    key = "spaces"
    label = gettext_lazy("Spaces")
    columns = (
        Column(
            "external_id",
            gettext_lazy("External id"),
            gettext_lazy("The space's id, e.g. the facility register's."),
            True,
            "TILA-12",
        ),
        Column(
            "venue",
            gettext_lazy("Venue"),
            gettext_lazy("The venue's name in any language (the venue must exist)."),
            True,
        ),
        *(
            Column(
                f"name_{code}",
                gettext_lazy("Name"),
                gettext_lazy("The space's name; at least one language."),
                code == "fi",
            )
            for code in LANGUAGE_CODES
        ),
        Column(
            "owner_unit",
            gettext_lazy("Owner unit"),
            gettext_lazy("The code of the unit that manages it."),
            True,
            "KULT-01",
        ),
        Column("capacity", gettext_lazy("Capacity"), gettext_lazy("How many people fit in at once."), True, "40"),
        Column("equipment", gettext_lazy("Equipment"), _EquipmentHelp(), example="projector; piano"),
        Column("is_bookable", gettext_lazy("Bookable"), gettext_lazy("Yes or No; empty is Yes."), example="Yes"),
        Column(
            "approval_required",
            gettext_lazy("Approval required"),
            gettext_lazy("Yes or No; empty is Yes."),
            example="No",
        ),
        *(Column(name, label, _DurationHelp(default)) for name, (label, default) in DURATIONS.items()),
        Column("max_advance_days", gettext_lazy("Bookable days ahead"), gettext_lazy("A whole number; empty is 365.")),
        Column("weekly_quota_hours", gettext_lazy("Weekly hours per booker"), gettext_lazy("Empty for no quota.")),
        Column(
            "allowed_sectors",
            gettext_lazy("Sectors allowed to book"),
            gettext_lazy("Sector identifiers separated by “;”; empty lets every city sector book."),
        ),
        Column(
            "open_to",
            gettext_lazy("Open to external bookers"),
            _OpeningHelp(),
            example="associations; residents",
        ),
        Column(
            "terms_of_use",
            gettext_lazy("Terms of use"),
            gettext_lazy("The text an external booker accepts with each booking; empty for none."),
        ),
        Column(
            "free_of_charge", gettext_lazy("Free of charge"), gettext_lazy("Yes or No; empty is Yes."), example="No"
        ),
        Column(
            "price_text",
            gettext_lazy("Price"),
            gettext_lazy("What a booking costs, in words (required when not free of charge)."),
            example="20 € / h",
        ),
        *(
            Column(
                f"hours_{day}",
                label,
                gettext_lazy("Opening hours: 8-16 or 08:00-12:00; 13:00-16:00. Empty is closed."),
                example="8-16",
            )
            for day, label in zip(WEEKDAYS, OpeningHours.Weekday.labels, strict=True)
        ),
    )

    @classmethod
    def may_import(cls, user: User) -> bool:
        return permissions.manages_any_space(user)

    def __init__(self, *, by: User, options: dict[str, Any] | None = None) -> None:
        super().__init__(by=by, options=options)
        self.venues = _table(Venue, *(f"name_{code}" for code in LANGUAGE_CODES))
        self.units = {
            code.casefold(): pk
            for pk, code in Unit.objects.exclude(external_code="").values_list("pk", "external_code")
        }
        self.sectors = _table(Sector, "slug")

    def read(self, row: Row, errors: RowErrors) -> dict[str, Any]:
        values: dict[str, Any] = {}
        with errors.of("venue"):
            values["venue"] = cells.lookup([cells.text(row["venue"])], self.venues, _("venue"))[0]
        for code in LANGUAGE_CODES:
            values[f"name_{code}"] = cells.text(row[f"name_{code}"])
        if not any(values[f"name_{code}"] for code in LANGUAGE_CODES):
            errors.add("name_fi", _("Give a name in at least one language."))
        with errors.of("owner_unit"):
            values["owner_unit"] = cells.lookup([cells.text(row["owner_unit"])], self.units, _("unit with the code"))[0]
        with errors.of("capacity"):
            values["capacity"] = cells.optional_integer(row["capacity"])
            cells.required(values["capacity"])
        with errors.of("equipment"):
            values["equipment"] = [cells.choice(item, Equipment.choices) for item in cells.items(row["equipment"])]
        for name in ("is_bookable", "approval_required"):
            with errors.of(name):
                values[name] = cells.boolean(row[name]) if cells.text(row[name]) else True
        for name, (_label, default) in DURATIONS.items():
            with errors.of(name):
                parsed = cells.optional_duration(row[name])
                values[name] = default if parsed is None else parsed
        with errors.of("max_advance_days"):
            days = cells.optional_integer(row["max_advance_days"])
            values["max_advance_days"] = 365 if days is None else days
        with errors.of("weekly_quota_hours"):
            values["weekly_quota_hours"] = cells.optional_integer(row["weekly_quota_hours"])
        with errors.of("allowed_sectors"):
            values["allowed_sectors"] = sorted(
                cells.lookup(cells.items(row["allowed_sectors"]), self.sectors, _("sector"))
            )
        with errors.of("open_to"):
            values["open_to"] = sorted(
                {cells.choice(item, ExternalBookers.choices) for item in cells.items(row["open_to"])}
            )
        values["terms_of_use"] = cells.text(row["terms_of_use"])
        with errors.of("free_of_charge"):
            values["free_of_charge"] = (
                cells.boolean(row["free_of_charge"]) if cells.text(row["free_of_charge"]) else True
            )
        values["price_text"] = cells.text(row["price_text"])
        if not values["free_of_charge"] and not values["price_text"]:
            errors.add("price_text", _("Give the price of a space that is not free of charge."))
        for day in WEEKDAYS:
            with errors.of(f"hours_{day}"):
                values[f"hours_{day}"] = sorted(cells.time_ranges(row[f"hours_{day}"]))
        return values

    def label_of(self, values: dict[str, Any]) -> str:
        return next((values[f"name_{code}"] for code in LANGUAGE_CODES if values.get(f"name_{code}")), "")

    def find(self, key: str) -> Space | None:
        return Space.objects.filter(external_id=key).first()

    def current(self, obj: Space) -> dict[str, Any]:
        now: dict[str, Any] = {f"name_{code}": getattr(obj, f"name_{code}") or "" for code in LANGUAGE_CODES}
        now.update({"venue": obj.venue_id, "owner_unit": obj.owner_unit_id, "equipment": list(obj.equipment)})
        now.update(
            open_to=sorted(obj.open_to),
            terms_of_use=obj.terms_of_use,
            free_of_charge=obj.free_of_charge,
            price_text=obj.price_text,
        )
        for name in (
            "capacity",
            "is_bookable",
            "approval_required",
            "max_advance_days",
            "weekly_quota_hours",
            *DURATIONS,
        ):
            now[name] = getattr(obj, name)
        now["allowed_sectors"] = sorted(obj.allowed_sectors.values_list("pk", flat=True))
        hours: dict[int, list[tuple[time, time]]] = {weekday: [] for weekday in range(7)}
        for period in obj.opening_hours.all():
            hours[period.weekday].append((period.opens, period.closes))
        now.update({f"hours_{day}": sorted(hours[weekday]) for weekday, day in enumerate(WEEKDAYS)})
        return now

    def save(self, obj: Space | None, key: str, values: dict[str, Any]) -> Space:
        space = obj or Space(external_id=key)
        space.venue_id, space.owner_unit_id = values["venue"], values["owner_unit"]
        for name in (
            "capacity",
            "equipment",
            "open_to",
            "terms_of_use",
            "free_of_charge",
            "price_text",
            "is_bookable",
            "approval_required",
            "max_advance_days",
            "weekly_quota_hours",
            *DURATIONS,
        ):
            setattr(space, name, values[name])
        for code in LANGUAGE_CODES:
            setattr(space, f"name_{code}", values[f"name_{code}"] or None)
        periods = [
            (weekday, opens, closes) for weekday, day in enumerate(WEEKDAYS) for opens, closes in values[f"hours_{day}"]
        ]
        return services.space_import_save(
            by=self.by, space=space, allowed_sectors=values["allowed_sectors"], opening_hours=periods
        )
