"""What the star-meeting tests share: a proposal, an approved meeting, meeting times."""

from datetime import date, datetime, timedelta

import icalendar

from cases.calendar_invite import COPENHAGEN
from cases.constants import TaskKind
from cases.models import StarMeeting
from cases.services import star_meeting_plan
from tests.cases.helpers import PLOT, approve_star_meeting, submit_case

PLOT_DEPARTMENTS = ["building", "environment", "properties", "traffic"]


def last_sunday_of_october(year: int) -> date:
    day = date(year, 10, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def dst_change_meeting_time(today: date) -> datetime:
    """10:00 on the next last Sunday of October at least a week ahead (summer time ends
    at 03:00 that night)."""
    day = last_sunday_of_october(today.year)
    if day < today + timedelta(days=7):
        day = last_sunday_of_october(today.year + 1)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=COPENHAGEN)


def plot_proposal(business, by):
    """A plot purchase at the counter: a star-meeting proposal waiting for triage."""
    return submit_case(business, by, ["buy_municipal_plot"], PLOT, channel="counter")


def approved_meeting(business, by) -> StarMeeting:
    case = plot_proposal(business, by)
    return approve_star_meeting(case)


def plan(meeting, by, starts_at, **extra):
    extra.setdefault("place", "Rådhuset, lokale 12")
    extra.setdefault("ends_at", starts_at + timedelta(hours=2))
    return star_meeting_plan(meeting=meeting, by=by, starts_at=starts_at, **extra)


def ics_of(message):
    """The parsed calendar attached to an invitation mail."""
    ((_name, content, mimetype),) = message.attachments
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def open_decision_tasks(case):
    return case.tasks.filter(kind=TaskKind.DECISION).exclude(status="done")
