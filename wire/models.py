"""The wire desk: sources polled on a schedule, where each story arrived from, and the old
addresses of migrated stories."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from publications.models import default_publication_id


class SourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """Enabled sources whose next poll has come and that no poller holds."""
        now = now or timezone.now()
        return self.filter(enabled=True).filter(
            models.Q(next_poll_at__isnull=True) | models.Q(next_poll_at__lte=now),
            models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now),
        )


class Source(models.Model):
    """A feed the desk watches: agency releases, a partner's wire."""

    class NewStatus(models.TextChoices):
        DRAFT = Article.Status.DRAFT.value, "Draft"
        REVIEW = Article.Status.REVIEW.value, "In review"
        PUBLISHED = Article.Status.PUBLISHED.value, "Published (trusted sources only)"

    class Autotag(models.TextChoices):
        OFF = "off", "Off"
        KNOWN = "known", "Known organizations and people"
        DISCOVER = "discover", "Known, and suggest new ones"

    name = models.CharField(max_length=200, unique=True)
    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.PROTECT,
        related_name="wire_sources",
        default=default_publication_id,
        help_text="The publication whose desk its stories go to (their home).",
    )
    feed_url = models.URLField(
        "feed URL",
        max_length=1000,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="An RSS or Atom feed (http or https).",
    )
    publisher = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_sources",
        help_text="The register entry that publishes it; its stories are tagged with it.",
    )
    section = models.ForeignKey(
        "articles.Section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_sources",
        help_text="Section of new stories: one of the publication's sections.",
    )
    new_status = models.CharField(
        "status of new stories",
        max_length=16,
        choices=NewStatus.choices,
        default=NewStatus.DRAFT,
        help_text="Draft or In review: an editor opens, edits and publishes. Published only "
        "for a source an Administrator marked trusted.",
    )
    trusted = models.BooleanField(
        default=False,
        help_text="Set by an Administrator: its stories may go out without an editor.",
    )
    autotag = models.CharField(
        "automatic tagging", max_length=16, choices=Autotag.choices, default=Autotag.KNOWN
    )
    interval_seconds = models.PositiveIntegerField(
        "polling interval (seconds)", default=900, validators=[MinValueValidator(1)]
    )
    enabled = models.BooleanField(default=True)

    # Health, written by the poller.
    last_fetch_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status = models.PositiveSmallIntegerField(
        "HTTP status", null=True, blank=True, editable=False
    )
    last_new = models.PositiveIntegerField("new", default=0, editable=False)
    last_updated = models.PositiveIntegerField("updated", default=0, editable=False)
    last_unchanged = models.PositiveIntegerField("unchanged", default=0, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    next_poll_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Empty: at the next run."
    )
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    # A poller's claim: no other process polls the source before this time.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    claimed_by = models.CharField(max_length=100, blank=True, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["enabled", "next_poll_at"], name="wire_source_due")]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.new_status == self.NewStatus.PUBLISHED and not self.trusted:
            errors["new_status"] = "Only a source an Administrator marked trusted may publish."
        if (
            self.section_id
            and self.publication_id
            and self.section.publication_id != self.publication_id
        ):
            errors["section"] = (
                f"“{self.section.name}” is a section of {self.section.publication}, not of "
                f"{self.publication}."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def status_for_new_stories(self) -> str:
        """What a new story gets: never published unless the source is trusted."""
        if self.new_status == self.NewStatus.PUBLISHED and not self.trusted:
            return Article.Status.REVIEW
        return self.new_status

    @property
    def state(self) -> str:
        """In words, for the desk: never polled, OK, or failing."""
        if not self.enabled:
            return "disabled"
        if self.last_fetch_at is None:
            return "not polled yet"
        if self.consecutive_failures:
            return f"failing ({self.consecutive_failures} in a row), backing off"
        return "OK"


class Arrival(models.Model):
    """A story came in through a source: one row per source and item, so the same release
    from two sources is one story with both sources noted, and an item seen again is known."""

    story = models.ForeignKey(
        Article,
        null=True,
        on_delete=models.SET_NULL,
        related_name="arrivals",
        help_text="Empty once an editor deleted the story: the item is not brought in again.",
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="arrivals")
    item_key = models.CharField(max_length=255, help_text="The item's key in its feed.")
    link = models.URLField(max_length=1000, blank=True, db_index=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    duplicate = models.BooleanField(
        default=False, help_text="The story had already come in through another source."
    )

    class Meta:
        ordering = ["seen_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "item_key"], name="wire_arrival_once")
        ]

    def __str__(self):
        return f"{self.source} → {self.story_id}"


class IntakeLock(models.Model):
    """One row. Every process writing a wire story updates it first, inside the story's
    transaction: stories from the wire are written one at a time across processes, so two
    sources bringing the same release at once still make one story (PostgreSQL: a row lock;
    SQLite: the database's write lock)."""

    taken_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"wire intake lock, last taken {self.taken_at}"

    @classmethod
    def take(cls):
        if not cls.objects.filter(pk=1).update(taken_at=timezone.now()):
            cls.objects.get_or_create(pk=1)
            cls.objects.filter(pk=1).update(taken_at=timezone.now())


class WireStory(Article):
    """Stories from the wire, as the admin's *From the wire* queue lists them."""

    class Meta:
        proxy = True
        verbose_name = "story from the wire"
        verbose_name_plural = "From the wire"


class OldPath(models.Model):
    """An address a story had on the site it was migrated from (a WordPress permalink,
    `/?p=123`): it answers with a 301 to the story once readers may see it. Each
    publication has its own old addresses (two WordPress sites both had a `/?p=7`)."""

    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.CASCADE,
        related_name="old_paths",
        default=default_publication_id,
        help_text="The publication whose host answered at this address: the story's home.",
    )
    path = models.CharField(max_length=1000, db_index=True)  # a 404 is looked up by it
    story = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_paths")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publication", "path"], name="wire_old_path_once")
        ]

    def __str__(self):
        return self.path

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.story.slug])

    ANY_KEY = "wire:old-paths-stored"

    @classmethod
    def any_stored(cls) -> bool:
        """Whether there is any (one cache lookup on a site that never migrated: its 404s
        cost no query)."""
        stored = cache.get(cls.ANY_KEY)
        if stored is None:
            stored = cls.objects.exists()
            cache.set(cls.ANY_KEY, stored, 300)
        return stored

    @classmethod
    def remember(cls, path: str, story: Article):
        """`path` of the story's home publication now leads to it."""
        cls.objects.update_or_create(
            publication_id=story.publication_id, path=path, defaults={"story": story}
        )
        cache.set(cls.ANY_KEY, True, 300)
