"""The wire desk in the admin: sources with their health, and the *From the wire* queue."""

from django.contrib import admin, messages
from django.db.models import Min, Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.admin.sites import OnUsersPublications, PublicationFilter
from articles.models import Article, ArticleOrganization, ArticlePerson
from articles.services import desk_stories
from organizations.models import ReviewStatus
from publications.hosts import is_network
from publications.models import is_administrator as network_administrator
from publications.models import users_publications

from .models import Arrival, Source, WireStory

HEALTH_FIELDS = [
    "state",
    "last_fetch_at",
    "last_success_at",
    "last_status",
    "last_new",
    "last_updated",
    "last_unchanged",
    "last_error",
    "next_poll_at",
    "consecutive_failures",
    "etag",
    "last_modified",
]


def is_administrator(user) -> bool:
    """Superusers and the Administrator role (newsroom/roles.py) may mark a source trusted."""
    return bool(user.is_active and network_administrator(user))


@admin.register(Source)
class SourceAdmin(OnUsersPublications, admin.ModelAdmin):
    list_display = [
        "name",
        "enabled",
        "health",
        "last_fetch_at",
        "last_status",
        "items",
        "next_poll_at",
        "consecutive_failures",
        "short_error",
    ]
    list_filter = [PublicationFilter, "enabled", "trusted", "new_status"]
    list_select_related = ["publication"]
    search_fields = ["name", "feed_url"]
    autocomplete_fields = ["publisher"]
    actions = ["poll_now"]
    readonly_fields = HEALTH_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "feed_url", "publisher", "section", "enabled"]}),
        (
            "New stories",
            {"fields": ["new_status", "trusted", "autotag", "interval_seconds"]},
        ),
        ("Health", {"fields": HEALTH_FIELDS}),
    ]

    # A desk manages the sources of its publications; on a network, each names its own.

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return [shown[0], "publication", *shown[1:]] if is_network() else shown

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        if is_network():
            fields = list(fieldsets[0][1]["fields"])
            fieldsets[0][1]["fields"] = [*fields[:2], "publication", *fields[2:]]
        return fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from articles.admin.sites import section_choice_label
        from articles.models import Section

        mine = [p.pk for p in users_publications(request.user)]
        if db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(publication_id__in=mine).select_related(
                "publication"
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "section" and len(mine) > 1:
            field.label_from_instance = section_choice_label
        return field

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_administrator(request.user):
            fields.append("trusted")
        return fields

    def save_model(self, request, obj, form, change):
        # A source changed by hand is polled at the next run, its failures forgiven.
        if change and {"feed_url", "enabled", "interval_seconds"} & set(form.changed_data):
            obj.next_poll_at = None
            obj.consecutive_failures = 0
            obj.etag = obj.last_modified = ""
        super().save_model(request, obj, form, change)

    @admin.display(description="state")
    def state(self, obj):
        return obj.state

    @admin.display(description="health")
    def health(self, obj):
        state = obj.state
        if state == "OK":
            return format_html('<span title="{}">✔ OK</span>', "Last poll succeeded")
        return state

    @admin.display(description="new / updated / unchanged")
    def items(self, obj):
        if obj.last_fetch_at is None:
            return "—"
        return f"{obj.last_new} / {obj.last_updated} / {obj.last_unchanged}"

    @admin.display(description="last error")
    def short_error(self, obj):
        return (obj.last_error[:120] + "…") if len(obj.last_error) > 120 else obj.last_error

    @admin.action(description="Poll selected sources at the next run")
    def poll_now(self, request, queryset):
        count = queryset.update(next_poll_at=timezone.now())
        messages.success(request, f"{count} source(s) will be polled at the next run.")


class SuggestedFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "wire_status"

    def lookups(self, request, model_admin):
        return [(Article.Status.DRAFT, "Draft"), (Article.Status.REVIEW, "In review")]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(WireStory)
class FromTheWireAdmin(admin.ModelAdmin):
    """Stories that came in from a source and are not published yet, newest first. A row
    opens the story's own form, where the editor edits and publishes."""

    list_display = [
        "story",
        "status",
        "sources",
        "arrived",
        "suggested_organizations",
        "suggested_people",
    ]
    list_display_links = None
    list_filter = [SuggestedFilter, PublicationFilter, "arrivals__source"]
    search_fields = ["headline"]
    list_per_page = 50

    def get_queryset(self, request):
        found = {"status__in": [ReviewStatus.ACCEPTED, ReviewStatus.SUGGESTED]}
        return (
            desk_stories(request.user, super().get_queryset(request))
            .filter(
                status__in=[Article.Status.DRAFT, Article.Status.REVIEW],
                arrivals__isnull=False,
            )
            .annotate(arrived_at=Min("arrivals__seen_at"))
            .only("headline", "status", "slug")
            .prefetch_related(
                Prefetch(
                    "arrivals",
                    queryset=Arrival.objects.select_related("source").order_by("seen_at"),
                ),
                Prefetch(
                    "organization_links",
                    queryset=ArticleOrganization.objects.filter(**found).select_related(
                        "organization"
                    ),
                    to_attr="suggested_org_links",
                ),
                Prefetch(
                    "person_links",
                    queryset=ArticlePerson.objects.filter(**found).select_related("person"),
                    to_attr="suggested_person_links",
                ),
            )
            .order_by("-arrived_at", "-pk")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:articles_article_change", object_id)

    @admin.display(description="story", ordering="headline")
    def story(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.headline)

    @admin.display(description="from")
    def sources(self, obj):
        return format_html_join(
            ", ", "{}", ((arrival.source.name,) for arrival in obj.arrivals.all())
        )

    @admin.display(description="arrived", ordering="arrived_at")
    def arrived(self, obj):
        return obj.arrived_at

    @admin.display(description="organizations (suggested)")
    def suggested_organizations(self, obj):
        return _names(obj.suggested_org_links, "organization")

    @admin.display(description="people (suggested)")
    def suggested_people(self, obj):
        return _names(obj.suggested_person_links, "person")


def _names(links, kind: str) -> str:
    """Names tagging found, suggestions (not yet seen by readers) marked as such."""
    names = []
    for link in links:
        entry = getattr(link, kind)
        waiting = ReviewStatus.SUGGESTED in (link.status, entry.review_status)
        names.append(f"{entry.name} (suggested)" if waiting else entry.name)
    return ", ".join(names) or "—"
