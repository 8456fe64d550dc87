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

from .models import Organization, OrganizationAlias, SuggestedOrganization


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


def stories_link(obj, filter_name):
    url = reverse("admin:articles_article_changelist") + f"?{filter_name}={obj.pk}"
    return format_html('<a href="{}">{} stories</a>', url, obj._story_count)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent", "stories"]
    list_filter = ["review_status", "kind"]
    list_select_related = ["parent"]
    actions = [merge_selected, accept_suggestions, reject_suggestions]
    search_fields = ["name", "acronym", "aliases__name", "slug"]
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

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_story_count=story_count_annotation(ArticleOrganization, "organization"))
        )

    @admin.display(description="stories", ordering="_story_count")
    def stories(self, obj):
        if obj.pk is None:
            return "—"
        return stories_link(obj, "organizations__id__exact")


@admin.register(SuggestedOrganization)
class SuggestedOrganizationAdmin(ReviewQueueMixin, OrganizationAdmin):
    list_display = ["name", "acronym", "stories", "created_at"]
    list_filter = []
