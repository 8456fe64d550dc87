"""Sections, articles and the organizations and people tagged in each article."""

import reversion
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from organizations.models import ReviewStatus
from publications.models import default_publication_id

from .images import validate_image_upload
from .sanitize import clean_body
from .text_clean import clean_article_text


class SectionQuerySet(models.QuerySet):
    def public(self, publication):
        """Sections readers of `publication` see: its own, once they have a published story
        (an import's draft in a new section puts nothing in the masthead)."""
        return self.filter(publication=publication).filter(
            models.Exists(
                Article.objects.published(publication).filter(section=models.OuterRef("pk"))
            )
        )


class Section(models.Model):
    """A desk or kicker of one publication: “State”, “Transportation”. Few rows; shown in the
    publication's navigation."""

    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.PROTECT,
        related_name="sections",
        default=default_publication_id,
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Order in the navigation; lower comes first."
    )
    in_navigation = models.BooleanField(default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "slug"], name="section_unique_slug"),
            models.UniqueConstraint(fields=["publication", "name"], name="section_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])  # on its publication's host


def _on(publication) -> models.Q:
    # Through `Placement` (home and shares in one table), as a semi-join: PostgreSQL then
    # walks either the publication's placements (a small site) or the stories' date index
    # probing placements (a big one). "Home, or an EXISTS on the shares" scanned the whole
    # archive for a small site (650 ms against 2.6 ms at a million stories and 1,000 sites,
    # bench/RESULTS.md).
    placed = Placement.objects.filter(
        article_id=models.OuterRef("pk"), publication_id=publication.pk
    )
    return models.Q(models.Exists(placed))


class ArticleQuerySet(models.QuerySet):
    def published(self, publication=None, *, now=None, shared=True):
        """What readers may see: published, and due (at `now`, by default this moment), on
        `publication` (its own stories and those shared to it; with `shared=False` its own
        only, as sitemaps list canonical addresses). The only door for every reader path,
        which passes `request.publication`; `None` (the whole network) is for the desk,
        commands and exports."""
        stories = self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )
        if publication is None:
            return stories
        return stories.on(publication) if shared else stories.filter(publication=publication)

    def on(self, publication):
        """Stories at home on `publication` or shared to it. With one publication in the
        install, that is every story: no filter (a single-site install's queries are as
        they always were)."""
        from publications.hosts import is_network

        if not is_network():
            return self.all()
        return self.filter(_on(publication))

    def not_on(self, publication):
        """Stories readers of `publication` do not find there (neither its own nor shared)."""
        return self.exclude(_on(publication))

    def visible_to(self, user, publication):
        """Readers get `published(publication)`; staff who may view articles also see the
        publication's drafts (preview)."""
        if can_preview(user):
            return self.on(publication)
        return self.published(publication)

    def for_listing(self):
        """The columns a list of stories shows, newest first, with their section."""
        return (
            self.select_related("section")
            .only(
                "publication",  # a story shared from another publication links to its home
                "headline",
                "slug",
                "dek",
                "published_at",
                "status",
                "dateline",
                "image",
                "image_alt",
                "image_width",
                "image_height",
                "image_renditions",
                "section__name",
                "section__slug",
            )
            .order_by("-published_at", "-pk")
        )

    def mentioning_organization(self, organization):
        """Stories where readers see `organization` in the box."""
        return self.filter(
            organization_links__organization=organization,
            organization_links__status=ReviewStatus.ACCEPTED,
        )

    def mentioning_person(self, person):
        return self.filter(person_links__person=person, person_links__status=ReviewStatus.ACCEPTED)

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        """For the admin's date hierarchy: the years, or the months, that have stories, found
        by skipping along the index on `published_at` (one short query per period) instead of
        Django's DISTINCT over every row, a second at a million stories. A list, ascending."""
        if field_name != "published_at" or kind not in ("year", "month") or order != "ASC":
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = tzinfo or timezone.get_current_timezone()
        dates = (
            self.filter(published_at__isnull=False)
            .order_by("published_at")
            .values_list("published_at", flat=True)
        )
        periods, after = [], None
        while first := (dates.filter(published_at__gte=after) if after else dates).first():
            local = first.astimezone(zone)
            start = local.replace(
                month=1 if kind == "year" else local.month,
                day=1,
                hour=0,
                minute=0,
                second=0,
                microsecond=0,
            )
            periods.append(start)
            if kind == "year":
                following = start.replace(year=start.year + 1)
            else:
                following = start.replace(
                    year=start.year + start.month // 12, month=start.month % 12 + 1
                )
            after = following  # zoneinfo works the offset out from the wall time
        return periods

    def with_boxes(self):
        """The boxes readers see, prefetched: `visible_organization_links` and
        `visible_person_links`, each person with their current role. Used by the story page,
        the export and the API alike."""
        from people.models import Affiliation

        current_roles = Affiliation.objects.current().select_related("organization")
        return self.prefetch_related(
            Prefetch(
                "organization_links",
                queryset=ArticleOrganization.objects.visible().select_related("organization"),
                to_attr="visible_organization_links",
            ),
            Prefetch(
                "person_links",
                queryset=ArticlePerson.objects.visible()
                .select_related("person")
                .prefetch_related(
                    Prefetch(
                        "person__affiliations",
                        queryset=current_roles,
                        to_attr="current_affiliations",
                    )
                ),
                to_attr="visible_person_links",
            ),
        )

    def for_page(self):
        """One story's page: the story with its section, and everything shown around it, in
        a constant number of queries (the boxes, `box_tags`, `box_authors`,
        `box_corrections`)."""
        from people.models import Person

        return (
            self.select_related("section")
            .defer("search_text", "search_vector", "import_hash")
            .with_boxes()
            .prefetch_related(
                Prefetch(
                    "tagged_items",
                    queryset=TaggedItem.objects.select_related("tag").order_by("tag__name"),
                    to_attr="page_tagged_items",
                ),
                Prefetch(
                    "authors",
                    queryset=Person.objects.public().order_by("sort_name"),
                    to_attr="box_authors",
                ),
                Prefetch("corrections", to_attr="box_corrections"),
            )
        )


