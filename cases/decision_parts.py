"""Which parts of a decision belong to which outcome (no ORM).

Every decision has a statement. A plain approval gives the business what it asked for
and carries nothing else. An approval with conditions adds the conditions and how to
complain: the business did not get all it asked for, and a decision that does not fully
grant an application must say how to complain (forvaltningsloven § 25). A rejection, the
good no (det gode nej), adds the rules it rests on, what would make the project
approvable, the alternatives and how to complain. A part of another outcome is dropped,
never stored: what the form hid is not sent to the business.
"""

from .constants import Outcome

PARTS = ("conditions", "provisions", "way_forward", "alternatives", "complaint")

OUTCOME_PARTS: dict[str, tuple[str, ...]] = {
    Outcome.APPROVED: (),
    Outcome.APPROVED_WITH_CONDITIONS: ("conditions", "complaint"),
    Outcome.REJECTED: ("provisions", "way_forward", "alternatives", "complaint"),
}

# Parts an outcome cannot do without; the others of the outcome may stay empty.
REQUIRED_PARTS: dict[str, tuple[str, ...]] = {
    Outcome.APPROVED: (),
    Outcome.APPROVED_WITH_CONDITIONS: ("conditions",),
    Outcome.REJECTED: ("provisions", "way_forward", "alternatives", "complaint"),
}


def outcomes_of(part: str) -> tuple[str, ...]:
    """The outcomes a part belongs to, in the order of ``Outcome``."""
    return tuple(outcome for outcome in Outcome.values if part in OUTCOME_PARTS[outcome])


def parts_kept(outcome: str, texts: dict[str, str]) -> dict[str, str]:
    """Every part, with the text of those that belong to ``outcome`` and "" for the rest
    (an unknown outcome keeps none)."""
    kept = OUTCOME_PARTS.get(outcome, ())
    return {part: (texts.get(part) or "") if part in kept else "" for part in PARTS}
