"""Pages of long lists that cost the same at any table size and any page number.

``RowsPaginator`` counts and slices a light queryset (the list's filters and order, no
joins for display, no annotations) and loads only the shown page's rows, with what they
display, through ``rows``: the annotations and joins run for those rows only, never for
the rows a deep page skips.
"""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class RowsPaginator(Paginator):
    """A ``Paginator`` over ``object_list`` (ids in list order) whose pages hold
    ``rows(queryset)``: ``queryset`` is the model's rows of the page's ids (one sliced
    subquery, so a page is still one query); ``rows`` adds the joins, the annotations and
    the list's order. ``count`` may be given when the caller already knows it."""

    def __init__(
        self,
        object_list: QuerySet,
        per_page: int,
        *,
        rows: Callable[[QuerySet], QuerySet],
        count: int | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows
        if count is not None:
            self.count = count  # replaces the cached property's COUNT query

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        rows = self.rows(self.object_list.model._default_manager.filter(pk__in=ids))
        return self._get_page(rows, number, self)
