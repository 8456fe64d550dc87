from django.core.management.base import BaseCommand, CommandError

from newsroom.registers import RegisterFileError, report_to_command
from people.importers import import_people


class Command(BaseCommand):
    help = (
        "Create or update people from CSV or JSON. Columns/keys: name, slug, sort_name, "
        "aliases (; separated in CSV), bio, external_id, and a role: title, organization, "
        "start, end (JSON may give a list under affiliations). Import organizations first."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        for path in options["paths"]:
            try:
                report = import_people(path, dry_run=options["dry_run"])
            except RegisterFileError as exc:
                raise CommandError(str(exc)) from exc
            report_to_command(self, report, dry_run=options["dry_run"])
