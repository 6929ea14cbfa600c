"""CVR numbers: 8 digits with a modulus-11 check (weights 2, 7, 6, 5, 4, 3, 2, 1)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)


def normalise_cvr(value: str) -> str:
    """Strip spaces and a ``DK`` prefix, as people write CVR numbers either way."""
    return cvr.compact(value or "")


def validate_cvr(value: str) -> None:
    if not value:
        raise ValidationError(_("A CVR number has exactly 8 digits."), code="cvr_length")
    try:
        cvr.validate(value)
    except InvalidLength as exc:
        raise ValidationError(_("A CVR number has exactly 8 digits."), code="cvr_length") from exc
    except InvalidFormat as exc:
        raise ValidationError(
            _("A CVR number has only digits and does not start with 0."), code="cvr_format"
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This is not a valid CVR number: check the digits."), code="cvr_checksum"
        ) from exc
    except StdnumError as exc:
        raise ValidationError(_("This is not a valid CVR number."), code="cvr_invalid") from exc
