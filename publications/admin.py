"""The network's sites in the admin. Administrators add, change and take publications off
the air; a new row answers on its domain at once (publications/hosts.py), no restart."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from .models import Publication, is_administrator


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "is_live", "is_default", "time_zone"]
    list_filter = ["is_live"]
    search_fields = ["name", "domain", "aliases"]
    readonly_fields = ["is_default"]
    filter_horizontal = ["members"]
    fieldsets = [
        (None, {"fields": ["name", "tagline", "domain", "aliases", "is_live", "is_default"]}),
        ("Masthead", {"fields": ["logo", "default_image", "time_zone"]}),
        ("Robots", {"fields": ["robots_rules"]}),
        (
            "Desk",
            {
                "fields": ["members"],
                "description": "The staff whose role applies to this publication's stories. "
                "Administrators work on every publication without being listed.",
            },
        ),
    ]

    # Administrators alone manage the network, whatever permissions a group carries.

    def has_module_permission(self, request):
        return is_administrator(request.user) and request.user.is_active

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        # The default publication answers for a single-site install's hosts: it stays.
        if obj is not None and obj.is_default:
            return False
        return self.has_module_permission(request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
