"""Every write that changes a story's editorial state: small named functions, atomic, checked.

Admin actions and forms, commands and tests all call these, so a rule (who may publish, what
is recorded) lives in one place.
"""

import datetime as dt

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Article, Correction, Transition

Status = Article.Status


class TransitionError(ValueError):
    """A move the workflow does not allow from the story's current state."""


# --- who may do what ------------------------------------------------------------------------


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm("articles.publish_article"))


def can_edit(user, article: Article) -> bool:
    """Editors edit every story; contributors only their own drafts."""
    if not (user and user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status == Status.DRAFT


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


# --- the transitions -----------------------------------------------------------------------


def _move(article: Article, *, user, to: str, published_at=None, note: str = "") -> Article:
    """Lock the row, change state, record the transition and a revision."""
    with transaction.atomic(), reversion.create_revision():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        before = locked.status
        locked.status = to
        if to == Status.PUBLISHED:
            locked.published_at = published_at or timezone.now()
        locked.save()
        Transition.objects.create(
            article=locked,
            from_status=before,
            to_status=to,
            published_at=locked.published_at if to == Status.PUBLISHED else None,
            user=user if user and user.is_authenticated else None,
            note=note,
        )
        if user and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(note or f"{before} → {to}")
    article.refresh_from_db()
    return article


def article_submit(*, article: Article, user) -> Article:
    """A writer hands a draft to the editors."""
    _require(can_edit(user, article), "You may not submit this story.")
    if article.status != Status.DRAFT:
        raise TransitionError(f"Only drafts can be submitted; this story is {article.status}.")
    return _move(article, user=user, to=Status.REVIEW, note="Submitted for review")


def article_send_back(*, article: Article, user, note: str = "") -> Article:
    """An editor returns a story in review to its writer."""
    _require(can_publish(user), "Only editors can send a story back.")
    if article.status != Status.REVIEW:
        raise TransitionError("Only stories in review can be sent back.")
    return _move(article, user=user, to=Status.DRAFT, note=note or "Sent back to the writer")


def article_publish(*, article: Article, user, at: dt.datetime | None = None) -> Article:
    """Publish now, or at `at` (a future time schedules the story; nothing else needs to run)."""
    _require(can_publish(user), "Only editors can publish stories.")
    if not article.headline.strip() or not article.slug:
        raise TransitionError("A story needs a headline and a slug before it is published.")
    scheduled = at is not None and at > timezone.now()
    note = f"Scheduled for {timezone.localtime(at):%Y-%m-%d %H:%M}" if scheduled else "Published"
    return _move(article, user=user, to=Status.PUBLISHED, published_at=at, note=note)


def article_schedule(*, article: Article, user, at: dt.datetime) -> Article:
    if at <= timezone.now():
        raise TransitionError("A scheduled time must be in the future.")
    return article_publish(article=article, user=user, at=at)


def article_unpublish(*, article: Article, user) -> Article:
    """Take a published (or scheduled) story down; it becomes a draft again."""
    _require(can_publish(user), "Only editors can unpublish stories.")
    if article.status != Status.PUBLISHED:
        raise TransitionError("Only published or scheduled stories can be unpublished.")
    return _move(article, user=user, to=Status.DRAFT, note="Unpublished")


def article_archive(*, article: Article, user) -> Article:
    _require(can_publish(user), "Only editors can archive stories.")
    if article.status == Status.ARCHIVED:
        raise TransitionError("The story is archived already.")
    return _move(article, user=user, to=Status.ARCHIVED, note="Archived")


def article_add_correction(
    *, article: Article, user, text: str, kind: str = Correction.Kind.CORRECTION
) -> Correction:
    """Append a dated correction or update under a story; its updated time moves."""
    _require(can_publish(user), "Only editors can correct published stories.")
    if not text.strip():
        raise ValueError("A correction needs its text.")
    with transaction.atomic(), reversion.create_revision():
        correction = Correction.objects.create(
            article=article, kind=kind, text=text.strip(), created_by=user
        )
        article.save(update_fields=["updated_at"])
        reversion.set_user(user)
        reversion.set_comment(f"{correction.get_kind_display()} added")
    return correction
