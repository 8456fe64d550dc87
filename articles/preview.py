"""Shareable preview links: a signed, expiring token that shows one unpublished story.

A link is tied to its story and to the moment it was made: it shows the story exactly as it
was then, or nothing. It ends when it expires (`NEWSROOM_PREVIEW_MAX_AGE`), when the story is
saved again (an edit, a publish, an unpublish, a submit: every save changes `updated_at`),
when an editor revokes the story's links (a new `preview_nonce`), and it never shows an
archived story. The story form always shows a fresh link for the story as it stands.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse

SALT = "newsroom.article-preview"


def _moment(article) -> str:
    return article.updated_at.isoformat() if article.updated_at else ""


def make_token(article) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(
        {
            "article": article.pk,
            "saved": _moment(article),
            "status": article.status,
            "nonce": article.preview_nonce,
        }
    )


def _read(token: str) -> dict:
    data = signing.TimestampSigner(salt=SALT).unsign_object(
        token, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE
    )
    if not isinstance(data, dict) or "article" not in data:
        raise signing.BadSignature("Not a preview token.")
    return data


def article_id_from(token: str) -> int:
    """The story the token names; raises signing.BadSignature (or SignatureExpired)."""
    return int(_read(token)["article"])


def why_ended(token: str, article) -> str | None:
    """Why this (valid, unexpired) token no longer shows `article`, or None if it does."""
    data = _read(token)
    if int(data["article"]) != article.pk:
        return "This preview link is for another story."
    if article.status == article.Status.ARCHIVED:
        return "This story is archived; archived stories cannot be previewed."
    if article.is_public:
        return "This story is published; the preview has ended."
    if data.get("nonce", "") != article.preview_nonce:
        return "The newsroom revoked this preview link."
    if data.get("saved") != _moment(article) or data.get("status") != article.status:
        return "The story has changed since this link was shared; ask the newsroom for a new link."
    return None


def preview_url(article) -> str:
    return reverse("articles:preview", kwargs={"token": make_token(article)})


def revoke_preview_links(*, article, user):
    """End every preview link of the story shared so far; for those who may edit it."""
    from .models import Article
    from .services import can_edit

    if not can_edit(user, article):
        raise PermissionDenied("You may not change this story.")
    article.preview_nonce = secrets.token_hex(16)
    # Not a save: the story's text and its edit-conflict token (`updated_at`) stay as they are.
    Article.objects.filter(pk=article.pk).update(preview_nonce=article.preview_nonce)
    return article
