"""Automatic tagging of stories, and the editors' decisions about what it found.

`StoryTagger.tag(article)` runs the engine on a story and writes what it found:

* registered organizations and people become "in this story" tags with source "automatic"
  (accepted when the organization or person is; a suggestion while it waits for review);
* with discovery, organizations and people the register lacks are created as *suggested*
  entries with *suggested* tags, which readers never see until an editor accepts them;
* rejected entries and tags stay rejected: tagging never adds them again; tags an editor
  reviewed, and tags from editors or import boxes, are never changed or removed.

Editors' decisions (accept, reject, merge) are the other functions here.
"""

import threading
from dataclasses import dataclass, field

from django.db import transaction

from articles.models import ArticleOrganization, ArticlePerson, LinkSource
from articles.sanitize import strip_tags
from newsroom.bulk_insert import insert_many
from organizations.models import ReviewStatus
from people.models import Affiliation

from .engine import Evidence, Register
from .entities import ORGANIZATION, PERSON, EntityResolver
from .register import build_register

MODES = ("off", "known", "discover")


@dataclass
class Change:
    action: str  # "add" | "remove"
    kind: str  # "organization" | "person"
    name: str
    status: str = ReviewStatus.ACCEPTED
    confidence: float | None = None

    def __str__(self):
        note = " (suggestion)" if self.status == ReviewStatus.SUGGESTED else ""
        return f"{self.action} {self.kind} {self.name}{note}"


@dataclass
class TagOutcome:
    changes: list[Change] = field(default_factory=list)

    @property
    def added(self):
        return [c for c in self.changes if c.action == "add"]

    @property
    def removed(self):
        return [c for c in self.changes if c.action == "remove"]


def _evidence(evidence: Evidence) -> dict:
    return {
        "field": evidence.field,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
        "sentence": evidence.sentence[:500],
    }


