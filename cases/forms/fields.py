"""What the case forms share: several files in one input, and a service's errors on a form."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError

from ..uploads import ACCEPT


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files (none when optional), cleaned one by one; the services check
    their types and sizes (``cases.uploads``). The file picker offers the allowed types
    first, which helps people choose but proves nothing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = data if isinstance(data, list | tuple) else [data]
        uploads = [upload for upload in uploads if upload]
        if not uploads:
            return [single(None, initial)] if self.required else []
        return [single(upload, initial) for upload in uploads]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ``ValidationError({field: [messages]})`` shown on the form; fields the
    form does not have go to the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


def form_saved(form: forms.Form, write: Callable[[dict], object]) -> bool:
    """Validate ``form`` and, when it is valid, call ``write(form.cleaned_data)`` (one
    service). A service's ValidationError lands on the form. True when it was written."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True
