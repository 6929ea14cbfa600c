from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders ``{{ form }}`` and ``{{ field.as_field_group }}`` with the portal's templates."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
