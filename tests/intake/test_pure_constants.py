"""The pure modules keep plain tuples (no Django); they must say what the choices say."""

from cases.constants import Channel, Complexity, Track
from intake import classification
from intake.constants import RuleOperator
from kes.constants import Language
from routing import calendar
from routing.constants import TargetUnit


def test_the_classifiers_tuples_are_the_choices():
    assert classification.TRACKS == tuple(Track.values)
    assert classification.COMPLEXITIES == tuple(Complexity.values)
    assert classification.CHANNELS == tuple(Channel.values)
    assert classification.OPERATORS == tuple(RuleOperator.values)
    assert classification.DEFAULT_LANGUAGE == Language.DA


def test_the_calendars_units_are_the_target_units():
    assert calendar.UNITS == tuple(TargetUnit.values)
    assert (calendar.BUSINESS, calendar.CALENDAR) == (TargetUnit.BUSINESS, TargetUnit.CALENDAR)
