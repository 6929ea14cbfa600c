"""The one table of track rules (cases/tracks.py)."""

import pytest

from cases.constants import TaskKind, Track
from cases.tracks import (
    KES_FIRST_TASK_KINDS,
    KES_TASK_KINDS,
    TRACK_RULES,
    is_answered_by_kes,
    kes_task_of,
    override_allowed,
    starts_with_kes_then_departments,
)


def test_every_track_has_a_rule():
    assert set(TRACK_RULES) == set(Track)


@pytest.mark.parametrize(
    ("track", "kes_task", "kes_then_departments", "answered_by_kes"),
    [
        (Track.IMMEDIATE, TaskKind.IMMEDIATE_ANSWER, False, True),
        (Track.SELF_SERVICE, None, False, False),
        (Track.ASSISTED, None, False, False),
        (Track.PILOT, TaskKind.ASSIGN_PILOT, True, False),
        (Track.STAR_MEETING, TaskKind.TRIAGE, True, False),
    ],
)
def test_what_each_track_starts_with(track, kes_task, kes_then_departments, answered_by_kes):
    assert kes_task_of(track) == kes_task
    assert starts_with_kes_then_departments(track) is kes_then_departments
    assert is_answered_by_kes(track) is answered_by_kes


def test_the_kes_task_kinds_follow_from_the_table():
    assert {TaskKind.IMMEDIATE_ANSWER, TaskKind.ASSIGN_PILOT, TaskKind.TRIAGE} == KES_TASK_KINDS
    assert {TaskKind.ASSIGN_PILOT, TaskKind.TRIAGE} == KES_FIRST_TASK_KINDS


Q, S, A, P, M = (
    Track.IMMEDIATE,
    Track.SELF_SERVICE,
    Track.ASSISTED,
    Track.PILOT,
    Track.STAR_MEETING,
)


@pytest.mark.parametrize(
    ("current", "new", "kes_first_open", "allowed"),
    [
        # A question is neither changed nor made.
        (Q, S, False, False),
        (S, Q, False, False),
        (P, Q, True, False),
        # Departments at work: self-service and assisted only.
        (S, A, False, True),
        (A, S, False, True),
        (S, P, False, False),
        (A, M, False, False),
        (P, S, False, True),
        (M, A, False, True),
        (P, M, False, False),
        # KES's first task open: between pilot and star meeting, or on to the departments.
        (P, M, True, True),
        (M, P, True, True),
        (P, S, True, True),
        (M, A, True, True),
        # No track to itself.
        (P, P, True, False),
        (S, S, False, False),
    ],
)
def test_which_overrides_are_allowed(current, new, kes_first_open, allowed):
    assert override_allowed(current, new, kes_first_task_open=kes_first_open) is allowed
