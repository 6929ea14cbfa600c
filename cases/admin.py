from django.contrib import admin

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


class BusinessMembershipInline(admin.TabularInline):
    model = BusinessMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["cvr", "name", "email", "language", "created_at"]
    search_fields = ["cvr", "name", "email"]
    list_filter = ["language"]
    inlines = [BusinessMembershipInline]


class _ReadOnlyInline(admin.TabularInline):
    """Cases are written by cases.services only; the admin shows them."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
class CaseAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The audit trail keeps every case.
        return False
