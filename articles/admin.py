"""Editors' admin for stories: list, filters, search and the “in this story” boxes."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from newsroom.pagination import EstimatedCountPaginator
from organizations.models import ReviewStatus

from . import presence, services
from .models import (
    Article,
    ArticleOrganization,
    ArticlePerson,
    Correction,
    Section,
    Transition,
)
from .preview import preview_url


def _count_of(model, **filters):
    """A correlated COUNT for the changelist: evaluated only for the rows on the page."""
    counts = (
        model.objects.filter(article=OuterRef("pk"), **filters)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class BoxRowForm(forms.ModelForm):
    """A row of an “in this story” box; an empty position keeps the row where it stands."""

    position = forms.IntegerField(min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].required = False

    def clean_position(self):
        return self.cleaned_data.get("position") or 0

    def clean_status(self):
        return self.cleaned_data.get("status") or ReviewStatus.ACCEPTED


class OrderedBoxFormSet(BaseInlineFormSet):
    """Keeps the box in the order the editor sees: by position, then by row order."""

    def save(self, commit=True):
        kept = [
            (form.cleaned_data.get("position") or 0, index, form)
            for index, form in enumerate(self.forms)
            if form.has_changed() or form.instance.pk
            if not self._should_delete_form(form) and form.cleaned_data
        ]
        for new_position, (_, _, form) in enumerate(sorted(kept, key=lambda row: row[:2])):
            form.instance.position = new_position
            if form.instance.pk and "position" not in form.changed_data:
                form.changed_data.append("position")
        return super().save(commit=commit)


class OrganizationInStoryInline(admin.TabularInline):
    model = ArticleOrganization
    form = BoxRowForm
    formset = OrderedBoxFormSet
    fields = ["organization", "position", "source", "status"]
    autocomplete_fields = ["organization"]
    extra = 1
    verbose_name = "organization in this story"
    verbose_name_plural = "Organizations in this story"


class PersonInStoryInline(admin.TabularInline):
    model = ArticlePerson
    form = BoxRowForm
    formset = OrderedBoxFormSet
    fields = ["person", "title", "position", "source", "status"]
    autocomplete_fields = ["person"]
    extra = 1
    verbose_name = "person in this story"
    verbose_name_plural = "People in this story"


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    verbose_name_plural = "Corrections and updates (shown under the story)"


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "published_at", "user", "note"]
    readonly_fields = fields
    verbose_name_plural = "Workflow history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ArticleAdminForm(forms.ModelForm):
    """The story form, with the edit-conflict check.

    `edit_token` carries the story's `updated_at` as it was when the form was opened. If the
    row has moved on since (another editor saved), the save is refused and nothing is
    overwritten. The row is locked while this is checked, so two saves cannot both pass.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    check_conflicts = True

    class Meta:
        model = Article
        # The admin passes its fieldsets as the fields; this is only the fallback.
        exclude = ["import_hash"]  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["edit_token"].initial = self.instance.updated_at.isoformat()

    user = None  # set by ArticleAdmin.get_form: whose rights a change of state is checked with
    move = None  # the workflow service the save calls, planned by clean()

    def clean(self):
        cleaned = super().clean()
        if self.user is not None and {"status", "published_at"} & set(self.changed_data):
            try:
                self.move = services.plan_move(
                    article=self.instance,
                    user=self.user,
                    status=cleaned.get("status") or Article.Status.DRAFT,
                    at=cleaned.get("published_at"),
                )
            except (services.TransitionError, PermissionDenied) as exc:
                raise ValidationError({"status": str(exc)}) from exc
        if self.instance.pk and self.check_conflicts:
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            token = cleaned.get("edit_token") or ""
            if current and token != current.isoformat():
                raise ValidationError(conflict_message(self.instance, current), code="conflict")
        return cleaned


