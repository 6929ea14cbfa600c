"""A task's service-target milestones: the one fact the sweep writes.

A row says that a task reached its warning date (75 % of the target, a setting) or passed
its deadline, and when the sweep saw it. Its primary key is the task and the milestone, so a
milestone exists once per task however many sweeps run at the same time; it is written,
never changed (append-only, like the events). What follows from it is read from it: the
API's ``breached``, the statistics' breaches of a period, the case's
history. The notices and e-mails the sweep sends are one per recipient and batch
(``cases.sla``), not one per task.

Nothing else is stored per task for the milestones: marking the task row itself would
rewrite every index of that wide row (a change to a partial index's predicate is never a
HOT update), which cost four times the select of the due rows (``bench/RESULTS.md``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Milestone
from .work import DepartmentTask


class TaskMilestone(models.Model):
    pk = models.CompositePrimaryKey("task", "milestone")
    task = models.ForeignKey(
        DepartmentTask,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("task"),
        db_index=False,  # the primary key leads with it
        # No constraint in the database: the sweep writes the rows from the tasks it has just
        # read, and a task goes only with its case, through Django's cascade, which deletes
        # these first; a checked key would cost a look-up and a lock per row at every commit.
        db_constraint=False,
    )
    milestone = models.CharField(_("milestone"), max_length=10, choices=Milestone.choices)
    reached_at = models.DateTimeField(_("reached"))

    class Meta:
        verbose_name = _("service-target milestone")
        verbose_name_plural = _("service-target milestones")
        indexes = [
            # The statistics' breaches of a period; warnings (the many) pay no second index.
            models.Index(
                fields=["reached_at"],
                condition=models.Q(milestone=Milestone.BREACH),
                name="cases_milestone_breached",
            )
        ]

    def __str__(self):
        return f"{self.task_id}:{self.milestone}"
