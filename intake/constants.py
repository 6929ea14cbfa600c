from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    QUESTION = "question", _("Question")
    PERMIT = "permit", _("Permit")
    REGISTRATION = "registration", _("Registration")
    ADVICE = "advice", _("Advice")


class QuestionType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    BOOLEAN = "boolean", _("Yes or no")
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    DATE = "date", _("Date")


class RuleOperator(models.TextChoices):
    GTE = "gte", _("at least")
    LTE = "lte", _("at most")
    EQUALS = "equals", _("equals")
    IN = "in", _("is one of")
