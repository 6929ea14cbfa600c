from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Administration, Department, DepartmentMembership, ExternalAuthority


@admin.register(Administration)
class AdministrationAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_da", "name_en"]


class MembershipInline(admin.TabularInline):
    model = DepartmentMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(TranslationAdmin):
    list_display = ["code", "name", "administration", "email"]
    list_filter = ["administration"]
    list_select_related = ["administration"]
    search_fields = ["code", "name_da", "name_en"]
    inlines = [MembershipInline]


@admin.register(ExternalAuthority)
class ExternalAuthorityAdmin(TranslationAdmin):
    list_display = ["code", "name", "url_hint"]
    search_fields = ["code", "name_da", "name_en"]
