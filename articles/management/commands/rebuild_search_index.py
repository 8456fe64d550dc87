from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import refresh_search_index

BATCH = 1000


class Command(BaseCommand):
    help = "Rebuild the stored search text and vectors of every story (after bulk SQL loads)."

    def handle(self, *args, **options):
        ids = Article.objects.order_by("pk").values_list("pk", flat=True)
        done = 0
        batch = []
        for pk in ids.iterator(chunk_size=BATCH):
            batch.append(pk)
            if len(batch) == BATCH:
                done += refresh_search_index(batch)
                batch = []
        done += refresh_search_index(batch) if batch else 0
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Indexed {done} stories."))
