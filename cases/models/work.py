"""The work on a case: department tasks, information requests, decisions, messages, notes.

State lives here; the viewflow process (``CaseProcess``) only decides what comes next.
Every change to these rows is made by a service in ``cases.services`` that also adds a
``CaseEvent``, so the audit trail tells the whole story.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from routing.constants import TargetUnit

from ..constants import OPEN_TASK_STATUSES, Channel, Outcome, TaskKind, TaskStatus, Track
from .case import Case, CaseService


class CaseProcess(Process):
    """Sagsforløb: the viewflow process of a case; its artifact is the case."""

    class Meta:
        proxy = True
        verbose_name = _("case process")
        verbose_name_plural = _("case processes")


class DepartmentTask(models.Model):
    """Opgave: one department's part of a case.

    ``kind=decision`` is one (service, department) pair and carries the service target;
    the other kinds are KES's own tasks (answer an immediate question, assign a pilot,
    triage a star-meeting proposal). The deadline moves when a pause ends:
    ``paused_units`` holds the units of every finished pause, ``paused_since`` the start
    of the running one.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("case")
    )
    case_service = models.ForeignKey(
        CaseService,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("service"),
    )
    # Not indexed on its own: the queue indexes lead with it (writes pay for every index).
    department = models.ForeignKey(
        "routing.Department",
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("department"),
        db_index=False,
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=TaskKind.choices, default=TaskKind.DECISION
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="department_tasks",
        verbose_name=_("caseworker"),
        db_index=False,  # the inbox indexes lead with it
    )
    received_on = models.DateField(_("received"))
    target_days = models.PositiveSmallIntegerField(_("service target (days)"), null=True)
    target_unit = models.CharField(
        _("service target unit"),
        max_length=10,
        choices=TargetUnit.choices,
        default=TargetUnit.BUSINESS,
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    paused_units = models.PositiveIntegerField(_("paused days"), default=0)
    paused_since = models.DateField(_("waiting since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # The clock's state kept for querying (the sweeps and lists filter on it); the services
    # that confirm completeness, pause, resume and decide keep it right.
    complete_on = models.DateField(_("complete on"), null=True, blank=True)
    warning_on = models.DateField(_("warning on"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["department", "status", "deadline"], name="cases_task_queue"),
            models.Index(fields=["assignee", "status", "deadline"], name="cases_task_inbox"),
            # The queue and the inbox in their order (deadline ascending, nulls last, then
            # received, created, id) over open tasks only: a page reads 25 index entries.
            models.Index(
                fields=["department", "deadline", "received_on", "created_at", "id"],
                condition=models.Q(status__in=OPEN_TASK_STATUSES, assignee__isnull=True),
                name="cases_task_queue_open",
            ),
            models.Index(
                fields=["assignee", "deadline", "received_on", "created_at", "id"],
                condition=models.Q(status__in=OPEN_TASK_STATUSES),
                name="cases_task_inbox_open",
            ),
            # The service-target sweep walks open tasks in the order of their milestone's
            # date; those notified already are skipped by their ``TaskMilestone``.
            models.Index(
                fields=["warning_on", "id"],
                condition=models.Q(status__in=OPEN_TASK_STATUSES),
                name="cases_task_open_warning_on",
            ),
            models.Index(
                fields=["deadline", "id"],
                condition=models.Q(status__in=OPEN_TASK_STATUSES),
                name="cases_task_open_deadline",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case_service", "department"],
                condition=models.Q(kind=TaskKind.DECISION),
                name="cases_task_once_per_service_department",
            )
        ]

    def __str__(self):
        return f"{self.case_id}/{self.department_id}/{self.kind}"

    @property
    def is_open(self) -> bool:
        return self.status != TaskStatus.DONE


class InformationRequest(models.Model):
    """Anmodning om oplysninger: what a department is missing; the task waits meanwhile."""

    task = models.ForeignKey(
        DepartmentTask,
        on_delete=models.CASCADE,
        related_name="information_requests",
        verbose_name=_("task"),
    )
    text = models.TextField(_("what is missing"))
    due_on = models.DateField(_("answer by"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    notified_at = models.DateTimeField(_("business notified"), null=True, blank=True)
    # Lapse reminders: the business is reminded at each lapse (a setting), then the
    # caseworker is told; the sweep counts here so each is sent once.
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True)
    caseworker_told_at = models.DateTimeField(_("caseworker told"), null=True, blank=True)

    class Meta:
        ordering = ["task", "requested_at", "pk"]
        indexes = [
            models.Index(
                fields=["due_on", "id"],
                condition=models.Q(answered_at__isnull=True, caseworker_told_at__isnull=True),
                name="cases_request_lapse_due",
            )
        ]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        constraints = [
            # One open request per task: the pause has one start.
            models.UniqueConstraint(
                fields=["task"],
                condition=models.Q(answered_at__isnull=True),
                name="cases_one_open_request_per_task",
            )
        ]

    def __str__(self):
        return f"{self.task_id}: {self.text[:40]}"


# What the statistics read of a decision besides its date and department.
FIGURE_COLUMNS = [
    "service",
    "case",
    "track",
    "channel",
    "has_target",
    "within_target",
    "requests",
    "gross_units",
    "net_units",
    "national_days",
]


class Decision(models.Model):
    """Afgørelse: a department's answer on one service, with the constructive parts of a no."""

    task = models.OneToOneField(
        DepartmentTask, on_delete=models.PROTECT, related_name="decision", verbose_name=_("task")
    )
    outcome = models.CharField(_("decision"), max_length=30, choices=Outcome.choices)
    statement = models.TextField(_("statement"))
    conditions = models.TextField(_("conditions"), blank=True)
    provisions = models.TextField(_("the rules the decision rests on"), blank=True)
    way_forward = models.TextField(_("what would make the project approvable"), blank=True)
    alternatives = models.TextField(_("alternatives"), blank=True)
    complaint = models.TextField(_("how to complain"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    gross_units = models.PositiveIntegerField(_("gross days"), default=0)
    net_units = models.PositiveIntegerField(_("net days"), default=0)
    # The national rule: calendar days from the complete date to the decision, less pauses.
    national_days = models.PositiveIntegerField(_("days by the national rule"), null=True)
    # What the statistics filter and group by, copied from the task and its case when it is
    # decided (``cases.services.decision_facts``): they then read this table alone, never
    # joined with every task. A case's track can still move between self-service and
    # assisted while other tasks are open; ``case_track_change`` keeps it right here.
    department = models.ForeignKey(
        "routing.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
        db_index=False,
    )
    service = models.ForeignKey(
        "intake.Service",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("service"),
        db_index=False,
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("case"), db_index=False
    )
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    has_target = models.BooleanField(_("has a service target"))
    within_target = models.BooleanField(_("within the service target"))
    requests = models.PositiveSmallIntegerField(_("information requests"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        # The statistics read decisions by a period of decision dates, all departments or
        # one; on PostgreSQL the two figures' indexes carry every column a figure reads, so
        # a figure is an index-only scan of the period's entries, never of the wide rows.
        indexes = [
            models.Index(fields=["decided_at", "task"], name="cases_decision_decided"),
            models.Index(
                fields=["decided_at"],
                include=[*FIGURE_COLUMNS, "department"],
                name="cases_decision_figures",
            ),
            models.Index(
                fields=["department", "decided_at"],
                include=FIGURE_COLUMNS,
                name="cases_decision_department",
            ),
        ]

    def __str__(self):
        return f"{self.task_id}: {self.outcome}"


class CaseMessage(models.Model):
    """Besked: a message between the business and the municipality about a case.

    An answer to an information request points to it. Files travel as case documents
    that point back to the message.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="messages", verbose_name=_("case")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    from_business = models.BooleanField(_("from the business"))
    text = models.TextField(_("message"))
    information_request = models.ForeignKey(
        InformationRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("answers the request"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    notified_at = models.DateTimeField(_("business notified"), null=True, blank=True)

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.case_id}: {self.text[:40]}"


class InternalNote(models.Model):
    """Intern note: between caseworkers; never shown to the business."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    task = models.ForeignKey(
        DepartmentTask,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("task"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"{self.case_id}: {self.text[:40]}"


class Satisfaction(models.Model):
    """Tilfredshed: the business's short answer after closure (1–5 and a comment)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="satisfaction", verbose_name=_("case")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="cases_satisfaction_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.case_id}: {self.score}"
