"""The staff case list counts exactly while the list is short and says "about" PostgreSQL's
estimate when it is long (issue 12: an exact count of 100,000 visible cases read them all)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.pagination import RowsPaginator, about, planned_rows
from tests.cases.helpers import OUTDOOR, submit_case

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's"
)


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (0, 0),
        (7, 7),
        (99, 99),
        (100, 100),
        (2_001, 2_000),
        (2_051, 2_100),
        (92_811, 93_000),
        (110_217, 110_000),
        (1_234_567, 1_200_000),
    ],
)
def test_an_estimate_is_shown_to_two_significant_digits(number, shown):
    assert about(number) == shown


def _users(count):
    User = get_user_model()
    User.objects.bulk_create(User(username=f"person-{n:03}") for n in range(count))
    return User.objects.filter(username__startswith="person-").order_by("username", "pk")


def _rows(queryset):
    return queryset.order_by("username", "pk")


def test_a_short_list_is_counted_exactly_with_a_limited_count():
    users = _users(5)
    with CaptureQueriesContext(connection) as queries:
        paginator = RowsPaginator(users, 2, rows=_rows, estimate_above=5)
    assert (paginator.count, paginator.exact, paginator.shown_count) == (5, True, 5)
    (count,) = [q["sql"] for q in queries.captured_queries]
    assert "COUNT(*)" in count.upper() and "LIMIT 6" in count


@on_postgresql
def test_a_long_list_is_counted_by_the_planners_estimate():
    users = _users(30)
    with CaptureQueriesContext(connection) as queries:
        paginator = RowsPaginator(users, 2, rows=_rows, estimate_above=10)
    assert not paginator.exact
    assert paginator.count >= 11  # never less than the limited count found
    assert paginator.count == max(planned_rows(users.order_by().values("pk")), 11)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 2 and "LIMIT 11" in statements[0]
    assert statements[1].startswith("EXPLAIN")
    assert [user.username for user in paginator.page(2)] == ["person-002", "person-003"]


@on_postgresql
def test_a_page_past_the_real_end_of_an_estimate_counts_and_shows_the_last_page(monkeypatch):
    users = _users(15)
    monkeypatch.setattr("cases.pagination.planned_rows", lambda queryset: 1_000)
    paginator = RowsPaginator(users, 2, rows=_rows, estimate_above=10)
    assert (paginator.count, paginator.exact, paginator.num_pages) == (1_000, False, 500)
    page = paginator.get_page(300)
    assert (paginator.count, paginator.exact, paginator.num_pages) == (15, True, 8)
    assert page.number == 8 and [user.username for user in page] == ["person-014"]
    assert not page.has_next()


def test_elsewhere_than_postgresql_the_count_is_exact(monkeypatch):
    users = _users(12)
    monkeypatch.setattr("cases.pagination.planned_rows", lambda queryset: None)
    paginator = RowsPaginator(users, 5, rows=_rows, estimate_above=10)
    assert (paginator.count, paginator.exact) == (12, True)


# --- the staff case list ---------------------------------------------------------------


def _list(client, path="/en/staff/cases/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


@on_postgresql
def test_the_case_list_says_about_above_the_limit_and_the_exact_count_below(
    client, caseworker_user, catalogue, business, business_user, monkeypatch
):
    client.force_login(caseworker_user)  # the visibility EXISTS: the count that was slow
    for _ in range(4):
        submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    response, exact_queries = _list(client)
    assert response.context["page"].paginator.exact
    assert "Number of cases: 4" in response.content.decode()

    monkeypatch.setattr("cases.views.staff_case.EXACT_COUNT_UP_TO", 2)
    response, few = _list(client)
    paginator = response.context["page"].paginator
    assert not paginator.exact and paginator.count >= 3
    assert f"Number of cases: about {paginator.shown_count}" in response.content.decode()
    assert few == exact_queries + 1  # the estimate's EXPLAIN
    for _ in range(8):
        submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    _response, many = _list(client)
    assert many == few  # constant in the number of cases
    assert client.get(reverse("staff_case_list")).status_code == 200  # and in Danish


@on_postgresql
def test_a_filtered_short_list_keeps_its_exact_count(
    client, kes_user, catalogue, business, business_user, monkeypatch
):
    monkeypatch.setattr("cases.views.staff_case.EXACT_COUNT_UP_TO", 2)
    client.force_login(kes_user)
    cases = [submit_case(business, business_user, ["outdoor_serving"], OUTDOOR) for _ in range(4)]
    response, _queries = _list(client, f"/en/staff/cases/?q={cases[0].reference}")
    assert response.context["page"].paginator.exact
    assert "Number of cases: 1" in response.content.decode()
