"""The network in the story admin: the publication filter and column, the sections a desk is
offered, and the story form's home and sharing fields."""

from django import forms
from django.contrib import admin

from publications.hosts import is_network
from publications.models import Publication, users_publications, works_on


class PublicationFilter(admin.SimpleListFilter):
    """By home publication, among the user's (shown only to those who work on several)."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        mine = users_publications(request.user)
        return [(str(p.pk), p.name) for p in mine] if len(mine) > 1 else []

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(publication_id=int(value))
        return queryset


class SectionFilter(admin.RelatedFieldListFilter):
    """The sections of the user's publications, named with their publication when there are
    several."""

    def field_choices(self, field, request, model_admin):
        from ..models import Section

        mine = users_publications(request.user)
        sections = Section.objects.filter(publication__in=mine).select_related("publication")
        label = section_choice_label if len(mine) > 1 else str
        return [(section.pk, label(section)) for section in sections]


def section_choice_label(section) -> str:
    return f"{section.publication} › {section.name}"


class SectionSelect(forms.Select):
    """The story form's section menu: each option names its publication (data-publication),
    and static/desk/sections_by_publication.js shows those of the chosen home only."""

    class Media:
        js = ["desk/sections_by_publication.js"]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        section = getattr(value, "instance", None)
        if section is not None:
            option["attrs"]["data-publication"] = str(section.publication_id)
        return option


def publication_fieldsets(user) -> list:
    """The story form's “Publication” group: where the story is at home and which other
    publications show it."""
    if not is_network():
        return []
    return [
        (
            "Publication",
            {
                "fields": ["publication", "shared_with"],
                "description": "Its home publication's desk edits it and its address is the "
                "canonical one; the publications it is shared with show it too.",
            },
        )
    ]


class OnUsersPublications:
    """A ModelAdmin mixin for rows that belong to a publication (sections, wire sources): a
    desk lists, changes and deletes those of its publications only (`works_on`), chooses
    among its publications, and starts a new row on the first of them."""

    def get_queryset(self, request):
        mine = [p.pk for p in users_publications(request.user)]
        return super().get_queryset(request).filter(publication_id__in=mine)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or works_on(request.user, obj.publication_id))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or works_on(request.user, obj.publication_id))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "publication":
            kwargs["queryset"] = Publication.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return first_publication_initial(request, super().get_changeform_initial_data(request))


def first_publication_initial(request, initial: dict) -> dict:
    """A new row's publication, unless the URL names one: the site the desk is open on when
    the user works on it, else the first of the user's."""
    mine = users_publications(request.user)
    if mine and "publication" not in initial:
        here = getattr(request, "publication", None)
        initial["publication"] = here.pk if here in mine else mine[0].pk
    return initial
