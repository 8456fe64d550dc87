from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        import reversion
        from taggit.models import TaggedItem

        from .models import Article, ArticleOrganization, ArticlePerson, Correction

        # A revision of a story holds its boxes, tags and corrections too, so reverting one
        # restores the story as it was. `updated_at` is left out: it is the edit-conflict
        # token and must only move forward.
        for related in (ArticleOrganization, ArticlePerson, TaggedItem, Correction):
            if not reversion.is_registered(related):
                reversion.register(related)
        if not reversion.is_registered(Article):
            reversion.register(
                Article,
                exclude=("updated_at", "import_hash"),
                follow=("organization_links", "person_links", "tagged_items", "corrections"),
            )
