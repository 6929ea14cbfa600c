"""Every figure of the track and pilot page (and of the monthly report) for one set of
filters, in a fixed number of queries whatever the number of cases.

Which figures follow a department lead's scope: cases per track, star meetings (the
meetings of cases the department works on, and its own outcomes) and the pilots' cases
and breaches. City-wide whatever the scope: the assisted → self-service conversion (a
business's way of applying is not a department's) and the quick answers (KES's own work).
"""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from .answers import quick_answer_topics, quick_answer_totals
from .filters import StatsFilters
from .tracks import assisted_conversion, cases_per_track, pilot_portfolios, star_meetings

TOPICS_PER_PAGE = 25
CITY_WIDE = ("conversion", "quick_answers")


def keywords(filters: StatsFilters) -> dict:
    """The selectors' keywords of ``filters`` (the lead's scope included)."""
    return {
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "departments": filters.departments(),
        "service": filters.service,
        "track": filters.track,
        "channel": filters.channel,
    }


def bars(rows: list[tuple[str, int]]) -> list[dict]:
    """``(label, value)`` pairs as bars: each with its width in percent of the largest."""
    largest = max((value for _, value in rows), default=0)
    return [
        {"label": label, "value": value, "percent": round(100 * value / largest) if largest else 0}
        for label, value in rows
    ]


def track_figures(filters: StatsFilters, *, page: str | int | None = 1) -> dict:
    """The page's figures; ``page`` is the page of the quick answers' topics."""
    scoped = keywords(filters)
    city_wide = {**scoped, "departments": None}
    tracks = cases_per_track(**scoped)
    meetings = star_meetings(**scoped)
    conversion = assisted_conversion(**city_wide)
    topics = Paginator(quick_answer_topics(**city_wide), TOPICS_PER_PAGE).get_page(page)
    return {
        "tracks": tracks,
        "track_bars": bars([(label, tracks["totals"][value]) for value, label in tracks["tracks"]]),
        "meetings": meetings,
        "meeting_bars": bars(
            [
                (_("Decided at the meeting"), meetings["at_meeting"]),
                (_("Follow-up after the meeting"), meetings["follow_up"]),
            ]
        ),
        "pilots": pilot_portfolios(**scoped),
        "conversion": conversion,
        "conversion_bars": bars(
            [
                (_("Applied digitally by themselves"), conversion["converted"]),
                (_("Came back for help"), conversion["came_back_assisted"]),
                (_("Not come back yet"), conversion["not_back"]),
            ]
        ),
        "quick_totals": quick_answer_totals(**city_wide),
        "topics": topics,
        "topic_bars": bars([(row["topic"], row["total"]) for row in topics.object_list]),
        "city_wide": CITY_WIDE,
    }
