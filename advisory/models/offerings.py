"""Courses, outreach events and their sessions, with registrations and the waiting list."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kes.constants import Language

from ..constants import (
    ACTIVE_REGISTRATION,
    OFFER_HOURS_DEFAULT,
    OFFER_HOURS_MIN,
    Audience,
    HubKind,
    OfferingKind,
    RegistrationStatus,
    Topic,
)


class PartnerHub(models.Model):
    """Partnerhub / iværksættermiljø: a university, business school or co-working space
    where KES holds courses and outreach events (or KES's own address)."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=HubKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner hub")
        verbose_name_plural = _("partner hubs")

    def __str__(self):
        return self.name


class Course(models.Model):
    """Kursus / opsøgende arrangement: free advice offered to many at once; its dates are
    sessions. ``title``, ``description`` and ``keywords`` are translated (modeltranslation)."""

    kind = models.CharField(
        _("kind"), max_length=10, choices=OfferingKind.choices, default=OfferingKind.COURSE
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    # Words the guide matches a free-text question against, comma separated.
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    language = models.CharField(
        _("language of delivery"), max_length=2, choices=Language.choices, default=Language.DA
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.title


class Session(models.Model):
    """Kursusgang / arrangementsdato: one date of a course, at a hub or online."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    hub = models.ForeignKey(
        PartnerHub,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("place"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advisory_sessions",
        verbose_name=_("advisors"),
    )
    # A seat offered from the waiting list is held this long before it goes to the next.
    offer_hours = models.PositiveIntegerField(
        _("offer held (hours)"),
        default=OFFER_HOURS_DEFAULT,
        validators=[MinValueValidator(OFFER_HOURS_MIN), MaxValueValidator(24 * 14)],
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # The day-before reminders went out (the sweep's mark; each has its own outbox key).
    reminded_at = models.DateTimeField(_("reminders sent"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["starts_at"], name="advisory_session_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="advisory_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(offer_hours__gte=OFFER_HOURS_MIN),
                name="advisory_session_offer_hours_min",
            ),
        ]

    def __str__(self):
        return f"{self.course} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def free_places(self) -> int:
        """Seats neither taken nor held by an offer; needs ``taken`` (``sessions_with_seats``)."""
        return max(self.capacity - self.taken, 0)


class Registration(models.Model):
    """Tilmelding / venteliste: one person on one session, by account or by name and
    e-mail (a would-be founder without CVR); the waiting list is its order of ``created_at``."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Registered by the advisor after the session: None until then.
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=models.Q(status__in=ACTIVE_REGISTRATION),
                name="advisory_one_active_registration_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["session", "status", "created_at"], name="advisory_reg_queue"),
            models.Index(
                fields=["offer_expires_at"],
                condition=models.Q(status=RegistrationStatus.OFFERED),
                name="advisory_reg_offer_due",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.session}"


class Evaluation(models.Model):
    """Evaluering: the participant's short verdict on a session (1–5 and a comment)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.registration} ({self.rating})"
