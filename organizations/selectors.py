"""Reads the organization and person pages share."""

from django.db.models import Count

from articles.models import ArticleOrganization, ArticlePerson
from people.models import Person

from .models import Organization


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
