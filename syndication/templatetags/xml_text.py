"""`{{ value|xml_text }}`: text with only the characters XML 1.0 allows (sitemaps, feeds)."""

from django import template

from articles.text_clean import xml_text as _xml_text

register = template.Library()


@register.filter
def xml_text(value):
    """Escaped as usual after this (autoescape): a stored control character cannot make the
    document ill-formed."""
    return _xml_text(str(value)) if value is not None else ""
