"""The five tracks' rules in one table (DESIGN.md §3; the appendix of the governance document).

For each track: which task KES does first (none, or "answer the question", "assign a
pilot", "triage the star-meeting proposal"), whether the departments then decide, and to
which tracks staff may override it, and when. The flow, the routing, the override service
and the staff pages read this table; none of them keeps a list of its own.

Overrides (``cases.services.overrides``):
- a straksafklaring is neither changed nor made (a question has no departments);
- while KES's first task is open, a pilot or star-meeting case may move to the other of the
  two (KES's task changes kind) or to self-service / assisted (KES's task ends, the
  departments start);
- once the departments work, only self-service ⇄ assisted.

Pure: no ORM; the values are the ``Track`` and ``TaskKind`` choices.
"""

from dataclasses import dataclass

from .constants import TaskKind, Track


@dataclass(frozen=True)
class TrackRule:
    # The task KES does before (or instead of) the departments; None: straight to them.
    kes_task: TaskKind | None
    # Whether department tasks follow (every track but straksafklaring).
    departments_decide: bool
    # Tracks staff may move the case to while KES's first task is still open.
    overrides_while_kes_first: frozenset[Track]
    # Tracks staff may move the case to once the departments work on it.
    overrides_while_departments: frozenset[Track]
    # Virksomhedslods: after the departments' decisions the case waits for its pilot, who
    # closes it with a short summary to the business (the decision letter includes it).
    closes_via_pilot: bool = False


_DEPARTMENT_TRACKS = frozenset({Track.SELF_SERVICE, Track.ASSISTED})
_KES_FIRST = frozenset({Track.PILOT, Track.STAR_MEETING})

TRACK_RULES: dict[Track, TrackRule] = {
    Track.IMMEDIATE: TrackRule(TaskKind.IMMEDIATE_ANSWER, False, frozenset(), frozenset()),
    Track.SELF_SERVICE: TrackRule(None, True, frozenset(), frozenset({Track.ASSISTED})),
    Track.ASSISTED: TrackRule(None, True, frozenset(), frozenset({Track.SELF_SERVICE})),
    Track.PILOT: TrackRule(
        TaskKind.ASSIGN_PILOT,
        True,
        frozenset({Track.STAR_MEETING}) | _DEPARTMENT_TRACKS,
        _DEPARTMENT_TRACKS,
        closes_via_pilot=True,
    ),
    Track.STAR_MEETING: TrackRule(
        TaskKind.TRIAGE,
        True,
        frozenset({Track.PILOT}) | _DEPARTMENT_TRACKS,
        _DEPARTMENT_TRACKS,
    ),
}

# The kinds of task KES itself does; every other task is a department's decision.
KES_TASK_KINDS = frozenset(rule.kes_task for rule in TRACK_RULES.values() if rule.kes_task)
# The KES tasks that come before the departments' (not the immediate answer, which ends it).
KES_FIRST_TASK_KINDS = frozenset(
    rule.kes_task for rule in TRACK_RULES.values() if rule.kes_task and rule.departments_decide
)
# Straksafklaring: KES answers a digital question within one business day.
IMMEDIATE_TARGET_DAYS = 1


def kes_task_of(track: str) -> TaskKind | None:
    """The task KES does first on a case of ``track``; None when the departments start."""
    return TRACK_RULES[Track(track)].kes_task


def starts_with_kes_then_departments(track: str) -> bool:
    rule = TRACK_RULES[Track(track)]
    return rule.kes_task is not None and rule.departments_decide


def is_answered_by_kes(track: str) -> bool:
    """Straksafklaring: KES's answer is the whole case; no department decides."""
    return not TRACK_RULES[Track(track)].departments_decide


def closes_via_pilot(track: str) -> bool:
    """Virksomhedslods: the pilot closes the case (with a summary) once the departments
    have decided; every other track closes with the last decision."""
    return TRACK_RULES[Track(track)].closes_via_pilot


def override_allowed(current: str, new: str, *, kes_first_task_open: bool) -> bool:
    """May staff move a case from ``current`` to ``new`` now?"""
    rule = TRACK_RULES[Track(current)]
    allowed = (
        rule.overrides_while_kes_first if kes_first_task_open else rule.overrides_while_departments
    )
    return new in allowed
