"""The public processing times in words (``{% load processing_times %}``):
``{{ figure.median_net|time_label:figure.unit }}`` gives "8 working days" or "8,5
arbejdsdage"; ``{{ figure.percent_within|percent_label }}`` gives "92%" or "92 %"."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from routing.calendar import BUSINESS
from routing.deadline_text import target_text

register = template.Library()


@register.filter
def time_label(value, unit) -> str:
    """A median in its unit; a half (the mean of two middle values) keeps its decimal."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return target_text(int(value), unit)
    number = number_format(value, 1)
    if unit == BUSINESS:
        return _("%(n)s working days") % {"n": number}
    return _("%(n)s calendar days") % {"n": number}


@register.filter
def percent_label(value) -> str:
    if value is None:
        return ""
    return _("%(percent)s%%") % {"percent": value}
