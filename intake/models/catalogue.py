"""The service catalogue: services with their questions, answer options, required documents,
rules and FAQs. All but the FAQs are read by a submission, so their writes move the
catalogue's version (``CatalogueQuerySet``, ``intake.signals``)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import Complexity
from routing.constants import TargetUnit
from routing.models import Department, ExternalAuthority, code_validator

from ..classification import rule_problems
from ..constants import QuestionType, RuleOperator, ServiceKind, ServiceTopic
from .base import CatalogueQuerySet


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
