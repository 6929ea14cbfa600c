from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Administration, Department, DepartmentMembership, ExternalAuthority
from .services import membership_set


@admin.register(Administration)
class AdministrationAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_da", "name_en"]


class MembershipForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A membership is (user, department): another person is a new row, not an edit.
        if self.instance.pk:
            self.fields["user"].disabled = True


class MembershipInline(admin.TabularInline):
    """Memberships are written by ``membership_set``; no service removes one yet."""

    model = DepartmentMembership
    form = MembershipForm
    fields = ["user", "role"]
    extra = 0
    can_delete = False
    autocomplete_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(TranslationAdmin):
    list_display = ["code", "name", "administration", "email"]
    list_filter = ["administration"]
    list_select_related = ["administration"]
    search_fields = ["code", "name_da", "name_en"]
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not DepartmentMembership:
            return super().save_formset(request, form, formset, change)
        # What the admin's change message reads, as formset.save() would have set it.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            data = getattr(row, "cleaned_data", None)
            if not data or not data.get("user") or not row.has_changed():
                continue
            adding = row.instance.pk is None
            membership = membership_set(
                user=data["user"], department=form.instance, role=data["role"]
            )
            if adding:
                formset.new_objects.append(membership)
            else:
                formset.changed_objects.append((membership, row.changed_data))


@admin.register(ExternalAuthority)
class ExternalAuthorityAdmin(TranslationAdmin):
    list_display = ["code", "name", "url_hint"]
    search_fields = ["code", "name_da", "name_en"]
