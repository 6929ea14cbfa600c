import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from cases.constants import Channel, Complexity
from routing.constants import TargetUnit
from routing.models import Department, ExternalAuthority, code_validator

from .classification import rule_problems
from .constants import QuestionType, RuleOperator, ServiceKind, ServiceTopic


class CatalogueVersion(models.Model):
    """Katalogversion: one row whose stamp changes, in the same transaction, with every write
    to the catalogue a submission reads (services, their questions, answer options, required
    documents and rules, the departments and authorities; ``intake.signals`` and
    ``CatalogueQuerySet``). A process may keep what it read of the catalogue as long as the
    stamp is the one it read with (``intake.selectors.submission_catalogue``).

    The stamp is random, not a counter: a write rolled back returns the row to its stamp
    before, and a later write never reuses a stamp that was cached with other rows.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    stamp = models.CharField(_("stamp"), max_length=32)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self):
        return self.stamp

    @classmethod
    def current(cls) -> str | None:
        """The stamp now (one query); None while no write has made the row."""
        return cls.objects.filter(pk=1).values_list("stamp", flat=True).first()


_deferred = threading.local()


def catalogue_changed() -> None:
    """Move the catalogue's version: the caller changed catalogue rows in this transaction.
    Inside ``catalogue_changes()`` the move happens once, at its end."""
    if getattr(_deferred, "depth", 0):
        _deferred.changed = True
        return
    stamp = uuid.uuid4().hex
    if CatalogueVersion.objects.filter(pk=1).update(stamp=stamp):
        return
    try:
        # A savepoint: a concurrent first write may create the row first.
        with transaction.atomic():
            CatalogueVersion.objects.create(pk=1, stamp=stamp)
    except IntegrityError:
        CatalogueVersion.objects.filter(pk=1).update(stamp=stamp)


@contextmanager
def catalogue_changes():
    """Many catalogue writes (the loader), one version move at the end if any changed."""
    depth = getattr(_deferred, "depth", 0)
    if depth == 0:
        _deferred.changed = False
    _deferred.depth = depth + 1
    try:
        yield
    finally:
        _deferred.depth = depth
    if depth == 0 and _deferred.changed:
        catalogue_changed()


class CatalogueQuerySet(models.QuerySet):
    """Writes that send no signals (``update``, the bulk writes) still move the version."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            catalogue_changed()
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            catalogue_changed()
        return created

    def bulk_update(self, objs, *args, **kwargs):
        count = super().bulk_update(objs, *args, **kwargs)
        if count:
            catalogue_changed()
        return count


