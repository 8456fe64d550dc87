"""Storing `StoryRecord`s, the register read once per run.

One write path with its rules in one place: a new story is made by `_create` (status and date
defaults, slug, section, boxes and tags with the F3 rule, search data, hooks, tagging), for a
batch of new stories at once (`save_batch`, one transaction, one INSERT per table) or for one
(`save`, its own transaction); `_update` is what an import may change in a stored story.
If anything in a batch fails, or a story is not certainly new, those stories go one by one
through `save`, so a bad story is isolated in its own transaction and leaves no rows while the
others import.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.exporters import EXPORT_ID_PREFIX
from articles.images import image_kind, name_for
from articles.models import Article, ArticleOrganization, ArticlePerson, LinkSource, Section
from articles.placements import place
from articles.sanitize import clean_body, strip_tags
from articles.search import search_text, vector_sql
from articles.services import accept_entries_the_import_made
from articles.slugs import readable_slug
from articles.text_clean import clean_article_text
from newsroom.bulk_insert import insert_many, insert_rows
from newsroom.page_cache import story_changed
from newsroom.text import normalize_name
from organizations.models import ReviewStatus
from tagging.entities import EntityResolver, unique_slug

from .records import ImageRecord, StoryRecord

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# What storing a story may raise because of its data (not because of a bug).
STORE_ERRORS = (DatabaseError, ValueError, OSError)
IMAGE_EXTENSIONS = ("webp", "jpg", "jpeg", "png", "gif", "avif")
# The weighted search vector of a new story, computed as its row is inserted (insert_rows):
# headline and dek from the row, the names and the body text from side arrays.
STORED_VECTOR_SQL = vector_sql("v.headline", "v.dek", "v.search_names", "v.search_body")


@dataclass
class WriterOptions:
    default_status: str = Article.Status.DRAFT
    default_section: str = ""
    media_dirs: list[str] = field(default_factory=list)
    autotag: str = "off"  # off | known | discover (tagging.services.StoryTagger)
    # False when importing for someone who may not publish: published stories go to review.
    may_publish: bool = True
    # `--as-user`: the import has exactly this user's rights in the admin (a story they may
    # not edit is refused), and every story it writes is recorded as their save.
    user: object | None = None
    # `--site`: the home publication of new stories, whose sections they are filed in (None:
    # the default publication). A story already stored keeps its home (see `_update`).
    publication: object | None = None

    @property
    def publication_id(self) -> int:
        from publications.models import default_publication_id

        return self.publication.pk if self.publication is not None else default_publication_id()

    def status_for(self, status: str) -> str:
        status = status or self.default_status
        if not self.may_publish and status == Article.Status.PUBLISHED:
            return Article.Status.REVIEW
        return status


class ImportRefused(ValueError):
    """The user the import runs for may not make this change."""


class StoryWriter:
    """Writes records. Call `save(record)`; it returns created, updated or unchanged."""

    def __init__(self, options: WriterOptions | None = None):
        self.options = options or WriterOptions()
        self.resolver = EntityResolver()
        self.sections = _sections_by_name()
        self.tags = {
            name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name").iterator()
        }
        self.article_type = ContentType.objects.get_for_model(Article)
        self._tagger = None

    @property
    def tagger(self):
        """Built on first use: reading the register into the matcher takes a moment."""
        if self._tagger is None:
            from tagging.services import StoryTagger

            self._tagger = StoryTagger(self.options.autotag, entities=self.resolver)
        return self._tagger

    # --- lookups that do not write ---------------------------------------------------------

    def plan(self, record: StoryRecord) -> str:
        """What `save` would do, without writing anything (for --dry-run)."""
        found = Article.objects.filter(external_key=record.key).values_list(
            "import_hash", flat=True
        )
        if not found:
            return CREATED
        return UNCHANGED if found[0] == record.fingerprint() else UPDATED

    # --- writing ----------------------------------------------------------------------------
    #
    # One way in: `save_batch` (an import's batches) and `save` (one story: the wire desk,
    # and a batch's stories that are not new) both create new stories with `_create`, where
    # the rules for a new story live (status and date defaults, slugs, sections, boxes,
    # tags, F3, search data, hooks, tagging); `_update` is what an import may change in a
    # stored story.

    def save(self, record: StoryRecord) -> str:
        """Store one story in its own transaction: created, updated or unchanged."""
        try:
            with transaction.atomic():
                if self.options.user is None:
                    outcome = self._save(record)
                else:
                    outcome = self._save_as_user(record)
        except BaseException:
            self._forget_uncommitted()
            raise
        self.resolver.commit()
        return outcome

    def save_batch(self, records: list[StoryRecord]) -> list[tuple[StoryRecord, object]]:
        """Store many records. Returns (record, outcome or the exception that stopped it).

        The new stories of the batch are created together (`_create`) in one transaction, all
        or nothing; if anything in it fails, or a story is not certainly new, those stories
        go through `save`, so a bad story is isolated in its own transaction and leaves no
        rows while the others import."""
        fresh, unchanged, others = self._split_new(records)
        if self.options.user is not None:  # one by one, each checked and recorded
            fresh, others = [], fresh + others
        results = [(record, UNCHANGED) for record in unchanged]
        if fresh:
            try:
                with transaction.atomic():
                    self._create(fresh)
                self.resolver.commit()
                results += [(record, CREATED) for record in fresh]
            except STORE_ERRORS:
                self._forget_uncommitted()
                others = fresh + others  # one by one: find the story that fails
        for record in others:
            try:
                results.append((record, self.save(record)))
            except STORE_ERRORS as exc:
                results.append((record, exc))
        return results

    def _forget_uncommitted(self):
        """After a rollback: entries and sections made in it no longer exist."""
        self.resolver.rollback()
        self.sections = _sections_by_name()
        self.tags = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}

    def _split_new(self, records):
        """Records that are certainly new stories (created together), stored ones whose
        source has not changed (nothing to write), and the rest (through `save`)."""
        found = Article.objects.filter(external_key__in=[r.key for r in records]).values_list(
            "external_key", "import_hash", "publication_id"
        )
        stored = {key: fingerprint for key, fingerprint, _home in found}
        homes = {key: home for key, _fingerprint, home in found}
        fresh, unchanged, others, seen = [], [], [], set()
        for record in records:
            if record.key not in seen and stored.get(record.key) == record.fingerprint():
                seen.add(record.key)
                self._note_home(record, homes[record.key])
                unchanged.append(record)
                continue
            # An exported story of this newsroom may come back under its slug (`_existing`).
            simple = (
                record.key not in stored
                and record.key not in seen
                and not record.key.startswith(EXPORT_ID_PREFIX)
            )
            seen.add(record.key)
            (fresh if simple else others).append(record)
        return fresh, unchanged, others

    def _save_as_user(self, record: StoryRecord) -> str:
        """`_save`, checked against the user's rights and recorded like their admin save: a
        revision by them and an entry in the admin's log."""
        import reversion
        from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

        user = self.options.user
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment("Imported")
            outcome = self._save(record)
            if outcome == UNCHANGED:
                return outcome
            article = Article.objects.get(external_key=record.key)
            reversion.add_to_revision(article)  # a new story is inserted without a signal
        LogEntry.objects.create(
            user=user,
            content_type=self.article_type,
            object_id=str(article.pk),
            object_repr=str(article)[:200],
            action_flag=ADDITION if outcome == CREATED else CHANGE,
            change_message="Imported",
        )
        return outcome

    def _save(self, record: StoryRecord) -> str:
        fingerprint = record.fingerprint()
        article = self._existing(record.key, fingerprint)
        if article == UNCHANGED:
            return UNCHANGED
        if article is None:
            self._create([record])
            return CREATED
        user = self.options.user
        if user is not None:
            from articles.services import can_edit

            if not can_edit(user, article):
                raise ImportRefused(
                    f"{user} may not change the story {article.headline!r} "
                    f"({article.get_status_display().lower()})"
                )
        self._update(article, record, fingerprint)
        return UPDATED

    def _create(self, records: list[StoryRecord]):
        """Create these new stories (their keys are not stored) in the caller's transaction:
        the rows of stories, boxes and tags with one INSERT per table, the search vector
        computed in the stories' INSERT on PostgreSQL."""
        home = self.options.publication_id
        articles = [Article(external_key=record.key, publication_id=home) for record in records]
        for article, record, slug in zip(articles, records, self._new_slugs(records), strict=True):
            article.slug = slug
            article.status = self.options.status_for(record.status)
            article.published_at = record.published_at or (
                timezone.now() if article.status == Article.Status.PUBLISHED else None
            )
            self._fill(article, record, record.fingerprint())
            # What `Article.save` does to the text, as these rows are not saved through it.
            clean_article_text(article)
            article.body = clean_body(article.body)
        names = [self._search_names(record) for record in records]
        bodies = [strip_tags(article.body) for article in articles]
        for article, record_names, body_text in zip(articles, names, bodies, strict=True):
            article.search_text = search_text(
                article.headline, article.dek, record_names, body_text
            )
        if connection.vendor == "postgresql":
            insert_rows(
                Article,
                articles,
                computed={"search_vector": STORED_VECTOR_SQL},
                side={"search_names": ("text", names), "search_body": ("text", bodies)},
            )
        else:
            Article.objects.bulk_create(articles)
        place(article.pk for article in articles)  # not saved one by one: their home rows

        org_links, person_links, tagged = [], [], []
        for article, record in zip(articles, records, strict=True):
            org_links += [
                ArticleOrganization(
                    article=article, organization_id=pk, position=position, source=source
                )
                for position, (pk, source, _extra) in enumerate(
                    self._wanted_organizations(record, article.status)
                )
            ]
            person_links += [
                ArticlePerson(
                    article=article, person_id=pk, position=position, source=source, **extra
                )
                for position, (pk, source, extra) in enumerate(
                    self._wanted_people(record, article.status)
                )
            ]
            tagged += [
                TaggedItem(content_type=self.article_type, object_id=article.pk, tag_id=tag)
                for tag in self._tag_ids(record.tags)
            ]
        insert_many(ArticleOrganization, org_links)
        insert_many(ArticlePerson, person_links)
        insert_many(TaggedItem, tagged)
        if published := [a.pk for a in articles if a.status == Article.Status.PUBLISHED]:
            accept_entries_the_import_made(published)
        for article, record in zip(articles, records, strict=True):
            self._sync_suggestions(article, record.suggestions)
            _run_saved_hooks(record, article)
            if article.image:
                article._refresh_renditions()
        if self.options.autotag != "off":
            self.tagger.tag_many(
                [
                    article
                    for article, record in zip(articles, records, strict=True)
                    if record.autotag
                ]
            )
        story_changed(
            [article.slug for article in articles],
            listings={a.publication_id for a in articles if a.status == Article.Status.PUBLISHED},
        )

    def _new_slugs(self, records: list[StoryRecord]) -> list[str]:
        """A free slug for each new story: the source's, else one from its headline."""
        bases = [
            (record.slug or readable_slug(record.headline) or "story")[:255].strip("-") or "story"
            for record in records
        ]
        taken = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
        slugs = []
        for base in bases:
            slug = unique_slug(
                base,
                lambda s, base=base: (
                    s in taken or (s != base and Article.objects.filter(slug=s).exists())
                ),
            )
            taken.add(slug)
            slugs.append(slug)
        return slugs

    def _update(self, article: Article, record: StoryRecord, fingerprint: str):
        """A stored story whose source changed: status, slug and a published or scheduled
        story's time belong to its editors (status changes only when the source says so and
        the import may publish). Its home publication stays what it is: the key names one
        story across the network, so an import for another site updates it where it lives
        and says so."""
        self._note_home(record, article.publication_id)
        if record.status and self.options.may_publish:
            article.status = record.status
        if record.published_at is not None and article.status != Article.Status.PUBLISHED:
            article.published_at = record.published_at  # a source's date
        elif article.published_at is None and article.status == Article.Status.PUBLISHED:
            article.published_at = timezone.now()
        self._fill(article, record, fingerprint)
        article.save()
        self._sync_organizations(article, record)
        self._sync_people(article, record)
        if article.status == Article.Status.PUBLISHED:
            accept_entries_the_import_made([article.pk])
        self._sync_tags(article, record.tags)
        self._sync_suggestions(article, record.suggestions)
        if record.autotag and self.options.autotag != "off":
            self.tagger.tag(article)
        _run_saved_hooks(record, article)

    def _search_names(self, record) -> str:
        return " ".join(
            [record.section or self.options.default_section, *record.tags]
            + [ref.name for ref in record.organizations + record.people]
            + [ref.acronym for ref in record.organizations if ref.acronym]
        )

    def _fill(self, article: Article, record: StoryRecord, fingerprint: str):
        """The fields an import owns. (Status, slug and publication time of an existing story
        belong to its editors; the import sets them only on new stories.)"""
        article.headline = record.headline[:300]
        article.dek = record.dek
        article.body = record.body
        article.byline = record.byline[:255]
        article.dateline = record.dateline[:120]
        article.source_url = record.source_url
        article.import_flags = sorted(set(record.flags))
        article.import_hash = fingerprint
        article.section_id = self._section(
            record.section or self.options.default_section, article.publication_id
        )
        self._apply_image(article, record)

    def _existing(self, key: str, fingerprint: str) -> Article | None | str:
        """The stored story with this key (locked), UNCHANGED when its fingerprint matches,
        or None."""
        found = (
            Article.objects.select_for_update()
            .filter(external_key=key)
            .values_list("pk", "import_hash")
            .first()
        )
        if found and found[1] == fingerprint:
            return UNCHANGED
        article = Article.objects.get(pk=found[0]) if found else None
        if article is None and key.startswith(EXPORT_ID_PREFIX):
            # A story made in this newsroom, exported and imported back: same slug, same story.
            slug = key.removeprefix(EXPORT_ID_PREFIX)
            article = Article.objects.select_for_update().filter(slug=slug, external_key="").first()
        return article

    def _note_home(self, record: StoryRecord, home_id: int):
        """A story stored under this key lives on another publication than the one this
        import writes to: it stays there; the report says so."""
        if home_id == self.options.publication_id:
            return
        from publications.hosts import host_map

        home = host_map().by_id.get(home_id)
        record.warnings.append(
            f"{record.origin}: already a story of {home or 'another publication'}; "
            "it stays there (imports never move a story to another publication)"
        )

    def _section(self, name: str, publication_id: int) -> int | None:
        """The section of this name in the publication, made there when it has none."""
        name = name.strip()
        if not name:
            return None
        key = (publication_id, normalize_name(name))
        if key not in self.sections:
            section, _ = Section.objects.get_or_create(
                publication_id=publication_id,
                slug=readable_slug(name, 100) or "section",
                defaults={"name": name[:100]},
            )
            self.sections[key] = section.pk
        return self.sections[key]

    # --- the lead image ---------------------------------------------------------------------

    def _apply_image(self, article: Article, record: StoryRecord):
        image = record.image or ImageRecord()
        article.image_stem = image.stem[:255]
        article.image_alt = image.alt[:500]
        article.image_caption = image.caption
        article.image_credit = image.credit[:255]
        if not (image.file or image.stem):
            article.image = ""
            return
        stored = self._find_image(image, record)
        if stored:
            article.image = stored
        else:
            wanted = image.file or _stem_filename(image)
            record.warnings.append(
                f"{record.origin}: image {wanted} not found; caption and credit kept"
            )
            if not article.image or not default_storage.exists(article.image.name):
                article.image = ""

    def _find_image(self, image: ImageRecord, record: StoryRecord) -> str:
        """The media-storage name of the image, copying it in from beside the source (or a
        --media-dir) if needed. Only plain file names are looked up, only inside those
        folders (a symlink that leads out of them is not followed), and only real images
        are copied; anything else is a warning for this story, never an error of the run."""
        warn = record.warnings.append
        if image.file:
            stored = _media_name(image.file)
            if stored is None:
                warn(f"{record.origin}: image file {image.file!r} is not a path in media storage")
            elif _media_exists(stored):
                return stored
        if image.file:  # looked for by its bare name in the folders below
            names = [_plain_name(PurePosixPath(image.file.replace("\\", "/")).name)]
        else:
            names = _candidate_names(image)
        names = [name for name in names if name]
        if not names:
            warn(f"{record.origin}: image {image.file or image.stem!r} is not a file name")
            return ""
        folders = list(self.options.media_dirs)
        if record.sidecar_path:
            folders.insert(0, os.path.dirname(os.path.abspath(record.sidecar_path)))
        roots = [Path(folder).resolve() for folder in folders]
        for root in roots:
            for name in names:
                path = root / name
                try:
                    if not path.is_file():
                        continue
                    real = path.resolve()
                except (OSError, RuntimeError) as exc:  # unreadable folder, symlink loop
                    reason = getattr(exc, "strerror", None) or exc
                    warn(f"{record.origin}: image {name!r} cannot be looked up: {reason}")
                    continue
                if not any(real.is_relative_to(allowed) for allowed in roots):
                    warn(f"{record.origin}: image {path} leads outside {root}; not copied")
                    continue
                try:
                    return _store_image(real, name)
                except (ValidationError, OSError) as exc:
                    reason = exc.messages[0] if isinstance(exc, ValidationError) else exc
                    warn(f"{record.origin}: image {path} is not an image we take: {reason}")
        return ""

    # --- the boxes and tags -------------------------------------------------------------------

    def _wanted_organizations(self, record, status):
        """(organization id, source, extra fields) in box order, found or created. Entries
        created for a story readers cannot see yet wait as suggestions, until the story is
        published, by an editor or by an import (`accept_entries_the_import_made`), or an
        editor accepts them."""
        wanted = []
        for ref in record.organizations:
            pk = self.resolver.find_or_create(
                "organization",
                ref.name,
                slug=ref.slug,
                acronym=ref.acronym,
                review_status=_new_entry_status(status),
            )
            if pk is not None and pk not in {w[0] for w in wanted}:
                wanted.append((pk, ref.source or LinkSource.IMPORT, {}))
        return wanted

    def _wanted_people(self, record, status):
        wanted = []
        for ref in record.people:
            pk = self.resolver.find_or_create(
                "person", ref.name, slug=ref.slug, review_status=_new_entry_status(status)
            )
            if pk is not None and pk not in {w[0] for w in wanted}:
                wanted.append((pk, ref.source or LinkSource.IMPORT, {"title": ref.title[:255]}))
        return wanted

    def _sync_organizations(self, article: Article, record: StoryRecord):
        wanted = self._wanted_organizations(record, article.status)
        self._sync_links(ArticleOrganization, "organization_id", article, wanted)

    def _sync_people(self, article: Article, record: StoryRecord):
        wanted = self._wanted_people(record, article.status)
        self._sync_links(ArticlePerson, "person_id", article, wanted)

    def _sync_links(self, model, field_name, article, wanted):
        """Make the import's rows of a stored story what the source says; rows an editor
        added stay."""
        existing = {
            getattr(link, field_name): link for link in model.objects.filter(article=article)
        }
        keep_editor = {pk for pk, link in existing.items() if link.source == LinkSource.EDITOR}
        wanted_pks = {pk for pk, _, _ in wanted}
        stale = [
            link.pk
            for pk, link in existing.items()
            if pk not in wanted_pks and pk not in keep_editor
        ]
        if stale:
            model.objects.filter(pk__in=stale).delete()
        new_rows, changed = [], []
        for position, (pk, source, extra) in enumerate(wanted):
            link = existing.get(pk)
            if link is None:
                new_rows.append(
                    model(
                        article=article,
                        position=position,
                        source=source,
                        **{field_name: pk},
                        **extra,
                    )
                )
                continue
            values = {"position": position, "source": source, **extra}
            if link.source != LinkSource.EDITOR and any(
                getattr(link, k) != v for k, v in values.items()
            ):
                for k, v in values.items():
                    setattr(link, k, v)
                changed.append(link)
        if new_rows:
            model.objects.bulk_create(new_rows)
        if changed:
            model.objects.bulk_update(changed, ["position", "source", *wanted[0][2]])

    def _sync_suggestions(self, article: Article, suggestions: list[dict]):
        """Suggested and rejected tags exported with a story come back as they were."""
        for item in suggestions:
            kind = item["kind"]
            pk = self.resolver.find_or_create(
                kind, item["name"], acronym=item["acronym"], review_status="suggested"
            )
            model, field_name = (
                (ArticleOrganization, "organization_id")
                if kind == "organization"
                else (ArticlePerson, "person_id")
            )
            extra = {"title": item["title"][:255]} if kind == "person" else {}
            model.objects.update_or_create(
                article=article,
                **{field_name: pk},
                defaults={
                    "status": item["status"],
                    "source": LinkSource.AUTOMATIC,
                    "confidence": item["confidence"],
                    **extra,
                },
            )

    def _tag_ids(self, names: list[str]) -> list[int]:
        """Tag ids for these names, in order, without repeats; unknown tags are created."""
        wanted = []
        for name in names:
            name = name.strip()[:100]
            if not name or not readable_slug(name):
                continue
            key = name.lower()
            if key not in self.tags:
                tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(
                    name=name,
                    slug=unique_slug(
                        readable_slug(name, 100), lambda s: Tag.objects.filter(slug=s).exists(), 100
                    ),
                )
                self.tags[key] = tag.pk
            if self.tags[key] not in wanted:
                wanted.append(self.tags[key])
        return wanted

    def _sync_tags(self, article: Article, names: list[str]):
        wanted = self._tag_ids(names)
        items = TaggedItem.objects.filter(content_type=self.article_type, object_id=article.pk)
        have = set(items.values_list("tag_id", flat=True))
        if have - set(wanted):
            items.exclude(tag_id__in=wanted).delete()
        TaggedItem.objects.bulk_create(
            TaggedItem(content_type=self.article_type, object_id=article.pk, tag_id=pk)
            for pk in wanted
            if pk not in have
        )


