"""Lead-image renditions: WebP copies at a few widths for `srcset`; the original is kept.

Made when a story's image changes. A missing or unreadable file is logged and leaves the
story without renditions; pages then show the original (or nothing) and never break.
"""

import io
import logging
import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

WIDTHS = (480, 800, 1200)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_image_upload(file):
    """Images are checked by what they contain, not their name; SVG and oversized files are
    refused with a clear message."""
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The image is {file.size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This file is not a JPEG, PNG, GIF or WebP image (SVG is not accepted)."
        ) from exc
    finally:
        file.seek(position)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(f"{kind} images are not accepted; use JPEG, PNG, GIF or WebP.")


@dataclass
class Renditions:
    width: int
    height: int
    renditions: dict[str, str]  # {"480": "renditions/…-480.webp", …}


def make_renditions(name: str) -> Renditions | None:
    """The original's size and WebP copies at the widths narrower than it; None when the
    file is missing or not an image."""
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle, Image.open(handle) as original:
            original.load()
            image = original.convert("RGBA" if original.mode in ("RGBA", "LA", "P") else "RGB")
    except (FileNotFoundError, UnidentifiedImageError, OSError, ValueError) as exc:
        logger.warning("No renditions for %s: %s", name, exc)
        return None
    stem = os.path.splitext(name)[0].replace("/", "-")
    renditions = {}
    for width in WIDTHS:
        if width >= image.width:
            continue
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=80, method=4)
        target = f"renditions/{stem}-{width}.webp"
        if default_storage.exists(target):
            default_storage.delete(target)
        renditions[str(width)] = default_storage.save(target, ContentFile(buffer.getvalue()))
    return Renditions(original.width, original.height, renditions)