class StoryTagger:
    """Tags stories against the register; build once, use for many stories."""

    def __init__(
        self,
        mode: str = "known",
        *,
        register: Register | None = None,
        entities: EntityResolver | None = None,
    ):
        """`entities` may be shared with an importer, so that both see the same entries."""
        if mode not in MODES:
            raise ValueError(f"autotag mode must be one of {', '.join(MODES)}")
        self.mode = mode
        if mode == "off":
            return
        self.register = register if register is not None else build_register()
        self.entities = entities if entities is not None else EntityResolver()

    def tag(self, article, *, dry_run: bool = False) -> TagOutcome:
        """Tag one stored story; with `dry_run`, only say what would change."""
        return self.tag_many([article], dry_run=dry_run)[0]

    def tag_many(self, articles, *, dry_run: bool = False) -> list[TagOutcome]:
        """Tag stored stories (an import's batch): the engine on each, then their present
        tags read in one query per kind and the new ones written in one insert per kind."""
        outcomes = [TagOutcome() for _ in articles]
        if self.mode == "off" or not articles:
            return outcomes
        # A story listed twice is tagged once (its second outcome stays empty, as a second
        # `tag()` of it would be).
        first_at = {}
        for index, article in enumerate(articles):
            first_at.setdefault(article.pk, index)
        outcome_of = {pk: outcomes[index] for pk, index in first_at.items()}
        articles = [articles[index] for index in first_at.values()]
        found = [self._found(article, dry_run) for article in articles]
        ids = [article.pk for article in articles]
        with transaction.atomic():
            changed = set()
            for model, field in ((ArticleOrganization, "organization"), (ArticlePerson, "person")):
                present = {article_id: {} for article_id in ids}
                for link in model.objects.filter(article_id__in=ids):
                    present[link.article_id][getattr(link, f"{field}_id")] = link
                new_rows, stale = [], []
                for article, wanted in zip(articles, found, strict=True):
                    outcome = outcome_of[article.pk]
                    rows, gone = self._plan(
                        article, model, field, wanted[field], present[article.pk], outcome
                    )
                    new_rows += rows
                    stale += gone
                    if rows or gone:
                        changed.add(article.pk)
                if dry_run:
                    continue
                insert_many(model, new_rows)
                if stale:
                    model.objects.filter(pk__in=[link.pk for link in stale]).delete()
            if changed and not dry_run:
                from articles.changes import stories_changed

                stories_changed(changed)
        return outcomes

    def _found(self, article, dry_run) -> dict:
        """What the engine finds in a story: kind -> [(pk, confidence, evidence, title)]."""
        result = self.register.tag(
            headline=article.headline,
            dek=article.dek,
            caption=article.image_caption,
            body=strip_tags(article.body),
            discover=self.mode == "discover",
        )
        found = {ORGANIZATION: [], PERSON: []}
        for mention in result.mentions:
            found[mention.kind].append((mention.key, mention.confidence, mention.evidence, ""))
        for suggestion in result.suggestions:
            pk = self._suggested_entry(suggestion, dry_run)
            if pk is not None:
                found[suggestion.kind].append(
                    (pk, suggestion.confidence, suggestion.evidence, suggestion.title)
                )
        return found

    def _suggested_entry(self, suggestion, dry_run) -> int | str | None:
        """The register entry for a discovered name: an existing one (whatever its state), or
        a new *suggested* one."""
        kind = suggestion.kind
        existing = self.entities.find(kind, suggestion.name)
        if existing is not None:
            return existing
        if dry_run:
            return f"new:{suggestion.name}"
        pk = self.entities.create(
            kind,
            suggestion.name,
            acronym=suggestion.acronym if kind == ORGANIZATION else "",
            review_status=ReviewStatus.SUGGESTED,
        )
        if kind == PERSON and suggestion.organization_key is not None and suggestion.title:
            Affiliation.objects.create(
                person_id=pk,
                organization_id=suggestion.organization_key,
                title=suggestion.title[:255],
            )
        return pk

    def _plan(self, article, model, field, found, links, outcome):
        """The rows to add and the links to remove for one story and one kind, the changes
        noted in `outcome`. `links`: the story's present links of this kind, by entry id."""
        kind = ORGANIZATION if field == "organization" else PERSON
        seen = set()
        new_rows = []
        position = max((link.position for link in links.values()), default=-1) + 1
        for pk, confidence, evidence, title in found:
            if pk in seen:
                continue
            seen.add(pk)
            entry_status = self.entities.status[kind].get(pk, ReviewStatus.SUGGESTED)
            if entry_status == ReviewStatus.REJECTED or pk in links:
                continue  # rejected stays rejected; an existing tag is left as it is
            status = (
                ReviewStatus.ACCEPTED
                if entry_status == ReviewStatus.ACCEPTED
                else ReviewStatus.SUGGESTED
            )
            name = self.entities.display[kind].get(pk) or str(pk).removeprefix("new:")
            outcome.changes.append(Change("add", kind, name, status, confidence))
            extra = {"title": title[:255]} if field == "person" else {}
            new_rows.append(
                model(
                    article=article,
                    position=position,
                    source=LinkSource.AUTOMATIC,
                    status=status,
                    confidence=round(confidence, 3),
                    evidence=_evidence(evidence),
                    **{f"{field}_id": pk},
                    **extra,
                )
            )
            position += 1
        stale = [
            link
            for pk, link in links.items()
            if pk not in seen
            and link.source == LinkSource.AUTOMATIC
            and link.reviewed_at is None
            and link.status != ReviewStatus.REJECTED
        ]
        for link in stale:
            name = self.entities.display[kind].get(getattr(link, f"{field}_id"), "?")
            outcome.changes.append(Change("remove", kind, name, link.status))
        return new_rows, stale


# --- tagging as editors write ----------------------------------------------------------------

_desk = {"version": None, "tagger": None}
_desk_lock = threading.Lock()


def _desk_tagger() -> StoryTagger:
    """The discovery tagger the story form uses, kept in this process while the register is
    unchanged (the page cache's content version moves with every register write), so a save
    pays for the engine's run, not for compiling 100,000 aliases."""
    from newsroom.page_cache import content_version

    version = content_version()
    with _desk_lock:
        tagger = _desk["tagger"]
        if tagger is None or _desk["version"] != version:
            tagger = StoryTagger("discover")
            _desk.update(tagger=tagger, version=version)
        # Entries made by a save that never committed are forgotten.
        tagger.entities.rollback()
        return tagger


def tag_on_save(article) -> TagOutcome:
    """Run the engine with discovery on a story an editor just saved (headline, dek, caption
    and body): what it finds waits in the story's Suggested panel."""
    from newsroom.page_cache import content_version

    tagger = _desk_tagger()
    before = content_version()
    entities = tagger.entities
    known = sum(len(entries) for entries in entities.display.values())
    outcome = tagger.tag(article)
    created = sum(len(entries) for entries in entities.display.values()) != known

    def committed():
        entities.commit()
        if created and _desk["tagger"] is tagger and _desk["version"] == before:
            # The register moved only by this save's own new suggestions, which the tagger
            # already knows: keep it.
            _desk["version"] = content_version()

    transaction.on_commit(committed)
    return outcome
