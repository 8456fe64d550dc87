"""Property tests: the JSON Lines reader and the story writer never fail in an unplanned way,
and a story that fails leaves no rows."""

import contextlib
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importers.records import Origin
from articles.importers.sources import Source, decode, records_from_jsonl
from articles.models import Article, ArticleOrganization, ArticlePerson
from organizations.models import Organization
from people.models import Person

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
story_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "headline": st.text(max_size=60) | json_values,
        "body": st.text(max_size=200) | json_values,
        "slug": st.text(max_size=30) | json_values,
        "status": st.sampled_from(["draft", "published", "live", "", None]) | json_values,
        "published_at": st.sampled_from(["2024-01-02T03:04:05+00:00", "yesterday", "", None])
        | json_values,
        "tags": json_values,
        "organizations": json_values,
        "people": json_values,
        "image": json_values,
        "suggestions": json_values,
    },
)


@settings(max_examples=300, deadline=None)
@given(st.lists(story_like | json_values, max_size=5))
def test_jsonl_reader_yields_records_or_reported_errors(lines):
    text = "\n".join(json.dumps(line) for line in lines)
    for item in records_from_jsonl(text, Source("fuzz.jsonl", "path"), []):
        assert hasattr(item, "headline") or hasattr(item, "message")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_any_bytes_is_text_or_one_clear_error(data):
    from articles.importers.records import SourceError

    try:
        text, _ = decode(data, Origin("fuzz.txt"))
    except SourceError as exc:
        assert exc.message
    else:
        assert isinstance(text, str)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(story_like, min_size=1, max_size=3))
def test_any_jsonl_import_ends_in_stories_or_failures_and_never_half_a_story(tmp_path, lines):
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    before = (Article.objects.count(), ArticleOrganization.objects.count())
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(CommandError):  # exit status 1: some line failed, reported
        call_command("import_articles", str(path), stdout=out, stderr=err)
    # Every story stored has its headline; boxes only point at stored stories.
    assert not Article.objects.filter(headline="").exists()
    assert not ArticleOrganization.objects.exclude(article__in=Article.objects.all()).exists()
    assert Article.objects.count() >= before[0]
    Article.objects.all().delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()
    assert ArticlePerson.objects.count() == 0
