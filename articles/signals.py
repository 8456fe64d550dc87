"""Keeping derived data fresh after commit: the search index of the stories that changed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import TaggedItem

from newsroom.context_processors import forget_navigation_sections
from organizations.models import Organization
from people.models import Person

from .models import Article, ArticleOrganization, ArticlePerson, Section

SEARCH_FIELDS = {"search_text", "search_vector"}


def refresh_search_after_commit(article_ids):
    """Refresh these stories' search data once, when the surrounding transaction commits.

    All the changes of one transaction share one batch; a batch whose transaction rolled
    back is gone from the connection's commit hooks, so a new one starts.
    """
    from .search import refresh_search_index

    ids = {i for i in article_ids if i}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh_search_index(sorted(ids))
        return
    batch = getattr(connection, "_newsroom_search_batch", None)
    hooks = [getattr(hook, "batch", None) for _, hook, _ in connection.run_on_commit]
    if batch is None or not any(b is batch for b in hooks):
        batch = set()

        def flush():
            if getattr(connection, "_newsroom_search_batch", None) is flush.batch:
                connection._newsroom_search_batch = None
            refresh_search_index(sorted(flush.batch))

        flush.batch = batch
        connection._newsroom_search_batch = batch
        transaction.on_commit(flush)
    batch.update(ids)


@receiver(post_save, sender=Article)
def article_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= SEARCH_FIELDS | {"updated_at"}):
        return
    if getattr(instance, "_search_fields_set", False):  # the importer wrote them itself
        instance._search_fields_set = False
        return
    refresh_search_after_commit([instance.pk])


@receiver([post_save, post_delete], sender=ArticleOrganization)
@receiver([post_save, post_delete], sender=ArticlePerson)
def box_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_after_commit([instance.article_id])


@receiver([post_save, post_delete], sender=TaggedItem)
def tag_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.content_type.model_class() is Article:
        refresh_search_after_commit([instance.object_id])


@receiver(post_save, sender=Organization)
def organization_renamed(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        refresh_search_after_commit(
            ArticleOrganization.objects.filter(organization=instance).values_list(
                "article_id", flat=True
            )
        )


@receiver(post_save, sender=Person)
def person_renamed(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        refresh_search_after_commit(
            ArticlePerson.objects.filter(person=instance).values_list("article_id", flat=True)
        )


@receiver([post_save, post_delete], sender=Section)
def section_changed(sender, raw=False, **kwargs):
    # The masthead's list of sections is cached; the next page reads it again (after the
    # commit too, in case a page read the old list in between).
    forget_navigation_sections()
    transaction.on_commit(forget_navigation_sections)
