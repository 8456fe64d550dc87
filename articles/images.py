"""Lead images: what is accepted, and the WebP renditions at a few widths for `srcset`.

An image is judged by its content, never its name: JPEG, PNG, GIF or WebP, at most
`MAX_UPLOAD_BYTES`, and within a memory budget. Making a rendition decodes the picture (a
JPEG at the reduced scale its format allows, any other format whole) and converts it to
RGB(A); `decoding_bytes()` estimates that from the header alone, and an image that would
need more than `MAX_DECODING_BYTES` (200 MB) is refused before a pixel is decoded, so a
17 KB PNG that claims 144 megapixels costs a header read. A file whose name disagrees with
its content is stored under the extension of what it is (GIF content named `.pdf` becomes
`.gif`, and is served as a GIF).

Renditions of small images are made when the story is saved. Larger ones (decoding more than
`INLINE_DECODING_BYTES`) are left to `manage.py make_renditions`, run after imports and every
few minutes in production, so no web request spends seconds and hundreds of megabytes on
them; until then pages show the original, with its width and height. A missing or
unreadable file is logged and leaves the story without renditions; pages never break.
"""

import io
import logging
import os
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

WIDTHS = (480, 800, 1200)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What we accept, by content, and the extension each is stored under.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
ALLOWED_FORMATS = set(EXTENSIONS)
# Memory one rendition may take (decoded picture, its RGB(A) copy, the first resize pass).
MAX_DECODING_BYTES = 200 * 1024 * 1024
# Above this, renditions are made by `make_renditions`, not while the story is saved.
INLINE_DECODING_BYTES = 48 * 1024 * 1024  # about 12 megapixels of RGB, a second at most

NOT_AN_IMAGE = "This file is not a JPEG, PNG, GIF or WebP image (SVG is not accepted)."
# Pillow's own guard stays on for every other caller; ours is tighter and says why.
_OPEN_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
)


def _pixel_bytes(mode: str) -> int:
    """Bytes a pixel takes in Pillow's memory: one for bilevel, grey and palette images, four
    for everything else (RGB is stored as four)."""
    return 1 if mode in ("1", "L", "P") else 4


def _reduce_for_renditions(image) -> None:
    """Let a JPEG decode at the smallest scale (1/2, 1/4, 1/8) still wider than the widest
    rendition; other formats decode whole. Changes `image.size` before anything is decoded."""
    if image.format == "JPEG" and image.width > max(WIDTHS):
        image.draft("RGB", (max(WIDTHS), max(1, image.height * max(WIDTHS) // image.width)))


def decoding_bytes(image) -> int:
    """Memory the renditions of this opened (not yet decoded) image will take at most."""
    width, height = image.size
    per_pixel = _pixel_bytes(image.mode)
    if image.mode not in ("RGB", "RGBA"):
        per_pixel += 4  # the RGB(A) copy
    first_pass = min(width, max(WIDTHS)) * height * 4  # resizing: the horizontal pass
    return width * height * per_pixel + first_pass


def _open_checked(handle):
    """Open `handle` as an image within the budget; returns (image, original size).
    Raises ValidationError with the reason."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(handle)
        except Image.DecompressionBombError as exc:
            raise ValidationError(
                "This image has too many pixels to process; scale it down and try again."
            ) from exc
        except _OPEN_ERRORS as exc:
            raise ValidationError(NOT_AN_IMAGE) from exc
    if image.format not in ALLOWED_FORMATS:
        kind = image.format  # (not closed here: that would close the caller's file)
        raise ValidationError(f"{kind} images are not accepted; use JPEG, PNG, GIF or WebP.")
    size = image.size
    _reduce_for_renditions(image)
    cost = decoding_bytes(image)
    if cost > MAX_DECODING_BYTES:
        width, height = size
        raise ValidationError(
            f"This image is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} "
            f"megapixels): too large to process (it would take about {cost / 2**20:,.0f} MB "
            f"of memory; the limit is {MAX_DECODING_BYTES / 2**20:.0f} MB). Scale it down "
            "and try again."
        )
    return image, size


def image_kind(handle) -> str:
    """The format of the image in `handle` (JPEG, PNG, GIF or WEBP), judged by content and
    checked whole (Pillow's verify), within the budget; raises ValidationError otherwise.
    Leaves the handle where it was."""
    position = handle.tell() if hasattr(handle, "tell") else 0
    try:
        handle.seek(0)
        image, _ = _open_checked(handle)
        with image:
            kind = image.format
            try:
                image.verify()
            except _OPEN_ERRORS as exc:
                raise ValidationError(NOT_AN_IMAGE) from exc
    finally:
        handle.seek(position)
    return kind


def name_for(name: str, kind: str) -> str:
    """`name` with the extension of what the file is: `chart.pdf` holding a GIF → `chart.gif`."""
    stem, extension = os.path.splitext(name)
    wanted = EXTENSIONS[kind]
    if extension.lower().lstrip(".") in (wanted, "jpeg" if kind == "JPEG" else wanted):
        return name
    return f"{stem}.{wanted}"


def validate_image_upload(file):
    """Images are checked by what they contain, not their name: SVG, other formats, files
    over 10 MB and pictures over the memory budget are refused with a clear message. A file
    whose name disagrees with its content is given the extension of what it is, so it is
    stored and served as that (the one thing this validator changes)."""
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The image is {file.size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    kind = image_kind(file)
    if file.name:
        renamed = name_for(file.name, kind)
        if renamed != file.name:
            file.name = renamed
            content_type = Image.MIME.get(kind)
            if content_type and hasattr(file, "content_type"):
                file.content_type = content_type


@dataclass
class Renditions:
    width: int
    height: int
    renditions: dict[str, str]  # {"480": "renditions/…-480.webp", …}


def make_renditions(name: str, *, inline: bool = True) -> Renditions | None:
    """The original's size and WebP copies at the widths narrower than it; None when the
    file is missing, not an image, or over the budget. With `inline` (while a story is
    saved), an image too large to resize quickly gets its size only; `make_renditions`
    (the command) calls this with inline=False later."""
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            original, (width, height) = _open_checked(handle)
            with original:
                if inline and decoding_bytes(original) > INLINE_DECODING_BYTES:
                    logger.info("Renditions of %s left to the make_renditions command", name)
                    return Renditions(width, height, {})
                original.load()
                if original.mode in ("RGB", "RGBA"):
                    image = original
                else:
                    keeps_alpha = original.mode in ("LA", "La", "P", "PA")
                    image = original.convert("RGBA" if keeps_alpha else "RGB")
                renditions = _write_renditions(name, image, width)
    except (FileNotFoundError, ValidationError, *_OPEN_ERRORS) as exc:
        logger.warning("No renditions for %s: %s", name, exc)
        return None
    return Renditions(width, height, renditions)


def _write_renditions(name: str, image, original_width: int) -> dict[str, str]:
    stem = os.path.splitext(name)[0].replace("/", "-")
    renditions = {}
    for width in WIDTHS:
        if width >= original_width:
            continue
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=80, method=4)
        target = f"renditions/{stem}-{width}.webp"
        if default_storage.exists(target):
            default_storage.delete(target)
        renditions[str(width)] = default_storage.save(target, ContentFile(buffer.getvalue()))
    return renditions


def pending_renditions(queryset):
    """Stories of `queryset` whose image is wider than the narrowest rendition but has none
    yet (left by a save, or made before the file arrived)."""
    candidates = queryset.exclude(image="").filter(image_width__gt=min(WIDTHS))
    rows = candidates.only("pk", "image", "image_renditions").order_by("pk").iterator()
    return (article for article in rows if not article.image_renditions)
