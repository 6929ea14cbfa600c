"""Forms of the business pilot's work: assign a pilot, record an introduction, write a
follow-up, mark it done, close with a summary, move a portfolio.

The forms only read the input; the rules live in the services (``cases.services.pilots``,
``portfolio``, ``follow_ups``), whose field messages the views put on the form.
"""

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..constants import MESSAGE_MAX_LENGTH
from ..services.follow_ups import FOLLOW_UP_MAX_DAYS_AHEAD
from ..services.pilots import CONTACT_MAX_LENGTH, PHONE_MAX_LENGTH, SUMMARY_MAX_LENGTH
from .work import DATE_INPUT_FORMATS, DatePickerInput

DATE_HELP = _("Write the date as dd/mm/yyyy, e.g. 31/05/2026.")
DATE_INVALID = _("Write a real date as dd/mm/yyyy, e.g. 31/05/2026.")


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _pilot_label(user) -> str:
    count = getattr(user, "open_cases", 0)
    cases = ngettext("%(count)d open case", "%(count)d open cases", count) % {"count": count}
    return f"{_user_name(user)} ({cases})"


class _UserChoiceField(forms.TypedChoiceField):
    """A choice of users by id; the view passes the candidates (one query)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", int)
        super().__init__(*args, **kwargs)


class PilotAssignForm(forms.Form):
    pilot = _UserChoiceField(
        label=_("Business pilot"),
        help_text=_("Each pilot is shown with the number of open cases in their portfolio."),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a business pilot."),
            "invalid_choice": _("Choose one of the business pilots."),
        },
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {user.pk: user for user in candidates}
        self.fields["pilot"].choices = [(pk, _pilot_label(u)) for pk, u in self.candidates.items()]

    def chosen(self):
        return self.candidates[self.cleaned_data["pilot"]]


class IntroductionForm(forms.Form):
    department_id = forms.TypedChoiceField(
        label=_("Department"),
        coerce=int,
        error_messages={
            "required": _("Choose the department."),
            "invalid_choice": _("Choose one of the departments of the case."),
        },
    )
    contact_name = forms.CharField(
        label=_("Contact person in the department"),
        max_length=CONTACT_MAX_LENGTH,
        error_messages={"required": _("Write whom the business was put in touch with.")},
    )
    contact_email = forms.CharField(label=_("Their e-mail"), required=False, max_length=254)
    contact_phone = forms.CharField(
        label=_("Their phone"), required=False, max_length=PHONE_MAX_LENGTH
    )
    introduced_on = forms.DateField(
        label=_("Introduced on"),
        help_text=DATE_HELP,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Give the date of the introduction."),
            "invalid": DATE_INVALID,
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, departments=(), today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department_id"].choices = [("", "–")] + [(d.pk, d.name) for d in departments]
        self.fields["introduced_on"].widget = DatePickerInput(
            min_date=today - timedelta(days=365), max_date=today
        )


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("What to follow up"),
        help_text=_('For example "Call the department about the task".'),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what to follow up.")},
    )
    task_id = forms.TypedChoiceField(
        label=_("About the task"), coerce=int, required=False, empty_value=None
    )
    due_on = forms.DateField(
        label=_("Due"),
        help_text=DATE_HELP,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Give the date the follow-up is due."),
            "invalid": DATE_INVALID,
        },
    )

    def __init__(self, *args, tasks=(), today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_id"].choices = [("", _("The case as a whole"))] + [
            (t.pk, f"{t.department.name}: {t.case_service.service.name}")
            for t in tasks
            if t.case_service_id
        ]
        self.fields["due_on"].widget = DatePickerInput(
            min_date=today, max_date=today + timedelta(days=FOLLOW_UP_MAX_DAYS_AHEAD)
        )


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What came of it"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PilotCloseForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary to the business"),
        help_text=_(
            "A few lines on the whole case. The combined decision letter carries it, with "
            "your contact details."
        ),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a short summary to the business.")},
    )


class PortfolioReassignForm(forms.Form):
    from_pilot = _UserChoiceField(
        label=_("The pilot who leaves"),
        error_messages={
            "required": _("Choose the pilot whose cases move."),
            "invalid_choice": _("Choose one of the business pilots."),
        },
    )
    to_pilot = _UserChoiceField(
        label=_("The pilot who takes over"),
        error_messages={
            "required": _("Choose one of the business pilots."),
            "invalid_choice": _("Choose one of the business pilots."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, leaving=(), candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Who leaves may no longer be a pilot (deactivated): whoever holds open cases.
        self.leaving = {user.pk: user for user in leaving}
        self.candidates = {user.pk: user for user in candidates}
        self.fields["from_pilot"].choices = [("", "–")] + [
            (pk, _pilot_label(u)) for pk, u in self.leaving.items()
        ]
        self.fields["to_pilot"].choices = [("", "–")] + [
            (pk, _pilot_label(u)) for pk, u in self.candidates.items()
        ]

    def users(self) -> dict:
        return {
            "from_pilot": self.leaving[self.cleaned_data["from_pilot"]],
            "to_pilot": self.candidates[self.cleaned_data["to_pilot"]],
            "reason": self.cleaned_data["reason"],
        }
