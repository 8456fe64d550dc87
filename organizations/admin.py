"""Editors keep the register of organizations clean here: names, acronyms, aliases, parents."""

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from articles.models import ArticleOrganization
from newsroom.pagination import EstimatedCountPaginator
from newsroom.text import normalize_name
from tagging.admin_tools import (
    ReviewQueueColumns,
    ReviewQueueMixin,
    accept_suggestions,
    merge_selected,
    reject_suggestions,
)

from .lookup import lookup
from .models import Organization, OrganizationAlias, ReviewStatus, SuggestedOrganization


class AliasFormSet(BaseInlineFormSet):
    """Two rows of one form may not carry the same alias in different spellings."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            key = normalize_name(form.cleaned_data.get("name") or "")
            if key in seen:
                raise ValidationError(
                    f"“{form.cleaned_data['name']}” and “{seen[key]}” are the same alias."
                )
            seen[key] = form.cleaned_data.get("name")


class AliasInline(admin.TabularInline):
    model = OrganizationAlias
    formset = AliasFormSet
    extra = 1
    fields = ["name"]


def story_count_annotation(link_model, field):
    counts = (
        link_model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class RegisterAdminMixin:
    """What the organization and person admins share. Story counts are annotated on their
    own pages but not in the autocomplete of other forms, where they would be counted for
    every match and never shown; aliases are searched by a query of their own rather than a
    join, so that results need no DISTINCT (both were a second each at 50,000 organizations).
    """

    link_model = alias_model = None
    link_field = ""
    has_acronym = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            return self.offered_in_autocomplete(request, queryset)
        return queryset.annotate(
            _story_count=story_count_annotation(self.link_model, self.link_field)
        )

    def offered_in_autocomplete(self, request, queryset):
        """What other forms may pick: Contributors only entries an editor accepted; those who
        keep the register also suggested ones; rejected entries nobody."""
        opts = self.model._meta
        if request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return queryset.exclude(review_status=ReviewStatus.REJECTED)
        return queryset.filter(review_status=ReviewStatus.ACCEPTED)

    def get_search_results(self, request, queryset, search_term):
        """Acronym first: an exact acronym, alias or name, then names starting with the term,
        then words starting with it; never a match inside a word (organizations/lookup.py)."""
        if not search_term.strip():
            return queryset, False
        found = lookup(
            queryset,
            search_term,
            alias_model=self.alias_model,
            owner_field=self.link_field,
            has_acronym=self.has_acronym,
        )
        return found, False

    def get_changelist(self, request, **kwargs):
        return BestMatchFirstChangeList


class BestMatchFirstChangeList(ChangeList):
    """A search's list keeps the lookup's order (best match first); a column the editor
    clicks still sorts."""

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if "lookup_rank" in queryset.query.annotations and ORDER_VAR not in self.params:
            return ["lookup_rank", "_name_length", *ordering]
        return ordering


def stories_link(obj, filter_name):
    url = reverse("admin:articles_article_changelist") + f"?{filter_name}={obj.pk}"
    count = obj._story_count
    return format_html('<a href="{}">{} {}</a>', url, count, "story" if count == 1 else "stories")


@admin.register(Organization)
class OrganizationAdmin(RegisterAdminMixin, admin.ModelAdmin):
    link_model, link_field, alias_model = ArticleOrganization, "organization", OrganizationAlias
    has_acronym = True
    list_display = ["name", "acronym", "kind", "parent", "stories"]
    list_filter = ["review_status", "kind"]
    list_select_related = ["parent"]
    actions = [merge_selected, accept_suggestions, reject_suggestions]
    search_fields = ["name", "acronym"]  # and aliases: RegisterAdminMixin
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [AliasInline]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = ["stories"]
    fields = [
        "name",
        "slug",
        "acronym",
        "kind",
        "parent",
        "description",
        "website",
        "titles",
        "external_id",
        "review_status",
        "stories",
    ]

    @admin.display(description="stories", ordering="_story_count")
    def stories(self, obj):
        if obj.pk is None:
            return "—"
        return stories_link(obj, "organizations__id__exact")


@admin.register(SuggestedOrganization)
class SuggestedOrganizationAdmin(ReviewQueueMixin, ReviewQueueColumns, OrganizationAdmin):
    list_display = ["__str__", "kind", "evidence", "stories"]
    list_filter = ["kind"]
