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
    # Where and when: an address or a place in the city; a period from one date to another.
    LOCATION = "location", _("Address or place")
    PERIOD = "period", _("Period")


class ServiceTopic(models.TextChoices):
    """What a service is about, as a business thinks of it (the wizard groups by it)."""

    STARTING = "starting", _("Starting and running a business")
    FOOD = "food", _("Cafés, restaurants and food")
    SIGNS = "signs", _("Signs and shop fronts")
    STREETS = "streets", _("Streets, parking and street trading")
    BUILDING = "building", _("Building, land and environment")
    EVENTS = "events", _("Events and facilities")
    STAFF = "staff", _("Staff, recruitment and care")


class RuleOperator(models.TextChoices):
    GTE = "gte", _("at least")
    LTE = "lte", _("at most")
    EQUALS = "equals", _("equals")
    IN = "in", _("is one of")
