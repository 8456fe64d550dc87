"""Editors' tools for the register in the admin: review queues and merging duplicates.

Shared by the organization and person admins; the decisions themselves are the service
functions in organizations/services.py.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from organizations import services
from organizations.models import Organization, ReviewStatus


def _can_keep_register(request, model) -> bool:
    return request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


@admin.action(description="Accept selected suggestions (readers will see their tags)")
def accept_suggestions(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, accept=True)


@admin.action(description="Reject selected suggestions (never suggested again)")
def reject_suggestions(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, accept=False)


def _review(modeladmin, request, queryset, *, accept):
    if not _can_keep_register(request, queryset.model):
        raise PermissionDenied
    count = 0
    for entity in queryset:
        services.review_entity(entity=entity, user=request.user, accept=accept)
        count += 1
    verb = "accepted" if accept else "rejected"
    noun = "entry" if count == 1 else "entries"
    modeladmin.message_user(request, f"{count} {noun} {verb}.", messages.SUCCESS)


@admin.action(description="Merge selected into one…")
def merge_selected(modeladmin, request, queryset):
    """Ask which entry survives, then fold the others into it."""
    if not _can_keep_register(request, queryset.model):
        raise PermissionDenied
    entries = list(queryset.order_by("pk"))
    if len(entries) < 2:
        modeladmin.message_user(request, "Select at least two entries to merge.", messages.WARNING)
        return None
    if request.POST.get("merge_into"):
        target = next((e for e in entries if str(e.pk) == request.POST["merge_into"]), None)
        if target is None:
            modeladmin.message_user(request, "Choose one of the selected entries.", messages.ERROR)
            return None
        merge = (
            services.merge_organizations
            if isinstance(target, Organization)
            else services.merge_people
        )
        merge(target=target, others=entries, user=request.user)
        modeladmin.message_user(
            request,
            f"Merged {len(entries) - 1} into “{target}”: their stories, aliases and roles moved, "
            "and their old pages now redirect.",
            messages.SUCCESS,
        )
        return None
    return render(
        request,
        "admin/merge_confirmation.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Merge duplicates",
            "opts": modeladmin.model._meta,
            "entries": entries,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


class ReviewQueueMixin:
    """The admin of a proxy model listing only suggested entries."""

    actions = [accept_suggestions, reject_suggestions, merge_selected]

    def get_queryset(self, request):
        from articles.services import desk_stories

        queryset = super().get_queryset(request).filter(review_status=ReviewStatus.SUGGESTED)
        # The register is the network's; the stories quoted are those of the user's desk.
        links = desk_stories(request.user, self.link_model.objects.all(), through="article__")
        return queryset.annotate(**first_link_annotations(links, self.link_field))

    def has_add_permission(self, request):
        return False


def first_link_annotations(links, field):
    """For a review queue's rows, in the list's one query: the first story (among those of
    `links`, a queryset of box rows) an entry was found in, with the sentence that found it."""
    from django.db.models import JSONField, OuterRef, Subquery

    first = links.filter(**{field: OuterRef("pk")}).order_by("pk")
    return {
        "_first_evidence": Subquery(first.values("evidence")[:1], output_field=JSONField()),
        "_first_story": Subquery(first.values("article__headline")[:1]),
        "_first_story_id": Subquery(first.values("article_id")[:1]),
    }


class ReviewQueueColumns:
    """What a reviewer needs to tell a suggestion apart without opening it."""

    @admin.display(description="first found in")
    def evidence(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        sentence = (getattr(obj, "_first_evidence", None) or {}).get("sentence", "")
        story = getattr(obj, "_first_story", None)
        if not story:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj._first_story_id])
        return format_html(
            '“{}”<br><span class="help">in <a href="{}">{}</a></span>',
            sentence or "(no sentence recorded)",
            url,
            story,
        )
