"""Two editors save the same story at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, EditorFactory
from tests.site.test_admin import article_form


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_one_story_cannot_both_win():
    article = ArticleFactory(headline="Before")
    editors = [EditorFactory(username="ana"), EditorFactory(username="ben")]
    url = reverse("admin:articles_article_change", args=[article.pk])
    token = article.updated_at.isoformat()
    barrier = threading.Barrier(2)
    results = {}

    def save(user):
        client = Client()
        client.force_login(user)
        data = article_form(
            headline=f"Saved by {user.username}",
            slug=article.slug,
            section=str(article.section_id),
            edit_token=token,
        )
        barrier.wait()
        try:
            response = client.post(url, data)
            results[user.username] = (response.status_code, response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(user,)) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(code for code, _ in results.values())
    assert codes == [200, 302]
    winner = next(name for name, (code, _) in results.items() if code == 302)
    loser_html = next(html for code, html in results.values() if code == 200)
    assert "nothing was overwritten" in loser_html
    assert Article.objects.get(pk=article.pk).headline == f"Saved by {winner}"
