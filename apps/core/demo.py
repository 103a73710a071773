"""What every app's demo seeder shares: a reference name in the city's three languages, written onto a row.

The demo keeps each row's English name as its key (the seeders' tables refer to rows by it, and a database seeded
before the demo spoke Finnish and Swedish has it in every column), so a rerun finds the row and only writes the
names it lacks.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Model, Q

from apps.core.translated import column


class Names(NamedTuple):
    """A name as a bilingual Finnish city writes it: Finnish, Swedish, then English."""

    fi: str
    sv: str
    en: str


def translations(names: Names, field: str = "name") -> dict[str, str]:
    """``names`` as the columns of ``field``: ``{"name_fi": ..., "name_sv": ..., "name_en": ...}``."""
    return {column(field, language): value for language, value in names._asdict().items()}


def named(names: Names, field: str = "name") -> Q:
    """The row called ``names``: by its English name, or by a Finnish column that holds either name (a database
    seeded before the demo was translated has the English name there)."""
    return Q(**{column(field, "en"): names.en}) | Q(**{f"{column(field, 'fi')}__in": [names.fi, names.en]})


def write_names(instance: Model, *namesets: tuple[str, Names]) -> bool:
    """Give ``instance`` the names (``("name", Names(...))``, ``("description", Names(...))``) it lacks; saves only
    when one differs, so a rerun of the demo writes nothing. True when it saved."""
    changed = []
    for field, names in namesets:
        columns = [
            name for name, value in translations(names, field).items() if (getattr(instance, name) or "") != value
        ]
        for name in columns:
            setattr(instance, name, translations(names, field)[name])
        # The original column follows the first name present (apps.core.translated); every language's column is
        # saved with it, since modeltranslation copies an original column saved alone into the active language's.
        if columns:
            changed += [*translations(names, field), field]
    if changed:
        instance.save(update_fields=changed)
    return bool(changed)