def _sections_by_name() -> dict:
    """Each publication's sections by (publication id, normalized name)."""
    return {
        (publication_id, normalize_name(name)): pk
        for pk, name, publication_id in Section.objects.values_list("pk", "name", "publication_id")
    }


def _run_saved_hooks(record: StoryRecord, article: Article):
    """A reader's own rows for a story, written in its transaction (wxr.py: old paths and
    authors). Hooks sit on the record as `on_saved`, outside its fingerprint."""
    for hook in getattr(record, "on_saved", ()):
        hook(article)


def _new_entry_status(story_status: str) -> str:
    """How a register entry an import box creates starts: public with a published story,
    else waiting (F3: a draft makes nothing public)."""
    if story_status == Article.Status.PUBLISHED:
        return ReviewStatus.ACCEPTED
    return ReviewStatus.SUGGESTED


def _stem_filename(image: ImageRecord) -> str:
    return f"{image.stem}.{image.format}" if image.format else image.stem


def _candidate_names(image: ImageRecord) -> list[str]:
    stem = _plain_name(image.stem)
    if not stem:
        return []
    if image.format:
        return [_plain_name(f"{stem}.{image.format}")]
    return [f"{stem}.{ext}" for ext in IMAGE_EXTENSIONS]


def _plain_name(name: str) -> str:
    """`name` when it is a bare file name (no folder, no `..`, no drive, not over the 255
    bytes file systems allow), else ""."""
    if not name or "\x00" in name or "/" in name or "\\" in name or ":" in name:
        return ""
    if len(name.encode("utf-8", "surrogatepass")) > 255:
        return ""
    return "" if name in (".", "..") else name


def _media_name(name: str) -> str | None:
    """A path inside media storage as exports write it (`articles/imported/x.webp`), or None
    for anything that could point elsewhere (absolute, `..`, backslashes)."""
    if not name or "\x00" in name or "\\" in name or ":" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", ".", "") for part in name.split("/")):
        return None
    return str(path)


def _media_exists(name: str) -> bool:
    try:
        return default_storage.exists(name)
    except (SuspiciousFileOperation, OSError):
        return False


def _store_image(path: Path, name: str) -> str:
    """Copy an image into media storage once (the same file name and size is the same
    image), after checking by its content that it is one (Pillow's verify, within the
    pixel budget), under the extension of what it is. Raises ValidationError or OSError."""
    with path.open("rb") as handle:
        kind = image_kind(handle)
        stored = f"articles/imported/{name_for(name, kind)}"
        if _media_exists(stored) and default_storage.size(stored) == path.stat().st_size:
            return stored
        return default_storage.save(stored, File(handle, name=os.path.basename(stored)))
