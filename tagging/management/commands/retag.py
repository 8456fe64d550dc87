from django.core.management.base import BaseCommand
from django.db.models import Q

from articles.models import Article
from newsroom.management.arguments import moment
from tagging.services import StoryTagger


class Command(BaseCommand):
    help = (
        "Run automatic tagging again over stored stories and say what it adds or removes. "
        "Tags from editors and import boxes, and tags an editor accepted or rejected, are "
        "never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Only stories published or changed since this date.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change.")
        parser.add_argument(
            "--discover",
            action="store_true",
            help="Also suggest organizations and people the register lacks.",
        )

    def handle(self, *args, **options):
        stories = Article.objects.order_by("pk")
        if options["since"]:
            since = moment(options["since"])
            stories = stories.filter(Q(published_at__gte=since) | Q(updated_at__gte=since))
        tagger = StoryTagger("discover" if options["discover"] else "known")
        prefix = "would " if options["dry_run"] else ""
        added = removed = touched = 0
        for article in stories.iterator(chunk_size=200):
            outcome = tagger.tag(article, dry_run=options["dry_run"])
            if not outcome.changes:
                continue
            touched += 1
            added += len(outcome.added)
            removed += len(outcome.removed)
            if options["verbosity"]:
                self.stdout.write(f"{article.slug}:")
                for change in outcome.changes:
                    self.stdout.write(f"  {prefix}{change}")
            if not options["dry_run"]:
                tagger.entities.commit()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{touched} stories: {prefix}add {added} tags, {prefix}remove {removed}."
                )
            )
