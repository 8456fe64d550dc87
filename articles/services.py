"""Every write that changes a story's editorial state: small named functions, atomic, checked.

Admin actions and forms, commands and tests all call these, so a rule (who may publish, what
is recorded) lives in one place.
"""

import datetime as dt

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from publications.models import default_publication_id, users_publications, works_on

from .models import (
    Article,
    ArticleOrganization,
    ArticlePerson,
    Correction,
    LinkSource,
    Section,
    Transition,
)

Status = Article.Status


class TransitionError(ValueError):
    """A move the workflow does not allow from the story's current state."""


# --- who may do what ------------------------------------------------------------------------


# A role applies on the publications the user is given (`publications.models.works_on`):
# an Editor of one site is nobody on another's stories. Every check of a story below asks
# `on_desk` first, so the admin, its bulk actions, the commands and the reader preview all
# refuse another publication's story the same way.


def on_desk(user, article: Article) -> bool:
    """Whether the story's home publication is one where `user`'s role applies."""
    return works_on(user, article.publication_id)


def desk_stories(user, stories=None, *, through: str = ""):
    """`stories` (by default every story) narrowed to those at home on the user's
    publications: what their desk lists, counts and acts on. `through` names the story from
    another model's rows ("article__" for corrections or boxes)."""
    from publications.hosts import host_map

    stories = Article.objects.all() if stories is None else stories
    mine = desk_publication_ids(user)
    if set(mine) >= set(host_map().by_id):
        return stories  # every publication (a single-site install): no filter to plan around
    return stories.filter(**{f"{through}publication_id__in": mine})


def desk_publication_ids(user) -> list[int]:
    return [publication.pk for publication in users_publications(user)]


def can_publish(user, article: Article | None = None) -> bool:
    """Editors publish (given a story: a story of one of their publications)."""
    if not (user and user.is_active and user.has_perm("articles.publish_article")):
        return False
    return article is None or on_desk(user, article)


def can_edit(user, article: Article) -> bool:
    """Editors edit every story of their publications; contributors only their own drafts
    there."""
    if not (user and user.is_active and user.has_perm("articles.change_article")):
        return False
    if not on_desk(user, article):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status == Status.DRAFT


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


def _require_desk(user, article: Article):
    """Refuse, saying why, a story whose home publication is not one of the user's."""
    if not on_desk(user, article):
        raise PermissionDenied(
            f"This story belongs to {article.publication}; your role does not apply there."
        )


def _require_editor(user, article: Article, message: str):
    _require_desk(user, article)
    _require(can_publish(user, article), message)


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
        if to == Status.PUBLISHED:
            accept_entries_the_import_made([locked.pk])
        from .changes import stories_changed

        stories_changed([locked.pk])
    article.refresh_from_db()
    return article


def accept_entries_the_import_made(article_ids) -> None:
    """Organizations and people an import box created for these stories while they were
    unpublished waited as suggestions (F3); publishing a story makes them public, and so does
    importing it as published. Entries found by automatic tagging still wait for an editor,
    and rejected ones stay rejected."""
    from organizations.models import Organization, ReviewStatus
    from people.models import Person

    for model, link_model in ((Organization, ArticleOrganization), (Person, ArticlePerson)):
        chosen = link_model.objects.filter(
            article_id__in=article_ids, source=LinkSource.IMPORT, status=ReviewStatus.ACCEPTED
        )
        model.objects.filter(
            pk__in=chosen.values(f"{model._meta.model_name}_id"),
            review_status=ReviewStatus.SUGGESTED,
        ).update(review_status=ReviewStatus.ACCEPTED)


def article_submit(*, article: Article, user) -> Article:
    """A writer hands a draft to the editors."""
    _require_desk(user, article)
    _require(can_edit(user, article), "You may not submit this story.")
    if article.status != Status.DRAFT:
        raise TransitionError(f"Only drafts can be submitted; this story is {article.status}.")
    return _move(article, user=user, to=Status.REVIEW, note="Submitted for review")


def article_send_back(*, article: Article, user, note: str = "") -> Article:
    """An editor returns a story in review to its writer."""
    _require_editor(user, article, "Only editors can send a story back.")
    if article.status != Status.REVIEW:
        raise TransitionError("Only stories in review can be sent back.")
    return _move(article, user=user, to=Status.DRAFT, note=note or "Sent back to the writer")


