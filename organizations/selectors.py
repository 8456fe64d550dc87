"""Reads the organization and person pages share."""

from dataclasses import dataclass

from django.db.models import Count

from articles.models import ArticleOrganization, ArticlePerson
from people.models import Person
from publications.hosts import is_network

from .models import Organization

# Stories elsewhere on the network are counted up to this many; beyond, the page says "1,000+".
NETWORK_COUNT_CAP = 1000


@dataclass(frozen=True)
class NetworkCount:
    """How many stories mentioning an entity are on other publications of the network only."""

    count: int
    capped: bool = False  # there are more than `count`

    def __bool__(self):
        return self.count > 0


def elsewhere_on_network(entity, publication, *, cap: int | None = None) -> NetworkCount:
    """The published stories mentioning `entity` that readers of `publication` do not find
    there (they are at home on, or shared to, other publications only): one count over at
    most `cap` + 1 rows. No query when the install has one publication."""
    from articles.models import Article

    if not is_network():
        return NetworkCount(0)
    cap = NETWORK_COUNT_CAP if cap is None else cap
    # The whole network's published stories (no publication): counted, never listed here.
    stories = Article.objects.published()
    if isinstance(entity, Organization):
        stories = stories.mentioning_organization(entity)
    else:
        stories = stories.mentioning_person(entity)
    found = stories.not_on(publication).values("pk")[: cap + 1].count()
    return NetworkCount(min(found, cap), capped=found > cap)


def often_with(entity, publication, *, limit: int = 6, window: int = 500):
    """The organizations and people that appear most often with `entity` on `publication`,
    counted over the latest `window` of its published stories linked to it (latest to enter
    the archive): bounded work at any archive size."""
    from articles.models import Article

    is_org = isinstance(entity, Organization)
    field = "organization" if is_org else "person"
    links = ArticleOrganization if is_org else ArticlePerson
    # The latest stories tagged with it, read backwards along the (entity, story) index of the
    # tags and kept only if published: a few hundred index lookups however busy the entity.
    recent = list(
        links.objects.visible()
        .filter(**{field: entity}, article__in=Article.objects.published(publication))
        .order_by(f"-{field}_id", "-article_id")
        .values_list("article_id", flat=True)[:window]
    )
    if not recent:
        return [], []
    orgs = _most_frequent(
        ArticleOrganization.objects.visible()
        .filter(article_id__in=recent)
        .exclude(organization_id=entity.pk if is_org else 0),
        "organization",
        Organization,
        limit,
    )
    people = _most_frequent(
        ArticlePerson.objects.visible()
        .filter(article_id__in=recent)
        .exclude(person_id=0 if is_org else entity.pk),
        "person",
        Person,
        limit,
    )
    return orgs, people


def _most_frequent(links, field, model, limit):
    """Count first, on the tags alone (an index scan of a few hundred rows), then fetch the
    names of the few winners: no join over the whole register."""
    counts = list(
        links.values_list(f"{field}_id")
        .annotate(n=Count("pk"))
        .order_by("-n", f"{field}_id")[: limit * 2]
    )
    names = {
        pk: (name, slug)
        for pk, name, slug in model.objects.public()
        .filter(pk__in=[pk for pk, _ in counts])
        .values_list("pk", "name", "slug")
    }
    rows = [
        {f"{field}_id": pk, f"{field}__name": names[pk][0], f"{field}__slug": names[pk][1], "n": n}
        for pk, n in counts
        if pk in names
    ]
    rows.sort(key=lambda row: (-row["n"], row[f"{field}__name"]))
    return rows[:limit]
