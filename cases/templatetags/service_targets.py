"""Service-target figures and badges in templates (``{% load service_targets %}``)."""

from django import template

from ..sla.display import task_clock_view, task_milestone

register = template.Library()


@register.simple_tag
def task_clock(task):
    """``{% task_clock task as clock %}``: target, deadline, gross, net, paused, share used,
    milestone and the deadline's explanation, in the active language."""
    return task_clock_view(task)


@register.filter
def milestone_of(task) -> str:
    """ "breach", "warning" or "" for a list's badge."""
    return task_milestone(task) or ""