def can_preview(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm("articles.view_article")
    )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.PROTECT,
        related_name="articles",
        default=default_publication_id,
        help_text="Its home: the publication whose address is the story's canonical one, "
        "and whose desk edits it.",
    )
    shared_with = models.ManyToManyField(
        "publications.Publication",
        blank=True,
        related_name="shared_articles",
        help_text="Other publications that show it too (their readers are pointed to the "
        "home publication's address as the original).",
    )

    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=255, unique=True, help_text="The last part of its URL.")
    dek = models.TextField(blank=True, help_text="The line under the headline.")
    body = models.TextField(
        blank=True, help_text="HTML. Cleaned on save to paragraphs, links, lists and quotes."
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    byline = models.CharField(
        max_length=255, blank=True, help_text="As printed: “By Federal Newswire”."
    )
    authors = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="authored_articles",
        help_text="People on the register who wrote it, linked from the byline.",
    )
    dateline = models.CharField(
        max_length=120, blank=True, help_text="Where the story was filed: “CHARLESTON”."
    )

    image = models.ImageField(
        upload_to="articles/%Y/%m/",
        max_length=500,
        blank=True,
        validators=[validate_image_upload],
        help_text="JPEG, PNG, GIF or WebP, up to 10 MB. Smaller WebP copies are made for phones.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    image_stem = models.CharField(
        max_length=255,
        blank=True,
        help_text="The image name an import gave (“blinken”), kept even when the file is missing.",
    )
    image_alt = models.CharField("image alt text", max_length=500, blank=True)
    image_caption = models.TextField(blank=True)
    image_credit = models.CharField(max_length=255, blank=True)

    # Indexed by `article_status_pub` (status, then date), which serves status alone too.
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A time in the future schedules the story: it goes live by itself then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        auto_now=True, help_text="Changes with every save; also the edit-conflict token."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote it; contributors may edit only their own drafts.",
    )
    preview_nonce = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="Part of every shareable preview link; a new one revokes them all.",
    )

    source_url = models.URLField(max_length=1000, blank=True)
    external_key = models.CharField(
        max_length=255,
        blank=True,
        help_text="The story's identity in its source; makes imports idempotent.",
    )
    import_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the imported source; an unchanged source is not written again.",
    )
    search_text = models.TextField(
        blank=True, editable=False, help_text="Plain text of everything searchable."
    )
    search_vector = SearchVectorField(null=True, editable=False)
    import_flags = models.JSONField(
        default=list, blank=True, help_text="What the importer noticed: headerless, reprint…"
    )

    organizations = models.ManyToManyField(
        "organizations.Organization",
        through="ArticleOrganization",
        related_name="articles",
        blank=True,
    )
    people = models.ManyToManyField(
        "people.Person", through="ArticlePerson", related_name="articles", blank=True
    )
    tags = TaggableManager(blank=True)
    # Lets revisions (django-reversion) follow the tags of a story.
    tagged_items = GenericRelation(TaggedItem, related_query_name="article")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can publish, unpublish and schedule stories"),
            ("edit_any_article", "Can edit stories written by others"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub"),
            # One publication's stories, newest first (every listing of a network site).
            models.Index(
                fields=["publication", "status", "-published_at"], name="article_pub_status_pub"
            ),
            # The admin's order, newest first with drafts (no date) on top: read backwards, it
            # gives the first page of a million stories without sorting any.
            models.Index(fields=["published_at", "id"], name="article_published_id"),
            # The newest change: the sitemap index's date, `export_articles --since`.
            models.Index(fields=["updated_at"], name="article_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_key"],
                condition=~models.Q(external_key=""),
                name="article_unique_external_key",
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        clean_article_text(self, update_fields)  # control characters, spaces (text_clean.py)
        if update_fields is None or "body" in update_fields:
            self.body = clean_body(self.body)
        image_changed = (self.image.name or "") != (getattr(self, "_loaded_image", "") or "") and (
            update_fields is None or "image" in update_fields
        )
        old_slug = getattr(self, "_loaded_slug", None)
        retire = bool(
            old_slug and old_slug != self.slug and getattr(self, "_loaded_was_public", False)
        )
        moved_home = self._state.adding or self.publication_id != getattr(
            self, "_loaded_publication_id", None
        )
        super().save(*args, **kwargs)
        if moved_home:
            from .placements import place

            place([self.pk])
            self._loaded_publication_id = self.publication_id
        if image_changed:
            self._refresh_renditions()
        if retire:
            RetiredSlug.objects.update_or_create(slug=old_slug, defaults={"article": self})
            RetiredSlug.objects.filter(slug=self.slug).delete()
        self._remember_loaded_state(self.slug, self.status, self.published_at)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # What the row said when loaded: a slug change of a live story keeps the old URL.
        loaded = dict(zip(field_names, values, strict=True))
        article._remember_loaded_state(
            loaded.get("slug"), loaded.get("status"), loaded.get("published_at")
        )
        article._loaded_image = loaded.get("image")
        article._loaded_publication_id = loaded.get("publication_id")
        return article

    def _refresh_renditions(self):
        """After the file is stored: its size and WebP renditions (none if it is missing)."""
        from .images import make_renditions

        made = make_renditions(self.image.name) if self.image else None
        self.image_renditions = made.renditions if made else {}
        self.image_width = made.width if made else None
        self.image_height = made.height if made else None
        self._loaded_image = self.image.name
        Article.objects.filter(pk=self.pk).update(
            image_renditions=self.image_renditions,
            image_width=self.image_width,
            image_height=self.image_height,
        )

    def _remember_loaded_state(self, slug, status, published_at):
        self._loaded_slug = slug
        self._loaded_status = status
        self._loaded_published_at = published_at
        self._loaded_was_public = status == self.Status.PUBLISHED and bool(published_at)

    @property
    def image_srcset(self) -> str:
        """`srcset` of the WebP renditions, widest last ("" when there are none)."""
        if not self.image_renditions:
            return ""
        from django.core.files.storage import default_storage

        pairs = sorted((int(w), name) for w, name in self.image_renditions.items())
        return ", ".join(f"{default_storage.url(name)} {w}w" for w, name in pairs)

    @property
    def box_tags(self) -> list:
        """The story's tags by name (prefetched by `for_page()`)."""
        items = getattr(self, "page_tagged_items", None)
        if items is None:
            return list(self.tags.order_by("name"))
        return [item.tag for item in items]

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class Placement(models.Model):
    """Where a story shows: one row for its home publication and one for each publication
    it is shared to, kept by `articles/placements.py` from `Article.publication` and
    `Article.shared_with`. Reader queries go through it (`ArticleQuerySet.on`)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="placements")
    publication = models.ForeignKey(
        "publications.Publication", on_delete=models.CASCADE, related_name="placements"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "article"], name="placement_unique_publication_article"
            )
        ]
        indexes = [models.Index(fields=["article"], name="placement_article")]

    def __str__(self):
        return f"{self.article_id} on {self.publication_id}"


class LinkSource(models.TextChoices):
    EDITOR = "editor", "Editor"
    IMPORT = "import", "Import box"
    AUTOMATIC = "automatic", "Automatic"


class LinkQuerySet(models.QuerySet):
    def visible(self):
        """What readers see in a box: the link is accepted and so is its organization or
        person. The one rule for every reader path (pages, API, feeds, search, JSON-LD)."""
        return self.filter(
            status=ReviewStatus.ACCEPTED,
            **{f"{self.model.entity_field}__review_status": ReviewStatus.ACCEPTED},
        )


class EntityLink(models.Model):
    """What the two “in this story” boxes share: order, origin, review state, evidence."""

    position = models.PositiveIntegerField(default=0, help_text="Order in the box; lower first.")
    source = models.CharField(max_length=16, choices=LinkSource.choices, default=LinkSource.EDITOR)
    status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.ACCEPTED,
        help_text="Rejected tags stay, so that automatic tagging does not add them again.",
    )
    confidence = models.FloatField(null=True, blank=True)
    evidence = models.JSONField(
        default=dict, blank=True, help_text="Where tagging found it: offsets and the sentence."
    )
    reviewed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an editor accepted or rejected it; tagging "
        "runs never change a reviewed tag.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class ArticleOrganization(EntityLink):
    """An organization in this story, at a position, tagged by someone or something."""

    entity_field = "organization"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="organization_links"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="article_links"
    )

    class Meta(EntityLink.Meta):
        verbose_name = "organization in this story"
        verbose_name_plural = "organizations in this story"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "organization"], name="article_organization_once"
            )
        ]
        indexes = [models.Index(fields=["organization", "article"], name="org_link_by_org")]

    def __str__(self):
        return str(self.organization)


class ArticlePerson(EntityLink):
    """A person in this story, at a position, tagged by someone or something."""

    entity_field = "person"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_links")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="article_links"
    )
    title = models.CharField(
        max_length=255, blank=True, help_text="Their role as this story gives it, if it does."
    )

    class Meta(EntityLink.Meta):
        verbose_name = "person in this story"
        verbose_name_plural = "people in this story"
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="article_person_once")
        ]
        indexes = [models.Index(fields=["person", "article"], name="person_link_by_person")]

    def __str__(self):
        return str(self.person)

    @property
    def role(self) -> str:
        """What the box says after the name: the title the story gives, else the register's
        current role."""
        return self.title or self.person.current_role


class Transition(models.Model):
    """A change of state of a story: who moved it from what to what, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Article.Status.choices)
    to_status = models.CharField(max_length=16, choices=Article.Status.choices)
    published_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Correction(models.Model):
    """A dated correction or update appended under a published story."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="Plain text, as readers will see it.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%Y-%m-%d}"


class RetiredSlug(models.Model):
    """A slug a published story had before: its old URL answers with a 301 to the new one."""

    slug = models.SlugField(max_length=255, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="retired_slugs")
    retired_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.slug


# Revisions (django-reversion): a revision of a story holds its boxes, tags and corrections
# too, so reverting one restores the story as it was. Registered here, before the admin
# (whose VersionAdmin would otherwise register Article with its inlines only). The import
# fingerprint is left out, so a reverted story is written again by its next import.
for _related in (ArticleOrganization, ArticlePerson, TaggedItem, Correction):
    if not reversion.is_registered(_related):
        reversion.register(_related)
reversion.register(
    Article,
    exclude=("import_hash", "search_text", "search_vector"),
    follow=("organization_links", "person_links", "tagged_items", "corrections"),
)
