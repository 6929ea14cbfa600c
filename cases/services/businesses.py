"""Writes for businesses and the people who act for them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kes.constants import Language

from ..models import Business, BusinessMembership
from ..validators import normalise_cvr, validate_cvr


@transaction.atomic
def business_create(
    *,
    cvr: str,
    name: str,
    email: str,
    address: str = "",
    postcode: str = "",
    city: str = "",
    phone: str = "",
    language: str = Language.DA,
) -> Business:
    cvr = normalise_cvr(cvr)
    validate_cvr(cvr)
    business = Business(
        cvr=cvr,
        name=name.strip(),
        email=email,
        address=address,
        postcode=postcode,
        city=city,
        phone=phone,
        language=language,
    )
    business.full_clean()
    try:
        with transaction.atomic():
            business.save()
    except IntegrityError as exc:  # a concurrent registration of the same CVR
        raise ValidationError(
            {"cvr": _("A business with this CVR number already exists.")}
        ) from exc
    return business


@transaction.atomic
def business_user_add(*, business: Business, user, is_admin: bool = False) -> BusinessMembership:
    membership, _created = BusinessMembership.objects.get_or_create(
        business=business, user=user, defaults={"is_admin": is_admin}
    )
    return membership


@transaction.atomic
def business_account_register(
    *,
    username: str,
    password: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    language: str = Language.DA,
    business: dict,
):
    """Register a person and the business they act for, with local credentials.

    A CVR number that is already registered is refused: without MitID Erhverv we cannot
    tell that the person may act for it, so the existing business's administrator (or KES)
    has to add them.
    """
    User = get_user_model()
    cvr = normalise_cvr(business["cvr"])
    if Business.objects.filter(cvr=cvr).exists():
        raise ValidationError(
            {
                "cvr": _(
                    "This business is already registered. Ask its administrator in the "
                    "portal or KES to give you access."
                )
            }
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
    )
    user.set_password(password)
    user.save()
    created = business_create(language=language, **{**business, "cvr": cvr})
    business_user_add(business=created, user=user, is_admin=True)
    return user
