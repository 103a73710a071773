"""The person directory as CSV or Excel: the columns of the page, contact details only for who sees them there."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

from django.http import JsonResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.spreadsheets import Table, column, joined, xlsx_workbook_response
from apps.sectors.models import Language, Person
from apps.sectors.person_data import PersonDataEncoder, Section

PersonDataFormat = Literal["json", "xlsx"]
PERSON_DATA_FORMATS: tuple[PersonDataFormat, ...] = ("json", "xlsx")


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


def person_data_document(person: Person, sections: Iterable[Section]) -> dict[str, object]:
    """A person's data export as one JSON document: a list of rows per section, keyed as the section is."""
    return {
        "person": person.pk,
        "exported_at": timezone.now(),
        "sections": {section.key: {"title": str(section.title), "rows": section.records()} for section in sections},
    }


def person_data_response(person: Person, sections: list[Section], file_format: PersonDataFormat) -> HttpResponseBase:
    """A person's data as ``person-<id>-data.json`` or ``.xlsx`` (a sheet per section), as an attachment."""
    name = f"person-{person.pk}-data-{timezone.localdate().isoformat()}"
    if file_format == "xlsx":
        return xlsx_workbook_response([section.table() for section in sections], f"{name}.xlsx")
    response = JsonResponse(
        person_data_document(person, sections),
        encoder=PersonDataEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response
