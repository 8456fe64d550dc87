"""The desk at /admin/: what waits for each role, in a constant number of queries.

Contributors see their own drafts and stories in review; editors also see every story
waiting for review, what goes live next, the suggestions automatic tagging left and the
latest corrections. Every queue holds only stories at home on the user's publications.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from organizations.models import Organization, ReviewStatus
from people.models import Person

from .. import services
from ..models import Article, ArticleOrganization, ArticlePerson, Correction, LinkSource
from .states import when

SHOWN = 5  # stories listed per block; the count and the link give the rest


@dataclass
class Block:
    title: str
    count: int
    link: str
    link_label: str
    items: list = field(default_factory=list)  # (label, url, note)
    empty: str = "Nothing here."


def _stories(queryset, note):
    return [
        (story.headline, reverse("admin:articles_article_change", args=[story.pk]), note(story))
        for story in queryset.only("headline", "published_at", "updated_at", "status")[:SHOWN]
    ]


def _plural(n, one, many):
    return f"{n} {one if n == 1 else many}"


def desk_publications(request) -> list:
    """The publications the user's desk works on, named at the top of the desk when the
    network has more than one."""
    from publications.hosts import is_network
    from publications.models import users_publications

    if not is_network():
        return []
    return users_publications(request.user)


def desk_blocks(request) -> list[Block]:
    user = request.user
    if not user.has_perm("articles.view_article"):
        return []
    stories = services.desk_stories(user)
    if not user.has_perm("articles.edit_any_article"):
        stories = stories.filter(created_by=user)
    changelist = reverse("admin:articles_article_changelist")
    now = timezone.now()
    editor = services.can_publish(user)
    blocks = []

    review = stories.filter(status=Article.Status.REVIEW).order_by("updated_at", "pk")
    blocks.append(
        Block(
            "Waiting for review" if editor else "My stories in review",
            review.count(),
            f"{changelist}?state=review",
            "All in review",
            _stories(review, lambda s: f"since {when(s.updated_at)}"),
            "No story is waiting for review.",
        )
    )
    scheduled = stories.filter(status=Article.Status.PUBLISHED, published_at__gt=now).order_by(
        "published_at", "pk"
    )
    blocks.append(
        Block(
            "Going live next",
            scheduled.count(),
            f"{changelist}?state=scheduled",
            "All scheduled",
            _stories(scheduled, lambda s: when(s.published_at)),
            "Nothing is scheduled.",
        )
    )
    drafts = stories.filter(status=Article.Status.DRAFT, created_by=user).order_by(
        "-updated_at", "-pk"
    )
    blocks.append(
        Block(
            "My drafts",
            drafts.count(),
            f"{changelist}?state=draft",
            "All drafts",
            _stories(drafts, lambda s: f"edited {when(s.updated_at)}"),
            "You have no drafts.",
        )
    )
    if editor:
        blocks.append(_suggestions_block(user))
        corrections = services.desk_stories(
            user, Correction.objects.select_related("article"), through="article__"
        ).order_by("-created_at", "-pk")
        blocks.append(
            Block(
                "Recent corrections",
                corrections.count(),
                changelist,
                "All stories",
                [
                    (
                        f"{c.get_kind_display()}: {c.article.headline}",
                        reverse("admin:articles_article_change", args=[c.article_id]),
                        when(c.created_at),
                    )
                    for c in corrections[:SHOWN]
                ],
                "No corrections yet.",
            )
        )
    return blocks


def _suggestions_block(user) -> Block:
    """The register is the network's (its suggestions are everyone's); the tags waiting in
    stories are those of the user's publications."""
    organizations = Organization.objects.filter(review_status=ReviewStatus.SUGGESTED).count()
    people = Person.objects.filter(review_status=ReviewStatus.SUGGESTED).count()
    waiting = {"source": LinkSource.AUTOMATIC, "reviewed_at__isnull": True}
    tags = sum(
        services.desk_stories(user, model.objects.filter(**waiting), through="article__").count()
        for model in (ArticleOrganization, ArticlePerson)
    )
    return Block(
        "Suggestions waiting",
        organizations + people + tags,
        reverse("admin:organizations_suggestedorganization_changelist"),
        "Review suggested organizations",
        [
            (
                _plural(organizations, "suggested organization", "suggested organizations"),
                reverse("admin:organizations_suggestedorganization_changelist"),
                "new to the register",
            ),
            (
                _plural(people, "suggested person", "suggested people"),
                reverse("admin:people_suggestedperson_changelist"),
                "new to the register",
            ),
            (
                _plural(tags, "tag in stories", "tags in stories"),
                reverse("admin:articles_article_changelist"),
                "waiting in the stories' Suggested panels",
            ),
        ],
    )
