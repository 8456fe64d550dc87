"""Editors keep the register of people: names, aliases, roles in organizations."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery

from articles.models import ArticlePerson
from newsroom.pagination import EstimatedCountPaginator
from organizations.admin import RegisterAdminMixin, stories_link
from tagging.admin_tools import (
    ReviewQueueColumns,
    ReviewQueueMixin,
    accept_suggestions,
    merge_selected,
    reject_suggestions,
)

from .models import Affiliation, Person, PersonAlias, SuggestedPerson


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    fields = ["name"]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 1
    fields = ["title", "organization", "start_date", "end_date"]
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(RegisterAdminMixin, admin.ModelAdmin):
    link_model, link_field, alias_model = ArticlePerson, "person", PersonAlias
    list_display = ["name", "sort_name", "review_status", "stories"]
    list_filter = ["review_status"]
    actions = [merge_selected, accept_suggestions, reject_suggestions]
    search_fields = ["name"]  # and aliases: RegisterAdminMixin
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AffiliationInline, PersonAliasInline]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = ["stories"]
    fields = [
        "name",
        "slug",
        "sort_name",
        "bio",
        "photo",
        "photo_alt",
        "external_id",
        "review_status",
        "stories",
    ]

    @admin.display(description="stories", ordering="_story_count")
    def stories(self, obj):
        if obj.pk is None:
            return "—"
        return stories_link(obj, "people__id__exact")


@admin.register(SuggestedPerson)
class SuggestedPersonAdmin(ReviewQueueMixin, ReviewQueueColumns, PersonAdmin):
    list_display = ["name", "title", "evidence", "stories"]
    list_filter = []

    def get_queryset(self, request):
        current = Affiliation.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                _title=Subquery(current.order_by("-start_date", "-pk").values("title")[:1]),
                _title_at=Subquery(
                    current.order_by("-start_date", "-pk").values("organization__name")[:1]
                ),
            )
        )

    @admin.display(description="title")
    def title(self, obj):
        """The role discovery read next to the name: “Foreign Minister”, at what."""
        parts = [part for part in (obj._title, obj._title_at) if part]
        return ", ".join(parts) or "—"
