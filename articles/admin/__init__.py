"""Editors' admin for stories: list, filters, search and the “in this story” boxes.

The story form is in `forms.py`, the boxes under it in `inlines.py`, its history views
(compare, revert, recover) in `history.py` and the bulk actions in `actions.py`.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from newsroom.pagination import EstimatedCountPaginator
from organizations.models import ReviewStatus
from publications.models import Publication, users_publications

from .. import presence, services
from ..models import (
    Article,
    ArticleOrganization,
    ArticlePerson,
    Correction,
    LinkSource,
    Section,
)
from ..preview import preview_url
from .actions import StoryActionsMixin
from .forms import (
    WORKFLOW_BUTTONS,
    ArticleAdminForm,
    pressed_workflow_button,
    workflow_buttons,
)
from .highlight import highlighted_body
from .history import StoryHistoryMixin
from .inlines import (
    CorrectionInline,
    OrganizationInStoryInline,
    PersonInStoryInline,
    TransitionInline,
)
from .sites import (
    OnUsersPublications,
    PublicationFilter,
    SectionFilter,
    SectionSelect,
    first_publication_initial,
    publication_fieldsets,
    section_choice_label,
)
from .states import StateFilter, state_key, state_label, when

# Buttons of the story form that save and come back to it.
STAY_ON_FORM = ("_find_names", "_tag_decision")


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


@admin.register(Section)
class SectionAdmin(OnUsersPublications, admin.ModelAdmin):
    """Each publication's sections; a desk sees and edits those of its publications."""

    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    list_filter = [PublicationFilter]
    list_select_related = ["publication"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    fields = ["publication", "name", "slug", "description", "position", "in_navigation"]

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if len(users_publications(request.user)) > 1:
            shown.insert(1, "publication")
        return shown


@admin.register(Article)
class ArticleAdmin(StoryHistoryMixin, StoryActionsMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "state",
        "section",
        "boxes",
    ]
    list_filter = [
        StateFilter,
        PublicationFilter,
        ("section", SectionFilter),
        ("published_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug", "external_key"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors"]
    inlines = [OrganizationInStoryInline, PersonInStoryInline, CorrectionInline, TransitionInline]
    show_full_result_count = False
    paginator = EstimatedCountPaginator  # no full COUNT(*) over a million stories
    history_latest_first = True
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    fieldsets = [
        ("Publishing", {"fields": ["status", "published_at", "preview_link"]}),
        (None, {"fields": ["headline", "slug", "dek", "section", "body", "tags", "edit_token"]}),
        (
            "Suggested by automatic tagging",
            {
                "fields": ["suggested_panel", "found_in_text"],
                "description": "Saving runs automatic tagging. A name the register already "
                "has is shown to readers at once: keep it, or remove it for good. A new name "
                "waits: accept it to show it, or reject it. Each saves what you typed first.",
            },
        ),
        ("Byline", {"fields": ["byline", "authors", "dateline"]}),
        (
            "Lead image",
            {"fields": ["image", "image_alt", "image_caption", "image_credit", "image_stem"]},
        ),
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
    #
    # A desk lists only the stories at home on its user's publications (services.desk_stories);
    # a story of another publication is not found by its URL either (404), and every change
    # goes through services that refuse it anyway.

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                _organization_count=_count_of(ArticleOrganization),
                _people_count=_count_of(ArticlePerson),
            )
        )
        queryset = services.desk_stories(request.user, queryset)
        if not request.user.has_perm("articles.edit_any_article"):
            queryset = queryset.filter(created_by=request.user)
        return queryset

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or services.on_desk(request.user, obj))

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

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if len(users_publications(request.user)) > 1:
            shown.insert(shown.index("section"), "publication")
        return shown

    def get_list_select_related(self, request):
        return ["section", "publication"]

    def get_fieldsets(self, request, obj=None):
        return publication_fieldsets(request.user) + list(self.fieldsets)

    def get_changeform_initial_data(self, request):
        return first_publication_initial(request, super().get_changeform_initial_data(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A story's home is one of the user's publications; its section one of theirs too
        (the form checks it belongs to the chosen publication)."""
        mine = [p.pk for p in users_publications(request.user)]
        if db_field.name == "publication":
            kwargs["queryset"] = Publication.objects.filter(pk__in=mine)
        elif db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(publication_id__in=mine).select_related(
                "publication"
            )
            kwargs["widget"] = SectionSelect
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "section" and len(mine) > 1:
            field.label_from_instance = section_choice_label
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        from django import forms

        if db_field.name == "shared_with":
            # Every publication is listed, so a share to one taken off the air is kept;
            # the form accepts new shares to live publications only.
            kwargs["queryset"] = Publication.objects.all()
            kwargs["widget"] = forms.CheckboxSelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "shared_with":
            field.label_from_instance = lambda p: p.name if p.is_live else f"{p.name} (not live)"
        return field

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
            "found_in_text",
            "state",
        ]
        if not services.can_publish(request.user):
            # Writers never set the state: they submit, editors publish.
            readonly += ["status", "published_at"]
        return readonly

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

        from organizations.services import review_link

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        model = {"organization": ArticleOrganization, "person": ArticlePerson}.get(kind)
        if model is None or decision not in ("accept", "reject"):
            raise PermissionDenied
        if not request.user.has_perm(f"articles.change_{model._meta.model_name}") or not (
            services.can_publish(request.user)
        ):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None or not services.can_publish(request.user, article):
            raise Http404("No such story on your desk.")
        link = get_object_or_404(model, pk=link_id, article_id=article.pk)
        review_link(link=link, user=request.user, accept=decision == "accept")
        entity = link.organization if kind == "organization" else link.person
        self.message_user(
            request, f"{entity}: {'accepted' if decision == 'accept' else 'rejected'}."
        )
        return redirect("admin:articles_article_change", object_id)

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

    def save_related(self, request, form, formsets, change):
        """After the story and its boxes: the decisions taken in the Suggested panel, then
        automatic tagging (discovery on headline, dek, caption and body), then the planned
        change of state, which thus publishes the story as saved."""
        from tagging.services import tag_on_save

        super().save_related(request, form, formsets, change)
        article = form.instance
        self._apply_tag_decision(request, article)
        tag_on_save(article)
        if form.move is not None:
            form.move(article)

    def _apply_tag_decision(self, request, article):
        """`_tag_decision` = "organization:12:accept": one Accept or Reject in the Suggested
        panel, carried out after the form (and so everything typed) was saved."""
        from organizations.services import review_link

        decision = request.POST.get("_tag_decision", "")
        kind, _, rest = decision.partition(":")
        link_id, _, verdict = rest.partition(":")
        model = {"organization": ArticleOrganization, "person": ArticlePerson}.get(kind)
        if model is None or verdict not in ("accept", "reject") or not link_id.isdigit():
            return
        if not services.can_publish(request.user):
            self.message_user(request, "Only editors accept or reject tags.", messages.ERROR)
            return
        link = model.objects.filter(pk=int(link_id), article=article).first()
        if link is None:
            return
        review_link(link=link, user=request.user, accept=verdict == "accept")
        entity = getattr(link, kind)
        verb = "accepted" if verdict == "accept" else "rejected"
        self.message_user(request, f"{entity}: {verb}.")

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction_form in formset.forms:
                if correction_form.has_changed() and not correction_form.instance.pk:
                    correction_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def _after_button(self, request, obj):
        """A publishing panel button, Accept / Reject or Find organizations and people:
        say what happened and come back to the story."""
        from django.shortcuts import redirect

        button = pressed_workflow_button(request.POST)
        if button:
            obj.refresh_from_db()
            done = WORKFLOW_BUTTONS[button]
            if obj.is_scheduled:
                done = state_label(obj).removesuffix(".") + "."  # "… 9:00 a.m." ends once
            self.message_user(request, done)
        elif "_find_names" in request.POST:
            unreviewed = {"source": LinkSource.AUTOMATIC, "reviewed_at__isnull": True}
            waiting = (
                obj.organization_links.filter(**unreviewed).count()
                + obj.person_links.filter(**unreviewed).count()
            )
            self.message_user(
                request,
                f"Saved. {waiting} suggestion{'' if waiting == 1 else 's'} waiting below.",
            )
        return redirect("admin:articles_article_change", obj.pk)

    def response_add(self, request, obj, post_url_continue=None):
        if pressed_workflow_button(request.POST) or any(b in request.POST for b in STAY_ON_FORM):
            return self._after_button(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if pressed_workflow_button(request.POST) or any(b in request.POST for b in STAY_ON_FORM):
            return self._after_button(request, obj)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj if obj is not None else Article()
        if obj is not None and obj.pk and request.method == "POST":
            # A refused save left the form's values on `obj`: the panel says what is stored.
            article = Article.objects.get(pk=obj.pk)
        context["workflow_buttons"] = workflow_buttons(request.user, article)
        context["state_label"] = state_label(article) if obj is not None else "New draft"
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if object_id and self.get_object(request, unquote(object_id)) is None:
            # Another publication's story (or another writer's, or none): not on this desk.
            raise Http404("No such story on your desk.")
        if request.method == "GET" and object_id:
            others = presence.opened(object_id, request.user)
            if others:
                names = ", ".join(others)
                self.message_user(
                    request,
                    f"{names} {'is' if len(others) == 1 else 'are'} also editing this story.",
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    # --- list and form displays ---------------------------------------------------------------

    @admin.display(description="state", ordering="published_at")
    def state(self, obj):
        """Draft, In review, Scheduled for (time), Published (date), Archived."""
        if obj is None or not obj.pk:
            return "New draft"
        key = state_key(obj)
        label = state_label(obj)
        if key == Article.Status.PUBLISHED and obj.published_at:
            return format_html(
                '<span class="state state-published">{}</span><br><span class="help">{}</span>',
                label,
                when(obj.published_at),
            )
        return format_html('<span class="state state-{}">{}</span>', key, label)

    @admin.display(description="in the boxes")
    def boxes(self, obj):
        orgs, people = obj._organization_count, obj._people_count
        return (
            f"{orgs} organization{'' if orgs == 1 else 's'}, "
            f"{people} {'person' if people == 1 else 'people'}"
        )

    @admin.display(description="names found in the story")
    def found_in_text(self, obj):
        """The body as readers will read it, with the names tagging found marked."""
        if not obj or not obj.pk:
            return "Save the story to see the names automatic tagging finds."
        return highlighted_body(obj)

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
                        # A tag of a name the register already shows is in the box at once.
                        "shown": link.status == ReviewStatus.ACCEPTED
                        and getattr(link, kind).review_status == ReviewStatus.ACCEPTED,
                        "accept": f"{kind}:{link.pk}:accept",
                        "reject": f"{kind}:{link.pk}:reject",
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
