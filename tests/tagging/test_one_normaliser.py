"""One name normaliser: import boxes, the register importers and the engine agree."""

import io
import json

import pytest
from django.core.management import call_command

from articles.models import Article
from newsroom.text import normalize_name
from organizations.importers import import_organizations
from organizations.models import Organization
from tagging.engine import normalize
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_newsroom_and_engine_normalise_names_alike():
    for name in (
        "United States Department of State",
        "Arévalo’s office",
        "AT&T",
        "Sherwood-Randall",
    ):
        assert normalize_name(name) == normalize(name)
    assert normalize_name("United States Department of State") == normalize_name(
        "U.S. Department of State"
    )


def test_import_box_spelled_out_finds_the_registered_organization(tmp_path):
    state = OrganizationFactory(name="U.S. Department of State", acronym="DOS")
    before = Organization.objects.count()
    record = {
        "id": "wire:state-1",
        "headline": "Visa interviews move online",
        "body": "<p>Consulates will interview applicants by video from March.</p>",
        "status": "published",
        "published_at": "2026-11-20T14:00:00+00:00",
        "organizations": [{"name": "United States Department of State", "source": "import"}],
    }
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    call_command("import_articles", str(path), "--autotag", "off", stdout=io.StringIO())

    article = Article.objects.get()
    assert list(article.organizations.all()) == [state]
    assert Organization.objects.count() == before


def test_register_import_finds_a_parent_written_out(tmp_path):
    state = OrganizationFactory(name="U.S. Department of State", slug="state")
    path = tmp_path / "register.json"
    path.write_text(
        json.dumps(
            {
                "organizations": [
                    {
                        "name": "Bureau of Consular Affairs",
                        "parent": "United States Department of State",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    report = import_organizations(str(path))
    assert not report.warnings
    assert Organization.objects.get(name="Bureau of Consular Affairs").parent == state
