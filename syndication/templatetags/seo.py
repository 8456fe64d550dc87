from django import template
from django.utils.safestring import mark_safe

from syndication import structured_data
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
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def default_image_url(context):
    return structured_data.default_image_url(context["request"])


@register.filter
def description(article):
    """The dek, else the start of the body (plain text, cut at a word)."""
    return structured_data.description(article)
