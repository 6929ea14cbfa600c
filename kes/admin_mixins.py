"""Admin building blocks every app uses."""


class ViewOnlyAdminMixin:
    """An admin (or inline) that shows rows and never adds, changes or deletes them: for
    what only services write, such as the audit trail, the flows and the outbox."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
