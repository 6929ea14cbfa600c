"""seed_demo adds a pilot case of the demo business with demo-pilot assigned, once, so
demo-pilot has introductions to do; demo-pilot has a direct phone number."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cases.constants import TaskKind, TaskStatus, Track
from cases.models import Business
from cases.selectors.portfolio import pilot_portfolio


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password"
    call_command("seed_demo", verbosity=0)


def test_demo_pilot_has_a_case_to_introduce(seeded):
    pilot = get_user_model().objects.get(username="demo-pilot")
    assert pilot.phone
    cafe = Business.objects.get(cvr="12345607")
    (case,) = cafe.cases.filter(track=Track.PILOT)
    assert case.pilot == pilot
    task = case.tasks.get()
    assert (task.kind, task.status, task.assignee) == (
        TaskKind.ASSIGN_PILOT,
        TaskStatus.OPEN,
        pilot,
    )
    (group,) = pilot_portfolio(pilot)
    assert [c.stage for c in group.cases] == ["introduce"]
    call_command("seed_demo", verbosity=0)
    assert cafe.cases.filter(track=Track.PILOT).count() == 1
