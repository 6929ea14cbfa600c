"""What a decision row carries for the statistics, copied from its task when it is decided.

Rule (DESIGN.md §5, the one ``cases.stats`` counts by): a task has a target when it has
``target_days``; it is within its target when the decision's net units are at most the
target's units (a weeks target counts 7 calendar days a week). Department, service and case
are the task's, track and channel its case's, ``requests`` the number of the task's
information requests: none can be added once it is decided (``require_open``), so the
count never changes afterwards. Every path that writes a ``Decision`` (the decide service,
the demo history, the bench generator) fills these from here or by the same rule.
"""

from ..models import DepartmentTask, InformationRequest
from ..processing_times import is_within_target


def within_target(net_units: int, target_days: int | None, target_unit: str) -> bool:
    return target_days is not None and is_within_target(net_units, target_days, target_unit)


def decision_facts(task: DepartmentTask, *, net_units: int, requests: int | None = None) -> dict:
    """The statistics' columns of ``task``'s decision with ``net_units``. ``requests``:
    the task's information requests, counted here (one query) when not given; ``task.case``
    and ``task.case_service`` are read if not loaded."""
    if requests is None:
        requests = InformationRequest.objects.filter(task_id=task.pk).count()
    case = task.case
    return {
        "department_id": task.department_id,
        "service_id": task.case_service.service_id if task.case_service_id else None,
        "case_id": task.case_id,
        "track": case.track,
        "channel": case.channel,
        "has_target": task.target_days is not None,
        "within_target": within_target(net_units, task.target_days, task.target_unit),
        "requests": requests,
    }
