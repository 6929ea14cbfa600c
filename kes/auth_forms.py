from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils import translation


class PasswordResetForm(DjangoPasswordResetForm):
    """Writes the reset mail in the language the person chose, not the page's."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