def conflict_message(article, saved_at):
    from reversion.models import Version

    latest = Version.objects.get_for_object(article).select_related("revision__user").first()
    who = latest.revision.user if latest and latest.revision.user else "someone else"
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html(
        "This story was changed by {} at {} after you opened it, so your changes were "
        'not saved and nothing was overwritten. <a href="{}">Open the newer version</a>, '
        "then make your changes again.",
        who,
        timezone.localtime(saved_at).strftime("%H:%M:%S"),
        url,
    )


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "status",
        "section",
        "published_at",
        "organization_count",
        "people_count",
    ]
    list_filter = ["status", "section", ("published_at", admin.EmptyFieldListFilter)]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug", "external_key"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors"]
    inlines = [OrganizationInStoryInline, PersonInStoryInline, CorrectionInline, TransitionInline]
    show_full_result_count = False
    paginator = EstimatedCountPaginator  # no full COUNT(*) over a million stories
    history_latest_first = True
    actions = ["submit_for_review", "publish_now", "unpublish", "archive"]
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "body", "tags", "edit_token"]}),
        (
            "Suggested by automatic tagging",
            {
                "fields": ["suggested_panel"],
                "description": "Accept to show a tag to readers; reject to keep it off for good.",
            },
        ),
        ("Byline", {"fields": ["byline", "authors", "dateline"]}),
        (
            "Lead image",
            {"fields": ["image", "image_alt", "image_caption", "image_credit", "image_stem"]},
        ),
        ("Publishing", {"fields": ["status", "published_at", "preview_link"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_url",
                    "external_key",
                    "import_flags",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    # --- who sees and edits what ---------------------------------------------------------

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                _organization_count=_count_of(ArticleOrganization),
                _people_count=_count_of(ArticlePerson),
            )
        )
        if not request.user.has_perm("articles.edit_any_article"):
            queryset = queryset.filter(created_by=request.user)
        return queryset

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            "created_at",
            "updated_at",
            "created_by",
            "external_key",
            "source_url",
            "import_flags",
            "preview_link",
            "suggested_panel",
        ]
        if not services.can_publish(request.user):
            # Writers never set the state: they submit, editors publish.
            readonly += ["status", "published_at"]
        return readonly

    # --- revisions: rights first, then a service; never django-reversion's revert-then-check ---

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

        from .revisions import compare

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

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        review = path(
            "<path:object_id>/tags/<str:kind>/<int:link_id>/<str:decision>/",
            self.admin_site.admin_view(self.review_tag_view),
            name="articles_article_review_tag",
        )
        return [compare, review, *super().get_urls()]

    def review_tag_view(self, request, object_id, kind, link_id, decision):
        """One click on Accept or Reject in the Suggested panel."""
        from django.http import HttpResponseNotAllowed
        from django.shortcuts import get_object_or_404, redirect

        from tagging.services import review_link

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        model = {"organization": ArticleOrganization, "person": ArticlePerson}.get(kind)
        if model is None or decision not in ("accept", "reject"):
            raise PermissionDenied
        if not request.user.has_perm(f"articles.change_{model._meta.model_name}") or not (
            services.can_publish(request.user)
        ):
            raise PermissionDenied
        link = get_object_or_404(model, pk=link_id, article_id=object_id)
        review_link(link=link, user=request.user, accept=decision == "accept")
        entity = link.organization if kind == "organization" else link.person
        self.message_user(
            request, f"{entity}: {'accepted' if decision == 'accept' else 'rejected'}."
        )
        return redirect("admin:articles_article_change", object_id)

    def compare_view(self, request, object_id):
        """Two revisions side by side: what changed, who changed it, when."""
        from reversion.models import Version

        from .revisions import compare

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

    def lookup_allowed(self, lookup, value, request=None):
        # The register's "N stories" links filter by an organization or a person.
        if lookup in {"organizations__id__exact", "people__id__exact"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    # --- saving ------------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        """Save what was written; a change of state goes through the workflow service the
        form planned (publish, schedule, submit, unpublish, archive), never set here."""
        if not change:
            obj.created_by = request.user
            obj.status, obj.published_at = Article.Status.DRAFT, obj.published_at
        else:
            obj.status = obj._loaded_status
            obj.published_at = obj._loaded_published_at
        if not change and form.move is not None:
            obj.published_at = None  # the service dates it
        super().save_model(request, obj, form, change)
        if form.move is not None:
            form.move(obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction_form in formset.forms:
                if correction_form.has_changed() and not correction_form.instance.pk:
                    correction_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            try:
                services.article_submit(article=obj, user=request.user)
            except (PermissionDenied, services.TransitionError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request, "Submitted for review. An editor will take it from here."
                )
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if request.method == "GET" and object_id:
            others = presence.opened(object_id, request.user)
            if others:
                names = ", ".join(others)
                self.message_user(
                    request,
                    f"{names} {'is' if len(others) == 1 else 'are'} also editing this story.",
                    messages.WARNING,
                )
        obj = self.get_object(request, object_id)
        extra_context["can_submit"] = bool(
            obj and obj.status == Article.Status.DRAFT and services.can_edit(request.user, obj)
        )
        return super().change_view(request, object_id, form_url, extra_context)

    # --- list and form displays ---------------------------------------------------------------

    @admin.display(description="organizations", ordering="_organization_count")
    def organization_count(self, obj):
        return obj._organization_count

    @admin.display(description="people", ordering="_people_count")
    def people_count(self, obj):
        return obj._people_count

    @admin.display(description="suggestions")
    def suggested_panel(self, obj):
        """Automatic tags not yet reviewed, with their evidence and one-click decisions."""
        from django.template.loader import render_to_string

        if not obj or not obj.pk:
            return "—"
        rows = []
        for kind, links in (
            ("organization", obj.organization_links.select_related("organization")),
            ("person", obj.person_links.select_related("person")),
        ):
            for link in links.filter(source="automatic", reviewed_at__isnull=True):
                rows.append(
                    {
                        "kind": kind,
                        "link": link,
                        "entity": getattr(link, kind),
                        "accept_url": reverse(
                            "admin:articles_article_review_tag",
                            args=[obj.pk, kind, link.pk, "accept"],
                        ),
                        "reject_url": reverse(
                            "admin:articles_article_review_tag",
                            args=[obj.pk, kind, link.pk, "reject"],
                        ),
                    }
                )
        return render_to_string("admin/articles/article/suggested_panel.html", {"rows": rows})

    @admin.display(description="shareable preview")
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "Save the story first."
        if obj.is_public:
            return "Published: the story is public."
        if obj.status == obj.Status.ARCHIVED:
            return "Archived: archived stories cannot be previewed."
        url = preview_url(obj)
        return format_html(
            '<a href="{}">{}</a><br><span class="help">Anyone with this link can read this '
            "version without logging in, until it expires, the story is saved again or "
            "published, or its preview links are revoked.</span>",
            url,
            url,
        )

    # --- bulk actions, all through the services --------------------------------------------------

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
