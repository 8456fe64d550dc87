import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from publications.models import default_publication
from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_and_due_stories():
    live = ArticleFactory()
    DraftFactory()
    ArticleFactory(status=Article.Status.REVIEW)
    ArticleFactory(status=Article.Status.ARCHIVED)
    ArticleFactory(published_at=timezone.now() + dt.timedelta(minutes=5))  # scheduled
    ArticleFactory(published_at=None)  # published without a date is not live

    assert list(Article.objects.published()) == [live]


def test_scheduled_story_becomes_published_at_its_time(time_machine):
    go_live = timezone.now() + dt.timedelta(minutes=5)
    story = ArticleFactory(published_at=go_live)
    assert not Article.objects.published().exists()
    assert story.is_scheduled

    time_machine.move_to(go_live + dt.timedelta(seconds=1))
    assert list(Article.objects.published()) == [story]


def test_visible_to_widens_only_for_staff(editor, django_user_model):
    draft = DraftFactory()
    reader = django_user_model.objects.create_user("reader", password="x")
    assert draft not in Article.objects.visible_to(reader, default_publication())
    assert draft in Article.objects.visible_to(editor, default_publication())


def test_story_page_reads_through_the_published_queryset_at_each_moment(time_machine):
    """The article page asks `published()` at each request: a scheduled story appears at its
    moment, a draft never."""
    live = ArticleFactory(slug="live-one")
    DraftFactory(slug="still-a-draft")
    go_live = timezone.now() + dt.timedelta(minutes=5)
    ArticleFactory(slug="later-today", published_at=go_live)

    def read(slug):
        return Article.objects.published().for_page().filter(slug=slug).first()

    assert read("live-one") == live
    assert read("still-a-draft") is None
    assert read("later-today") is None
    time_machine.move_to(go_live + dt.timedelta(seconds=1))
    assert read("later-today").slug == "later-today"


def test_story_page_brings_its_section_and_leaves_search_data_unread():
    from articles.models import Section

    section = Section.objects.create(name="Courts", slug="courts")
    story = DraftFactory(section=section)
    found = Article.objects.for_page().get(pk=story.pk)
    assert found.section.name == "Courts" and found.headline == story.headline
    assert {"search_text", "search_vector", "import_hash"} <= found.get_deferred_fields()
