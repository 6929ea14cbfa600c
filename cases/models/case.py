from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kes.constants import Language
from routing.constants import TargetUnit

from ..constants import CaseStatus, Channel, Complexity, Track
from .businesses import Business


class Case(models.Model):
    """Henvendelse / sag: one request from one business; it may hold several services.

    The integer primary key is what viewflow stores; people see the ``reference``.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="cases", verbose_name=_("business")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    complexity = models.CharField(_("complexity"), max_length=10, choices=Complexity.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    description = models.TextField(_("description"))
    star_meeting_requested = models.BooleanField(_("star meeting requested"), default=False)
    help_requested = models.BooleanField(_("help requested"), default=False)
    received_at = models.DateTimeField(_("received"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_cases",
        verbose_name=_("submitted by"),
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assisted_cases",
        verbose_name=_("assisted by"),
    )
    shown_topics = models.JSONField(_("shown to the business"), default=list, blank=True)
    departments = models.ManyToManyField(
        "routing.Department", blank=True, related_name="cases", verbose_name=_("departments")
    )
    authorities = models.ManyToManyField(
        "routing.ExternalAuthority",
        blank=True,
        related_name="cases",
        verbose_name=_("external authorities to contact"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    # Virksomhedslods: the business's one contact person across the departments.
    pilot = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="piloted_cases",
        verbose_name=_("business pilot"),
    )
    pilot_assigned_at = models.DateTimeField(_("pilot assigned"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # The lists' orders with the id as tiebreak: every case, newest received first
            # (the staff list), and a business's cases (Mine sager).
            models.Index(fields=["-received_at", "-id"], name="cases_case_received"),
            models.Index(
                fields=["business", "-received_at", "-id"], name="cases_case_business_list"
            ),
            models.Index(fields=["status", "track"], name="cases_case_status_track"),
            # A pilot's portfolio: their open cases.
            models.Index(
                fields=["pilot", "-received_at", "-id"],
                condition=models.Q(pilot__isnull=False),
                name="cases_case_pilot_portfolio",
            ),
        ]

    def __str__(self):
        return self.reference


class CaseService(models.Model):
    """Ydelse på sagen: one catalogue service asked for, with the typed answers.

    The departments (the service's own plus those its fired rules add) and the service
    target are copied at submission: the promise in the receipt must not change when the
    catalogue does.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="services", verbose_name=_("case")
    )
    service = models.ForeignKey(
        "intake.Service",
        on_delete=models.PROTECT,
        related_name="case_services",
        verbose_name=_("service"),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    departments = models.ManyToManyField(
        "routing.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    target_days = models.PositiveSmallIntegerField(_("service target (days)"), null=True)
    target_unit = models.CharField(
        _("service target unit"),
        max_length=10,
        choices=TargetUnit.choices,
        default=TargetUnit.BUSINESS,
    )

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("service on a case")
        verbose_name_plural = _("services on cases")
        constraints = [
            models.UniqueConstraint(fields=["case", "service"], name="cases_service_once_per_case")
        ]

    def __str__(self):
        return f"{self.case_id}: {self.service}"


class CaseReason(models.Model):
    """Begrundelse: why the case got its track (a fired rule or the track rule)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reasons", verbose_name=_("case")
    )
    code = models.CharField(_("code"), max_length=100)
    text_da = models.TextField(_("text (Danish)"))
    text_en = models.TextField(_("text (English)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        language = (translation.get_language() or "da").split("-")[0]
        return (self.text_en if language == "en" else self.text_da) or self.text_da


class ImmediateAnswer(models.Model):
    """Straksafklaring: the answer KES staff gave at once; the case closes with it."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="immediate_answer", verbose_name=_("case")
    )
    topic = models.CharField(_("topic"), max_length=200)
    text = models.TextField(_("answer"))
    services = models.JSONField(_("services concerned"), default=list, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("immediate answer")
        verbose_name_plural = _("immediate answers")

    def __str__(self):
        return self.topic


class ReferenceCounter(models.Model):
    """Løbenummer: the last reference number given out in a year (locked while counting)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last}"
