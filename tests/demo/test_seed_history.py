"""seed_demo's year of decided history (issue 15): a few hundred tasks from a fixed seed,
consistent with the calendar rules, written once, fast, and refreshed into the public
processing times."""

import random
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from cases.models import (
    Case,
    CaseEvent,
    Decision,
    DepartmentTask,
    InformationRequest,
    ProcessingTimeFigure,
)
from cases.services import case_reference_next
from demo.history import HISTORY_BUSINESSES, demo_history_seed
from demo.history_draw import HISTORY_SEED, HISTORY_TASKS, history_draw
from intake.models import Service
from routing.calendar import local_date, units_between
from tests.cases.stats.data import facts_differing
from tests.factories import load_shipped_catalogue

HISTORY = Q(task__case__business__cvr__in=[cvr for cvr, _, _ in HISTORY_BUSINESSES])


@pytest.fixture
def catalogue_loaded(db):
    load_shipped_catalogue()


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_a_few_hundred_decided_tasks_over_the_last_year(seeded):
    decisions = Decision.objects.filter(HISTORY)
    assert HISTORY_TASKS <= decisions.count() < HISTORY_TASKS + 10
    today = timezone.localdate()
    days = {local_date(at) for at in decisions.values_list("decided_at", flat=True)}
    assert max(days) < today and min(days) > today - timedelta(days=400)
    assert len({(d.year, d.month) for d in days}) >= 12
    # Breaches and pauses happen, but most decisions are within target.
    late = decisions.filter(net_units__gt=F("task__target_days")).exclude(task__target_unit="weeks")
    assert 0.05 < late.count() / decisions.count() < 0.3
    assert InformationRequest.objects.filter(HISTORY).count() > 50


def test_every_demo_decision_carries_its_task_facts(seeded):
    """The history's bulk rows and the demo's decided cases alike (``decision_facts``)."""
    assert Decision.objects.filter(HISTORY).filter(requests=1).exists()
    assert facts_differing(Decision.objects.all()) == []


def test_the_times_follow_the_calendar_rules(seeded):
    names = settings.KES_CLOSING_DAYS
    rows = Decision.objects.filter(HISTORY).select_related("task")
    for decision in rows:
        task = decision.task
        decided_on = local_date(decision.decided_at)
        gross = units_between(task.received_on, decided_on, task.target_unit, closing_days=names)
        assert decision.gross_units == gross
        assert decision.net_units == gross - task.paused_units
        assert (decided_on <= task.deadline) == (decision.net_units <= task.target_days)
        assert decision.national_days is not None


def test_the_history_is_written_once(seeded, capsys):
    counts = (Case.objects.count(), DepartmentTask.objects.count(), CaseEvent.objects.count())
    call_command("seed_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert (Case.objects.count(), DepartmentTask.objects.count(), CaseEvent.objects.count()) == (
        counts
    )


def test_references_are_unique_and_the_counter_goes_on(seeded):
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references))
    year = timezone.localdate().year
    assert case_reference_next(year) not in references


def test_the_public_figures_show_the_history_at_once(seeded):
    figures = ProcessingTimeFigure.objects.filter(service__code="outdoor_serving").get()
    assert figures.decided_count >= settings.KES_PROCESSING_TIMES_MIN_DECIDED
    assert figures.median_net is not None and 0 < figures.within_count < figures.decided_count + 1
    reported = ProcessingTimeFigure.objects.filter(
        decided_count__gte=settings.KES_PROCESSING_TIMES_MIN_DECIDED
    )
    assert reported.count() >= 8


def test_the_draw_is_the_same_every_time(catalogue_loaded):
    services = list(
        Service.objects.filter(
            target_days__isnull=False, immediate=False, departments__isnull=False
        )
        .distinct()
        .order_by("code")
        .prefetch_related("departments")
    )
    today = timezone.localdate()

    def draw():
        cases = history_draw(random.Random(HISTORY_SEED), services, [1, 2, 3], today)
        return [(c.service.code, c.received, [(t.net, t.gross) for t in c.tasks]) for c in cases]

    assert draw() == draw()


def test_the_history_is_written_in_bulk_and_fast(catalogue_loaded, django_assert_max_num_queries):
    User = get_user_model()
    kes = User.objects.create(username="demo-kes")
    pilot = User.objects.create(username="demo-pilot")
    started = time.monotonic()
    # A few INSERTs per table (SQLite splits big ones into batches), never one per row.
    with django_assert_max_num_queries(80):
        written = demo_history_seed(kes=kes, pilot=pilot)
    assert written >= HISTORY_TASKS
    assert time.monotonic() - started < 10
    per_service = Decision.objects.values("task__case_service__service").annotate(n=Count("id"))
    assert len(per_service) >= 10
