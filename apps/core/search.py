"""The free-text search of every list: every word must appear in one of the searched fields, ignoring case.

Each row's fields are put together into one search document (the names of many-valued relations such as topics,
themes and units aggregated per row), and the document is compared once with all the words (``LIKE ALL``), in
one grouped subquery that the list keeps with ``pk IN``. The query keeps its shape however many words are given: no
OR of querysets that doubles the SQL with every word, no semi-join per word that the planner chokes on, and a row
that matches twice is listed once. Words and length are capped all the same, so a search box never asks for
seconds of work.

The lists that grow large (initiatives, partner requests) search a stored ``tsvector`` instead, through a GIN index:
``full_text_query`` builds the query from a search box's words, in the configurations ``FULL_TEXT_CONFIGS``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

import django_filters
from django import forms
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db.models import Expression, F, Field, Func, Lookup, Model, OrderBy, QuerySet, TextField, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from apps.core.exceptions import ApplicationError
from apps.core.translated import search_paths

MAX_WORDS = 8
MAX_LENGTH = 200
TOO_MANY_WORDS = ngettext_lazy(
    "Use at most %(limit)d word in a search.", "Use at most %(limit)d words in a search.", "limit"
)

M = TypeVar("M", bound=Model)

# A stored search document is stemmed in Finnish and Swedish, and kept unstemmed too (names, numbers, English).
FULL_TEXT_CONFIGS = ("finnish", "swedish", "simple")
STEMMED_CONFIGS = ("finnish", "swedish")
STEM_AT_LEAST = 4  # shorter prefixes than this match too much
# Letters and digits only: no character of the tsquery syntax (& | ! ( ) : * ' \\ < >) reaches to_tsquery.
FULL_TEXT_WORD = re.compile(r"[^\W_]+")


class SearchTooLong(ApplicationError):
    """More words than a search takes (the search box says so first, as a form error)."""


def search_words(text: str) -> list[str]:
    """The words of a search box: separated by any white space."""
    return text.split()


def text_search(queryset: QuerySet[M], *, text: str, fields: Sequence[str]) -> QuerySet[M]:
    """Keep the rows of ``queryset`` in which every word of ``text`` is found in one of ``fields`` (paths such as
    ``"unit__name"`` or, many-valued, ``"topics__name"``)."""
    words = search_words(text)
    if not words:
        return queryset
    if len(words) > MAX_WORDS:
        raise SearchTooLong(str(TOO_MANY_WORDS % {"limit": MAX_WORDS}))
    matching = (
        queryset.model._base_manager.order_by()
        .values("pk")
        .alias(document=search_document(queryset.model, fields))
        .filter(ContainsEveryWord(F("document"), words))
    )
    return queryset.filter(pk__in=matching.values("pk"))


def full_text_query(text: str) -> SearchQuery | None:
    """Every word of ``text``, each found as a prefix of a Finnish or Swedish stem, or of the plain word without its
    last two letters (an ending): "kulttuurikump" finds "kulttuurikumppani", "nuoret" finds "nuorten" (the Finnish
    stemmer gives the two different stems), "läsecirkel" finds "läsecirklar", a number finds itself. None without
    a word.

    Only runs of letters and digits become words, so no input is a tsquery syntax error; at most ``MAX_WORDS``
    words of at most ``MAX_LENGTH`` characters are read (the search box refuses more first).
    """
    words = [word[:MAX_LENGTH] for word in FULL_TEXT_WORD.findall(text)[:MAX_WORDS]]
    query: SearchQuery | None = None
    for word in words:
        stem = word[: max(STEM_AT_LEAST, len(word) - 2)]
        matches = SearchQuery(f"{stem}:*", config="simple", search_type="raw")
        for config in STEMMED_CONFIGS:
            matches = matches | SearchQuery(f"{word}:*", config=config, search_type="raw")
        query = matches if query is None else query & matches
    return query


def search_document(model: type[Model], fields: Sequence[str]) -> Expression:
    """The text of ``fields`` of a row, an aggregate over its joined rows (so the query is grouped by row).

    The many-valued names are aggregated by distinct value: with units and themes joined, a name that the join
    repeats once per theme is in the document once. Parts are separated by spaces, so no word matches across two.
    A translated name is there in every language, so "museo", "museum" and "museet" find the same unit.
    """
    paths = search_paths(model, *fields)
    parts = [StringAgg(path, " ", distinct=True) if _is_many_valued(model, path) else F(path) for path in paths]
    # concat_ws skips NULLs: a missing description or a row without topics still matches on its other fields.
    return Func(Value(" "), *parts, function="concat_ws", output_field=TextField())


def _is_many_valued(model: type[Model], path: str) -> bool:
    for name in path.split(LOOKUP_SEP)[:-1]:
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


def sorted_after_search(ordering: Sequence[str]) -> list[OrderBy]:
    """``ordering`` (``["-start_date"]``) as the same order of expressions that no index serves, for a list searched
    through a stored document: the planner guesses a fixed share of rows for a prefix search whatever it matches,
    so with an index in the list's order it walks that index and tests each row's document until a page is full
    (every row when the matches are few, 29 ms on 10,000 initiatives); sorting by an expression it reads the matches
    through the GIN index and sorts them instead (0.1 ms for one match, 8 ms when every row matches)."""
    terms = []
    for term in ordering:
        name = term.lstrip("-")
        same = Coalesce(F(name), F(name))  # the column's own value: COALESCE(x, x) is x, but not an indexed column
        terms.append(same.desc() if term.startswith("-") else same.asc())
    return terms


class StoredColumn(Expression):
    """A column of the queried model's table that the model does not declare: a search document that the database's
    triggers write (apps/initiatives/migrations/0010), so that no ``save()`` writes back a stale copy, no history
    row copies it and no list reads it. Compiled beside the row's primary key, so it follows the table's alias in a
    subquery (``U0``) as any column does."""

    def __init__(self, column: str, output_field: Field, key: Expression | None = None) -> None:
        super().__init__(output_field=output_field)
        self.column = column
        self.key = key if key is not None else F("pk")

    def get_source_expressions(self) -> list[Expression]:
        return [self.key]

    def set_source_expressions(self, expressions: Sequence[Expression]) -> None:
        (self.key,) = expressions

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        key, params = compiler.compile(self.key)  # '"initiatives_initiative"."id"', or '"U0"."id"' in a subquery
        table = key.rsplit(".", 1)[0]
        return f"{table}.{connection.ops.quote_name(self.column)}", list(params)


class ContainsEveryWord(Lookup):
    """``UPPER(document) LIKE ALL (ARRAY[UPPER('%word%'), ...])``: the document is read and upper-cased once per row,
    whatever the words (as Django's ``icontains`` does for one word; ``ILIKE`` folds the document again per word).

    https://www.postgresql.org/docs/current/functions-comparisons.html#FUNCTIONS-COMPARISONS-ANY-SOME
    """

    lookup_name = "contains_every_word"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Sequence[str], connection: Any) -> tuple[str, list[str]]:
        # prep_for_like_query escapes % and _ (and the escape character): a word is text, not a pattern.
        patterns = [f"%{connection.ops.prep_for_like_query(word)}%" for word in value]
        return "ARRAY[{}]".format(", ".join(["UPPER(%s)"] * len(patterns))), patterns

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"UPPER({lhs}) LIKE ALL ({rhs})", [*lhs_params, *rhs_params]


class SearchField(forms.CharField):
    """A search box's text: at most ``MAX_LENGTH`` characters and ``MAX_WORDS`` words, else a form error."""

    default_error_messages = {"too_many_words": TOO_MANY_WORDS}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(**kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if len(search_words(value)) > MAX_WORDS:
            raise ValidationError(
                self.error_messages["too_many_words"], code="too_many_words", params={"limit": MAX_WORDS}
            )


class SearchFilter(django_filters.CharFilter):
    """The search box of a list's filters (the page, its CSV export and the API alike)."""

    field_class = SearchField

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)
