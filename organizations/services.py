"""The register's editorial decisions, for organizations and people alike: accept or reject
what automatic tagging suggested, merge duplicates. The admin's review queues and merge
action, the story form's Suggested panel and tests all call these. (people/ depends on
organizations/, so the code both registers share lives here.)"""

from django.db import transaction
from django.utils import timezone

from articles.models import ArticleOrganization, ArticlePerson, LinkSource
from newsroom.text import normalize_name
from people.models import Affiliation, Person, PersonAlias, PersonRedirect

from .models import Organization, OrganizationAlias, OrganizationRedirect, ReviewStatus

ORGANIZATION = "organization"


# --- editors' decisions ---------------------------------------------------------------------------


def review_link(*, link, user, accept: bool):
    """Accept or reject one tag in one story. Accepting a suggested organization or person
    accepts the entry too; a rejection sticks through later tagging runs."""
    with transaction.atomic():
        link.status = ReviewStatus.ACCEPTED if accept else ReviewStatus.REJECTED
        link.reviewed_at = timezone.now()
        link.reviewed_by = user
        link.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        entity = link.organization if isinstance(link, ArticleOrganization) else link.person
        if accept and entity.review_status != ReviewStatus.ACCEPTED:
            review_entity(entity=entity, user=user, accept=True)


def review_entity(*, entity, user, accept: bool):
    """Accept a suggested organization or person (its suggested tags become visible), or
    reject it (its tags are rejected, and discovery never suggests it again)."""
    with transaction.atomic():
        entity.review_status = ReviewStatus.ACCEPTED if accept else ReviewStatus.REJECTED
        entity.save(update_fields=["review_status", "updated_at"])
        links = (
            ArticleOrganization.objects.filter(organization=entity)
            if isinstance(entity, Organization)
            else ArticlePerson.objects.filter(person=entity)
        )
        if accept:
            links.filter(status=ReviewStatus.SUGGESTED).update(
                status=ReviewStatus.ACCEPTED, reviewed_at=timezone.now(), reviewed_by=user
            )
        else:
            links.exclude(source=LinkSource.EDITOR).update(
                status=ReviewStatus.REJECTED, reviewed_at=timezone.now(), reviewed_by=user
            )
        from articles.changes import stories_changed

        stories_changed(links.values_list("article_id", flat=True))


def merge_organizations(*, target: Organization, others, user=None) -> Organization:
    """Fold duplicates into `target`: tags, aliases (old names and acronyms kept as aliases),
    children and roles move; the old pages answer with a 301 to the target's."""
    return _merge(target, [o for o in others if o.pk != target.pk], ORGANIZATION)


def merge_people(*, target: Person, others, user=None) -> Person:
    return _merge(target, [p for p in others if p.pk != target.pk], "person")


def _merge(target, others, kind):
    from articles.changes import stories_changed

    if kind == ORGANIZATION:
        link_model, field, alias_model, redirect_model = (
            ArticleOrganization,
            "organization",
            OrganizationAlias,
            OrganizationRedirect,
        )
    else:
        link_model, field, alias_model, redirect_model = (
            ArticlePerson,
            "person",
            PersonAlias,
            PersonRedirect,
        )
    with transaction.atomic():
        touched = set()
        for other in others:
            # Tags: move each, unless the story already has the target (then keep the better).
            have = {link.article_id: link for link in link_model.objects.filter(**{field: target})}
            for link in link_model.objects.filter(**{field: other}):
                touched.add(link.article_id)
                kept = have.get(link.article_id)
                if kept is None:
                    setattr(link, field, target)
                    link.save(update_fields=[field])
                    have[link.article_id] = link
                    continue
                if _rank(link) > _rank(kept):
                    kept.status, kept.source = link.status, link.source
                    kept.position = min(kept.position, link.position)
                    kept.save(update_fields=["status", "source", "position"])
                link.delete()
            # Names: the old name (and acronym) become aliases; aliases move.
            for alias in alias_model.objects.filter(**{field: other}):
                alias.delete()
                _add_alias(alias_model, field, target, alias.name)
            _add_alias(alias_model, field, target, other.name)
            if kind == ORGANIZATION:
                if other.acronym and not target.acronym:
                    target.acronym = other.acronym
                elif other.acronym and other.acronym != target.acronym:
                    _add_alias(alias_model, field, target, other.acronym)
                Organization.objects.filter(parent=other).exclude(pk=target.pk).update(
                    parent=target
                )
                Affiliation.objects.filter(organization=other).update(organization=target)
            else:
                Affiliation.objects.filter(person=other).update(person=target)
                target.authored_articles.add(*other.authored_articles.all())
            redirect_model.objects.filter(**{field: other}).update(**{field: target})
            redirect_model.objects.update_or_create(old_slug=other.slug, defaults={field: target})
            other.delete()
        if target.review_status != ReviewStatus.ACCEPTED:
            target.review_status = ReviewStatus.ACCEPTED
        target.save()
        stories_changed(touched)
    return target


def _rank(link) -> tuple:
    status_rank = {ReviewStatus.ACCEPTED: 2, ReviewStatus.SUGGESTED: 1, ReviewStatus.REJECTED: 0}
    source_rank = {LinkSource.EDITOR: 2, LinkSource.IMPORT: 1, LinkSource.AUTOMATIC: 0}
    return status_rank.get(link.status, 0), source_rank.get(link.source, 0)


def _add_alias(alias_model, field, target, name):
    normalized = normalize_name(name)
    if not normalized or normalized == normalize_name(target.name):
        return
    if alias_model is OrganizationAlias:
        if OrganizationAlias.objects.filter(normalized=normalized).exists():
            return
    elif alias_model.objects.filter(**{field: target}, normalized=normalized).exists():
        return
    alias_model.objects.create(**{field: target}, name=name[:255])
