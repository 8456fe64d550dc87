"""Readable slugs for any script.

Django's `slugify` keeps ASCII letters only, so "Москва закрывает мост" gave "" (then `story`)
and "Café Ωmega" gave "cafe-mega". Slugs here are transliterated to ASCII with **anyascii**
(every script, Cyrillic, Greek, Arabic and Chinese included) before slugify:
"moskva-zakryvaet-most"; "北京市" gives "bei-jing-shi". Transliterated rather than Unicode
slugs because every URL pattern of the site takes Django's ASCII `slug` converter, a URL stays
readable when it is copied into mail or a chat that percent-encodes it, and sitemaps and feeds
need no IRI escaping.
"""

import re

from anyascii import anyascii
from django.utils.text import slugify

# Chinese characters are each a syllable with no space between words: a hyphen between their
# transliterations ("bei-jing-shi") reads better than one run ("beijingshi").
_IDEOGRAPH = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def readable_slug(text: str, max_length: int = 200) -> str:
    """An ASCII slug for `text` in any script, at most `max_length` characters and not
    ending in a hyphen; "" when the text has no letters or digits at all."""
    spaced = _IDEOGRAPH.sub(r" \1 ", text or "")
    return slugify(anyascii(spaced))[:max_length].strip("-")
