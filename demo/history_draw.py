"""Drawing a year of demo history (``demo.history``): what was received when, by which
channel, and how long each department took. No writes; the only reads are the given
services' prefetched departments.

Net time is a lognormal share of the target (median 64 %, about one in six past 100 %);
about a third of the tasks wait for an answer from the business for a while (a pause that
moves the deadline, left out of net time); completeness is confirmed within the first three
units. Gross, the deadline, the warning date and the national clock follow from these dates
by the calendar rules of live cases (``routing.calendar``, ``routing.sla``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings

from cases.constants import Channel, Outcome
from intake.models import Service
from routing.calendar import COPENHAGEN, target_units
from routing.sla import add_counted_units

HISTORY_SEED = 15
HISTORY_TASKS = 320
# Services decided often get more history (a permit to serve outdoors is common, an
# environmental permit rare); every other service with a target gets the base weight.
WEIGHTS = {
    "outdoor_serving": 9,
    "a_sign": 6,
    "road_occupation": 6,
    "trade_parking_permit": 6,
    "street_vending": 4,
    "construction_noise_notice": 4,
    "event_public_space": 4,
    "facade_sign": 3,
    "restaurant_music_noise": 2,
}
BASE_WEIGHT = 1
CHANNELS = [(Channel.DIGITAL, 70), (Channel.PHONE, 20), (Channel.COUNTER, 10)]
OUTCOMES = [
    (Outcome.APPROVED, 78),
    (Outcome.APPROVED_WITH_CONDITIONS, 14),
    (Outcome.REJECTED, 8),
]


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def at_time(day: date, rng: random.Random, first_hour: int = 8, last_hour: int = 15) -> datetime:
    clock = time(rng.randint(first_hour, last_hour), rng.choice((0, 15, 30, 45)))
    return datetime.combine(day, clock, tzinfo=COPENHAGEN)


@dataclass
class DrawnTask:
    department_id: int
    days: int
    unit: str
    received: date
    complete_on: date
    pause: tuple[date, date] | None
    paused: int
    net: int
    gross: int
    decided: date
    outcome: str


@dataclass
class DrawnCase:
    service: Service
    channel: str
    business_id: int
    received: date
    tasks: list[DrawnTask] = field(default_factory=list)


def draw_task(
    rng: random.Random, service: Service, department_id: int, received: date
) -> DrawnTask:
    days, unit = service.target_days, service.target_unit
    names = settings.KES_CLOSING_DAYS
    units = target_units(days, unit)
    # Net as a share of the target: median 64 %, about one in six past 100 %.
    net = max(1, round(units * rng.lognormvariate(-0.45, 0.45)))
    complete_after = rng.randint(0, min(3, net))
    complete_on = add_counted_units(received, complete_after, unit, closing_days=names)
    pause, paused = None, 0
    if rng.random() < 0.33:
        paused = rng.randint(2, max(3, units // 2))
        start = add_counted_units(
            received, rng.randint(complete_after, net), unit, closing_days=names
        )
        pause = (start, add_counted_units(start, paused, unit, closing_days=names))
    decided = add_counted_units(received, net + paused, unit, closing_days=names)
    return DrawnTask(
        department_id=department_id,
        days=days,
        unit=unit,
        received=received,
        complete_on=complete_on,
        pause=pause,
        paused=paused,
        net=net,
        gross=net + paused,
        decided=decided,
        outcome=weighted(rng, OUTCOMES),
    )


def history_draw(rng: random.Random, services, businesses, today: date) -> list[DrawnCase]:
    """Cases until HISTORY_TASKS tasks are drawn; a case still undecided today is left out."""
    weights = [WEIGHTS.get(s.code, BASE_WEIGHT) for s in services]
    cases, drawn = [], 0
    while drawn < HISTORY_TASKS:
        service = rng.choices(services, weights=weights)[0]
        received = today - timedelta(days=rng.randint(3, 380))
        case = DrawnCase(
            service=service,
            channel=weighted(rng, CHANNELS),
            business_id=rng.choice(businesses),
            received=received,
        )
        case.tasks = [
            draw_task(rng, service, department.pk, received)
            for department in service.departments.all()
        ]
        if max(task.decided for task in case.tasks) >= today:
            continue
        cases.append(case)
        drawn += len(case.tasks)
    return cases
