from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import FAQ, Question, QuestionChoice, RequiredDocument, Rule, Service


class RequiredDocumentInline(TranslationTabularInline):
    model = RequiredDocument
    extra = 0


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    show_change_link = True


class RuleInline(TranslationStackedInline):
    model = Rule
    extra = 0
    filter_horizontal = ["add_departments", "add_authorities"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the questions of the service being edited may drive its rules.
        if db_field.name == "question":
            service_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Question.objects.filter(service_id=service_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FAQInline(TranslationStackedInline):
    model = FAQ
    extra = 0


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "complexity",
        "immediate",
        "self_service",
        "target_days",
        "target_unit",
        "is_active",
    ]
    list_filter = ["kind", "complexity", "immediate", "self_service", "is_active", "departments"]
    search_fields = [
        "code",
        "name_da",
        "name_en",
        "synonyms_da",
        "synonyms_en",
        "keywords_da",
        "keywords_en",
    ]
    filter_horizontal = ["departments", "external_authorities"]
    inlines = [RequiredDocumentInline, QuestionInline, RuleInline, FAQInline]


class QuestionChoiceInline(TranslationTabularInline):
    model = QuestionChoice
    extra = 0


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ["service", "code", "label", "type", "required"]
    list_select_related = ["service"]
    list_filter = ["type", "service"]
    search_fields = ["code", "label_da", "label_en", "service__code"]
    inlines = [QuestionChoiceInline]
