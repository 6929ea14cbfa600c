from modeltranslation.translator import TranslationOptions, register

from .models import FAQ, Question, QuestionChoice, RequiredDocument, Rule, Service


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "summary", "synonyms", "keywords", "complaint")


@register(RequiredDocument)
class RequiredDocumentTranslation(TranslationOptions):
    fields = ("name",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("label",)


@register(QuestionChoice)
class QuestionChoiceTranslation(TranslationOptions):
    fields = ("label",)


@register(Rule)
class RuleTranslation(TranslationOptions):
    fields = ("reason",)


@register(FAQ)
class FAQTranslation(TranslationOptions):
    fields = ("question", "answer")
