"""The administrator maintains courses, their sessions and the partner hubs; registrations
and bookings are the services' (seats are counted under a lock), so they are read-only here."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import CounsellingBooking, Course, PartnerHub, Registration, Session


@admin.register(PartnerHub)
class PartnerHubAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "address"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["starts_at", "ends_at", "hub", "online_url", "capacity", "offer_hours", "cancelled"]


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["title", "kind", "topic", "language", "active"]
    list_filter = ["kind", "topic", "language", "active"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_at", "hub", "capacity", "cancelled"]
    list_select_related = ["course", "hub"]
    filter_horizontal = ["advisors"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "session", "status", "created_at"]
    list_select_related = ["session__course"]
    list_filter = ["status"]


@admin.register(CounsellingBooking)
class CounsellingBookingAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "slot", "status"]
    list_select_related = ["slot__advisor"]
    list_filter = ["status"]
