"""Forms of the advice pages. They check the shape of what is typed; what it means (a
free seat, a valid CVR, a free slot) is the services' to say, shown on the form."""

from collections.abc import Callable
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kes.constants import Language

from .constants import Topic

ANY = [("", _("All"))]
# Dates outside these cannot be meant, and the first and last days of the calendar cannot
# even be converted to UTC.
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


class DateField(forms.DateField):
    """A date picker field that refuses dates no one can mean."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(
            validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)], **kwargs
        )


ONLINE = "online"


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's errors on the form; keys the form does not have go to its top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields else None, texts)


def form_saved(form: forms.Form, write: Callable[[dict], object]):
    """Validate, then call one service; its ValidationError lands on the form. The
    service's result, or None when the form or the service refused."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def called(request, write: Callable[[], object]):
    """One service call behind a button; its refusal becomes an error message on the page.
    The service's result, or None when it refused."""
    try:
        return write()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None


class CalendarFilterForm(forms.Form):
    """The course calendar's filters (a GET form: a bad value is ignored, not an error)."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    day = DateField(
        label=_("From date"),
        required=False,
        help_text=_("For example 2027-03-01"),
    )

    def __init__(self, data, *, hubs):
        super().__init__(data)
        self.fields["topic"].choices = ANY + list(Topic.choices)
        self.fields["language"].choices = ANY + list(Language.choices)
        self.fields["place"].choices = (
            ANY + [(str(hub.pk), hub.name) for hub in hubs] + [(ONLINE, _("Online"))]
        )

    def filters(self) -> dict:
        if not self.is_valid():
            return {
                key: self.cleaned_data.get(key) for key in self.fields if key not in self.errors
            }
        return self.cleaned_data


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    cvr = forms.CharField(
        label=_("CVR number"),
        max_length=20,
        required=False,
        help_text=_("Leave it empty if you have not started your business yet."),
    )


class SignUpForm(PersonForm):
    pass


class BookingForm(PersonForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    description = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 is very useful, 1 is not useful."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RescheduleForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("New time"), coerce=int)

    def __init__(self, data=None, *, slots):
        super().__init__(data)
        self.fields["slot"].choices = [(s.pk, s.label) for s in slots]


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("Who came"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data=None, *, seated):
        super().__init__(data)
        self.fields["attended"].choices = [(r.pk, r.name) for r in seated]
        self.fields["attended"].initial = [r.pk for r in seated if r.attended]


class NoteForm(forms.Form):
    attended = forms.BooleanField(label=_("The person came"), required=False)
    text = forms.CharField(
        label=_("Note (only advisors see it)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    follow_up = forms.CharField(
        label=_("Follow-up actions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case_reference = forms.CharField(
        label=_("Case created by referral"),
        max_length=30,
        required=False,
        help_text=_("The reference of the case opened in the one entrance, e.g. KES-2026-000123."),
    )


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class AvailabilityForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    slot_minutes = forms.IntegerField(
        label=_("Minutes per slot"), initial=60, min_value=15, max_value=240
    )
    valid_until = DateField(label=_("Last day"), required=False)


class ExceptionForm(forms.Form):
    day = DateField(label=_("Date"))
    start_time = forms.TimeField(
        label=_("From"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Leave both times empty for the whole day."),
    )
    end_time = forms.TimeField(
        label=_("To"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class OutreachForm(forms.Form):
    hub = forms.TypedChoiceField(label=_("Partner hub"), coerce=int)
    visited_on = DateField(label=_("Date"))
    businesses_met = forms.IntegerField(label=_("Businesses met"), min_value=0, max_value=10_000)
    businesses = forms.CharField(
        label=_("Which businesses"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics raised"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, hubs):
        super().__init__(data)
        self.fields["hub"].choices = [(h.pk, h.name) for h in hubs]


class SurvivalForm(forms.Form):
    cvr = forms.CharField(label=_("CVR number"), max_length=20)
    name = forms.CharField(label=_("Name of the business"), max_length=200, required=False)
    started_year = forms.IntegerField(
        label=_("Year the business started"), min_value=1990, max_value=2100
    )
    year = forms.IntegerField(label=_("Year checked"), min_value=1990, max_value=2100)
    active = forms.BooleanField(label=_("Still active in CVR"), required=False)


class PeriodForm(forms.Form):
    first = DateField(label=_("From"), required=False)
    last = DateField(label=_("To"), required=False)
