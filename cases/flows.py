"""The case flow: the governance document's flowcharts as one viewflow process.

Wiring only; every node handler calls a service. The paths by track:

- straksafklaring (a digital question): KES answers it from its queue → close.
  (A question answered at the counter or on the phone is closed at creation; no flow.)
- selvbetjening, medbetjening: one task per (service, department) in parallel → join → close.
- virksomhedslods, stjernemøde: KES's task first ("assign a pilot" / "triage the
  star-meeting proposal"), then the department tasks as above.
- virksomhedslods: after the join the case waits for its pilot, who closes it with a
  summary to the business (``pilot_close``; the tracks table says which tracks do).

Closing writes the combined decision letter's outbox row; a Celery task sends it.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from kes.workflow import EachSplit, LeanStartHandle, LeanSwitch, LockedFlow

from .models import CaseProcess
from .services.routing import case_close, closes_via_its_pilot, department_tasks_start
from .tracks import is_answered_by_kes, starts_with_kes_then_departments


class CaseFlow(LockedFlow):
    process_class = CaseProcess
    process_title = _("Case")

    start = LeanStartHandle(this.start_case).Next(this.route)
    route = (
        LeanSwitch()
        .Case(this.kes_answer, this.is_immediate)
        .Case(this.kes_first, this.starts_with_kes)
        .Default(this.departments)
    )
    kes_answer = flow.Handle(this.handled).Next(this.close)
    kes_first = flow.Handle(this.handled).Next(this.departments)
    departments = EachSplit().Each(this.department_task, items=this.department_items)
    department_task = flow.Handle(this.handled).Next(this.join)
    join = flow.Join().Next(this.after_departments)
    after_departments = (
        LeanSwitch().Case(this.pilot_close, this.waits_for_pilot).Default(this.close)
    )
    pilot_close = flow.Handle(this.handled).Next(this.close)
    close = flow.Function(this.close_case).Next(this.end)
    end = flow.End()

    def start_case(self, activation, *, case, department_tasks=()):
        activation.process.artifact = case
        activation.process.data = {"case": case.pk, "track": case.track}
        # The submission wrote the department tasks already (``case_tasks_open``); the split
        # of this same run takes them from the process object instead of writing them.
        activation.process.opened_department_tasks = list(department_tasks)
        return activation.process

    def is_immediate(self, activation):
        return is_answered_by_kes(activation.process.data["track"])

    def starts_with_kes(self, activation):
        return starts_with_kes_then_departments(activation.process.data["track"])

    def waits_for_pilot(self, activation):
        return closes_via_its_pilot(case_id=activation.process.data["case"])

    def handled(self, activation, **kwargs):
        return activation.task

    def department_items(self, activation):
        opened = getattr(activation.process, "opened_department_tasks", None)
        if opened:
            activation.process.opened_department_tasks = None
        else:
            opened = department_tasks_start(case_id=activation.process.data["case"])
        return [{"department_task": pk} for pk in opened]

    def close_case(self, activation):
        case_close(case_id=activation.process.data["case"])
