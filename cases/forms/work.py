"""Forms of the departments' work: ask for information, decide, handle KES's own tasks.

The forms only read the input; the rules (a due date after today, the constructive parts
of a rejection) live in the services, whose field messages the views put on the form.
"""

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import MESSAGE_MAX_LENGTH, TOPIC_MAX_LENGTH, Outcome, TaskKind
from ..decision_parts import PARTS, outcomes_of, parts_kept

# The date picker sends ISO dates; without JavaScript people type the Danish way.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
# Must agree with cases.services.work.MAX_DUE_DAYS; the picker only offers these dates.
DUE_DAYS_OFFERED = 90
# Fields the service requires only for some outcomes: no "(optional)" mark on them.
CONDITIONAL_FIELD_TEMPLATE = "cases/staff/work/conditional_field.html"


class DatePickerInput(forms.DateInput):
    """A text input inside the design system's date picker (DKFDS ``.date-picker``)."""

    template_name = "cases/staff/work/date_picker.html"

    def __init__(self, attrs=None, *, min_date: date | None = None, max_date: date | None = None):
        super().__init__(attrs, format="%Y-%m-%d")
        self.min_date = min_date
        self.max_date = max_date

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["min_date"] = self.min_date.isoformat() if self.min_date else ""
        context["widget"]["max_date"] = self.max_date.isoformat() if self.max_date else ""
        # The picker shows a stored value only when it reads it as an ISO date.
        shown = context["widget"]["value"]
        try:
            context["widget"]["iso_value"] = date.fromisoformat(shown).isoformat() if shown else ""
        except (TypeError, ValueError):
            context["widget"]["iso_value"] = ""
        return context


def _long_text(label, *, help_text="", required=True, rows=5, **extra):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        **extra,
    )


class InformationRequestForm(forms.Form):
    text = _long_text(
        _("What must the business send?"),
        help_text=_(
            "Write plainly what is missing and why. The business sees this text and "
            "answers under My page."
        ),
        error_messages={"required": _("Write what the business must send.")},
    )
    due_on = forms.DateField(
        label=_("Answer by"),
        help_text=_(
            "Write the date as dd/mm/yyyy, e.g. 31/05/2026. The clock of the task stops "
            "until the business answers."
        ),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Give the date the business must answer by."),
            "invalid": _("Write a real date as dd/mm/yyyy, e.g. 31/05/2026."),
        },
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].widget = DatePickerInput(
            min_date=today + timedelta(days=1), max_date=today + timedelta(days=DUE_DAYS_OFFERED)
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    statement = _long_text(
        _("Statement"),
        help_text=_("The decision and its reasons, as the business will read them."),
        error_messages={"required": _("Write the statement.")},
        rows=8,
    )
    conditions = _long_text(
        _("Conditions"),
        help_text=_("Required when you approve with conditions: what the business must do."),
        required=False,
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )
    # Det gode nej: a rejection explains the rules and shows the way forward.
    provisions = _long_text(
        _("The rules the decision rests on"),
        help_text=_("Name the rules and explain in plain words what they mean here."),
        required=False,
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )
    way_forward = _long_text(
        _("What would make the project approvable"),
        help_text=_("What the business could change so that it can get a yes."),
        required=False,
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )
    alternatives = _long_text(
        _("Alternatives"),
        help_text=_("Other ways to reach the goal, e.g. another place, size or permit."),
        required=False,
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )
    complaint = _long_text(
        _("How to complain"),
        help_text=_(
            "Required when you reject; also part of an approval with conditions. Where and "
            "by when the business can complain. It starts from the catalogue's text for the "
            "service, in the business's language: adapt it to the case."
        ),
        required=False,
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )

    CONSTRUCTIVE_FIELDS = ("provisions", "way_forward", "alternatives", "complaint")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The outcomes each part belongs to: the page shows a part only for those.
        for name in PARTS:
            self.fields[name].outcomes = " ".join(outcomes_of(name))

    def clean(self):
        """The parts of other outcomes are dropped: a hidden field is never sent."""
        data = super().clean()
        data.update(parts_kept(data.get("outcome", ""), data))
        return data

    def main_fields(self):
        return [self[name] for name in ("outcome", "statement", "conditions")]

    def constructive_fields(self):
        return [self[name] for name in self.CONSTRUCTIVE_FIELDS]

    def rejection_fields(self):
        """The parts only a rejection has (how to complain also goes with conditions)."""
        return [self[name] for name in self.CONSTRUCTIVE_FIELDS if name != "complaint"]


class KesTaskForm(forms.Form):
    """KES's own task: the answer to an immediate question, or a note on the handling."""

    topic = forms.CharField(
        label=_("What is the question about?"),
        max_length=TOPIC_MAX_LENGTH,
        error_messages={"required": _("Write what the question is about.")},
    )
    answer = _long_text(
        _("The answer"),
        help_text=_("The business receives this answer, and the case closes."),
        error_messages={"required": _("Write the answer.")},
        rows=8,
    )
    note = _long_text(
        _("Note"),
        help_text=_("What was done, for the case's history."),
        required=False,
        rows=4,
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == TaskKind.IMMEDIATE_ANSWER:
            del self.fields["note"]
        else:
            del self.fields["topic"]
            del self.fields["answer"]
