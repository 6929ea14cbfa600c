"""The long lists stay cheap: their indexes exist (PostgreSQL), a page loads only its own
rows, and the page links are elided."""

import pytest
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory

from cases.models import Business, Case, DepartmentTask
from cases.pagination import RowsPaginator

pytestmark = pytest.mark.django_db


def _indexes(model) -> dict:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {name: info for name, info in constraints.items() if info["index"]}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the list indexes are checked on PostgreSQL"
)
def test_the_list_indexes_exist_in_list_order():
    cases = _indexes(Case)
    assert cases["cases_case_received"]["columns"] == ["received_at", "id"]
    assert cases["cases_case_received"]["orders"] == ["DESC", "DESC"]
    assert cases["cases_case_business_list"]["columns"] == ["business_id", "received_at", "id"]
    assert "cases_case_business_recv" not in cases
    tasks = _indexes(DepartmentTask)
    order = ["deadline", "received_on", "created_at", "id"]
    assert tasks["cases_task_queue_open"]["columns"] == ["department_id", *order]
    assert tasks["cases_task_inbox_open"]["columns"] == ["assignee_id", *order]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            [["cases_task_queue_open", "cases_task_inbox_open", "cases_business_name_trgm"]],
        )
        definitions = dict(cursor.fetchall())
    assert "WHERE ((assignee_id IS NULL) AND" in definitions["cases_task_queue_open"]
    assert "'in_review'" in definitions["cases_task_inbox_open"]
    assert "gin (upper((name)::text) gin_trgm_ops)" in definitions["cases_business_name_trgm"]
    assert "cases_business_name_trgm" in _indexes(Business)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the list indexes are checked on PostgreSQL"
)
def test_no_index_repeats_the_head_of_another():
    """A one-column index on a column a longer index leads with is dead weight that every
    write pays for (the sweep's inserts and task updates)."""
    from cases.models import CaseEvent
    from kes.models import Notice

    covered = {
        DepartmentTask: {"assignee_id", "department_id"},
        CaseEvent: {"case_id"},
        Notice: {"recipient_id"},
    }
    for model, columns in covered.items():
        indexes = _indexes(model)
        leading = {info["columns"][0] for info in indexes.values() if len(info["columns"]) > 1}
        assert columns <= leading, model
        # Django names a foreign key's own index <table>_<column>_<hash>.
        table = model._meta.db_table
        assert not [n for n in indexes for c in columns if n.startswith(f"{table}_{c}_")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'kes_notice'")
        assert not [name for (name,) in cursor.fetchall() if name.endswith("_like")]


def test_a_rows_page_holds_the_same_rows_as_a_plain_page():
    User = get_user_model()
    for number in range(7):
        User.objects.create_user(username=f"person-{number}")
    users = User.objects.filter(username__startswith="person-").order_by("-pk")
    loaded = []

    def rows(queryset):
        loaded.append(queryset)
        return queryset.order_by("-pk")

    plain = Paginator(users, 3)
    late = RowsPaginator(users, 3, rows=rows)
    assert late.count == 7 and late.num_pages == 3
    for number in (1, 2, 3):
        assert list(late.page(number)) == list(plain.page(number))
    assert len(loaded) == 3
    assert RowsPaginator(users, 3, rows=rows, count=99).num_pages == 33


def test_a_long_list_shows_an_elided_range_of_page_links():
    page = Paginator(range(60), 1).page(30)
    request = RequestFactory().get("/my/cases/", {"page": 30, "q": "x"})
    html = Template('{% include "includes/pagination.html" %}').render(
        RequestContext(request, {"page": page})
    )
    numbers = html.count('class="pagination-item pagination-number"')
    assert 5 <= numbers <= 9  # 1, 28 29 30 31 32, 60: not 60 links
    assert html.count("pagination-overflow") == 2 and "…" in html
    assert "page=60" in html and "page=1" in html and "page=45" not in html
    assert 'aria-current="page"' in html and "q=x" in html
