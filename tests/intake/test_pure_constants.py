"""The pure modules keep plain tuples (no Django); they must say what the choices say."""

from cases.constants import Channel, Complexity, Track
from intake import classification
from intake.constants import RuleOperator
from kes.constants import Language
from routing import calendar
from routing.constants import TargetUnit


def test_the_classifiers_tuples_are_the_choices():
    assert tuple(Track.values) == classification.TRACKS
    assert tuple(Complexity.values) == classification.COMPLEXITIES
    assert tuple(Channel.values) == classification.CHANNELS
    assert tuple(RuleOperator.values) == classification.OPERATORS
    assert Language.DA == classification.DEFAULT_LANGUAGE


def test_the_calendars_units_are_the_target_units():
    assert tuple(TargetUnit.values) == calendar.UNITS
    assert (calendar.BUSINESS, calendar.CALENDAR) == (TargetUnit.BUSINESS, TargetUnit.CALENDAR)
