"""What a feed entry says, read the way its feed means it.

- **Text or HTML**: feedparser tells which a title, summary or content is (`text/plain`,
  `text/html`, `application/xhtml+xml`). Plain text is kept as text ("Using the <table>
  element" keeps its `<table>`); HTML is HTML, its entities decoded once (`Banjo &amp;
  Kazooie` is "Banjo & Kazooie").
- **Links**: relative links and image addresses in content are made absolute against the
  entry's `xml:base`, else its link, else the feed's link (stored as they were, they would
  point into this site and 404). A relative link with nothing to resolve it against is
  unlinked (its text kept).
- **Images**: an `<img>` becomes a figure holding a link to the image, the alt text as the
  link's text: `<figure><a href="https://…/dog.jpg">Image: A dog</a></figure>`. Kept as a link
  and not fetched, because the site's Content-Security-Policy allows images from this site
  and its media storage only (a hot-linked `<img>` would be blocked, and would tell another
  site who reads which story), and fetching at import time would make an import reach any
  address a feed names (internal ones too) and store pictures the newsroom holds no rights
  to. An editor who wants the picture uploads it as the lead image. Tracking pixels (1×1, no
  alt text) and `data:` images are dropped.
- **Character encoding**: a feed whose bytes are not in the encoding it declares (EUC-JP,
  Shift-JIS, GB2312, EUC-KR or KOI8-R declared as UTF-8, say) is decoded in the encoding that
  **chardet** detects, with a warning; when nothing decodes it, it is refused.
"""

import codecs
import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .records import Origin, SourceError

HTML_TYPES = {"text/html", "application/xhtml+xml", "html", "xhtml"}
# Attributes that hold an address, per element.
_URL_ATTRIBUTES = {"a": "href", "blockquote": "cite", "q": "cite", "del": "cite", "ins": "cite"}
# Attributes worth passing on to the sanitiser (it keeps fewer; the rest would be dropped
# there anyway).
_KEPT_ATTRIBUTES = {"href", "title", "cite", "scope", "colspan", "rowspan", "span"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Elements whose content is phrasing only: a figure cannot stand inside them, so they are
# closed before it and opened again after.
_PHRASING = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "em", "strong", "b", "i", "u", "s",
    "small", "mark", "abbr", "cite", "q", "code", "sub", "sup", "font", "big", "tt", "dfn",
    "kbd", "samp", "var", "time", "label", "pre",
}  # fmt: skip
_BLOCK_TAG = re.compile(
    r"<(p|div|ul|ol|table|blockquote|h[1-6]|figure|pre|section|article)\b", re.IGNORECASE
)
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")


def is_html(detail) -> bool:
    return bool(detail) and (detail.get("type") or "text/html").lower() in HTML_TYPES


def plain_text(detail, value: str | None = None) -> str:
    """The text of a title or summary: HTML reduced to its text (entities decoded once),
    plain text as it is."""
    from articles.sanitize import strip_tags

    value = detail.get("value", "") if value is None else value
    return strip_tags(value) if is_html(detail) else value


def entry_html(detail, base: str) -> str:
    """The body of an entry as HTML for the sanitiser: plain text escaped into paragraphs;
    HTML with its links made absolute against `base` and its images as figures."""
    value = detail.get("value", "")
    if not value.strip():
        return ""
    if not is_html(detail):
        return "".join(f"<p>{escape(p.strip(), quote=False)}</p>" for p in _paragraphs(value))
    if not _BLOCK_TAG.search(value):
        # HTML with no blocks (a summary of sentences): its paragraphs become <p>s.
        value = "".join(f"<p>{p.strip()}</p>" for p in _paragraphs(value))
    base = detail.get("base") if _absolute(detail.get("base", "")) else base
    rewriter = _ContentRewriter(base)
    rewriter.feed(value)
    rewriter.close()
    return _EMPTY_PARAGRAPH.sub("", rewriter.html())


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]


def _absolute(url: str) -> bool:
    try:
        return urlsplit(url or "").scheme.lower() in ("http", "https")
    except ValueError:
        return False


def resolve(url: str, base: str) -> str | None:
    """`url` made absolute against `base`; None when it cannot be (no base, or a malformed
    address) or is not a web address (javascript:, data:, …); mailto: is kept."""
    try:
        return _resolve(url, base)
    except ValueError:  # "http://[::1" and the like
        return None


def _resolve(url: str, base: str) -> str | None:
    url = (url or "").strip()
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "mailto"):
        return url
    if scheme:
        return None
    if not base:
        return None
    joined = urljoin(base, url)
    return joined if _absolute(joined) else None