class Service(models.Model):
    """Ydelse / tilladelse: one entry of the service catalogue."""

    code = models.CharField(_("code"), max_length=60, unique=True, validators=[code_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=ServiceTopic.choices, blank=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    synonyms = models.TextField(
        _("search terms"),
        blank=True,
        help_text=_(
            "Other names people search for this service by, one per line (e.g. “food truck”). "
            "A search that names one of them puts the service above looser matches."
        ),
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_("Related words people search with, one per line."),
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="services", verbose_name=_("departments")
    )
    external_authorities = models.ManyToManyField(
        ExternalAuthority,
        blank=True,
        related_name="services",
        verbose_name=_("external authorities to contact"),
    )
    self_service = models.BooleanField(_("self-service"), default=False)
    complexity = models.CharField(
        _("complexity"), max_length=10, choices=Complexity.choices, default=Complexity.SIMPLE
    )
    immediate = models.BooleanField(
        _("settled at once by KES"),
        default=False,
        help_text=_("Straksafklaring: KES answers without involving other departments."),
    )
    target_days = models.PositiveSmallIntegerField(
        _("service target (days)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    target_unit = models.CharField(
        _("service target unit"),
        max_length=10,
        choices=TargetUnit.choices,
        default=TargetUnit.BUSINESS,
    )
    # Klagevejledning: the decision form starts from it, the caseworker adapts it per case.
    complaint = models.TextField(
        _("how to complain"),
        blank=True,
        help_text=_(
            "Where and by when a business can complain about a decision on this service; "
            "the decision form is prefilled with it."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in (self.keywords or "").splitlines() if k.strip()]


class RequiredDocument(models.Model):
    """Bilag: a document the applicant must upload."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents"
    )
    code = models.CharField(_("code"), max_length=60, validators=[code_validator])
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["service", "position"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="intake_document_code_once")
        ]

    def __str__(self):
        return self.name


class Question(models.Model):
    """Spørgsmål: an intake question of a service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=60, validators=[code_validator])
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    label = models.CharField(_("label"), max_length=300)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["service", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="intake_question_code_once")
        ]

    def __str__(self):
        return self.label


class QuestionChoice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.CharField(_("code"), max_length=60, validators=[code_validator])
    label = models.CharField(_("label"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="intake_choice_code_once")
        ]

    def __str__(self):
        return self.label


class Rule(models.Model):
    """Regel: when an answer meets a condition, raise complexity or add parties."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="rules", verbose_name=_("question")
    )
    operator = models.CharField(_("condition"), max_length=10, choices=RuleOperator.choices)
    value = models.JSONField(_("value"))
    raise_complexity = models.CharField(
        _("raise complexity to"), max_length=10, choices=Complexity.choices, blank=True
    )
    add_departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("add departments")
    )
    add_authorities = models.ManyToManyField(
        ExternalAuthority, blank=True, related_name="+", verbose_name=_("add authorities")
    )
    reason = models.TextField(_("reason"))

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["service", "position"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        constraints = [
            models.UniqueConstraint(fields=["service", "position"], name="intake_rule_position")
        ]

    def __str__(self):
        return f"{self.service.code}.rule{self.position}"

    def clean(self):
        # The classifier refuses a rule it cannot evaluate, and then every application for
        # the service would fail: refuse it here, with the loader's own check.
        problems = rule_problems(
            op=self.operator,
            value=self.value,
            raise_complexity=self.raise_complexity or None,
            reason={"da": self.reason_da, "en": self.reason_en},
        )
        # The fields' choices already report an unknown condition or complexity.
        problems.pop("operator", None)
        problems.pop("raise_complexity", None)
        if self.question_id and self.service_id:
            owner = Question.objects.filter(pk=self.question_id).values_list("service_id").first()
            if owner and owner[0] != self.service_id:
                problems["question"] = _("Choose a question of this service.")
        if problems:
            raise ValidationError(problems)

    @property
    def code(self) -> str:
        return f"{self.service.code}.rule{self.position}"


class FAQ(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="faqs")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))

    class Meta:
        ordering = ["service", "position"]
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")
        constraints = [
            models.UniqueConstraint(fields=["service", "position"], name="intake_faq_position")
        ]

    def __str__(self):
        return self.question


def _draft_upload_to(instance, filename):
    # Never the applicant's own file name on disk: it may hold anything.
    return f"drafts/{instance.draft_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class ApplicationDraft(models.Model):
    """Kladde: an application being filled in, kept server-side between the wizard's steps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        "kes.User", on_delete=models.CASCADE, related_name="application_drafts"
    )
    business = models.ForeignKey(
        "cases.Business", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    staff_assisted = models.BooleanField(default=False)
    channel = models.CharField(max_length=10, default=Channel.DIGITAL)
    received_at = models.DateTimeField(null=True, blank=True)
    services = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    description = models.TextField(blank=True)
    star_meeting_requested = models.BooleanField(default=False)
    help_requested = models.BooleanField(default=False)
    shown_topics = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application draft")
        verbose_name_plural = _("application drafts")

    def __str__(self):
        return f"{self.owner} {self.updated_at:%Y-%m-%d %H:%M}"


class DraftDocument(models.Model):
    """Bilag i kladde: an uploaded file waiting for the application to be submitted."""

    draft = models.ForeignKey(ApplicationDraft, on_delete=models.CASCADE, related_name="documents")
    document_code = models.CharField(max_length=60, blank=True)
    file = models.FileField(upload_to=_draft_upload_to)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")

    def __str__(self):
        return self.original_name


class SubmittedDraft(models.Model):
    """Sendt kladde: the case a submitted draft became. The draft itself is gone; its wizard
    pages (Back after sending) say that it was sent and link to the case, for its owner."""

    id = models.UUIDField(primary_key=True, editable=False)
    owner = models.ForeignKey("kes.User", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submitted draft")
        verbose_name_plural = _("submitted drafts")

    def __str__(self):
        return str(self.id)
