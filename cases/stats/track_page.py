"""Every figure of the track and pilot page (and of the monthly report) for one set of
filters, in a fixed number of queries whatever the number of cases.

Which figures follow a department lead's scope: cases per track, star meetings (the
meetings of cases the department works on, and its own outcomes) and the pilots' cases
and breaches. City-wide whatever the scope: the assisted → self-service conversion (a
business's way of applying is not a department's) and the quick answers (KES's own work).
"""

from django.core.paginator import Page, Paginator

from . import track_texts as texts
from .answers import quick_answer_topics, quick_answer_totals
from .filters import StatsFilters
from .tracks import (
    assisted_conversion,
    cases_per_track,
    pilot_portfolio_rows,
    pilot_row,
    star_meetings,
)

TOPICS_PER_PAGE = 25
PILOTS_PER_PAGE = 25
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


def pilot_page(rows, number: str | int | None) -> Page:
    """A page of the pilots' portfolios: counted and sliced in the database, so two queries
    whatever the number of pilots; junk or out-of-range numbers give the first or last."""
    page = Paginator(rows, PILOTS_PER_PAGE).get_page(number)
    page.object_list = [pilot_row(row) for row in page.object_list]
    return page


def track_figures(
    filters: StatsFilters, *, page: str | int | None = 1, pilots_page: str | int | None = None
) -> dict:
    """The page's figures with their chart items and summaries (in the active language);
    ``page`` is the page of the quick answers' topics, ``pilots_page`` that of the pilots'
    portfolios (None: every pilot, as the monthly report lists them). ``pilots_count`` is
    the number of pilots either way."""
    scoped = keywords(filters)
    rows = pilot_portfolio_rows(**scoped)
    if pilots_page is None:
        pilots = [pilot_row(row) for row in rows]
        pilots_count = len(pilots)
    else:
        pilots = pilot_page(rows, pilots_page)
        pilots_count = pilots.paginator.count
    city_wide = {**scoped, "departments": None}
    tracks = cases_per_track(**scoped)
    meetings = star_meetings(**scoped)
    conversion = assisted_conversion(**city_wide)
    totals = quick_answer_totals(**city_wide)
    topics = Paginator(quick_answer_topics(**city_wide), TOPICS_PER_PAGE).get_page(page)
    topic_items = texts.topic_items(topics.object_list)
    return {
        "tracks": tracks,
        "track_items": texts.track_items(tracks),
        "track_summary": texts.track_summary(tracks),
        "meetings": meetings,
        "meeting_items": texts.meeting_items(meetings),
        "meeting_summary": texts.meeting_summary(meetings),
        "pilots": pilots,
        "pilots_count": pilots_count,
        "conversion": conversion,
        "conversion_items": texts.conversion_items(conversion),
        "conversion_summary": texts.conversion_summary(conversion),
        "quick_totals": totals,
        "answers_summary": texts.answers_summary(totals),
        "topics": topics,
        "topic_items": topic_items,
        "topic_summary": texts.topic_summary(topic_items),
        "city_wide": CITY_WIDE,
    }