class _ContentRewriter(HTMLParser):
    """Writes the HTML back out with absolute links and images as figures."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.out: list[str] = []
        self.open: list[tuple[str, str]] = []  # (tag, its start tag as written)

    def html(self) -> str:
        return "".join(self.out) + "".join(f"</{tag}>" for tag, _ in reversed(self.open))

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self._image(dict(attrs))
            return
        kept = []
        for name, value in attrs:
            if name not in _KEPT_ATTRIBUTES or value is None:
                continue
            if name == _URL_ATTRIBUTES.get(tag):
                value = resolve(value, self.base)
                if value is None:
                    continue
            kept.append(f' {name}="{escape(value)}"')
        start = f"<{tag}{''.join(kept)}>"
        self.out.append(start)
        if tag not in _VOID:
            self.open.append((tag, start))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _VOID or not any(name == tag for name, _ in self.open):
            return
        while self.open:
            name, _ = self.open.pop()
            self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))

    def _image(self, attrs: dict):
        alt = " ".join((attrs.get("alt") or "").split())
        src = resolve(attrs.get("src") or "", self.base)
        if src is None or src.startswith("mailto:"):
            if alt:
                self.out.append(escape(alt, quote=False))
            return
        if not alt and (attrs.get("width") in ("0", "1") or attrs.get("height") in ("0", "1")):
            return  # a tracking pixel
        if any(tag == "a" for tag, _ in self.open):
            # A linked image: the link stays, the image's alt text becomes its text.
            self.out.append(escape(alt or "Image", quote=False))
            return
        text = f"Image: {alt}" if alt else "Image"
        figure = f'<figure><a href="{escape(src)}">{escape(text, quote=False)}</a></figure>'
        # A figure cannot sit inside a paragraph (or a heading, or <em>…): close them around
        # it, open them again after; the empty paragraphs this leaves are dropped.
        cut = 0
        for index, (tag, _) in enumerate(self.open):
            if tag in _PHRASING:
                cut = index
                break
        else:
            self.out.append(figure)
            return
        closed = self.open[cut:]
        self.out.append("".join(f"</{tag}>" for tag, _ in reversed(closed)))
        self.out.append(figure)
        self.out.append("".join(start for _, start in closed))


# --- character encoding --------------------------------------------------------------------------

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# C0 controls but tab and line ends, and C1 controls: no feed's text holds them, a wrong
# single-byte guess (ISO-8859-5 for arbitrary bytes, say) is full of them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


_WESTERN = {"mac-roman", "latin-1", "iso8859-1", "iso8859-15", "cp1252", "cp850", "cp437"}


def _decodes(data: bytes, codec: str) -> bool:
    try:
        return not _CONTROLS.search(data.decode(codec))
    except UnicodeDecodeError:
        return False


def declared_encoding(data: bytes) -> str:
    """The encoding a feed says it is in: its byte order mark, else its XML declaration,
    else UTF-8 (XML's default)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    match = _XML_DECLARATION.match(data[:200])
    return match.group(1).decode("ascii") if match else "utf-8"


def _says_encoding(data: bytes) -> bool:
    return bool(_XML_DECLARATION.match(data[:200])) or any(data.startswith(b) for b, _ in _BOMS)


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_feed(data: bytes, origin: Origin) -> tuple[bytes, list[str]]:
    """Feed bytes as feedparser should read them, and a warning when they were not in the
    encoding they declare. Bytes that decode in their declared encoding are left alone;
    others are decoded in the encoding chardet detects and handed on as UTF-8 that says so.
    Refused (naming the file) when the encoding cannot be found."""
    declared = declared_encoding(data)
    codec = _codec(declared)
    if codec:
        try:
            data.decode(codec)
            return data, []
        except UnicodeDecodeError:
            pass
    import chardet

    detected = chardet.detect(data) or {}
    name = detected.get("encoding") or ""
    codec_found = _codec(name) if name else None
    if codec_found in _WESTERN and _decodes(data, "cp1252"):
        # Short Western text is told apart by a few bytes; the detector's pick among these
        # is a coin toss, and Windows-1252 is what such feeds are written in.
        name, codec_found = "Windows-1252", "cp1252"
    text = None
    if codec_found and codec_found != codec:
        try:
            text = data.decode(codec_found)
        except UnicodeDecodeError:
            text = None
    if text is not None and _CONTROLS.search(text):
        text = None  # what a wrong guess gives: text holds no control characters
    said = (
        f"the feed says it is in {declared}"
        if _says_encoding(data)
        else "the feed does not say its encoding and is not UTF-8"
    )
    if text is None:
        raise SourceError(
            origin,
            f"{said}, and its character encoding could not be detected; not imported",
        )
    text = text.lstrip("\ufeff")
    declaration = re.match(r"\s*<\?xml[^>]*\?>", text)
    if declaration:
        text = text[declaration.end() :]
    utf8 = b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("utf-8")
    return utf8, [f"{origin}: {said}, but it is in {name}; decoded as {name}"]
