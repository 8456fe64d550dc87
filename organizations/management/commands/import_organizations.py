from django.core.management.base import BaseCommand, CommandError

from newsroom.registers import RegisterFileError, report_to_command
from organizations.importers import import_organizations


class Command(BaseCommand):
    help = (
        "Create or update organizations from CSV or JSON. Columns/keys: name, slug, acronym, "
        "aliases (; separated in CSV), kind, parent (slug, acronym or name), website, "
        "description, titles, external_id."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        for path in options["paths"]:
            try:
                report = import_organizations(path, dry_run=options["dry_run"])
            except RegisterFileError as exc:
                raise CommandError(str(exc)) from exc
            report_to_command(self, report, dry_run=options["dry_run"])