def article_publish(
    *, article: Article, user, at: dt.datetime | None = None, now: bool = False
) -> Article:
    """Publish the story. `at` in the future schedules it (nothing else needs to run); `at` in
    the past dates it then. Without `at`, a story that carries a date from its source keeps
    it unless `now` is asked for; a story without one is published now. A story readers can
    already see is not published again (nor re-dated) unless an explicit `at` is given."""
    _require_editor(user, article, "Only editors can publish stories.")
    if not article.headline.strip() or not article.slug:
        raise TransitionError("A story needs a headline and a slug before it is published.")
    moment = timezone.now()
    if at is None:
        if article.is_public:
            raise TransitionError(
                f"This story is already published (since "
                f"{timezone.localtime(article.published_at):%Y-%m-%d %H:%M}); nothing changed."
            )
        kept = article.published_at
        at = kept if kept is not None and kept <= moment and not now else moment
    scheduled = at > moment
    note = f"Scheduled for {timezone.localtime(at):%Y-%m-%d %H:%M}" if scheduled else "Published"
    return _move(article, user=user, to=Status.PUBLISHED, published_at=at, note=note)


def article_schedule(*, article: Article, user, at: dt.datetime) -> Article:
    _require_editor(user, article, "Only editors can schedule stories.")
    if at <= timezone.now():
        raise TransitionError("A scheduled time must be in the future.")
    return article_publish(article=article, user=user, at=at)


def article_unpublish(*, article: Article, user) -> Article:
    """Take a published, scheduled or archived story down; it becomes a draft again."""
    _require_editor(user, article, "Only editors can unpublish stories.")
    if article.status not in (Status.PUBLISHED, Status.ARCHIVED):
        raise TransitionError("Only published, scheduled or archived stories can be unpublished.")
    return _move(article, user=user, to=Status.DRAFT, note="Unpublished")


def plan_move(*, article: Article, user, status: str, at: dt.datetime | None):
    """What the story form asks for, checked now and done later by the matching service:
    returns a function of the saved story (or None when the state does not change). Raises
    TransitionError or PermissionDenied when the move is not allowed. `article` carries the
    home publication it will be saved with."""
    _require_desk(user, article)
    current = article.status if article.pk else Status.DRAFT
    if status == Status.PUBLISHED:
        loaded = getattr(article, "_loaded_published_at", None) if article.pk else None
        if current == Status.PUBLISHED and at == loaded:
            return None
        _require(can_publish(user), "Only editors can publish stories.")
        if article.pk and article.is_public and at is not None and at > timezone.now():
            raise TransitionError(
                "This story is live: a publication time in the future would take it off the "
                "site until then. To do that, unpublish it first, then schedule it."
            )
        if at is None:
            return lambda saved: article_publish(article=saved, user=user, now=True)
        return lambda saved: article_publish(article=saved, user=user, at=at)
    if status == current:
        return None
    if status == Status.REVIEW:
        if current != Status.DRAFT:
            raise TransitionError("Only drafts can be submitted for review.")
        return lambda saved: article_submit(article=saved, user=user)
    if status == Status.ARCHIVED:
        _require(can_publish(user), "Only editors can archive stories.")
        return lambda saved: article_archive(article=saved, user=user)
    # Back to a draft.
    if current == Status.REVIEW:
        _require(can_publish(user), "Only editors can send a story back.")
        return lambda saved: article_send_back(article=saved, user=user)
    _require(can_publish(user), "Only editors can unpublish stories.")
    return lambda saved: article_unpublish(article=saved, user=user)


def article_archive(*, article: Article, user) -> Article:
    _require_editor(user, article, "Only editors can archive stories.")
    if article.status == Status.ARCHIVED:
        raise TransitionError("The story is archived already.")
    return _move(article, user=user, to=Status.ARCHIVED, note="Archived")


def article_add_correction(
    *, article: Article, user, text: str, kind: str = Correction.Kind.CORRECTION
) -> Correction:
    """Append a dated correction or update under a story; its updated time moves."""
    _require_editor(user, article, "Only editors can correct published stories.")
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


# --- reverting to a saved revision, recovering a deleted story ----------------------------------
#
# Rights first, then the change: a revert restores the story's text, boxes, tags and
# corrections as one revision had them, never its editorial state (status and publication
# time stay as they are: publishing and unpublishing have their own doors above). Only the
# story's own rows are touched, even in a revision that holds other stories.

