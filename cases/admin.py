from django.contrib import admin

from .models import Business, BusinessMembership


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
