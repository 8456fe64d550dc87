from django import template
from django.core.files.storage import default_storage
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


@register.simple_tag
def story_image(story, sizes="100vw", lazy=True, css_class=""):
    """A story's lead image for a page or a listing: the smallest WebP rendition as `src`,
    every rendition in `srcset` with `sizes`, the original's width and height (so the page
    does not jump as it loads), lazy-loaded unless it is the first thing on the page. The
    original when there are no renditions yet; nothing without an image."""
    if not story.image:
        return ""
    renditions = sorted((int(w), name) for w, name in (story.image_renditions or {}).items())
    src = default_storage.url(renditions[0][1]) if renditions else story.image.url
    attributes = {
        "class": css_class,
        "src": src,
        "srcset": story.image_srcset,
        "sizes": sizes if renditions else "",
        "alt": story.image_alt,
        "width": story.image_width or "",
        "height": story.image_height or "",
    }
    html = "".join(
        format_html(' {}="{}"', name, value)
        for name, value in attributes.items()
        if value != "" or name == "alt"
    )
    loading = ' loading="lazy"' if lazy else ""
    return mark_safe(f'<img{html}{loading} decoding="async">')
