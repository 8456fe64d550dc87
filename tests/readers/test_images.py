import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import validate_image_upload
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png(width=1600, height=900, name="harbor.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_lead_image_gets_webp_renditions_and_srcset(client):
    article = ArticleFactory(image=png(), image_alt="A harbor at dawn", image_credit="CREDIT")
    assert (article.image_width, article.image_height) == (1600, 900)
    assert sorted(article.image_renditions) == ["1200", "480", "800"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'width="1600" height="900"' in html
    assert "-480.webp 480w" in html and "-1200.webp 1200w" in html
    assert 'sizes="(max-width: 44rem) 100vw, 42rem"' in html


def test_small_image_keeps_only_the_original(client):
    article = ArticleFactory(image=png(400, 300))
    assert article.image_renditions == {}
    assert "srcset" not in client.get(article.get_absolute_url()).content.decode()


def test_missing_image_file_never_breaks_the_page(client):
    article = ArticleFactory(image="articles/gone.webp", image_caption="Still captioned")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Still captioned" in response.content.decode()


def test_uploads_are_checked_by_content_not_name():
    svg = SimpleUploadedFile(
        "chart.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    )
    with pytest.raises(ValidationError, match="not a JPEG, PNG, GIF or WebP"):
        validate_image_upload(svg)
    renamed = png(name="photo.svg")
    validate_image_upload(renamed)  # a real PNG is fine whatever it is called


def test_oversized_upload_is_refused(monkeypatch):
    monkeypatch.setattr("articles.images.MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError, match="the limit is"):
        validate_image_upload(png())
