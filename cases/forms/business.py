"""Forms of the business's case pages: a message, an answer to a request, satisfaction.

The forms check what a browser can get wrong (nothing written, a score outside the
scale); the services check the rest (file types and sizes, a closed case, a second
answer) and their errors are put back on these forms by ``add_service_errors``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import MESSAGE_MAX_LENGTH, SATISFACTION_SCORES
from .fields import MultipleFileField

FILES_HELP = _(
    "You can choose several files. Allowed types: PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX)."
)


def _text_field(label, required_message, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": required_message},
    )


class MessageForm(forms.Form):
    text = _text_field(_("Your message"), _("Write a message."))
    files = MultipleFileField(label=_("Attach files"), help_text=FILES_HELP, required=False)


class AnswerForm(forms.Form):
    text = _text_field(
        _("Your answer"),
        _("Write your answer."),
        _("Answer what is asked for, and attach the documents below."),
    )
    files = MultipleFileField(label=_("Attach files"), help_text=FILES_HELP, required=False)


SCORE_LABELS = {
    1: _("1 – Very dissatisfied"),
    2: _("2 – Dissatisfied"),
    3: _("3 – Neither satisfied nor dissatisfied"),
    4: _("4 – Satisfied"),
    5: _("5 – Very satisfied"),
}


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how your case was handled?"),
        choices=[(score, SCORE_LABELS[score]) for score in SATISFACTION_SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 1 to 5."),
            "invalid_choice": _("Choose a number from 1 to 5."),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("What went well, and what could we do better?"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
