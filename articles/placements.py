"""Where stories show: `Placement` rows, the home publication and every share of each story.

`place(article_ids)` makes the rows match `Article.publication` and `Article.shared_with`.
It is called by `Article.save` when a story is created or moves home, by the sharing signal
below (the story form, `shared_with.add/remove/set`), and by the importer after its batch
insert. Three queries for any number of stories.
"""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Article, Placement


def place(article_ids) -> None:
    ids = sorted({int(pk) for pk in article_ids if pk})
    if not ids:
        return
    wanted = set(Article.objects.filter(pk__in=ids).values_list("pk", "publication_id"))
    wanted |= set(
        Article.shared_with.through.objects.filter(article_id__in=ids).values_list(
            "article_id", "publication_id"
        )
    )
    have = {
        (article_id, publication_id): pk
        for pk, article_id, publication_id in Placement.objects.filter(
            article_id__in=ids
        ).values_list("pk", "article_id", "publication_id")
    }
    stale = [pk for pair, pk in have.items() if pair not in wanted]
    if stale:
        Placement.objects.filter(pk__in=stale).delete()
    Placement.objects.bulk_create(
        [Placement(article_id=a, publication_id=p) for a, p in wanted - set(have)],
        ignore_conflicts=True,
    )


@receiver(m2m_changed, sender=Article.shared_with.through, dispatch_uid="placements-shared")
def shares_changed(sender, instance, action, reverse=False, pk_set=None, **_):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        place([instance.pk])
    elif action == "post_clear":  # a publication's shares all dropped: the stories it had
        place(Placement.objects.filter(publication=instance).values_list("article_id", flat=True))
    else:  # from a publication's side: the stories are pk_set
        place(pk_set or ())