# What a revert never takes from the old revision: identity, state, bookkeeping, derived data.
NOT_REVERTED = {
    "id",
    "status",
    "published_at",
    "created_at",
    "updated_at",
    "created_by_id",
    "publication_id",  # its home: moving a story to another site is not a revert's to do
    "external_key",
    "import_hash",
    "search_text",
    "search_vector",
    "image_width",
    "image_height",
    "image_renditions",
    "preview_nonce",
}


def _recovered_home(fields: dict) -> int:
    """The home publication a deleted story comes back to: its own, or the default one when
    it had none recorded or that publication is gone."""
    from publications.hosts import host_map

    home = fields.get("publication_id")
    return home if home in host_map().by_id else default_publication_id()


def can_recover(user, version) -> bool:
    """Editors recover any deleted story of their publications; writers only their own."""
    if not (user and user.is_active and user.has_perm("articles.add_article")):
        return False
    if not works_on(user, _recovered_home(version.field_dict)):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return version.field_dict.get("created_by_id") == user.pk


def article_revert(*, article: Article, version, user) -> Article:
    """Give the story the text, boxes, tags and corrections it had in `version`."""
    from .revisions import restore_parts, story_version

    _require(can_edit(user, article), "You may not change this story.")
    if story_version(version) != article.pk:
        raise TransitionError("That revision is not one of this story's.")
    saved_on = timezone.localtime(version.revision.date_created)
    with transaction.atomic(), reversion.create_revision():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        old_slug = locked.slug
        fields = version.field_dict
        for field in Article._meta.concrete_fields:
            if field.attname in fields and field.attname not in NOT_REVERTED:
                setattr(locked, field.attname, fields[field.attname])
        if (
            locked.slug != old_slug
            and Article.objects.filter(slug=locked.slug).exclude(pk=locked.pk).exists()
        ):
            locked.slug = old_slug  # the old slug went to another story since
        locked.save()
        if "authors" in fields:
            locked.authors.set(fields["authors"])
        restore_parts(version.revision, locked.pk)
        note = f"Reverted to the version of {saved_on:%Y-%m-%d %H:%M}"
        Transition.objects.create(
            article=locked,
            from_status=locked.status,
            to_status=locked.status,
            published_at=locked.published_at if locked.status == Status.PUBLISHED else None,
            user=user,
            note=note,
        )
        reversion.add_to_revision(locked)
        reversion.set_user(user)
        reversion.set_comment(note)
        from .changes import stories_changed

        stories_changed([locked.pk], old_slugs=[old_slug])
    article.refresh_from_db()
    return article


def article_recover(*, version, user) -> Article:
    """Bring a deleted story back, as a draft, with its boxes, tags and corrections."""
    from .revisions import restore_parts, story_version

    _require(can_recover(user, version), "You may not recover this story.")
    pk = story_version(version)
    if pk is None or Article.objects.filter(pk=pk).exists():
        raise TransitionError("That story is not deleted.")
    with transaction.atomic(), reversion.create_revision():
        fields = version.field_dict
        article = Article(pk=pk)
        for field in Article._meta.concrete_fields:
            if field.attname in fields and field.attname not in {"search_vector", "search_text"}:
                setattr(article, field.attname, fields[field.attname])
        article.publication_id = _recovered_home(fields)
        if (
            article.section_id
            and not Section.objects.filter(
                pk=article.section_id, publication_id=article.publication_id
            ).exists()
        ):
            article.section_id = None  # gone since, or a section of another publication
        was = article.status
        article.status = Status.DRAFT
        if Article.objects.filter(slug=article.slug).exists():
            article.slug = f"{article.slug[:240]}-{pk}"  # the slug went to another story since
        if article.external_key and Article.objects.filter(external_key=article.external_key):
            article.external_key = ""  # imported again since: the new story keeps the key
        article.save(force_insert=True)
        if "authors" in fields:
            article.authors.set(fields["authors"])
        restore_parts(version.revision, pk)
        Transition.objects.create(
            article=article,
            from_status=was,
            to_status=Status.DRAFT,
            user=user,
            note="Recovered after deletion",
        )
        reversion.add_to_revision(article)
        reversion.set_user(user)
        reversion.set_comment("Recovered after deletion, as a draft")
        from .changes import stories_changed

        stories_changed([pk])
    return article
