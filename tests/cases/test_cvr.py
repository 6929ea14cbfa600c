import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.models import Business
from cases.services import business_create
from cases.validators import normalise_cvr, validate_cvr


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("cvr", ["12345607", "24681351", "31415926", "55667780"])
def test_valid_cvr_numbers_pass(cvr):
    validate_cvr(cvr)


@pytest.mark.parametrize(
    "cvr,code,message",
    [
        ("12345608", "cvr_checksum", "check the digits"),
        ("1234560", "cvr_length", "exactly 8 digits"),
        ("123456070", "cvr_length", "exactly 8 digits"),
        ("", "cvr_length", "exactly 8 digits"),
        ("1234560A", "cvr_format", "only digits"),
        ("02345607", "cvr_format", "only digits"),
    ],
)
def test_invalid_cvr_numbers_give_a_clear_message(cvr, code, message):
    with pytest.raises(ValidationError) as exc:
        validate_cvr(cvr)
    assert exc.value.code == code
    assert message in str(exc.value.messages[0])


@pytest.mark.parametrize("raw", ["12 34 56 07", "DK12345607", " 12345607 "])
def test_cvr_is_normalised_as_people_write_it(raw):
    assert normalise_cvr(raw) == "12345607"


@pytest.mark.parametrize("cvr", ["12345608", "1234567", "abcdefgh"])
def test_business_with_bad_cvr_is_not_stored(db, cvr):
    with pytest.raises(ValidationError):
        business_create(cvr=cvr, name="Forkert ApS", email="x@example.invalid")
    assert not Business.objects.exists()


def test_second_business_with_same_cvr_is_refused(db):
    business_create(cvr="12345607", name="Demo Café ApS", email="a@example.invalid")
    with pytest.raises(ValidationError) as exc:
        business_create(cvr="DK 12345607", name="Kopi ApS", email="b@example.invalid")
    assert "cvr" in exc.value.message_dict
    assert Business.objects.count() == 1
