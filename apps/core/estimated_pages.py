"""Page numbers for API lists of up to millions of rows: an exact count while it is cheap, PostgreSQL's estimate
beyond that.

An exact ``COUNT(*)`` reads every row the list holds on every request (a manager's booking list: a million rows,
tens of milliseconds, growing with the data; 8,700 initiatives of one sector in a city of 100,000: 30–80 ms). Here
the count stops after ``EXACT_COUNT_LIMIT`` rows; a longer list says how many rows the planner expects (an API
answer with ``count_is_estimate: true``, a page with "about"). ``next`` is exact either way: a page reads one row
more than it shows to know whether another page follows.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from rest_framework.response import Response

from apps.core.filters import PageNumberPagination
from apps.core.lists import keys_first

# Up to this many rows, the count is exact: counting that many costs about a millisecond even behind a filter that
# probes another table per row (a sector's initiatives), and nobody pages through more rows than that one by one.
EXACT_COUNT_LIMIT = 1_000


def planner_estimate(queryset: QuerySet) -> int:
    """The number of rows PostgreSQL's planner expects ``queryset`` to return (``EXPLAIN``, nothing is run)."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


# The schema's texts stay lazy: drf-spectacular renders them in the language of the request for the schema.
_with_limit = lazy(lambda text: str(text) % {"limit": EXACT_COUNT_LIMIT}, str)


class EstimatedPage(Page):
    """A page that knows from its one extra row whether another follows, whatever the (estimated) count says."""

    def __init__(self, rows: list, number: int, paginator: EstimatedCountPaginator) -> None:
        super().__init__(rows[: paginator.per_page], number, paginator)
        self._more = len(rows) > paginator.per_page

    def has_next(self) -> bool:
        return self._more

    @property
    def pages(self) -> int:
        """About how many pages the list has: the estimate's, but never fewer than the pages known to exist."""
        return max(self.paginator.num_pages, self.number + self._more)


class EstimatedCountPaginator(Paginator):
    """Django's paginator with a count that is exact up to ``EXACT_COUNT_LIMIT`` rows and estimated above."""

    count_is_estimate = False

    @cached_property
    def count(self) -> int:
        bounded = self.object_list.order_by().values("pk")[: EXACT_COUNT_LIMIT + 1].count()  # no select list
        if bounded <= EXACT_COUNT_LIMIT:
            return bounded
        self.count_is_estimate = True
        return max(planner_estimate(self.object_list), bounded)

    @property
    def rounded_count(self) -> int:
        """The count to two significant digits (9,359 → 9,400), for a page that says "about": an estimate's
        last digits are noise."""
        count = self.count
        if count < 100:
            return count
        step = 10 ** (len(str(count)) - 2)
        return round(count / step) * step

    def validate_number(self, number: Any) -> int:
        """Beyond an estimated count, any whole page number from 1 on (``page`` finds out whether it has rows)."""
        self.count  # noqa: B018 (counting decides whether the count is an estimate)
        if not self.count_is_estimate:
            return super().validate_number(number)
        try:
            whole = int(number)
        except (TypeError, ValueError):
            return super().validate_number(number)  # the paginator's own error for a page that is no number
        if whole < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return whole

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)  # counts first, which decides count_is_estimate
        bottom = (number - 1) * self.per_page
        if not self.count_is_estimate:
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return self._get_page(self.rows(bottom, top), number, self)
        rows = self.rows(bottom, bottom + self.per_page + 1)
        if not rows and number > 1:  # past the end, which an estimate cannot place exactly
            raise EmptyPage(self.error_messages["no_results"])
        return EstimatedPage(rows, number, self)

    def rows(self, bottom: int, top: int) -> list:
        """Rows ``bottom``–``top`` of the list."""
        return list(self.object_list[bottom:top])


class EstimatedKeysFirstPaginator(EstimatedCountPaginator):
    """The same pages of a list whose rows cost something to compute, read by their keys first
    (:func:`apps.core.lists.keys_first`): the initiatives with their funding sums."""

    def rows(self, bottom: int, top: int) -> list:
        return keys_first(self.object_list, bottom, top)


class EstimatedCountPagination(PageNumberPagination):
    """``{count, count_is_estimate, next, previous, results}``: the page-number shape with the count's kind."""

    django_paginator_class = EstimatedCountPaginator
    # "last" needs the exact number of pages, which an estimated count does not give.
    last_page_strings = ()

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data = {
            "count": response.data["count"],
            "count_is_estimate": self.page.paginator.count_is_estimate,
            **{key: value for key, value in response.data.items() if key != "count"},
        }
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = _with_limit(
            _("How many rows the list holds: exact up to %(limit)d, PostgreSQL's estimate above.")
        )
        paginated["properties"] = {
            "count": paginated["properties"]["count"],
            "count_is_estimate": {
                "type": "boolean",
                "description": _with_limit(_("True when the count is an estimate (more than %(limit)d rows).")),
            },
            **{key: value for key, value in paginated["properties"].items() if key != "count"},
        }
        paginated.setdefault("required", ["count", "results"])
        paginated["required"] = [*paginated["required"], "count_is_estimate"]
        return paginated


class EstimatedKeysFirstPagination(EstimatedCountPagination):
    """The estimated-count shape over :class:`EstimatedKeysFirstPaginator`."""

    django_paginator_class = EstimatedKeysFirstPaginator
