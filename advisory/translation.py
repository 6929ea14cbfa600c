from modeltranslation.translator import TranslationOptions, register

from .models import Course


@register(Course)
class CourseTranslation(TranslationOptions):
    # Both languages required: a course calendar in English must not show Danish titles.
    fields = ("title", "description", "keywords")
    required_languages = {"da": ("title", "description"), "en": ("title", "description")}
