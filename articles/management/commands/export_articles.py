from django.core.management.base import BaseCommand

from articles.exporters import export_lines, stories_for_export
from articles.models import Article
from newsroom.management.arguments import moment


class Command(BaseCommand):
    help = "Write stories as JSON Lines (the schema import_articles reads; see the README)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write; standard output by default.")
        parser.add_argument(
            "--status",
            action="append",
            choices=Article.Status.values,
            help="Only stories in this status (repeatable). Default: every status.",
        )
        parser.add_argument(
            "--since", help="Only stories changed since this date or ISO 8601 date-time."
        )

    def handle(self, *args, **options):
        since = moment(options["since"]) if options["since"] else None
        lines = export_lines(stories_for_export(options["status"], since))
        count = 0
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="\n") as handle:
                for line in lines:
                    handle.write(line)
                    count += 1
            if options["verbosity"]:
                self.stderr.write(f"Wrote {count} stories to {options['output']}")
        else:
            for line in lines:
                self.stdout.write(line, ending="")
