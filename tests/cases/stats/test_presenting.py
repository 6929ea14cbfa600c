"""Figures as text and chart geometry: rounding, the chart's proportions and patterns."""

import pytest
from django.utils import translation

from cases.stats.charts import PATTERNS, bar_geometry
from cases.stats.presenting import number, percent


@pytest.mark.parametrize(
    "share,expected", [(2 / 3, "67 %"), (0.625, "62 %"), (1, "100 %"), (None, "–")]
)
def test_percent_rounds(share, expected):
    with translation.override("en"):
        assert percent(share) == expected


@pytest.mark.parametrize(
    "value,expected", [(15.799999999, "15.8"), (12.0, "12"), (None, "–"), (20.25, "20.2")]
)
def test_number_rounds_to_one_place(value, expected):
    with translation.override("en"):
        assert number(value) == expected


def test_number_in_danish_uses_a_decimal_comma():
    with translation.override("da"):
        assert number(9.5) == "9,5"


def test_bars_are_proportional_to_the_largest_value_and_carry_their_text():
    chart = bar_geometry([("a", 10, "10"), ("b", 5, "5", "bad"), ("c", None, "–")], width=560)
    room = 560 - 100 - 70
    assert [bar.width for bar in chart.bars] == [room, room / 2, 0]
    assert [bar.text for bar in chart.bars] == ["10", "5", "–"]
    assert chart.bars[1].pattern == PATTERNS["bad"] != PATTERNS["neutral"]
    assert chart.bars[1].y > chart.bars[0].y and chart.height > chart.bars[2].y


def test_all_zero_draws_no_bars_and_an_unknown_tone_is_refused():
    assert [bar.width for bar in bar_geometry([("a", 0, "0")]).bars] == [0]
    assert bar_geometry([]).bars == ()
    with pytest.raises(ValueError):
        bar_geometry([("a", 1, "1", "purple")])


@pytest.mark.parametrize(
    ("label", "label_width", "shown"),
    [
        ("Digitalt", 100, "Digitalt"),
        ("75–100 % af servicemålet brugt", 226, "75–100 % af servicemålet brugt"),
        (
            "Venter på virksomheden (uret står stille)",
            303,
            "Venter på virksomheden (uret står stille)",
        ),
        ("x" * 60, 320, "x" * 42 + "…"),
    ],
)
def test_the_label_column_fits_the_longest_label_and_cuts_only_beyond_the_widest(
    label, label_width, shown
):
    chart = bar_geometry([(label, 1, "1"), ("a", 2, "2")])
    assert chart.label_width == label_width
    assert chart.bars[0].label == shown
