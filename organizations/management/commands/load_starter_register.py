from pathlib import Path

from django.core.management.base import BaseCommand

from newsroom.registers import report_to_command
from organizations.importers import import_organizations

STARTER_REGISTER = Path(__file__).resolve().parents[2] / "data" / "starter_register.json"


class Command(BaseCommand):
    help = (
        "Load (or refresh) the starter register of U.S. federal organizations: departments, "
        "agencies and sub-agencies with acronyms, aliases and parents, and both houses of "
        "Congress. Safe to run again."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        report_to_command(self, import_organizations(str(STARTER_REGISTER)))
