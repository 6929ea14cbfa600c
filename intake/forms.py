"""Forms of the application wizard; one thing per page."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import DESCRIPTION_MAX_LENGTH, TOPIC_MAX_LENGTH, Channel, ShownTopic
from cases.validators import normalise_cvr, validate_cvr

# The question forms live in answer_forms; the wizard imports them from here too.
from .answer_forms import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DatePickerInput,
    answers_form_class,
    answers_initial,
    answers_to_json,
)


class ServicesForm(forms.Form):
    services = forms.MultipleChoiceField(
        label=_("What do you want to apply for or ask about?"),
        help_text=_("Choose one or more. You can apply for several permits in one go."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one service.")},
    )

    def __init__(self, *args, services=(), businesses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(s.code, s.name) for s in services]
        if businesses is not None and len(businesses) > 1:
            self.fields["business"] = forms.ModelChoiceField(
                label=_("Which business is applying?"),
                queryset=businesses,
                empty_label=None,
                error_messages={"required": _("Choose which business is applying")},
            )
            self.order_fields(["business", "services"])


class DetailsForm(forms.Form):
    description = forms.CharField(
        label=_("Describe your project"),
        help_text=_("What, where and when – the more we know, the faster we can answer."),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe your project")},
    )
    help_requested = forms.BooleanField(
        label=_("I would like help from Copenhagen Business Service with my application"),
        required=False,
    )
    star_meeting_requested = forms.BooleanField(
        label=_("I would like a joint meeting with all the departments involved (star meeting)"),
        required=False,
    )


class DocumentForm(forms.Form):
    document_code = forms.ChoiceField(label=_("Which document is it?"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX)."),
        error_messages={
            "required": _("Choose the file to upload"),
            "empty": _("The chosen file is empty"),
        },
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_code"].choices = [(d.code, d.name) for d in documents] + [
            ("", _("Other document"))
        ]
        self.fields["document_code"].required = False


class StaffBusinessForm(forms.Form):
    cvr = forms.CharField(
        label=_("CVR number of the business"),
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Enter the CVR number of the business")},
    )
    name = forms.CharField(
        label=_("Business name"),
        max_length=200,
        required=False,
        help_text=_("Only needed when the business is new to the portal."),
    )
    email = forms.EmailField(
        label=_("Contact e-mail of the business"),
        required=False,
        help_text=_("Only needed when the business is new to the portal."),
    )

    def clean_cvr(self):
        cvr = normalise_cvr(self.cleaned_data["cvr"])
        validate_cvr(cvr)
        return cvr


class StaffChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did the business contact us?"),
        choices=[(Channel.COUNTER, _("At the counter")), (Channel.PHONE, _("By phone"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the business contacted us")},
    )
    received_on = forms.DateField(
        label=_("Date the application was received"),
        # Only the channels offered above: a date before today is for a call or a visit
        # at the counter that is registered later.
        help_text=_(
            "Leave empty for today. If the business phoned or came to the counter on an "
            "earlier day, give that day's date."
        ),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DatePickerInput(),
        error_messages={
            "invalid": _("Enter the received date as a real date, for example 31/12/2026")
        },
    )

    def clean_received_on(self):
        # The same bounds as case_submit's, so staff hear of them at this step, not at the end.
        value = self.cleaned_data.get("received_on")
        days_back = settings.KES_RECEIVED_MAX_DAYS_BACK
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The received date cannot be in the future."))
        if value and value < timezone.localdate() - datetime.timedelta(days=days_back):
            raise forms.ValidationError(
                _("The received date can be at most %(days)d days back.") % {"days": days_back}
            )
        return value


# The case records these codes; one list, so the form and the check at submit agree.
SHOWN_TOPICS = ShownTopic.choices


class ShownTopicsForm(forms.Form):
    shown_topics = forms.MultipleChoiceField(
        label=_("What did you show the business, so it can do it itself next time?"),
        choices=SHOWN_TOPICS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class QuickAnswerForm(forms.Form):
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX_LENGTH,
        error_messages={"required": _("Enter the topic of the answer")},
    )
    text = forms.CharField(
        label=_("The answer given"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the answer you gave")},
    )
