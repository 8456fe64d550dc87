"""schema.org data for reader pages: NewsArticle, Organization, Person (as JSON-LD)."""

from django.conf import settings
from django.templatetags.static import static

from articles.sanitize import strip_tags

from . import links

# The publisher's logo (a static file we made): schema.org wants it at most 600 × 60.
LOGO = ("img/logo.png", 600, 60)
DESCRIPTION_LENGTH = 200


def _url(request, path):
    """`path` on the request's publication (its domain, even when asked at an alias)."""
    return links.absolute(request, path)


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
    """The publication the page is on: its name, home page and logo (when it has none, the
    network's default logo)."""
    publication = links.current(request)
    data = {
        "@type": "NewsMediaOrganization",
        "name": publication.name if publication else settings.NEWSROOM_SITE_NAME,
        "url": _url(request, "/"),
    }
    if publication is not None and publication.logo:
        data["logo"] = {"@type": "ImageObject", "url": _url(request, publication.logo.url)}
    else:
        path, width, height = LOGO
        data["logo"] = {
            "@type": "ImageObject",
            "url": _url(request, static(path)),
            "width": width,
            "height": height,
        }
    return data


def default_image_url(request) -> str:
    """The picture for pages and stories that have none: the publication's default image
    when it has one, else the network's (NEWSROOM_DEFAULT_IMAGE, a static file)."""
    publication = links.current(request)
    if publication is not None and publication.default_image:
        return _url(request, publication.default_image.url)
    return _url(request, static(settings.NEWSROOM_DEFAULT_IMAGE))


def description(article) -> str:
    """What a card or a search engine shows under the headline: the dek, else the body's
    first words, cut at a word boundary."""
    if article.dek.strip():
        return " ".join(article.dek.split())
    text = " ".join(strip_tags(article.body[:4000]).split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text.rfind(" ", 0, DESCRIPTION_LENGTH)
    return text[: cut if cut > 0 else DESCRIPTION_LENGTH].rstrip(" ,;:") + "…"


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
        "description": description(article),
        # One address wherever it is shown: its home publication's.
        "url": links.story_url(request, article),
        "mainEntityOfPage": links.story_url(request, article),
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
    data["image"] = [
        _url(request, article.image.url) if article.image else default_image_url(request)
    ]
    return data


def with_context(data: dict) -> dict:
    return {"@context": "https://schema.org", **data}
