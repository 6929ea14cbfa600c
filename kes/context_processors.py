from django.conf import settings

from .access import is_staff_user
from .selectors import notices_unread_count


def portal(request):
    user = getattr(request, "user", None)
    staff = bool(user and is_staff_user(user))
    return {
        "kes_contact": settings.KES_CONTACT,
        "is_staff_user": staff,
        # A callable: the template calls it only where the header shows it (one count query
        # on the partial index of unread notices).
        "unread_notices": (lambda: notices_unread_count(user=user)) if staff else 0,
    }
