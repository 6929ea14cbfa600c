"""Checks of what people type, shared by the registration and booking services: the same
messages for the pages and the API."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr

from kes.constants import Language
from kes.untrusted import text_problem


def clean_text(field: str, value: object, *, max_length: int, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValidationError({field: _("Enter text.")})
    problem = text_problem(value)
    if problem:
        raise ValidationError({field: problem})
    value = value.strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": max_length}})
    return value


def clean_person(*, name: object, email: object, cvr: object, language: object) -> dict:
    """Name, e-mail, optional CVR and language of a person who signs up; every problem at once."""
    errors: dict[str, list[str]] = {}
    data: dict[str, str] = {}
    for field, value, limit, required in (
        ("name", name, 200, True),
        ("email", email, 254, True),
        ("cvr", cvr, 20, False),
    ):
        try:
            data[field] = clean_text(field, value, max_length=limit, required=required)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if "email" in data:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    if data.get("cvr"):
        compact = stdnum_cvr.compact(data["cvr"])
        if not stdnum_cvr.is_valid(compact):
            errors["cvr"] = [_("This is not a valid CVR number: check the 8 digits.")]
        data["cvr"] = compact
    if language not in Language.values:
        errors["language"] = [_("Choose Danish or English.")]
    if errors:
        raise ValidationError(errors)
    data["email"] = data["email"].lower()
    data["language"] = language
    return data
