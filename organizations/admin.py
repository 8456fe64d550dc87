"""Editors keep the register of organizations clean here: names, acronyms, aliases, parents."""

from django.contrib import admin
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
    ReviewQueueMixin,
    accept_suggestions,
    merge_selected,
    reject_suggestions,
)

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


ALIAS_MATCHES = 500  # an alias search term this common is better narrowed by typing on


class RegisterAdminMixin:
    """What the organization and person admins share. Story counts are annotated on their
    own pages but not in the autocomplete of other forms, where they would be counted for
    every match and never shown; aliases are searched by a query of their own rather than a
    join, so that results need no DISTINCT (both were a second each at 50,000 organizations).
    """

    link_model = alias_model = None
    link_field = ""

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
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            # The entries whose alias matches, by their ids: each branch of the OR then has an
            # index of its own (trigram indexes on PostgreSQL, see migration 0005).
            owners = (
                self.alias_model.objects.filter(name__icontains=term)
                .order_by()
                .values_list(f"{self.link_field}_id", flat=True)
                .distinct()[:ALIAS_MATCHES]
            )
            if owners := list(owners):
                results = results | queryset.filter(pk__in=owners)
        return results, may_have_duplicates


def stories_link(obj, filter_name):
    url = reverse("admin:articles_article_changelist") + f"?{filter_name}={obj.pk}"
    return format_html('<a href="{}">{} stories</a>', url, obj._story_count)


@admin.register(Organization)
class OrganizationAdmin(RegisterAdminMixin, admin.ModelAdmin):
    link_model, link_field, alias_model = ArticleOrganization, "organization", OrganizationAlias
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
class SuggestedOrganizationAdmin(ReviewQueueMixin, OrganizationAdmin):
    list_display = ["name", "acronym", "stories", "created_at"]
    list_filter = []
