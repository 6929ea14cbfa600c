from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import Language, NotificationState


class User(AbstractUser):
    """Bruger: a person who logs in, business user or staff.

    Roles come from group membership (KES staff, pilots, triage committee, managers), from
    department membership (caseworker, department lead) and from business membership.
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    # Staff's direct line: a pilot is the business's one contact person (letters name it).
    phone = models.CharField(_("direct phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.DA,
        help_text=_("Used for everything the portal sends to this person."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Notification(models.Model):
    """Udgående besked (outbox): one side effect to deliver, such as a letter or a notice.

    Written in the transaction of the event that causes it, so a side effect exists exactly
    when its cause was committed; delivered afterwards by ``kes.deliver_notification``. The
    ``key`` names the side effect (``receipt:42``): a second row for it cannot be written.
    ``kind`` picks the deliverer an app registered (``kes.outbox``); the payload holds ids,
    never the content, so a retry reads the current data.
    """

    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=NotificationState.choices,
        default=NotificationState.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # When the relay should enqueue the row (again) if it is still pending then.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # A delivery under way holds the row until then; a worker that died lets go by itself.
    leased_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The relay's question: pending rows that are due, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state=NotificationState.PENDING),
                name="kes_notification_due",
            )
        ]

    def __str__(self):
        return f"{self.key} ({self.state})"


class Notice(models.Model):
    """Besked i portalen: an in-portal notice for a staff member (a task nears or passes its
    service target), listed under "Notifications" with an unread count in the header.

    The text is built when shown, in the reader's language, from ``kind`` and ``payload``
    (ids and dates) by the renderer the app that writes the kind registered; ``key`` makes a
    notice exist once however often the sweep that writes it runs.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
        db_index=False,  # ``kes_notice_list`` leads with it
    )
    kind = models.CharField(_("kind"), max_length=60)
    # Unique by a constraint, not ``unique=True``: that would add a second (LIKE) index on
    # PostgreSQL, which no query uses and every insert of a sweep pays for.
    key = models.CharField(_("idempotency key"), max_length=200)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [models.UniqueConstraint(fields=["key"], name="kes_notice_key_unique")]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="kes_notice_list"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="kes_notice_unread",
            ),
        ]

    def __str__(self):
        return self.key
