"""Straksafklaringer per topic and channel (issue 15, section 3), to feed the FAQ.

An immediate answer is the ``ImmediateAnswer`` row KES staff write when they answer a
question at once (at submission or from KES's own task; its ``answered_immediately``
event carries the same topic). Topics are free text: they are grouped case- and
space-insensitively and shown as the first spelling (alphabetically) of each group.
The figures are KES's own work, so they are city-wide: the department filter does not
apply, nor the track (every such case is on the immediate track).
"""

from datetime import date

from django.db.models import Count, Min, Q
from django.db.models.functions import Lower, Trim

from ..constants import Channel
from ..models import ImmediateAnswer
from .periods import bounds
from .tracks import case_conditions


def _answers(*, date_from: date, date_to: date, service: str = "", channel: str = ""):
    start, end = bounds(date_from, date_to)
    return ImmediateAnswer.objects.filter(
        *case_conditions(case="case_id", service=service, channel=channel),
        answered_at__gte=start,
        answered_at__lt=end,
    )


def quick_answer_topics(
    *, date_from: date, date_to: date, service: str = "", channel: str = "", **_ignored
):
    """A queryset of one row per topic, most asked first: ``topic`` (its label), ``total``
    and one count per channel value. Paginate it; it is not evaluated here."""
    return (
        _answers(date_from=date_from, date_to=date_to, service=service, channel=channel)
        .annotate(key=Lower(Trim("topic")))
        .values("key")
        .annotate(
            topic=Min(Trim("topic")),
            total=Count("pk"),
            **{value: Count("pk", filter=Q(case__channel=value)) for value in Channel.values},
        )
        .order_by("-total", "key")
    )


def quick_answer_totals(
    *, date_from: date, date_to: date, service: str = "", channel: str = "", **_ignored
) -> dict:
    """The immediate answers of the period per channel, and the number of topics."""
    return _answers(
        date_from=date_from, date_to=date_to, service=service, channel=channel
    ).aggregate(
        total=Count("pk"),
        topics=Count(Lower(Trim("topic")), distinct=True),
        **{value: Count("pk", filter=Q(case__channel=value)) for value in Channel.values},
    )
