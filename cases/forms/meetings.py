"""Forms of the star meeting: triage, planning, participants, checklist, minutes, outcomes,
the business's material. They only read the input; the services hold the rules."""

from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..calendar_invite import COPENHAGEN
from ..constants import MESSAGE_MAX_LENGTH, Outcome
from .fields import MultipleFileField
from .work import CONDITIONAL_FIELD_TEMPLATE, DATE_INPUT_FORMATS, DatePickerInput, DecisionForm

TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
PLAN_DAYS_OFFERED = 2 * 366


def _text(label, *, required=True, rows=4, help_text="", **extra):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        **extra,
    )


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The committee's decision"),
        choices=[
            ("approve", _("Approve: hold a star meeting")),
            ("decline", _("Decline: the case continues with a business pilot")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or decline.")},
    )
    reason = _text(
        _("Reason"),
        required=False,
        help_text=_(
            "Required when you decline: the business receives it in a letter. "
            "When you approve, a note for the case's history."
        ),
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )


def parse_attendees(text: str) -> list[dict[str, str]]:
    """One attendee a line: "Name, email", "Name <email>" or just the e-mail address."""
    attendees = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        name, sep, rest = line.partition("<")
        if not sep:
            name, sep, rest = line.rpartition(",")
        if sep:
            attendees.append({"name": name.strip(), "email": rest.rstrip(">").strip()})
        else:
            attendees.append({"name": "", "email": line})
    return attendees


def format_attendees(attendees) -> str:
    return "\n".join(
        f"{a['name']}, {a['email']}" if a.get("name") else a["email"] for a in attendees or ()
    )


def _time_field(*, label, help_text, required, invalid) -> forms.TimeField:
    """A clock time as hh:mm (also hh.mm and hhmm), shown as hh:mm."""
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(format="%H:%M"),
        help_text=help_text,
        input_formats=TIME_INPUT_FORMATS,
        error_messages={"required": required, "invalid": invalid},
    )


class MeetingPlanForm(forms.Form):
    day = forms.DateField(
        label=_("Date"),
        help_text=_("Write the date as dd/mm/yyyy, e.g. 31/10/2027."),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Give the date of the meeting."),
            "invalid": _("Write a real date as dd/mm/yyyy, e.g. 31/10/2027."),
        },
    )
    starts = _time_field(
        label=_("Starts at"),
        help_text=_("Copenhagen time, as hh:mm, e.g. 10:00."),
        required=_("Give the time the meeting starts."),
        invalid=_("Write the time as hh:mm, e.g. 10:00."),
    )
    ends = _time_field(
        label=_("Ends at"),
        help_text=_("Copenhagen time, as hh:mm, e.g. 12:00."),
        required=_("Give the time the meeting ends."),
        invalid=_("Write the time as hh:mm, e.g. 12:00."),
    )
    place = forms.CharField(
        label=_("Place"), required=False, max_length=300, help_text=_("Address and room.")
    )
    video_url = forms.CharField(
        label=_("Video link"),
        required=False,
        max_length=200,
        help_text=_("An https:// address, if the meeting is (also) held online."),
    )
    business_attendees = _text(
        _("The business's attendees"),
        required=False,
        rows=3,
        help_text=_("One a line: name and e-mail, e.g. Ida Jensen, ida@example.dk"),
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].widget = DatePickerInput(
            min_date=today, max_date=today + timedelta(days=PLAN_DAYS_OFFERED)
        )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        day = data["day"]

        def at(moment):
            return datetime(
                day.year, day.month, day.day, moment.hour, moment.minute, tzinfo=COPENHAGEN
            )

        return {
            "starts_at": at(data["starts"]),
            "ends_at": at(data["ends"]),
            "place": data["place"],
            "video_url": data["video_url"],
            "business_attendees": parse_attendees(data["business_attendees"]),
        }


class ParticipantForm(forms.Form):
    member = forms.ChoiceField(
        label=_("Participant"),
        error_messages={"required": _("Choose a participant.")},
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("Choose…"))] + [
            (
                f"{m.department_id}:{m.user_id}",
                f"{m.user.get_full_name() or m.user.username} – {m.department.name}",
            )
            for m in candidates
        ]
        self.memberships = {f"{m.department_id}:{m.user_id}": m for m in candidates}


class ChecklistItemForm(forms.Form):
    label_da = forms.CharField(label=_("What to bring (Danish)"), max_length=300)
    label_en = forms.CharField(
        label=_("What to bring (English)"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to show the Danish text."),
    )


class CancelForm(forms.Form):
    reason = _text(
        _("Why is the meeting cancelled?"),
        help_text=_("Everyone invited receives this with the cancellation."),
        error_messages={"required": _("Write why the meeting is cancelled.")},
    )


class MinutesForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Participants who attended"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendees = _text(
        _("Who attended"),
        help_text=_("Everyone present, the business's people too."),
        error_messages={"required": _("Write who attended.")},
    )
    discussion = _text(
        _("What was discussed"),
        rows=8,
        error_messages={"required": _("Write what was discussed.")},
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (
                str(p.user_id),
                " – ".join(
                    filter(
                        None,
                        [
                            p.user.get_full_name() or p.user.username,
                            p.department and p.department.name,
                        ],
                    )
                ),
            )
            for p in participants
        ]


class OutcomeForm(DecisionForm):
    """A department's outcome: a decision given at the meeting, or a follow-up."""

    department = forms.ChoiceField(label=_("Department"))
    result = forms.ChoiceField(
        label=_("What came of the meeting"),
        choices=[
            ("decided", _("The department decided at the meeting")),
            ("follow_up", _("The department follows up by a date")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision or a follow-up.")},
    )
    follow_up_text = _text(
        _("What the department follows up"),
        required=False,
        template_name=CONDITIONAL_FIELD_TEMPLATE,
        help_text=_("Required for a follow-up."),
    )
    follow_up_due_on = forms.DateField(
        label=_("Follow up by"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Required for a follow-up: the deadline agreed at the meeting, dd/mm/yyyy."),
        error_messages={"invalid": _("Write a real date as dd/mm/yyyy, e.g. 31/05/2026.")},
        template_name=CONDITIONAL_FIELD_TEMPLATE,
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(str(d.pk), d.name) for d in departments]
        for name in ("outcome", "statement"):
            self.fields[name].required = False
            self.fields[name].template_name = CONDITIONAL_FIELD_TEMPLATE
        self.fields["outcome"].choices = Outcome.choices
        today = timezone.localdate()
        self.fields["follow_up_due_on"].widget = DatePickerInput(
            min_date=today, max_date=today + timedelta(days=366)
        )

    def decision_fields(self):
        return [self[name] for name in ("outcome", "statement", "conditions")]

    def follow_up_fields(self):
        return [self["follow_up_text"], self["follow_up_due_on"]]


class MaterialUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("PDF, PNG, JPEG, DOCX or XLSX."),
    )
