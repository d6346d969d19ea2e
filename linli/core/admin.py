from django.contrib import admin

from linli.core.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (the database refuses changes as well)."""

    list_display = ("at", "actor", "action", "subject_type", "subject_id", "fields", "reason", "community")
    list_filter = ("action", "community")
    search_fields = ("actor__username", "reason")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
