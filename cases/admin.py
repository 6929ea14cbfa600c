"""The admin shows businesses and cases; what it writes goes through cases.services.

Cases and their records (services, reasons, documents, tasks, letters and the audit trail)
are written by the services only and are read-only here, and so are the viewflow processes
and tasks that carry them through the departments. A business is added with
``business_create`` and its first users with ``business_user_add``; afterwards it is shown,
not edited, since no service changes or removes a business.
"""

from django.contrib import admin
from viewflow.workflow.admin import ProcessAdmin, TaskAdmin
from viewflow.workflow.models import Process, Task

from kes.admin_mixins import ViewOnlyAdminMixin

from .models import (
    Business,
    BusinessMembership,
    Case,
    CaseDocument,
    CaseEvent,
    CaseReason,
    CaseService,
    DepartmentTask,
    Letter,
)
from .services import business_create, business_user_add


class BusinessMembershipInline(admin.TabularInline):
    model = BusinessMembership
    fields = ["user", "is_admin"]
    extra = 0
    can_delete = False
    autocomplete_fields = ["user"]


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["cvr", "name", "email", "language", "created_at"]
    search_fields = ["cvr", "name", "email"]
    list_filter = ["language"]
    inlines = [BusinessMembershipInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Cases refer to the business, and the audit trail keeps every case.
        return False

    def save_model(self, request, obj, form, change):
        fields = ["cvr", "name", "email", "address", "postcode", "city", "phone", "language"]
        created = business_create(**{name: form.cleaned_data[name] for name in fields})
        # The inlines and the admin's log and redirect use the object the form built.
        for field in Business._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            data = getattr(row, "cleaned_data", None)
            if data and data.get("user") and not data.get("DELETE"):
                formset.new_objects.append(
                    business_user_add(
                        business=form.instance, user=data["user"], is_admin=data["is_admin"]
                    )
                )


class _ReadOnlyInline(ViewOnlyAdminMixin, admin.TabularInline):
    """Cases are written by cases.services only; the admin shows them."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        # All shown fields: a form field for a non-editable one (a Letter's created_at) is
        # a FieldError, and nothing of a case is changed here anyway.
        return self.fields


class CaseServiceInline(_ReadOnlyInline):
    model = CaseService
    fields = ["service", "answers", "target_days", "target_unit"]


class CaseReasonInline(_ReadOnlyInline):
    model = CaseReason
    fields = ["code", "text_da", "text_en"]


class CaseDocumentInline(_ReadOnlyInline):
    model = CaseDocument
    fields = ["required_document_code", "original_name", "content_type", "size", "uploaded_at"]


class LetterInline(_ReadOnlyInline):
    model = Letter
    fields = ["kind", "language", "created_at", "sent_at"]


class DepartmentTaskInline(_ReadOnlyInline):
    model = DepartmentTask
    fields = ["department", "kind", "status", "assignee", "deadline", "paused_units"]


class CaseEventInline(_ReadOnlyInline):
    model = CaseEvent
    fields = ["at", "kind", "actor", "data", "note"]


@admin.register(Case)
class CaseAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    # The audit trail keeps every case: nothing is added, changed or deleted here.
    list_display = ["reference", "business", "track", "status", "channel", "received_at"]
    list_filter = ["track", "status", "channel", "language"]
    search_fields = ["reference", "business__cvr", "business__name"]
    list_select_related = ["business"]
    date_hierarchy = "received_at"
    inlines = [
        CaseServiceInline,
        CaseReasonInline,
        CaseDocumentInline,
        DepartmentTaskInline,
        LetterInline,
        CaseEventInline,
    ]


# A process or task changed by hand no longer matches its case: the flow would stall or
# act twice. The flows and the services move them.
admin.site.unregister(Process)
admin.site.unregister(Task)


@admin.register(Process)
class FlowProcessAdmin(ViewOnlyAdminMixin, ProcessAdmin):
    pass


@admin.register(Task)
class FlowTaskAdmin(ViewOnlyAdminMixin, TaskAdmin):
    pass
