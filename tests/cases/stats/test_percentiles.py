"""percentile_cont over (value, count) pairs: the rule of PostgreSQL's aggregate."""

import pytest

from cases.stats.percentiles import percentile_from_counts


@pytest.mark.parametrize(
    "pairs,p,expected",
    [
        ([], 0.5, None),
        ([(7, 1)], 0.9, 7.0),
        ([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5, 2.5),
        ([(1, 1), (10, 1)], 0.9, 9.1),
        ([(5, 3)], 0.9, 5.0),
        ([(3, 1), (5, 1), (8, 1), (10, 1), (12, 1), (15, 1), (16, 1), (20, 1), (30, 1)], 0.9, 22.0),
        ([(10, 2), (3, 1), (20, 1)], 0.5, 10.0),  # unsorted input, a repeated value
        ([(1, 0), (2, 2)], 0.5, 2.0),  # a zero count is no value
        ([(0, 9), (100, 1)], 1.0, 100.0),
        ([(0, 9), (100, 1)], 0.0, 0.0),
    ],
)
def test_percentile_from_counts(pairs, p, expected):
    assert (
        percentile_from_counts(pairs, p) == pytest.approx(expected)
        if expected is not None
        else (percentile_from_counts(pairs, p) is None)
    )


def test_a_fraction_outside_0_and_1_is_refused():
    with pytest.raises(ValueError):
        percentile_from_counts([(1, 1)], 1.5)
