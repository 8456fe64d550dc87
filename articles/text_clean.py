"""Plain text on its way in (imports, the admin) and out (feeds, sitemaps).

One place decides what a stored plain-text field may hold:

- `clean_line`: headlines, bylines, datelines, tags, names: one line, no control characters,
  runs of white space as one space, Unicode in its composed form (NFC).
- `clean_paragraphs`: deks and captions: the same, but line breaks kept (a blank line at most
  between paragraphs) and no spaces at the end of a line.
- `remove_control_characters`: what HTML bodies and keys need: control characters (C0 but
  tab, line feed and carriage return; DEL and C1), lone surrogates and the two non-characters
  XML 1.0 refuses (U+FFFE, U+FFFF) taken out. Text pasted from Word carries vertical tabs;
  one in a headline made every feed listing the story answer 500.

`xml_text` is the way out: whatever is stored, text written into feeds and sitemaps holds
only characters XML 1.0 allows.
"""

import re
import unicodedata

# C0 controls except \t \n \r, DEL, C1 controls, lone surrogates, U+FFFE and U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# White space that ends a line or separates words; the no-break space (U+00A0, U+202F) is kept.
_SPACE_RUN = re.compile(r"[^\S\u00a0\u202f]+")
_LINE_SPACE = re.compile(r"[^\S\n\u00a0\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Controls that mean a line break (Word's vertical tab for Shift+Enter, form feed, NEL, the
# Unicode line and paragraph separators) become one rather than vanishing.
_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\x85\u2028\u2029", "\n"))


def remove_control_characters(text: str) -> str:
    """`text` without the characters no stored text should hold (see the module's notes)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    return _UNSAFE.sub("", text)


def _composed(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """One line of plain text: a headline, byline, tag or name."""
    if not text:
        return ""
    return _SPACE_RUN.sub(" ", _composed(remove_control_characters(text))).strip()


def clean_paragraphs(text: str) -> str:
    """Plain text that may run over lines (a dek, a caption): each line as `clean_line` keeps
    it but for the line breaks, at most one blank line between paragraphs."""
    if not text:
        return ""
    text = _composed(remove_control_characters(text))
    lines = [_LINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# An e-mail address, as feeds put them in bylines ("jane@example.org (Jane Doe)").
_EMAIL = r"(?:mailto:)?[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"
_EMAIL_THEN_NAME = re.compile(rf"{_EMAIL}\s*\(([^()]*)\)")
_EMAIL_IN_BRACKETS = re.compile(rf"[<(\[]\s*{_EMAIL}\s*[>)\]]")
_BARE_EMAIL = re.compile(_EMAIL)
_LOOSE_SEPARATORS = re.compile(r"\s+([,;])|([,;])(?=\s*[,;])")
_EDGE_SEPARATORS = re.compile(r"^[\s,;|/–—-]+|[\s,;|/–—-]+$")


def remove_email_addresses(byline: str) -> str:
    """A byline without e-mail addresses, the names kept: `jane@example.org (Jane Doe)` and
    `Jane Doe <jane@example.org>` are "Jane Doe"; an address alone leaves nothing."""
    if "@" not in byline:
        return byline
    text = _EMAIL_THEN_NAME.sub(r"\1", byline)
    text = _EMAIL_IN_BRACKETS.sub("", text)
    text = _BARE_EMAIL.sub("", text)
    text = _LOOSE_SEPARATORS.sub(r"\1", text)
    return clean_line(_EDGE_SEPARATORS.sub("", clean_line(text)))


_XML_BREAKS = str.maketrans(dict.fromkeys("\x0b\x0c", " "))


def xml_text(value):
    """`value` with only the characters XML 1.0 allows (strings; anything else as it is)."""
    if isinstance(value, str):
        return _UNSAFE.sub("", value.translate(_XML_BREAKS))
    return value


# The plain-text fields of a story, by how they are cleaned (Article.save calls this).
ARTICLE_LINES = ("headline", "byline", "dateline", "image_alt", "image_credit", "image_stem")
ARTICLE_PARAGRAPHS = ("dek", "image_caption")


def clean_article_text(article, update_fields=None) -> None:
    """A story's text as every other way in stores it: the admin form, the services and the
    API save through `Article.save`, which calls this; imports normalise their records the
    same way (articles/importers/records.py). The body (HTML) loses its control characters
    here and is then sanitised by `clean_body`."""
    fields = set(update_fields) if update_fields is not None else None
    for names, clean in ((ARTICLE_LINES, clean_line), (ARTICLE_PARAGRAPHS, clean_paragraphs)):
        for name in names:
            if fields is None or name in fields:
                setattr(article, name, clean(getattr(article, name) or ""))
    if fields is None or "body" in fields:
        article.body = remove_control_characters(article.body or "")
