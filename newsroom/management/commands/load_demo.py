"""Demo content for `make demo`: people, stories and an editor login, all written by us."""

import json
import os
import secrets
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles.importers.run import ImportOptions, import_stories
from articles.importers.writer import WriterOptions
from demo.artwork import write_images
from newsroom.registers import report_to_command
from newsroom.roles import sync_roles
from people.importers import import_people

DEMO_DIR = Path(__file__).resolve().parents[3] / "demo"
# The story dump's picture (its "Jpg" line) and the section it is drawn for.
DUMP_IMAGES = [("harbor-drill", "Security")]


class Command(BaseCommand):
    help = "Load the demo people and stories and (re)set the demo editor's password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_EDITOR_PASSWORD", ""),
            help="Default: a new random password each run (printed).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        report_to_command(self, import_people(str(DEMO_DIR / "people.json")))
        with tempfile.TemporaryDirectory(prefix="newsroom-demo-") as pictures:
            # Lead images drawn for this run (demo/artwork.py), found by the import like
            # pictures beside a dump (--media-dir).
            drawn = write_images(
                _image_stems(DEMO_DIR / "stories.jsonl") + DUMP_IMAGES, Path(pictures)
            )
            if self.verbosity > 1:
                self.stdout.write(f"Drew {drawn} demo pictures")
            report = import_stories(
                [str(DEMO_DIR / "stories.jsonl")],
                ImportOptions(writer=WriterOptions(media_dirs=[pictures])),
            )
            # A story dump tagged automatically, so the review queue has something in it.
            dumps = import_stories(
                [str(DEMO_DIR / "dumps")],
                ImportOptions(
                    writer=WriterOptions(
                        default_status="published", autotag="discover", media_dirs=[pictures]
                    )
                ),
            )
        report.add(dumps)
        for failure in report.failures:
            self.stderr.write(self.style.ERROR(f"error: {failure}"))
        if not report.ok:
            raise CommandError("demo stories failed to load")
        self.stdout.write(self.style.SUCCESS(f"Demo stories: {report.summary()}"))

        password = options["password"] or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=options["username"], defaults={"email": "editor@example.org"}
        )
        user.is_staff = True
        user.set_password(password)
        user.save()
        if not Group.objects.filter(name="Editor").exists():
            sync_roles(apps)  # the roles migration's groups, if something removed them
        user.groups.add(Group.objects.get(name="Editor"))
        self.stdout.write(
            self.style.SUCCESS(f"Editor login: {user.username} / {password}  (admin at /admin/)")
        )


def _image_stems(path: Path) -> list[tuple[str, str]]:
    """(image stem, section) of every demo story that has a lead image."""
    stems = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if (record.get("image") or {}).get("stem"):
                stems.append((record["image"]["stem"], record.get("section", "")))
    return stems
