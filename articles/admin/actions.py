"""Bulk actions on the story list, every one through the workflow services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from .. import services


class StoryActionsMixin:
    actions = ["submit_for_review", "publish_now", "unpublish", "archive"]

    def _each(self, request, queryset, action, done):
        ok = 0
        for article in queryset:
            try:
                action(article=article, user=request.user)
                ok += 1
            except (PermissionDenied, services.TransitionError) as exc:
                self.message_user(request, f"{article}: {exc}", messages.ERROR)
        if ok:
            self.message_user(request, f"{ok} {'story' if ok == 1 else 'stories'} {done}.")

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._each(request, queryset, services.article_submit, "submitted for review")

    @admin.action(
        description="Publish selected stories (a source's date is kept)", permissions=["publish"]
    )
    def publish_now(self, request, queryset):
        self._each(request, queryset, services.article_publish, "published")

    @admin.action(description="Unpublish selected stories", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.article_unpublish, "unpublished")

    @admin.action(description="Archive selected stories", permissions=["publish"])
    def archive(self, request, queryset):
        self._each(request, queryset, services.article_archive, "archived")
