"""schema.org data for reader pages: NewsArticle, Organization, Person (as JSON-LD)."""

from django.conf import settings

from articles.sanitize import strip_tags


def _url(request, path):
    return request.build_absolute_uri(path)


def organization_data(request, organization) -> dict:
    data = {
        "@type": "GovernmentOrganization"
        if organization.kind in ("department", "agency", "legislature", "court")
        else "Organization",
        "name": organization.name,
        "url": _url(request, organization.get_absolute_url()),
    }
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if organization.website:
        data["sameAs"] = [organization.website]
    return data


def person_data(request, person, job_title: str = "") -> dict:
    data = {
        "@type": "Person",
        "name": person.name,
        "url": _url(request, person.get_absolute_url()),
    }
    if job_title:
        data["jobTitle"] = job_title
    return data


def publisher(request) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": _url(request, "/"),
    }


def article_data(request, article, organization_links, person_links) -> dict:
    orgs = [organization_data(request, link.organization) for link in organization_links]
    people = [person_data(request, link.person, link.title) for link in person_links]
    writers = getattr(article, "box_authors", None)
    if writers is None:
        writers = article.authors.all()
    authors = [person_data(request, a) for a in writers] or (
        [{"@type": "Person", "name": article.byline.removeprefix("By ").strip()}]
        if article.byline
        else [publisher(request)]
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.dek or strip_tags(article.body[:1000])[:200],
        "url": _url(request, article.get_absolute_url()),
        "mainEntityOfPage": _url(request, article.get_absolute_url()),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "author": authors,
        "publisher": publisher(request),
        # The first organization and person of the boxes are what the story is about; the
        # rest are mentioned.
        "about": (orgs[:1] + people[:1]),
        "mentions": orgs[1:] + people[1:],
    }
    if article.section:
        data["articleSection"] = article.section.name
    if article.image:
        data["image"] = [_url(request, article.image.url)]
    return data


def with_context(data: dict) -> dict:
    return {"@context": "https://schema.org", **data}
