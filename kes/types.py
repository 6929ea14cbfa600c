"""Types for views: a request whose user has logged in."""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required`` or ``role_required``: its user is a
    ``kes.User``, never ``AnonymousUser``. For type checkers; views receive a plain
    ``HttpRequest`` at run time."""

    user: User
