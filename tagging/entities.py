"""The register of organizations and people held in memory for a run of imports or tagging.

Read once (a few queries, whatever the number of stories), looked up by slug, normalised
name or alias, and exact acronym. Entries created while storing a story are remembered only
when its transaction commits (`commit`), and forgotten when it rolls back (`rollback`).
"""

from django.core.validators import validate_slug
from django.utils.text import slugify

from newsroom.text import normalize_name
from organizations.models import Organization, OrganizationAlias, ReviewStatus
from people.models import Person, PersonAlias

ORGANIZATION, PERSON = "organization", "person"


def unique_slug(base: str, taken, limit: int = 255) -> str:
    """`base`, or `base-2`, `base-3`… whichever `taken(slug)` says is free."""
    base = (base or "item")[:limit].strip("-") or "item"
    candidate, n = base, 2
    while taken(candidate):
        suffix = f"-{n}"
        candidate = f"{base[: limit - len(suffix)].rstrip('-')}{suffix}"
        n += 1
    return candidate


class EntityResolver:
    def __init__(self):
        self.slugs = {ORGANIZATION: {}, PERSON: {}}
        self.names = {ORGANIZATION: {}, PERSON: {}}
        self.status = {ORGANIZATION: {}, PERSON: {}}
        self.display = {ORGANIZATION: {}, PERSON: {}}
        self.acronyms: dict[str, int] = {}
        rows = Organization.objects.values_list("pk", "slug", "name", "acronym", "review_status")
        for pk, slug, name, acronym, status in rows.iterator(chunk_size=5000):
            self._load(ORGANIZATION, pk, slug, name, status)
            if acronym:
                self.acronyms.setdefault(acronym, pk)
        # Aliases are normalised here rather than read from their stored `normalized`, so that
        # rows stored under an older normaliser still match.
        aliases = OrganizationAlias.objects.values_list("organization_id", "name")
        for pk, name in aliases.iterator(chunk_size=5000):
            self.names[ORGANIZATION].setdefault(normalize_name(name), pk)
        rows = Person.objects.values_list("pk", "slug", "name", "review_status")
        for pk, slug, name, status in rows.iterator(chunk_size=5000):
            self._load(PERSON, pk, slug, name, status)
        aliases = PersonAlias.objects.values_list("person_id", "name")
        for pk, name in aliases.iterator(chunk_size=5000):
            self.names[PERSON].setdefault(normalize_name(name), pk)
        self._pending: list[tuple[dict, object, int]] = []

    def _load(self, kind, pk, slug, name, status):
        self.slugs[kind][slug] = pk
        self.names[kind].setdefault(normalize_name(name), pk)
        self.status[kind][pk] = status
        self.display[kind][pk] = name

    # Entries made in a transaction that rolled back must be forgotten.
    def _remember(self, table: dict, key, value):
        if key in table:
            return
        table[key] = value
        self._pending.append((table, key, value))

    def commit(self):
        self._pending.clear()

    def rollback(self):
        for table, key, value in self._pending:
            if table.get(key) == value:
                del table[key]
        self._pending.clear()

    # --- lookups -----------------------------------------------------------------------------

    def find(self, kind: str, name: str = "", slug: str = "", acronym: str = "") -> int | None:
        if slug and slug in self.slugs[kind]:
            return self.slugs[kind][slug]
        pk = self.names[kind].get(normalize_name(name)) if name else None
        if pk is None and kind == ORGANIZATION:
            pk = self.acronyms.get(name.strip()) or (
                self.acronyms.get(acronym) if acronym and not name else None
            )
        return pk

    # --- creating -----------------------------------------------------------------------------

    def create(
        self,
        kind: str,
        name: str,
        *,
        slug: str = "",
        acronym: str = "",
        review_status: str = ReviewStatus.ACCEPTED,
    ) -> int:
        name = name.strip()[:255]
        if not validate_slug.regex.match(slug):
            slug = slugify(slug)  # checked where a source is read; never stored as it came
        slug = unique_slug(slug or slugify(name), lambda s: s in self.slugs[kind])
        if kind == ORGANIZATION:
            entry = Organization.objects.create(
                name=name,
                slug=slug,
                acronym=acronym[:32],
                kind=Organization.Kind.OTHER,
                review_status=review_status,
            )
            if acronym:
                self._remember(self.acronyms, acronym, entry.pk)
        else:
            entry = Person.objects.create(name=name, slug=slug, review_status=review_status)
        self._remember(self.slugs[kind], slug, entry.pk)
        self._remember(self.names[kind], normalize_name(name), entry.pk)
        self._remember(self.status[kind], entry.pk, review_status)
        self._remember(self.display[kind], entry.pk, name)
        return entry.pk

    def find_or_create(
        self,
        kind: str,
        name: str,
        *,
        slug: str = "",
        acronym: str = "",
        review_status: str = ReviewStatus.ACCEPTED,
    ) -> int | None:
        pk = self.find(kind, name, slug, acronym)
        if pk is not None or not normalize_name(name):
            return pk
        return self.create(kind, name, slug=slug, acronym=acronym, review_status=review_status)
