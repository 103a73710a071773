"""The person directory as CSV or Excel: the columns of the page, contact details only for who sees them there."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.utils.translation import gettext as _

from apps.core.spreadsheets import Table, column, joined
from apps.sectors.models import Language, Person


def _language(code: str) -> str:
    return str(Language(code).label) if code in Language.values else code


def person_table(people: Iterable[Person], *, contact_details: bool) -> Table:
    header = [
        column(Person, "last_name"),
        column(Person, "first_name"),
        column(Person, "title"),
        column(Person, "unit"),
        _("Sector"),
        column(Person, "topics"),
        column(Person, "languages"),
        column(Person, "is_boundary_spanner"),
    ]
    if contact_details:
        header += [column(Person, "email"), column(Person, "phone")]

    def rows() -> Iterator[Sequence[object]]:
        for person in people:
            row: list[object] = [
                person.last_name,
                person.first_name,
                person.title,
                person.unit.name,
                person.unit.sector.name,
                joined(person.topics.all()),
                joined(_language(code) for code in person.languages),
                person.is_boundary_spanner,
            ]
            if contact_details:
                row += [person.email, person.phone]
            yield row

    return Table(header=header, rows=rows(), title=_("People"))
