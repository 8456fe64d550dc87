"""Stories out as JSON Lines, in the schema `import_articles` reads back (README: Export schema).

The output is deterministic: the same stories give the same bytes, whatever their ids.
"""

import datetime as dt
import json
from collections.abc import Iterator

from django.db.models import F, Prefetch

from organizations.models import ReviewStatus

from .models import Article, ArticleOrganization, ArticlePerson

EXPORT_ID_PREFIX = "newsroom:"


def export_key(article: Article) -> str:
    """The `id` of a story: its import key, or `newsroom:<slug>` for stories made here."""
    return article.external_key or f"{EXPORT_ID_PREFIX}{article.slug}"


def stories_for_export(
    statuses=None, since: dt.datetime | None = None, *, stories=None, suggestions: bool = True
):
    """The stories to export (all, or `stories`, a queryset such as the published one), with
    their boxes, tags and roles prefetched, and the suggested tags unless `suggestions` is
    False."""
    queryset = Article.objects.all() if stories is None else stories
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    if since:
        queryset = queryset.filter(updated_at__gte=since)
    queryset = (
        queryset.select_related("section")
        .with_boxes()
        .prefetch_related("tags")
        .order_by(F("published_at").asc(nulls_first=True), "slug")
    )
    if suggestions:
        waiting = {"status": ReviewStatus.ACCEPTED}
        queryset = queryset.prefetch_related(
            # An unpublished story's box entries that wait for it to be published (F3): in a
            # full export its boxes list them, so that an import of it puts them back.
            Prefetch(
                "organization_links",
                queryset=ArticleOrganization.objects.filter(
                    **waiting, organization__review_status=ReviewStatus.SUGGESTED
                ).select_related("organization"),
                to_attr="waiting_organization_links",
            ),
            Prefetch(
                "person_links",
                queryset=ArticlePerson.objects.filter(
                    **waiting, person__review_status=ReviewStatus.SUGGESTED
                ).select_related("person"),
                to_attr="waiting_person_links",
            ),
            Prefetch(
                "organization_links",
                queryset=ArticleOrganization.objects.exclude(
                    status=ReviewStatus.ACCEPTED
                ).select_related("organization"),
                to_attr="pending_organization_links",
            ),
            Prefetch(
                "person_links",
                queryset=ArticlePerson.objects.exclude(status=ReviewStatus.ACCEPTED).select_related(
                    "person"
                ),
                to_attr="pending_person_links",
            ),
        )
    return queryset


def article_to_dict(article: Article) -> dict:
    image = {
        "file": article.image.name if article.image else "",
        "stem": article.image_stem,
        "alt": article.image_alt,
        "caption": article.image_caption,
        "credit": article.image_credit,
    }
    return {
        "id": export_key(article),
        "source_url": article.source_url,
        "slug": article.slug,
        "headline": article.headline,
        "dek": article.dek,
        "section": article.section.name if article.section else "",
        "byline": article.byline,
        "dateline": article.dateline,
        "published_at": (
            article.published_at.astimezone(dt.UTC).isoformat() if article.published_at else None
        ),
        "status": article.status,
        "body": article.body,
        "image": image if any(image.values()) else None,
        "tags": sorted((tag.name for tag in article.tags.all()), key=str.lower),
        "organizations": [
            {
                "name": link.organization.name,
                "slug": link.organization.slug,
                "acronym": link.organization.acronym,
                "source": link.source,
            }
            for link in _box(article, "organization")
        ],
        "people": [
            {
                "name": link.person.name,
                "slug": link.person.slug,
                "title": link.title or _current_title(link.person),
                "source": link.source,
            }
            for link in _box(article, "person")
        ],
        "flags": sorted(article.import_flags or []),
        "suggestions": [
            {
                "kind": "organization",
                "name": link.organization.name,
                "acronym": link.organization.acronym,
                "title": "",
                "status": link.status,
                "confidence": link.confidence,
            }
            for link in getattr(article, "pending_organization_links", ())
        ]
        + [
            {
                "kind": "person",
                "name": link.person.name,
                "acronym": "",
                "title": link.title,
                "status": link.status,
                "confidence": link.confidence,
            }
            for link in getattr(article, "pending_person_links", ())
        ],
    }


def _box(article: Article, kind: str) -> list:
    """The links a box lists: what readers see, and for an unpublished story in a full export
    the entries waiting for it to be published too, in box order."""
    links = getattr(article, f"visible_{kind}_links")
    if article.status == Article.Status.PUBLISHED:
        return links
    waiting = getattr(article, f"waiting_{kind}_links", [])
    return sorted([*links, *waiting], key=lambda link: (link.position, link.pk))


def _current_title(person) -> str:
    role = person.current_affiliation
    return role.title if role else ""


def export_lines(queryset) -> Iterator[str]:
    for article in queryset.iterator(chunk_size=500):
        yield json.dumps(article_to_dict(article), ensure_ascii=False) + "\n"
