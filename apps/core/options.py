"""The small JSON answers a form's autocomplete asks for: the choices whose names contain every typed word.

Each app serves its own choices (units, people, strategy goals, initiatives, programmes) through
:func:`option_response`; static/js/autocomplete.js (Tom Select) reads them. A name is found in any language
(``text_search`` spreads over every translated column), and the answer is capped, so a short word costs little.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse

from apps.core.exceptions import ApplicationError
from apps.core.search import MAX_LENGTH, text_search
from apps.core.translated import translated_fields, translations_of

OPTION_LIMIT = 20


def option_response(
    request: HttpRequest,
    choices: QuerySet[Any],
    *,
    fields: Sequence[str],
    label: Callable[[Any], str] = str,
    group: Callable[[Any], str] | None = None,
    prepare: Callable[[list[Any]], object] | None = None,
    limit: int = OPTION_LIMIT,
) -> JsonResponse:
    """``{"results": [{"value", "text", "optgroup"?}]}`` for the words in ``?q=``; 400 with a message for a search
    the lists refuse too (more words than a search takes). ``prepare`` is called once with the found objects."""
    text = request.GET.get("q", "")[:MAX_LENGTH]
    try:
        found = list(text_search(choices, text=text, fields=fields)[:limit])
    except ApplicationError as error:
        return JsonResponse({"message": error.message}, status=400)
    if prepare is not None:  # e.g. the paths of units, fetched for all of them at once
        prepare(found)
    return JsonResponse({"results": [_option(obj, label, group, fields) for obj in found]})


def _option(
    obj: Model, label: Callable[[Any], str], group: Callable[[Any], str] | None, fields: Sequence[str]
) -> dict[str, str]:
    # "search": the row's own names in every language, which the typeahead also filters on, so a unit found by
    # its Swedish name is kept although its label is in the page's language.
    option = {"value": str(obj.pk), "text": label(obj), "search": " ".join(_names(obj, fields))}
    if group is not None:
        option["optgroup"] = group(obj)
    return option


def _names(obj: Model, fields: Sequence[str]) -> list[str]:
    translated = translated_fields(type(obj))
    names = []
    for name in fields:
        if "__" in name:
            continue  # a related row's name (a unit's sector) is the group's business, not the option's
        if name in translated:
            names += [value for value in translations_of(obj, name).values() if value]
        else:
            names.append(str(getattr(obj, name) or ""))
    return names
