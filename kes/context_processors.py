from django.conf import settings

from .access import is_staff_user


def portal(request):
    user = getattr(request, "user", None)
    return {
        "kes_contact": settings.KES_CONTACT,
        "is_staff_user": bool(user and is_staff_user(user)),
    }
