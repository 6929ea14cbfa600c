"""Forms of the staff case pages: the list's filters, a message to the business, a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import MESSAGE_MAX_LENGTH, CaseStatus, Track
from .fields import MultipleFileField


class StaffCaseFilterForm(forms.Form):
    """The list's filters (GET); a value that is not a choice is ignored with its error."""

    q = forms.CharField(
        label=_("Search"),
        help_text=_("Reference, CVR number or business name."),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "class": "input-width-xl"}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + CaseStatus.choices, required=False
    )
    track = forms.ChoiceField(
        label=_("Track"), choices=[("", _("All"))] + Track.choices, required=False
    )

    def filters(self) -> dict[str, str]:
        cleaned = self.cleaned_data if self.is_valid() else {}
        return {name: cleaned.get(name) or "" for name in ("q", "status", "track")}


class StaffMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message to the business"),
        help_text=_("The business is notified and can read the message under My cases."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a message.")},
    )
    files = MultipleFileField(
        label=_("Attach files"),
        help_text=_("PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX). You can choose several."),
        required=False,
    )


class StaffNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        help_text=_("Only staff can read notes. The business never sees them."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a note.")},
    )


class TrackOverrideForm(forms.Form):
    """KES staff move a case to another track, saying why (the reason is audited)."""

    track = forms.ChoiceField(
        label=_("New track"),
        choices=[(value, label) for value, label in Track.choices if value != Track.IMMEDIATE],
        error_messages={"required": _("Choose another track.")},
    )
    reason = forms.CharField(
        label=_("Why the track changes"),
        help_text=_("Kept on the case and in the audit trail."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the track changes.")},
    )
