"""Publications: the sites of the network. A story has a home publication and may be shared
to others; sections belong to a publication; organizations and people belong to the whole
network. Adding a site is a row here: no deploy, no restart (see `hosts.py`)."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from articles.images import validate_image_upload

host_name = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    "A host name in lower case, without scheme, port or path: “capitol.example.com”.",
)


def validate_time_zone(value: str):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as “America/Chicago”.")


def _hosts(text: str) -> list[str]:
    return [line.strip().lower().rstrip(".") for line in text.splitlines() if line.strip()]


class PublicationQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_live=True)

    def create_default(self):
        """The publication of a single-site install (the first migration makes it)."""
        return self.create(
            is_default=True,
            name=settings.NEWSROOM_SITE_NAME,
            domain=settings.NEWSROOM_DEFAULT_DOMAIN,
        )

    def for_user(self, user):
        """The publications whose desk `user` works on (see `users_publications`)."""
        return self.filter(pk__in=[p.pk for p in users_publications(user)])


class Publication(models.Model):
    """One site of the network: its host names, masthead and the rules readers' robots get."""

    name = models.CharField(max_length=120, unique=True, help_text="The masthead: “Capitol Wire”.")
    tagline = models.CharField(max_length=255, blank=True)
    domain = models.CharField(
        max_length=253,
        unique=True,
        validators=[host_name],
        help_text="The host readers use, and the one in canonical links: “capitol.example.com”.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other host names that answer for this publication, one per line "
        "(“www.capitol.example.com”). Pages there still name the domain above as canonical.",
    )
    logo = models.ImageField(
        upload_to="publications/", blank=True, validators=[validate_image_upload]
    )
    default_image = models.ImageField(
        upload_to="publications/",
        blank=True,
        validators=[validate_image_upload],
        help_text="Shown when a story is shared without a lead image of its own.",
    )
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text="Dates on this publication's pages are shown in this zone (“America/Chicago”).",
    )
    robots_rules = models.TextField(
        blank=True,
        help_text="Extra lines for this publication's robots.txt (“Disallow: /search/”).",
    )
    is_live = models.BooleanField(
        default=True,
        help_text="Readers get a 404 on every page until it is live; the desk works as usual.",
    )
    is_default = models.BooleanField(
        default=False,
        editable=False,
        help_text="The publication of a single-site install: answers for the hosts in "
        "ALLOWED_HOSTS that no publication claims, and gets stories imported without --site.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="publications",
        help_text="Staff whose role (Contributor, Editor) applies here. Administrators work "
        "on every publication; staff given none work on the default publication.",
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_publication"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url("/")

    @property
    def alias_list(self) -> list[str]:
        return _hosts(self.aliases)

    @property
    def hosts(self) -> list[str]:
        return [self.domain, *self.alias_list]

    def clean(self):
        self.domain = (self.domain or "").strip().lower().rstrip(".")
        errors = []
        for alias in self.alias_list:
            try:
                host_name(alias)
            except ValidationError:
                errors.append(f"“{alias}” is not a host name.")
        taken = set(self.hosts)
        for other in Publication.objects.exclude(pk=self.pk).only("name", "domain", "aliases"):
            clash = taken & set(other.hosts)
            if clash:
                errors.append(f"{', '.join(sorted(clash))} already answers for {other}.")
        if errors:
            raise ValidationError({"aliases": errors})

    def url(self, path: str, request=None) -> str:
        """An absolute URL on this publication's domain (canonical links, feeds, sitemaps):
        with the scheme and port of `request` when given (so a development server's port is
        kept), else https on the standard port."""
        scheme, port = "https", ""
        if request is not None:
            scheme = request.scheme
            port = request.get_port()
            port = "" if port in ("80", "443", "") else f":{port}"
        return f"{scheme}://{self.domain}{port}{path}"


def default_publication() -> Publication:
    """The default publication (made by the first migration; a single-site install has only it)."""
    return Publication.objects.get(is_default=True)


def default_publication_id() -> int:
    """Model-field default: stories and sections made without a publication go to the
    default one."""
    from .hosts import host_map

    return host_map().default_id


def users_publications(user) -> list[Publication]:
    """Where `user`'s role applies: every publication for superusers and Administrators;
    otherwise those they are members of, or the default publication when given none."""
    from .hosts import host_map

    if not (user and user.is_authenticated):
        return []
    hosts = host_map()
    # Asked for every story a page or a bulk action checks: answered once per user object
    # while the publications are unchanged (a member added or removed rebuilds the map).
    known = getattr(user, "_newsroom_publications", None)
    if known is not None and known[0] is hosts:
        return known[1]
    if is_administrator(user):
        found = hosts.all()
    else:
        found = list(user.publications.all()) or [hosts.default]
    user._newsroom_publications = (hosts, found)
    return found


def is_administrator(user) -> bool:
    """Superusers and the Administrator role: they work on every publication, and they
    alone manage the publications themselves and mark wire sources trusted."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or user.groups.filter(name="Administrator").exists())
    )


def works_on(user, publication_id) -> bool:
    """Whether `user`'s role applies on the publication with this id (`users_publications`):
    the one question behind every desk check of a story, a section or a wire source."""
    return publication_id in {publication.pk for publication in users_publications(user)}
