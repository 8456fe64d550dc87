"""Shareable preview links: a signed, expiring token that shows one unpublished story."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "newsroom.article-preview"


def make_token(article) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"article": article.pk})


def article_id_from(token: str) -> int:
    """The story the token names; raises signing.BadSignature (or SignatureExpired)."""
    data = signing.TimestampSigner(salt=SALT).unsign_object(
        token, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE
    )
    return int(data["article"])


def preview_url(article) -> str:
    return reverse("articles:preview", kwargs={"token": make_token(article)})
