"""The filters' parsing: defaults, bad and out-of-range dates, unknown codes, a lead's scope."""

from datetime import date

import pytest

from cases.stats.filters import default_period, parse_filters

TODAY = date(2026, 12, 2)
DEPARTMENTS = [("city_use", "Byliv"), ("building", "Byggeri")]
SERVICES = [("outdoor_serving", "Udeservering")]


def _parse(data, scope=None):
    return parse_filters(data, today=TODAY, departments=DEPARTMENTS, services=SERVICES, scope=scope)


@pytest.mark.parametrize(
    "today,expected",
    [
        (date(2026, 12, 2), (date(2026, 1, 1), date(2026, 12, 2))),
        (date(2026, 3, 31), (date(2025, 4, 1), date(2026, 3, 31))),
        (date(2026, 11, 1), (date(2025, 12, 1), date(2026, 11, 1))),
    ],
)
def test_the_default_period_is_the_last_twelve_months(today, expected):
    assert default_period(today) == expected


def test_no_parameters_give_the_defaults_without_errors():
    form, filters = _parse({})
    assert form.is_valid()
    assert (filters.date_from, filters.date_to) == default_period(TODAY)
    assert filters.departments() is None


@pytest.mark.parametrize(
    "data,field",
    [
        ({"from": "2026-13-01"}, "from"),
        ({"from": "not a date"}, "from"),
        ({"to": "99999-01-01"}, "to"),
        ({"from": "1899-12-31"}, "from"),
        ({"to": "2028-01-01"}, "to"),
        ({"from": "2026-05-02", "to": "2026-05-01"}, "to"),
        ({"department": "nowhere"}, "department"),
        ({"service": "1; DROP TABLE"}, "service"),
        ({"track": "fast"}, "track"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_input_is_a_field_error_and_falls_back_to_the_default(data, field):
    form, filters = _parse(data)
    assert field in form.api_errors()
    assert filters.date_from <= filters.date_to
    assert not getattr(filters, field, "")


def test_valid_parameters_become_the_filters_and_their_query():
    form, filters = _parse(
        {"from": "2026-02-01", "to": "2026-02-28", "department": "city_use", "track": "pilot"}
    )
    assert form.is_valid()
    assert filters.query(department="building") == {
        "from": "2026-02-01",
        "to": "2026-02-28",
        "department": "building",
        "track": "pilot",
    }


def test_a_lead_cannot_widen_the_scope():
    scope = frozenset({"city_use"})
    form, filters = _parse({"department": ""}, scope=scope)
    assert filters.departments() == scope


def test_the_inputs_carry_the_parameter_names():
    form, _ = _parse({})
    html = str(form["date_from"])
    assert 'name="from"' in html and 'id="id_from"' in html and 'type="date"' in html
