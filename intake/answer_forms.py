"""The form of a service's questions: one field per question, typed by its question type,
with messages that name the question (the error summary then says which answer is wrong
without the field beside it), and the design system's date picker for dates and periods."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .answers import (
    ANSWER_TEXT_MAX_LENGTH,
    LOCATION_MAX_LENGTH,
    QuestionSpec,
    clean_value,
    period_bounds,
)
from .constants import QuestionType

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y"]


class DatePickerInput(forms.DateInput):
    """A text input inside the design system's date picker (DKFDS ``.date-picker``): its
    script adds the calendar button (named after the field, ``data-button-label``) and
    posts the ISO date; without JavaScript people type the date the Danish way."""

    template_name = "intake/widgets/date_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"]
        try:
            iso = datetime.date.fromisoformat(shown).isoformat() if shown else ""
        except (TypeError, ValueError):
            iso = ""
        context["widget"]["iso_value"] = iso
        return context


class PeriodWidget(forms.MultiWidget):
    """Two date pickers, the first and the last day, in the question's fieldset."""

    template_name = "intake/widgets/period.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        super().__init__([DatePickerInput(), DatePickerInput()], attrs)

    def decompress(self, value):
        bounds = period_bounds(value) if value else None
        return list(bounds) if bounds else [None, None]


class PeriodField(forms.MultiValueField):
    """A period as the ISO interval "YYYY-MM-DD/YYYY-MM-DD"; its rules are the answers'
    (``intake.answers``), checked against the day of the application."""

    widget = PeriodWidget

    def __init__(self, *, today, label, **kwargs):
        self.today = today
        self.label_text = str(label)
        date_messages = {"invalid": _field_message("invalid_date", label)}
        super().__init__(
            fields=[
                forms.DateField(
                    input_formats=DATE_INPUT_FORMATS, error_messages=date_messages, required=False
                ),
                forms.DateField(
                    input_formats=DATE_INPUT_FORMATS, error_messages=date_messages, required=False
                ),
            ],
            require_all_fields=False,
            label=label,
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return ""
        start, end = (list(data_list) + [None, None])[:2]
        if start is None or end is None:
            raise forms.ValidationError(_field_message("period_incomplete", self.label_text))
        try:
            return clean_value(
                QuestionSpec(code="period", type="period"),
                {"from": start, "to": end},
                today=self.today,
            )
        except ValueError as exc:
            raise forms.ValidationError(_named(self.label_text, str(exc))) from None


# What each error of a question says, naming the question (GOV.UK's pattern: the error
# summary then tells which answer is missing without the field beside it).
_FIELD_MESSAGES = {
    "required_integer": _("Enter a number for “%(label)s”"),
    "required_boolean": _("Choose yes or no for “%(label)s”"),
    "required_choice": _("Choose an answer for “%(label)s”"),
    "required_date": _("Enter a date for “%(label)s”"),
    "required_location": _("Enter an address or a place for “%(label)s”"),
    "required_period": _("Enter the first and the last day for “%(label)s”"),
    "required_text": _("Write an answer to “%(label)s”"),
    "invalid_integer": _("Enter a whole number for “%(label)s”"),
    "invalid_date": _("Enter a real date for “%(label)s”, for example 31/12/2026"),
    "period_incomplete": _("Enter both the first and the last day for “%(label)s”"),
}


def _field_message(key: str, label) -> str:
    return _FIELD_MESSAGES[key] % {"label": str(label).strip().rstrip("?:.").strip()}


def _named(label, problem: str) -> str:
    """A rule's message with its question in front, for the error summary."""
    return _("%(label)s: %(problem)s") % {
        "label": str(label).strip().rstrip("?:.").strip(),
        "problem": problem,
    }


def _question_validator(question, today):
    spec = QuestionSpec(code=question.code, type=question.type)

    def validate(value):
        try:
            clean_value(spec, value, today=today)
        except ValueError as exc:
            raise forms.ValidationError(_named(question.label, str(exc))) from None

    return validate


def answers_form_class(questions, *, today: datetime.date | None = None):
    """A form with one field per intake question of a service, typed by its question type;
    every message names its question. ``today`` is the day of the application."""
    today = today or timezone.localdate()
    fields = {}
    for question in questions:
        kind = question.type if question.type in QuestionType.values else QuestionType.TEXT
        messages = {"required": _field_message(f"required_{kind}", question.label)}
        common = {"label": question.label, "required": question.required}
        if kind == QuestionType.INTEGER:
            messages["invalid"] = _field_message("invalid_integer", question.label)
            field = forms.IntegerField(
                min_value=0, max_value=10_000_000, error_messages=messages, **common
            )
        elif kind == QuestionType.BOOLEAN:
            # A yes/no question must be answerable with "no": radio buttons, not a checkbox.
            field = forms.TypedChoiceField(
                choices=[("true", _("Yes")), ("false", _("No"))],
                coerce=lambda v: v == "true",
                widget=forms.RadioSelect,
                empty_value=None,
                error_messages=messages,
                **common,
            )
        elif kind == QuestionType.CHOICE:
            field = forms.ChoiceField(
                choices=[(c.code, c.label) for c in question.choices.all()],
                widget=forms.RadioSelect,
                error_messages=messages,
                **common,
            )
        elif kind == QuestionType.DATE:
            messages["invalid"] = _field_message("invalid_date", question.label)
            field = forms.DateField(
                input_formats=DATE_INPUT_FORMATS,
                help_text=_("For example 31/12/2026."),
                widget=DatePickerInput(),
                error_messages=messages,
                **common,
            )
        elif kind == QuestionType.PERIOD:
            field = PeriodField(
                today=today,
                help_text=_("The first and the last day, for example 1/5/2027 and 30/9/2027."),
                error_messages=messages,
                **common,
            )
        elif kind == QuestionType.LOCATION:
            field = forms.CharField(
                max_length=LOCATION_MAX_LENGTH,
                help_text=_("A street address, or the name of a square, park or street."),
                validators=[_question_validator(question, today)],
                error_messages=messages,
                **common,
            )
        else:
            field = forms.CharField(
                max_length=ANSWER_TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages=messages,
                **common,
            )
        fields[question.code] = field
    return type("AnswersForm", (forms.Form,), fields)


def answers_initial(questions, stored: dict) -> dict:
    """Stored (JSON) answers back into form values."""
    initial = {}
    for question in questions:
        value = stored.get(question.code)
        if value is None:
            continue
        if question.type == QuestionType.BOOLEAN:
            value = "true" if value else "false"
        elif question.type == QuestionType.DATE:
            value = datetime.date.fromisoformat(value)
        initial[question.code] = value
    return initial


def answers_to_json(cleaned: dict) -> dict:
    return {
        code: value.isoformat() if isinstance(value, datetime.date) else value
        for code, value in cleaned.items()
        if value not in (None, "")
    }
