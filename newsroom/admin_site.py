"""The admin site of the newsroom: Django's, with the editors' desk as its index page."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class NewsroomAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        from articles.admin.dashboard import desk_blocks, desk_publications

        context = {
            "desk_blocks": desk_blocks(request),
            "desk_publications": desk_publications(request),
            **(extra_context or {}),
        }
        return super().index(request, context)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
