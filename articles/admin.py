"""Editors' admin for stories: list, filters, search and the “in this story” boxes."""

from django import forms
from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet

from .models import Article, ArticleOrganization, ArticlePerson, Section


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

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


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
    fields = ["organization", "position", "source"]
    autocomplete_fields = ["organization"]
    extra = 1
    verbose_name = "organization in this story"
    verbose_name_plural = "Organizations in this story"


class PersonInStoryInline(admin.TabularInline):
    model = ArticlePerson
    form = BoxRowForm
    formset = OrderedBoxFormSet
    fields = ["person", "position", "source"]
    autocomplete_fields = ["person"]
    extra = 1
    verbose_name = "person in this story"
    verbose_name_plural = "People in this story"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
    inlines = [OrganizationInStoryInline, PersonInStoryInline]
    readonly_fields = ["created_at", "updated_at", "external_key", "source_url", "import_flags"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "body", "tags"]}),
        ("Byline", {"fields": ["byline", "authors", "dateline"]}),
        (
            "Lead image",
            {"fields": ["image", "image_alt", "image_caption", "image_credit", "image_stem"]},
        ),
        ("Publishing", {"fields": ["status", "published_at"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_url",
                    "external_key",
                    "import_flags",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def lookup_allowed(self, lookup, value, request=None):
        # The register's "N stories" links filter by an organization or a person.
        if lookup in {"organizations__id__exact", "people__id__exact"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _organization_count=_count_of(ArticleOrganization),
                _people_count=_count_of(ArticlePerson),
            )
        )

    @admin.display(description="organizations", ordering="_organization_count")
    def organization_count(self, obj):
        return obj._organization_count

    @admin.display(description="people", ordering="_people_count")
    def people_count(self, obj):
        return obj._people_count
