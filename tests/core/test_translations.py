from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation


def _entries(language: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file; plural forms joined, so an empty form shows as empty."""
    import re

    text = (Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
    entries = []
    for block in text.split("\n\n")[1:]:
        if block.startswith("#~"):
            continue
        fuzzy = "#, fuzzy" in block or ", fuzzy" in block
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgid ", 1)[1].split("\nmsg", 1)[0]))
        strs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', block)
        values = ["".join(re.findall(r'"(.*)"', s)) for s in strs]
        entries.append((msgid, "" if fuzzy or not all(values) else "|".join(values)))
    return entries


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_string_has_a_translation(language):
    untranslated = [msgid for msgid, msgstr in _entries(language) if not msgstr]

    assert untranslated == []


@pytest.mark.parametrize(("language", "expected"), [("fi", "Kirjaudu ulos"), ("sv", "Logga ut")])
def test_the_compiled_catalogues_are_up_to_date(language, expected):
    with translation.override(language):
        assert translation.gettext("Log out") == expected
    assert len(_entries(language)) > 50
