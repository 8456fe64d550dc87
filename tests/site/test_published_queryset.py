import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
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
    assert draft not in Article.objects.visible_to(reader)
    assert draft in Article.objects.visible_to(editor)


def test_story_reads_through_the_published_queryset_at_each_moment(time_machine):
    """The article page's statement is compiled once; its moment is the moment of each read."""
    live = ArticleFactory(slug="live-one")
    draft = DraftFactory(slug="still-a-draft")
    go_live = timezone.now() + dt.timedelta(minutes=5)
    ArticleFactory(slug="later-today", published_at=go_live)

    assert Article.objects.story(slug="live-one", public=True) == live
    assert Article.objects.story(slug="still-a-draft", public=True) is None
    assert Article.objects.story(slug="later-today", public=True) is None
    assert Article.objects.story(slug="no-such-story", public=True) is None
    assert Article.objects.story(slug="still-a-draft", public=False) == draft

    time_machine.move_to(go_live + dt.timedelta(seconds=1))
    assert Article.objects.story(slug="later-today", public=True).slug == "later-today"


def test_story_by_id_brings_its_section_and_leaves_search_data_unread(
    django_assert_num_queries,
):
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Section

    section = Section.objects.create(name="Courts", slug="courts")
    story = DraftFactory(section=section)
    ContentType.objects.get_for_model(Article)  # cached in every process after its first use
    with django_assert_num_queries(2):  # the story with its section, then its boxes
        found = Article.objects.story(pk=story.pk, public=False)
        assert found.section.name == "Courts" and found.headline == story.headline
    assert {"search_text", "search_vector", "import_hash"} <= found.get_deferred_fields()
    assert Article.objects.story(pk=story.pk, public=True) is None
    assert Article.objects.story(pk="not-a-number", public=False) is None
    with pytest.raises(TypeError):
        Article.objects.published().story(pk=story.pk, public=True)


@pytest.mark.parametrize("prepared", [True, False])
def test_article_page_reads_the_same_with_or_without_prepared_statements(
    client, settings, prepared
):
    settings.NEWSROOM_PREPARED_BOXES = prepared
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # every request renders the page
    story = ArticleFactory(headline="Harbor pilots ratify a new contract")
    for _ in range(7):  # past the point where PostgreSQL settles on a generic plan
        page = client.get(story.get_absolute_url())
        assert page.status_code == 200 and b"Harbor pilots ratify" in page.content
    assert client.get("/articles/no-such-story/").status_code == 404
