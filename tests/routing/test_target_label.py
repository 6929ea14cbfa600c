"""A service target reads the same everywhere (issue 14): business days, calendar days, weeks."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("days", "unit", "expected"),
    [
        (20, "business", "20 working days"),
        (1, "business", "1 working day"),
        (14, "calendar", "14 calendar days"),
        (6, "weeks", "6 weeks"),
        (1, "weeks", "1 week"),
        (None, "business", ""),
    ],
)
def test_target_label(days, unit, expected):
    service = SimpleNamespace(target_days=days, target_unit=unit)
    with translation.override("en"):
        text = Template("{% load target_units %}{{ service|target_label }}").render(
            Context({"service": service})
        )
    assert text == expected
