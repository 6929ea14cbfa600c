"""Reads of the public processing-time figures (``cases.processing_times``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings

from ..models import ProcessingTimeFigure
from ..processing_times import is_reportable, percent_within


@dataclass(frozen=True)
class ProcessingTime:
    """One service's figure as pages show it. ``reportable`` is False when too few tasks
    were decided; the medians and the share are then None, never a misleading number."""

    service_id: int
    decided: int
    reportable: bool
    percent_within: int | None
    median_net: Decimal | None
    median_gross: Decimal | None
    unit: str
    period_start: date
    period_end: date
    refreshed_at: datetime


def _view(row: ProcessingTimeFigure, minimum: int) -> ProcessingTime:
    reportable = is_reportable(row.decided_count, minimum)
    return ProcessingTime(
        service_id=row.service_id,
        decided=row.decided_count,
        reportable=reportable,
        percent_within=percent_within(row.within_count, row.decided_count) if reportable else None,
        median_net=row.median_net if reportable else None,
        median_gross=row.median_gross if reportable else None,
        unit=row.unit,
        period_start=row.period_start,
        period_end=row.period_end,
        refreshed_at=row.refreshed_at,
    )


def processing_times_of(service_ids: Iterable[int]) -> dict[int, ProcessingTime]:
    """The figures of the given services by service id, in one query; a service without a
    row yet (before the first refresh) is absent."""
    ids = list(service_ids)
    if not ids:
        return {}
    minimum = settings.KES_PROCESSING_TIMES_MIN_DECIDED
    rows = ProcessingTimeFigure.objects.filter(service_id__in=ids)
    return {row.service_id: _view(row, minimum) for row in rows}


@dataclass(frozen=True)
class ProcessingTimeRow:
    service: object  # the catalogue service (intake.Service), its departments prefetched
    figure: ProcessingTime


@dataclass(frozen=True)
class ProcessingTimesPage:
    groups: list[tuple[str, list[ProcessingTimeRow]]]
    period_start: date | None
    period_end: date | None
    refreshed_at: datetime | None
    minimum: int


def processing_times_page(*, other_label: str) -> ProcessingTimesPage:
    """Every active service with a service target and its figure (not the services KES
    answers at once: they are not decided by a department), grouped by the services' topics
    in the catalogue's order (``other_label`` names the group of services without a topic),
    by name within a group in the active language. Two queries whatever the number of
    services: the figures with their services, and the services' departments."""
    minimum = settings.KES_PROCESSING_TIMES_MIN_DECIDED
    rows = list(
        ProcessingTimeFigure.objects.filter(
            service__is_active=True, service__immediate=False, service__target_days__isnull=False
        )
        .select_related("service")
        .prefetch_related("service__departments")
    )
    if not rows:
        return ProcessingTimesPage([], None, None, None, minimum)
    topic_field = rows[0].service._meta.get_field("topic")
    order = {value: position for position, (value, _label) in enumerate(topic_field.choices)}
    labels = dict(topic_field.choices)
    grouped: dict[str, list[ProcessingTimeRow]] = {}
    for row in sorted(rows, key=lambda r: (order.get(r.service.topic, len(order)), r.service.name)):
        grouped.setdefault(row.service.topic, []).append(
            ProcessingTimeRow(service=row.service, figure=_view(row, minimum))
        )
    groups = [
        (str(labels.get(topic) or other_label), members) for topic, members in grouped.items()
    ]
    return ProcessingTimesPage(
        groups=groups,
        period_start=min(row.period_start for row in rows),
        period_end=max(row.period_end for row in rows),
        refreshed_at=max(row.refreshed_at for row in rows),
        minimum=minimum,
    )
