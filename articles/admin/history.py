"""History views of a story: compare, revert, recover. Rights first, then a service; never
django-reversion's own revert-then-check views."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from .. import services


class StoryHistoryMixin:
    def changelist_view(self, request, extra_context=None):
        # VersionAdmin wraps the changelist in one revision, so a bulk action's stories all
        # landed in it (reverting one reverted the others): each service makes its own.
        return admin.ModelAdmin.changelist_view(self, request, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show what reverting to a revision changes; on POST, revert through the service."""
        from django.contrib.admin.utils import unquote
        from django.http import Http404
        from django.shortcuts import redirect
        from reversion.models import Version

        from ..revisions import compare

        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        version = versions.filter(pk=version_id).first()
        if version is None:
            raise Http404("No such revision of this story.")
        if request.method == "POST":
            try:
                services.article_revert(article=article, version=version, user=request.user)
            except services.TransitionError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.log_change(request, article, "Reverted to an earlier revision.")
                self.message_user(request, "Reverted. The story keeps its publishing state.")
            return redirect("admin:articles_article_change", article.pk)
        latest = versions.first()
        rows, body_diff = compare(latest, version) if latest else ([], "")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Revert: {article}",
            "version": version,
            "rows": rows,
            "body_diff": body_diff,
        }
        return TemplateResponse(request, "admin/articles/article/revert_confirm.html", context)

    def _deleted_versions(self, request):
        from reversion.models import Version

        deleted = Version.objects.get_deleted(self.model).select_related("revision")
        return [v for v in deleted if services.can_recover(request.user, v)]

    def recoverlist_view(self, request, extra_context=None):
        """Deleted stories this user may bring back (a writer: only their own)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "title": "Recover deleted stories",
            "deleted": self._deleted_versions(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "reversion/recover_list.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        from django.http import Http404
        from django.shortcuts import redirect

        mine = self._deleted_versions(request)
        version = next((v for v in mine if v.pk == int(version_id)), None)
        if version is None:
            raise Http404("No deleted story you may recover has that revision.")
        if request.method == "POST":
            try:
                article = services.article_recover(version=version, user=request.user)
            except (PermissionDenied, services.TransitionError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return redirect("admin:articles_article_changelist")
            self.log_addition(request, article, "Recovered after deletion, as a draft.")
            self.message_user(request, "Recovered as a draft.")
            return redirect("admin:articles_article_change", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Recover: {version.object_repr}",
            "version": version,
        }
        return TemplateResponse(request, "admin/articles/article/recover_confirm.html", context)

    def compare_view(self, request, object_id):
        """Two revisions side by side: what changed, who changed it, when."""
        from reversion.models import Version

        from ..revisions import compare

        article = self.get_object(request, object_id)
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
        chosen = {str(v.pk): v for v in versions}
        older = chosen.get(request.GET.get("from", ""))
        newer = chosen.get(request.GET.get("to", ""))
        if older is None and len(versions) >= 2:
            older = versions[1]
        if newer is None and versions:
            newer = versions[0]
        rows, body_diff = compare(older, newer) if older and newer else ([], "")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Compare revisions: {article}",
            "versions": versions,
            "older": older,
            "newer": newer,
            "rows": rows,
            "body_diff": body_diff,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)
