"""seed_demo's free advice: courses (one in English), sessions at two partner hubs in the
coming weeks, one nearly full, and demo-advisor's weekly counselling times."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from advisory.models import Course, Session, Slot
from advisory.selectors import sessions_with_seats
from kes.access import roles_of
from kes.constants import Role


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password"
    call_command("seed_demo", verbosity=0)


def test_demo_advice(seeded):
    advisor = get_user_model().objects.get(username="demo-advisor")
    assert Role.ADVISOR in roles_of(advisor)
    assert advisor.check_password("demo-password")
    assert Course.objects.filter(language="en").exists()
    sessions = list(sessions_with_seats().filter(starts_at__gt=timezone.now()))
    assert len({s.hub_id for s in sessions if s.hub_id}) >= 2
    assert any(s.free_places == 1 for s in sessions)  # nearly full
    assert all(advisor in s.advisors.all() for s in sessions)
    slots = Slot.objects.filter(advisor=advisor)
    assert slots.count() >= 20
    assert {timezone.localtime(s.starts_at).weekday() for s in slots} == {1, 3}


def test_seeding_twice_changes_nothing(seeded):
    counts = (Course.objects.count(), Session.objects.count(), Slot.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Course.objects.count(), Session.objects.count(), Slot.objects.count()) == counts
