"""Pages of long lists that cost the same at any table size and any page number.

``RowsPaginator`` counts and slices a light queryset (the list's filters and order, no
joins for display, no annotations) and loads only the shown page's rows, with what they
display, through ``rows``: the annotations and joins run for those rows only, never for
the rows a deep page skips.

An exact count of a long list reads every row it counts (200,000 cases, or a probe into the
tasks for each of them): with ``estimate_above`` the paginator counts exactly only up to
that many rows (a ``LIMIT``-ed count, as cheap as a page) and above it takes PostgreSQL's
own estimate of the list's rows from the plan (``EXPLAIN``, no rows read); the page then
says "about". A page past the real end of an estimated list falls back to the exact count.
"""

import json
import math
from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet


def planned_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows ``queryset`` returns (None on other databases)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def about(number: int) -> int:
    """``number`` to two significant digits: how an estimate is shown (92,811 -> 93,000)."""
    if number < 100:
        return number
    scale = 10 ** (int(math.log10(number)) - 1)
    return round(number / scale) * scale


class RowsPaginator(Paginator):
    """A ``Paginator`` over ``object_list`` (ids in list order) whose pages hold
    ``rows(queryset)``: ``queryset`` is the model's rows of the page's ids (one sliced
    subquery, so a page is still one query); ``rows`` adds the joins, the annotations and
    the list's order. ``count`` may be given when the caller already knows it; with
    ``estimate_above`` a list longer than that is counted by the planner's estimate
    (``exact`` is then False and ``shown_count`` rounded)."""

    def __init__(
        self,
        object_list: QuerySet,
        per_page: int,
        *,
        rows: Callable[[QuerySet], QuerySet],
        count: int | None = None,
        estimate_above: int | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows
        self.exact = True
        if count is None and estimate_above is not None:
            count = self._bounded_count(estimate_above)
        if count is not None:
            self.count = count  # replaces the cached property's COUNT query

    def _bounded_count(self, limit: int) -> int | None:
        light = self.object_list.order_by()
        counted = light[: limit + 1].count()
        if counted <= limit:
            return counted
        estimate = planned_rows(light.values("pk"))
        if estimate is None:
            return None  # the exact count, as without an estimate
        self.exact = False
        return max(estimate, counted)

    @property
    def shown_count(self) -> int:
        return self.count if self.exact else about(self.count)

    def _count_exactly(self) -> None:
        self.count = self.object_list.order_by().count()
        self.exact = True
        self.__dict__.pop("num_pages", None)  # a cached property of the estimated count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        rows = self.rows(self.object_list.model._default_manager.filter(pk__in=ids))
        if not self.exact and number > 1:
            rows = list(rows)
            if not rows:  # past the real end of an estimate: count, and show the last page
                self._count_exactly()
                return self.page(min(number, self.num_pages))
        return self._get_page(rows, number, self)
