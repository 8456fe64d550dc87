"""The body allowlist. Every article body passes through `clean_body` before it is stored."""

import re
from html import unescape

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "cite",
    "q",
    "code",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "colgroup",
    "col",
    "tr",
    "th",
    "td",
    "caption",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_body(html: str) -> str:
    """Keep the structure an editor means (paragraphs, links, lists, quotes), drop the rest.

    Scripts, styles, event handlers, `javascript:` and `data:` URLs, iframes and SVG never
    survive; links get rel="noopener noreferrer".
    """
    if not html:
        return ""
    cleaned = _clean_once(html)
    # Idempotent: the output of one pass is not always what the next pass makes of it
    # (HTML's parser moves what a dropped element held: `<p><button><p>` gives `<p><p></p></p>`,
    # read back as three paragraphs). Passes repeat until the text stops changing, so what is
    # stored, exported and imported again is stored the same.
    for _ in range(MAX_PASSES):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


MAX_PASSES = 8

_BLOCK_TAG = re.compile(r"<(p|br|hr|h[2-4]|ul|ol|li|blockquote|table|figure)\b", re.I)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def paragraphs_of_plain_text(text: str) -> str:
    """Plain text typed or pasted with blank lines between paragraphs (no block markup of
    its own) becomes one paragraph each; one line break inside a paragraph stays as it is.
    Text that has block markup is left as it is. Applied to the sanitiser's output, so every
    path that stores a body (the form, every import) gets paragraphs."""
    if _BLOCK_TAG.search(text) or not _BLANK_LINE.search(text.replace("\r\n", "\n")):
        return text
    parts = _BLANK_LINE.split(text.replace("\r\n", "\n"))
    return "".join(f"<p>{part.strip()}</p>" for part in parts if part.strip())


def _clean_once(html: str) -> str:
    cleaned = _nh3(html)
    wrapped = paragraphs_of_plain_text(cleaned)
    return cleaned if wrapped == cleaned else _nh3(wrapped)


def _nh3(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


_BLOCK_END = re.compile(r"</(p|li|h[2-4]|blockquote|figcaption|tr)>|<br\s*/?>", re.IGNORECASE)


def strip_tags(html: str) -> str:
    """Plain text (not HTML: entities decoded) of a body, for search, tagging and summaries.

    Block ends become blank lines, so paragraphs stay apart.
    """
    spaced = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html or "")
    text = unescape(nh3.clean(spaced, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
