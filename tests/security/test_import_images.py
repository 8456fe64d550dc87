"""F14: an import copies into public media only real images found inside the folders it
may search (beside a story dump, each --media-dir). Paths that climb out (`../`), absolute
paths, and symlinks that lead out are refused; a file with an image's name but not an
image's content is refused; each is a warning for that story and the run goes on."""

import json
import os

import pytest
from PIL import Image

from articles.models import Article
from tests.commands import import_articles

pytestmark = pytest.mark.django_db

SECRET = b"root:x:0:0:root:/root:/bin/bash\nSECRET-CANARY\n"


run = import_articles


@pytest.fixture
def place(settings, tmp_path):
    """media/ (public), dumps/ and pictures/ (allowed), outside/ (private, with a real
    image and a secret that both must stay out of media)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for name in ("dumps", "pictures", "outside"):
        (tmp_path / name).mkdir()
    Image.new("RGB", (64, 48), "red").save(tmp_path / "outside" / "private.png")
    (tmp_path / "outside" / "secret.png").write_bytes(SECRET)
    (tmp_path / "outside" / "passwd").write_bytes(SECRET)
    Image.new("RGB", (64, 48), "green").save(tmp_path / "pictures" / "harbor.png")
    return tmp_path


def media_files(root):
    media = root / "media"
    if not media.exists():
        return []
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def leaked(root) -> bool:
    media = root / "media"
    if not media.exists():
        return False
    private = (root / "outside" / "private.png").read_bytes()
    for path in media.rglob("*"):
        if path.is_file() and (SECRET in path.read_bytes() or path.read_bytes() == private):
            return True
    return False


def jsonl(root, *images):
    lines = [
        {
            "id": f"story-{n}",
            "headline": f"Harbor story {n}",
            "body": "<p>Ships came in.</p>",
            "status": "draft",
            "image": image,
        }
        for n, image in enumerate(images)
    ]
    path = root / "dumps" / "stories.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


HOSTILE_IMAGES = {
    "stem-climbs-out": {"stem": "../outside/private"},
    "stem-climbs-out-to-secret": {"stem": "../outside/secret"},
    "stem-absolute": {"stem": "ABS/outside/private"},
    "file-climbs-out": {"file": "../outside/private.png"},
    "file-climbs-out-of-media": {"file": "../../outside/secret.png"},
    "file-absolute": {"file": "ABS/outside/private.png"},
    "file-absolute-no-extension": {"file": "ABS/outside/passwd"},
    "file-backslashes": {"file": "..\\outside\\private.png"},
    "stem-too-long-for-the-file-system": {"stem": "x" * 400},
    "stem-with-a-nul": {"stem": "private\u0000"},
}


@pytest.mark.parametrize("name", sorted(HOSTILE_IMAGES))
def test_a_path_out_of_the_allowed_folders_copies_nothing_and_the_run_goes_on(place, name):
    image = {key: value.replace("ABS", str(place)) for key, value in HOSTILE_IMAGES[name].items()}
    path = jsonl(place, image, {"stem": "harbor"})

    code, out, err = run(path, "--media-dir", place / "pictures")

    assert "2 created" in out, err
    assert not leaked(place)
    assert media_files(place) == ["articles/imported/harbor.png"]
    hostile = Article.objects.get(external_key="story-0")
    assert not hostile.image
    assert "story-0" in err or "stories.jsonl:1" in err  # a warning names the story
    assert Article.objects.get(external_key="story-1").image.name.endswith("harbor.png")


@pytest.mark.parametrize("where", ["beside-the-dump", "in-the-media-dir"])
@pytest.mark.parametrize("target", ["private.png", "secret.png"])
def test_a_symlink_out_of_an_allowed_folder_is_not_followed(place, where, target):
    folder = place / ("dumps" if where == "beside-the-dump" else "pictures")
    os.symlink(place / "outside" / target, folder / "levee.png")
    dump = place / "dumps" / "levee.txt"
    dump.write_text(
        "Png levee\nCrews on the levee | Staff photo\n\nLevee work finishes\n\nLocal\n\n"
        "NEW ORLEANS — Crews closed the last gap on Thursday, the district office said.\n"
    )

    code, out, err = run(dump, "--media-dir", place / "pictures")

    assert "1 created" in out, err
    assert not leaked(place)
    assert media_files(place) == []
    assert "levee" in err


def test_a_file_named_like_an_image_that_is_not_one_is_refused(place):
    (place / "pictures" / "notes.png").write_bytes(b"just some text\n" * 20)
    path = jsonl(place, {"stem": "notes"}, {"stem": "harbor"})

    code, out, err = run(path, "--media-dir", place / "pictures")

    assert "2 created" in out, err
    assert media_files(place) == ["articles/imported/harbor.png"]
    assert "not an image" in err


def test_an_image_whose_name_lies_is_stored_under_its_real_type(place):
    Image.new("RGB", (40, 30), "blue").save(place / "pictures" / "chart.png", "GIF")
    path = jsonl(place, {"stem": "chart"})

    code, out, err = run(path, "--media-dir", place / "pictures")

    assert code == 0, err
    assert Article.objects.get().image.name == "articles/imported/chart.gif"


def test_a_symlink_inside_an_allowed_folder_is_fine(place):
    os.symlink(place / "pictures" / "harbor.png", place / "pictures" / "alias.png")
    path = jsonl(place, {"stem": "alias"})
    code, out, err = run(path, "--media-dir", place / "pictures")
    assert code == 0, err
    assert Article.objects.get().image
