from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from newsroom.text import normalize_name


class ReviewStatus(models.TextChoices):
    """Entries found by automatic tagging wait for an editor before readers see them."""

    ACCEPTED = "accepted", "Accepted"
    SUGGESTED = "suggested", "Suggested"
    REJECTED = "rejected", "Rejected"


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Organizations readers may see: not suggestions waiting for review, not rejected."""
        return self.filter(review_status=ReviewStatus.ACCEPTED)


class Organization(models.Model):
    """An agency, department, court, company... that stories can be tagged with."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "Department"
        AGENCY = "agency", "Agency"
        LEGISLATURE = "legislature", "Legislature"
        COURT = "court", "Court"
        COMPANY = "company", "Company"
        NONPROFIT = "nonprofit", "Nonprofit"
        PARTY = "party", "Party"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255, help_text="Full official name, as readers see it.")
    slug = models.SlugField(max_length=255, unique=True)
    acronym = models.CharField(
        max_length=32,
        blank=True,
        db_index=True,
        help_text="As written, case included (DOS, USAID). Matched case-sensitively in stories.",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.AGENCY)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The organization this one belongs to: CBP's parent is DHS.",
    )
    description = models.TextField(blank=True)
    titles = models.JSONField(
        default=list,
        blank=True,
        help_text="Job titles whose holder is, by the title alone, in this organization "
        "(“Secretary of State”). Automatic tagging uses them; leave empty when unsure.",
    )
    website = models.URLField(max_length=500, blank=True)
    external_id = models.CharField(
        max_length=255, blank=True, help_text="Key of this organization in an imported register."
    )
    review_status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.ACCEPTED,
        db_index=True,
        help_text="Suggested entries come from automatic tagging; readers see only accepted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="organization_unique_external_id",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """Whether readers may see it (the rule `OrganizationQuerySet.public()` applies)."""
        return self.review_status == ReviewStatus.ACCEPTED


class OrganizationAlias(models.Model):
    """Another name for an organization ("State Department", "DOS").

    Unique across the register by normalised text, so an alias always leads to one
    organization.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    normalized = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "organization aliases"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.normalized = normalize_name(self.name)
        if not self.normalized:
            raise ValidationError({"name": "An alias needs at least one letter or digit."})
        clash = (
            OrganizationAlias.objects.filter(normalized=self.normalized)
            .exclude(pk=self.pk)
            .select_related("organization")
            .first()
        )
        if clash:
            raise ValidationError(
                {"name": f"“{clash.name}” is already an alias of {clash.organization}."}
            )


class SuggestedOrganization(Organization):
    """The review queue: organizations automatic tagging found, waiting for an editor."""

    class Meta:
        proxy = True
        verbose_name = "suggested organization"
        verbose_name_plural = "suggested organizations (review queue)"


class OrganizationRedirect(models.Model):
    """The slug of an organization merged into another: its old page answers with a 301."""

    old_slug = models.SlugField(max_length=255, unique=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.organization.slug}"
