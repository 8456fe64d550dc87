"""The story's text with the names automatic tagging found in it marked, for the read-only
view beside the Suggested panel."""

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ..models import LinkSource
from ..sanitize import strip_tags


def _spans(text: str, links) -> list[tuple[int, int, str]]:
    """(start, end, state) of each name found in `text`: at its recorded offsets when they
    still hold it, else at its first occurrence (the body may have been edited since)."""
    spans = []
    for link in links:
        evidence = link.evidence or {}
        if evidence.get("field") != "body" or not evidence.get("text"):
            continue
        found, start = evidence["text"], evidence.get("start")
        if not (isinstance(start, int) and text[start : start + len(found)] == found):
            start = text.find(found)
        if start >= 0:
            state = "waiting" if link.reviewed_at is None else link.status
            spans.append((start, start + len(found), state))
    spans.sort()
    kept, end = [], -1
    for span in spans:
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


def highlighted_body(article) -> str:
    text = strip_tags(article.body)
    if not text:
        return "The body is empty."
    links = [
        *article.organization_links.filter(source=LinkSource.AUTOMATIC),
        *article.person_links.filter(source=LinkSource.AUTOMATIC),
    ]
    pieces, at = [], 0
    for start, end, state in _spans(text, links):
        pieces.append(escape(text[at:start]))
        pieces.append(format_html('<mark class="found found-{}">{}</mark>', state, text[start:end]))
        at = end
    pieces.append(escape(text[at:]))
    marked = "".join(str(p) for p in pieces)
    paragraphs = [p.strip() for p in marked.split("\n\n") if p.strip()]
    body = format_html_join("", "<p>{}</p>", ((mark_safe(p),) for p in paragraphs))
    return format_html('<div class="found-in-text">{}</div>', body)
