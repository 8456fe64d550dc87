"""Comparing two revisions of a story: fields, boxes and tags side by side."""

import difflib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag, TaggedItem

from organizations.models import Organization
from people.models import Person

from .models import Article, ArticleOrganization, ArticlePerson, Correction, Section
from .sanitize import strip_tags

COMPARED_FIELDS = [
    "headline",
    "slug",
    "dek",
    "section",
    "byline",
    "dateline",
    "status",
    "published_at",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
]


@dataclass
class Row:
    label: str
    old: str
    new: str

    @property
    def changed(self):
        return self.old != self.new


def snapshot(version) -> dict:
    """What one revision says about the story, as readable strings."""
    fields = version.field_dict
    related: dict[type, list[dict]] = {}
    for other in own_versions(version.revision, int(version.object_id)):
        model = other.content_type.model_class()
        if model in (ArticleOrganization, ArticlePerson, TaggedItem, Correction):
            related.setdefault(model, []).append(other.field_dict)

    def ids(model, key):
        rows = sorted(related.get(model, []), key=lambda r: (r.get("position", 0), r.get("id")))
        return [r.get(key) or r.get(f"{key}_id") for r in rows]

    article_type = ContentType.objects.get_for_model(Article).pk
    tag_ids = [
        r.get("tag") or r.get("tag_id")
        for r in related.get(TaggedItem, [])
        if (r.get("content_type") or r.get("content_type_id")) == article_type
    ]
    org_names = dict(
        Organization.objects.filter(pk__in=ids(ArticleOrganization, "organization")).values_list(
            "pk", "name"
        )
    )
    person_names = dict(
        Person.objects.filter(pk__in=ids(ArticlePerson, "person")).values_list("pk", "name")
    )
    tag_names = dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name"))
    section_id = fields.get("section") or fields.get("section_id")
    data = {
        name: "" if fields.get(name) is None else str(fields.get(name)) for name in COMPARED_FIELDS
    }
    data["section"] = (
        Section.objects.filter(pk=section_id).values_list("name", flat=True).first() or ""
    )
    data["body"] = strip_tags(fields.get("body") or "")
    data["organizations"] = ", ".join(
        org_names.get(pk, f"#{pk}") for pk in ids(ArticleOrganization, "organization")
    )
    data["people"] = ", ".join(
        person_names.get(pk, f"#{pk}") for pk in ids(ArticlePerson, "person")
    )
    data["tags"] = ", ".join(sorted((tag_names.get(pk, f"#{pk}") for pk in tag_ids), key=str.lower))
    data["corrections"] = " / ".join(r.get("text", "") for r in related.get(Correction, []))
    return data


def compare(old_version, new_version) -> tuple[list[Row], str]:
    """Rows for every compared field, and a word-level diff of the body text."""
    old, new = snapshot(old_version), snapshot(new_version)
    labels = [*COMPARED_FIELDS, "organizations", "people", "tags", "corrections"]
    rows = [Row(label.replace("_", " "), old[label], new[label]) for label in labels]
    return rows, word_diff(old["body"], new["body"])


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> str:
    """The newer text with the words taken out struck (`<del>`) and the words put in marked
    (`<ins>`), paragraphs kept; HTML, escaped."""
    old_words, new_words = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(escape("".join(new_words[b1:b2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            pieces.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    text = "".join(pieces)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))


# --- one story's part of a revision --------------------------------------------------------------

STORY_PARTS = (ArticleOrganization, ArticlePerson, Correction)


def story_version(version) -> int | None:
    """The story a version is of (None when it is not a story's)."""
    if version.content_type.model_class() is not Article:
        return None
    return int(version.object_id)


def own_versions(revision, article_pk: int) -> list:
    """The versions in `revision` that belong to story `article_pk`: the story, its boxes,
    corrections and tags. A revision written before revisions held one story each may hold
    others too: they are left out."""
    article_type = ContentType.objects.get_for_model(Article).pk
    own = []
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        fields = version.field_dict if model is not Article else {}
        if (
            (model is Article and version.object_id == str(article_pk))
            or (model in STORY_PARTS and fields.get("article_id") == article_pk)
            or (
                model is TaggedItem
                and fields.get("content_type_id") == article_type
                and fields.get("object_id") == article_pk
            )
        ):
            own.append(version)
    return own


def restore_parts(revision, article_pk: int) -> None:
    """Make the story's boxes, corrections and tags those of `revision`: rows added since go,
    rows the revision had come back (unless what they point at was deleted since)."""
    article_type = ContentType.objects.get_for_model(Article)
    parts = [v for v in own_versions(revision, article_pk) if v.content_type.model_class()]
    by_model: dict[type, list] = {}
    for version in parts:
        by_model.setdefault(version.content_type.model_class(), []).append(version)
    current = {
        ArticleOrganization: ArticleOrganization.objects.filter(article_id=article_pk),
        ArticlePerson: ArticlePerson.objects.filter(article_id=article_pk),
        Correction: Correction.objects.filter(article_id=article_pk),
        TaggedItem: TaggedItem.objects.filter(content_type=article_type, object_id=article_pk),
    }
    targets = {
        ArticleOrganization: ("organization_id", Organization),
        ArticlePerson: ("person_id", Person),
        TaggedItem: ("tag_id", Tag),
    }
    for model, rows in current.items():
        versions = by_model.get(model, [])
        keep = {int(v.object_id) for v in versions}
        rows.exclude(pk__in=keep).delete()
        for version in versions:
            if model in targets:
                attname, target = targets[model]
                if not target.objects.filter(pk=version.field_dict.get(attname)).exists():
                    continue
            version.revert()
