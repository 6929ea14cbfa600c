"""1-1 counselling: an advisor's weekly availability, its exceptions, the slots it gives,
bookings of slots and the advisor's private note."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kes.constants import Language

from ..constants import BookingStatus, Topic
from .offerings import PartnerHub


class WeeklyAvailability(models.Model):
    """Fast rådgivningstid: every given weekday from one time to another, cut into slots."""

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advisory_availability"
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday.")
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per slot"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(240)],
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    hub = models.ForeignKey(PartnerHub, on_delete=models.PROTECT, null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)

    class Meta:
        ordering = ["advisor", "weekday", "start_time"]
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availabilities")

    def __str__(self):
        return f"{self.advisor} {self.weekday} {self.start_time}–{self.end_time}"


class AvailabilityException(models.Model):
    """Undtagelse: a day (or part of it) when the advisor is away."""

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advisory_exceptions"
    )
    date = models.DateField(_("date"))
    # Both empty: the whole day.
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("to"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("availability exception")
        verbose_name_plural = _("availability exceptions")

    def __str__(self):
        return f"{self.advisor} {self.date}"


class Slot(models.Model):
    """Rådgivningstid: one bookable time of one advisor."""

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advisory_slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    hub = models.ForeignKey(PartnerHub, on_delete=models.PROTECT, null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    # Withdrawn by an exception; a booked slot is never withdrawn silently.
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("counselling slot")
        verbose_name_plural = _("counselling slots")
        constraints = [
            models.UniqueConstraint(fields=["advisor", "starts_at"], name="advisory_slot_once"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="advisory_slot_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="advisory_slot_starts")]

    def __str__(self):
        return f"{self.advisor} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class CounsellingBooking(models.Model):
    """Booking af rådgivning: a business or founder on one slot, with topic and question."""

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_bookings",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    description = models.TextField(_("what would you like to talk about?"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    # The invitation's SEQUENCE: every change sends it again with one more.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        verbose_name = _("counselling booking")
        verbose_name_plural = _("counselling bookings")
        constraints = [
            # The last line against double booking (the service also locks the slot).
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status=BookingStatus.BOOKED),
                name="advisory_one_booking_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.slot}"


class CounsellingNote(models.Model):
    """Samtalenotat: the advisor's private note of a session, follow-up actions and the
    case a referral into the one entrance created."""

    booking = models.OneToOneField(
        CounsellingBooking, on_delete=models.CASCADE, related_name="note"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=5000)
    follow_up = models.TextField(_("follow-up actions"), max_length=2000, blank=True)
    case_reference = models.CharField(_("case created by referral"), max_length=30, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("counselling note")
        verbose_name_plural = _("counselling notes")

    def __str__(self):
        return f"{self.booking}"
