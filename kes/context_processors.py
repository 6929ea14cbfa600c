from django.conf import settings

from .access import is_staff_user
from .selectors import notices_unread_count


def portal(request):
    user = getattr(request, "user", None)
    staff = bool(user and is_staff_user(user))
    return {
        "kes_contact": settings.KES_CONTACT,
        "is_staff_user": staff,
        "unread_notices": _unread_count(user) if staff else 0,
    }


def _unread_count(user):
    """A callable the template calls only where the header shows it, counting once per
    request (the header shows it twice: the desktop and the mobile menu) on the partial
    index of unread notices."""
    counted: list[int] = []

    def unread_notices() -> int:
        if not counted:
            counted.append(notices_unread_count(user=user))
        return counted[0]

    return unread_notices
