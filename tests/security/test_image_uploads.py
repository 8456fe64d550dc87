"""F16: lead images within a memory budget, typed by their content, and large renditions
made outside the web request."""

import io
import mimetypes
import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.images import validate_image_upload
from articles.models import Article
from tests.factories import ArticleFactory, DraftFactory
from tests.site.test_admin import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width=12_000, height=12_000) -> bytes:
    """A valid bilevel PNG of width × height blank pixels: 144 megapixels in about 17 KB."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def picture(kind="PNG", size=(1600, 900), name=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, kind)
    return SimpleUploadedFile(name or f"photo.{kind.lower()}", buffer.getvalue())


def upload(editor_client, article, file):
    data = article_form(
        headline=article.headline,
        slug=article.slug,
        section=str(article.section_id),
        status="draft",
        edit_token=article.updated_at.isoformat(),
        image=file,
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    return editor_client.post(url, data)


def test_a_decompression_bomb_is_refused_quickly_with_a_clear_message(editor_client):
    content = bomb_png()
    assert len(content) < 40_000
    article = DraftFactory()

    started = time.monotonic()
    response = upload(editor_client, article, SimpleUploadedFile("tiny.png", content))
    elapsed = time.monotonic() - started

    assert elapsed < 2.0
    assert response.status_code == 200  # the form again, with the error
    page = response.content.decode()
    assert "12,000 × 12,000 pixels" in page and "too large to process" in page
    assert not Article.objects.get(pk=article.pk).image


def test_the_validator_refuses_a_bomb_before_decoding_it():
    started = time.monotonic()
    with pytest.raises(ValidationError, match="too large to process"):
        validate_image_upload(SimpleUploadedFile("tiny.png", bomb_png()))
    assert time.monotonic() - started < 1.0


def test_gif_content_named_pdf_is_stored_and_served_as_a_gif(editor_client):
    article = DraftFactory()
    response = upload(editor_client, article, picture("GIF", (600, 400), name="report.pdf"))
    assert response.status_code == 302, response.content.decode()[:2000]
    name = Article.objects.get(pk=article.pk).image.name
    assert name.endswith(".gif") and ".pdf" not in name
    assert mimetypes.guess_type(name)[0] == "image/gif"
    with default_storage.open(name) as handle, Image.open(handle) as image:
        assert image.format == "GIF"


def test_a_png_named_jpg_is_stored_as_png():
    file = picture("PNG", (800, 600), name="harbor.jpg")
    validate_image_upload(file)
    assert file.name == "harbor.png"


def test_a_large_image_is_rendered_outside_the_save_then_by_the_command(client):
    big = picture("PNG", (5000, 3000))  # 15 megapixels: over the inline budget
    started = time.monotonic()
    article = ArticleFactory(image=big, image_alt="A wide harbor")
    assert time.monotonic() - started < 1.0
    assert (article.image_width, article.image_height) == (5000, 3000)
    assert article.image_renditions == {}
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'width="5000" height="3000"' in page and "srcset" not in page

    call_command("make_renditions", verbosity=0)

    article.refresh_from_db()
    assert sorted(article.image_renditions) == ["1200", "480", "800"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "-1200.webp 1200w" in page


def test_a_small_image_still_gets_its_renditions_when_saved():
    article = ArticleFactory(image=picture("PNG", (1600, 900)))
    assert sorted(article.image_renditions) == ["1200", "480", "800"]


def test_a_bomb_already_in_storage_is_never_decoded():
    name = default_storage.save("articles/imported/tiny.png", io.BytesIO(bomb_png()))
    started = time.monotonic()
    article = ArticleFactory(image=name)
    call_command("make_renditions", verbosity=0)
    assert time.monotonic() - started < 2.0
    article.refresh_from_db()
    assert article.image_renditions == {}
