from modeltranslation.translator import TranslationOptions, register

from .models import Administration, Department, ExternalAuthority


@register(Administration)
class AdministrationTranslation(TranslationOptions):
    fields = ("name",)


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ExternalAuthority)
class ExternalAuthorityTranslation(TranslationOptions):
    fields = ("name", "guidance")
