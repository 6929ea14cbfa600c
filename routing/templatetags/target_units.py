"""One way to show a service target everywhere: ``{{ service|target_label }}`` gives "20
working days", "14 calendar days" or "6 weeks" in the active language."""

from django import template

from ..deadline_text import target_text

register = template.Library()


@register.filter
def target_label(row) -> str:
    """The target of anything with ``target_days`` and ``target_unit`` (a catalogue service,
    a task); empty without a target."""
    days = getattr(row, "target_days", None)
    if not days:
        return ""
    return target_text(days, row.target_unit)
