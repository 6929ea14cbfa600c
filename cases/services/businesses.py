"""Writes for businesses and the people who act for them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Language, Role

from ..models import Business, BusinessMembership
from ..selectors import businesses_of
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


def _checked_cvr(cvr: str) -> str:
    cvr = normalise_cvr(cvr or "")
    if not cvr:
        raise ValidationError({"cvr": [_("Give the CVR number of the business you apply for.")]})
    try:
        validate_cvr(cvr)
    except ValidationError as exc:
        raise ValidationError({"cvr": exc.messages}) from exc
    return cvr


@transaction.atomic
def business_for_application(*, by, cvr: str = "", name: str = "", email: str = "") -> Business:
    """The business an application is made for, by the rule of who applies:

    - KES staff apply on behalf of any business: found by its CVR number, or registered
      with its name and contact e-mail when the portal does not know it yet;
    - a business user applies for a business they act for: the one with ``cvr``, or their
      only one when ``cvr`` is empty.
    Problems are a ``ValidationError`` on ``cvr`` (and on ``name``/``email`` when the new
    business's own details are wrong), with one set of messages for the web and the API.
    """
    if has_role(by, Role.KES_STAFF):
        cvr = _checked_cvr(cvr)
        business = Business.objects.filter(cvr=cvr).first()
        if business is not None:
            return business
        if not (name.strip() and email.strip()):
            raise ValidationError(
                {
                    "cvr": [
                        _(
                            "The business is not in the portal yet: give its name and contact "
                            "e-mail to register it."
                        )
                    ]
                }
            )
        return business_create(cvr=cvr, name=name, email=email)
    businesses = list(businesses_of(by))
    if cvr.strip():
        cvr = _checked_cvr(cvr)
        for business in businesses:
            if business.cvr == cvr:
                return business
        raise ValidationError({"cvr": [_("You cannot apply for this business.")]})
    if len(businesses) == 1:
        return businesses[0]
    raise ValidationError(
        {"cvr": [_("You act for several businesses: give the CVR number of the one applying.")]}
    )
