from django import template
from django.utils.safestring import mark_safe

from syndication import links, structured_data
from syndication.seo import json_ld

register = template.Library()


def _script(data):
    return mark_safe(f'<script type="application/ld+json">{json_ld(data)}</script>')


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    data = structured_data.article_data(
        context["request"],
        article,
        article.visible_organization_links,
        article.visible_person_links,
    )
    return _script(data)


@register.simple_tag(takes_context=True)
def organization_json_ld(context, organization):
    data = structured_data.organization_data(context["request"], organization)
    if organization.description:
        data["description"] = organization.description
    if organization.parent_id and organization.parent.is_public:
        data["parentOrganization"] = structured_data.organization_data(
            context["request"], organization.parent
        )
    return _script(structured_data.with_context(data))


@register.simple_tag(takes_context=True)
def person_json_ld(context, person, affiliations=()):
    current = person.current_affiliation
    data = structured_data.person_data(context["request"], person, current.title if current else "")
    if current:
        data["worksFor"] = structured_data.organization_data(
            context["request"], current.organization
        )
    if person.bio:
        data["description"] = person.bio
    return _script(structured_data.with_context(data))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` as an absolute URL on the page's publication (its domain, even at an alias)."""
    return links.absolute(context["request"], path)


@register.simple_tag(takes_context=True)
def canonical_url(context, article=None):
    """The page's one address: a story's is on its home publication, any other page's on
    this publication's domain (without the query string)."""
    request = context["request"]
    if article:
        return links.story_url(request, article)
    return links.absolute(request, request.path)


@register.simple_tag(takes_context=True)
def story_link(context, story):
    """Where a listing sends readers for `story`: here, or its home publication's page when
    it is shared from there."""
    return links.story_link(context["request"], story)


@register.simple_tag(takes_context=True)
def section_link(context, story):
    """The page of `story`'s section, on the publication the section belongs to."""
    return links.section_link(context["request"], story)


@register.simple_tag(takes_context=True)
def default_image_url(context):
    return structured_data.default_image_url(context["request"])


@register.filter
def description(article):
    """The dek, else the start of the body (plain text, cut at a word)."""
    return structured_data.description(article)
