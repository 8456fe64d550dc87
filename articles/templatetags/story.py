from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def with_dateline(body: str, dateline: str):
    """The stored (sanitised) body with the dateline run into its first paragraph."""
    if not dateline:
        return mark_safe(body)
    lead = format_html('<span class="dateline">{} —</span> ', dateline)
    if body.startswith("<p>"):
        return mark_safe(f"<p>{lead}{body[3:]}")
    return mark_safe(f"<p>{lead}</p>{body}")
