from django.core.management.base import BaseCommand

from articles.changes import stories_changed
from articles.images import make_renditions, pending_renditions
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Make the WebP renditions that saving a story left for later (images too large to "
        "resize within a web request). Run after imports and every few minutes in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake every story's renditions.")

    def handle(self, *args, **options):
        stories = Article.objects.all()
        if options["all"]:
            todo = stories.exclude(image="").only("pk", "image").order_by("pk").iterator()
        else:
            todo = pending_renditions(stories)
        made, failed = [], 0
        for article in todo:
            result = make_renditions(article.image.name, inline=False)
            if result is None:
                failed += 1
                continue
            Article.objects.filter(pk=article.pk).update(
                image_renditions=result.renditions,
                image_width=result.width,
                image_height=result.height,
            )
            made.append(article.pk)
        stories_changed(made)
        if options["verbosity"]:
            style = self.style.SUCCESS if not failed else self.style.WARNING
            self.stdout.write(style(f"Renditions made for {len(made)} stories, {failed} failed."))
