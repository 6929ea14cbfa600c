"""seed_demo adds a star-meeting proposal of the demo business waiting for triage, once."""

import pytest
from django.core.management import call_command

from cases.constants import TaskKind, TaskStatus, Track
from cases.models import Business
from cases.selectors.meetings import triage_proposals


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password"
    call_command("seed_demo", verbosity=0)


def test_a_proposal_waits_for_the_triage_committee(seeded):
    cafe = Business.objects.get(cvr="12345607")
    (case,) = cafe.cases.filter(services__service__code="buy_municipal_plot")
    assert case.track == Track.STAR_MEETING
    task = case.tasks.get()
    assert (task.kind, task.status) == (TaskKind.TRIAGE, TaskStatus.OPEN)
    assert list(triage_proposals()) == [case]
    call_command("seed_demo", verbosity=0)
    assert cafe.cases.filter(services__service__code="buy_municipal_plot").count() == 1
