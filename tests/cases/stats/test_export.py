"""CSV cells are safe to open in a spreadsheet, and lines are produced one by one."""

import pytest

from cases.stats.export import csv_lines, safe_cell


@pytest.mark.parametrize(
    "value,expected",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+45 1234", "'+45 1234"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Café = godt", "Café = godt"),
        (-3, -3),
        (2.5, 2.5),
        (None, ""),
        (True, "true"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_lines_stream_from_a_generator():
    def rows():
        yield ("a", 1)
        yield ("=b", 2)

    lines = csv_lines(["name", "n"], rows())
    assert next(lines) == "\ufeffname,n\r\n"
    assert list(lines) == ["a,1\r\n", "'=b,2\r\n"]
