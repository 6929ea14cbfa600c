"""The portal's e-mails in one shape: a subject and a body template (``<name>_subject.txt``
and ``<name>.txt``) rendered in the reader's language, sent from the portal's address. The
subject's template may span lines for readability; it is sent as one line."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def mail_build(
    *, template: str, context: dict, language: str, to: list[str], reply_to: list[str] | None = None
) -> EmailMessage:
    """The mail of ``template`` in ``language``; the caller attaches files and sends it."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )


def business_mail_send(*, case, template: str, context: dict, language: str | None = None) -> None:
    """Send the mail of ``template`` to the case's business, replies going to KES; in
    ``language``, else the case's language, else the business's."""
    if language is None:
        language = case.language or case.business.language
    mail_build(
        template=template,
        context=context,
        language=language,
        to=[case.business.email],
        reply_to=[settings.KES_CONTACT["email"]],
    ).send()
