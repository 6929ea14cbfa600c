from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_mixins import ViewOnlyAdminMixin
from .models import Notification, User
from .services import notifications_retry


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("language",)}),
    )
    list_display = ["username", "email", "first_name", "last_name", "language", "is_staff"]


@admin.register(Notification)
class NotificationAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """The outbox, for operators: what waits, what failed and why. Rows are written by the
    events that cause them; the one thing to do here is to send a row again."""

    list_display = ["key", "kind", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["key", "recipient"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    @admin.action(description=_("Send again now"), permissions=["view"])
    def send_again(self, request, queryset):
        count = notifications_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(count)d set to be sent again.") % {"count": count})
