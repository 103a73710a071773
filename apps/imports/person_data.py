"""The imports' part of a person's erasure (``apps.sectors.person_data``): a file's name and its preview and result
(which repeat the rows read, names and e-mails included) carry the pseudonym instead."""

from __future__ import annotations

from apps.imports.models import ImportJob
from apps.sectors.person_data import Erasure, PersonDataPart


def imports_erase(erasure: Erasure) -> dict[str, int]:
    return erasure.scrub_texts(ImportJob, "original_name", "preview", "result")


IMPORTS_PART = PersonDataPart("imports", order=90, erase=imports_erase)
