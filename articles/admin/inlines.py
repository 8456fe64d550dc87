"""The boxes, corrections and workflow history under the story form."""

from django.contrib import admin

from ..models import ArticleOrganization, ArticlePerson, Correction, Transition
from .forms import BoxRowForm, OrderedBoxFormSet


class BoxInline(admin.TabularInline):
    """A box of the story: rows arranged by dragging or Move up / Move down."""

    form = BoxRowForm
    formset = OrderedBoxFormSet
    extra = 1

    class Media:
        js = ["desk/boxes.js"]


class OrganizationInStoryInline(BoxInline):
    model = ArticleOrganization
    fields = ["organization", "position", "source", "status"]
    autocomplete_fields = ["organization"]
    verbose_name = "organization in this story"
    verbose_name_plural = "Organizations in this story"


class PersonInStoryInline(BoxInline):
    model = ArticlePerson
    fields = ["person", "title", "position", "source", "status"]
    autocomplete_fields = ["person"]
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
