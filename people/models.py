from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from articles.images import validate_image_upload
from newsroom.text import normalize_name
from organizations.models import ReviewStatus


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People readers may see: not suggestions waiting for review, not rejected."""
        return self.filter(review_status=ReviewStatus.ACCEPTED)


class Person(models.Model):
    """Someone stories can be tagged with: an official, a judge, a spokesperson."""

    name = models.CharField(max_length=255, help_text="As readers see it: “Antony J. Blinken”.")
    slug = models.SlugField(max_length=255, unique=True)
    sort_name = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        help_text="“Blinken, Antony J.”; filled in when empty.",
    )
    bio = models.TextField("short bio", blank=True)
    photo = models.ImageField(
        upload_to="people/%Y/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(max_length=300, blank=True)
    external_id = models.CharField(max_length=255, blank=True)
    review_status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.ACCEPTED,
        db_index=True,
        help_text="Suggested entries come from automatic tagging; readers see only accepted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="person_unique_external_id",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        if not self.sort_name:
            self.sort_name = default_sort_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """Whether readers may see this person (the rule `PersonQuerySet.public()` applies)."""
        return self.review_status == ReviewStatus.ACCEPTED

    @property
    def current_affiliation(self):
        """The role held now, the latest begun first; None when there is none. Reads the
        `current_affiliations` a page prefetched (`Affiliation.objects.current()`), if any."""
        roles = getattr(self, "current_affiliations", None)
        if roles is None:
            roles = (
                Affiliation.objects.current().filter(person=self).select_related("organization")[:1]
            )
        return next(iter(roles), None)

    @property
    def current_role(self) -> str:
        """“Secretary of State”, or the organization when the role has no title; or ""."""
        role = self.current_affiliation
        return (role.title or role.organization.name) if role else ""


def default_sort_name(name: str) -> str:
    """“Antony J. Blinken” → “Blinken, Antony J.”; a single word stays as it is."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


class PersonAlias(models.Model):
    """Another name the person goes by (“Tony Blinken”). Unique per person by normalised text."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    normalized = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "normalized"], name="person_alias_unique_per_person"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.normalized = normalize_name(self.name)
        if not self.normalized:
            raise ValidationError({"name": "An alias needs at least one letter or digit."})


class AffiliationQuerySet(models.QuerySet):
    def public(self):
        """Roles readers see: at an organization readers may see."""
        from organizations.models import Organization

        return self.filter(organization__in=Organization.objects.public())

    def current(self):
        """Roles held now (no end date) at an organization readers may see, the latest begun
        first: the one definition of a person's current role."""
        return (
            self.public()
            .filter(end_date__isnull=True)
            .order_by(models.F("start_date").desc(nulls_last=True), "pk")
        )


class Affiliation(models.Model):
    """A role a person holds (or held) in an organization, with dates."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="affiliations"
    )
    title = models.CharField(max_length=255, blank=True, help_text="“Secretary of State”.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Empty while the role is held.")

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.title}, {self.organization.name}" if self.title else self.organization.name

    @property
    def is_current(self):
        return self.end_date is None


class SuggestedPerson(Person):
    """The review queue: people automatic tagging found, waiting for an editor."""

    class Meta:
        proxy = True
        verbose_name = "suggested person"
        verbose_name_plural = "suggested people (review queue)"


class PersonRedirect(models.Model):
    """The slug of a person merged into another: the old page answers with a 301."""

    old_slug = models.SlugField(max_length=255, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.person.slug}"
