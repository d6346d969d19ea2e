from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm

from linli.core.accounts import password_changed
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


class PasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "change password" form: the account's API tokens go with the old password."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            password_changed(user=user, reason="django-admin")
        return user


class UserAdmin(DjangoUserAdmin):
    change_password_form = PasswordChangeForm


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserAdmin)
