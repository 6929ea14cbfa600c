"""Months of a period, and the month a monthly report is about. No ORM.

Rules: a period is a range of Europe/Copenhagen dates, both ends included. Its months are
the first days of every calendar month it touches, in order. The monthly report built on
any day of a month is about the month before it.
"""

from datetime import date, datetime, time, timedelta

from routing.calendar import COPENHAGEN


def months_between(first: date, last: date) -> list[date]:
    """The first day of each month from ``first``'s to ``last``'s, both included."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(today: date) -> date:
    """The first day of the month before ``today``'s."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_end(month: date) -> date:
    """The last day of ``month``'s month."""
    return next_month(month) - timedelta(days=1)


def bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The instants from the start of ``first`` to the start of the day after ``last``, in
    Copenhagen: ``start <= at < end`` is "on a date of the period"."""
    start = datetime.combine(first, time.min, tzinfo=COPENHAGEN)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=COPENHAGEN)
    return start, end
