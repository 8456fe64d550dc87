"""Demo content for `make demo`: people, stories, a network of three publications on
`*.localhost` names (demo/network.py) and an editor login, all written by us."""

import json
import os
import secrets
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.importers.run import ImportOptions, import_stories
from articles.importers.writer import WriterOptions
from demo.artwork import write_images
from demo.network import build_network
from newsroom.registers import report_to_command
from newsroom.roles import sync_roles
from people.importers import import_people
from publications.models import Publication

DEMO_DIR = Path(__file__).resolve().parents[3] / "demo"
# The story dump's picture (its "Jpg" line) and the section it is drawn for.
DUMP_IMAGES = [("harbor-drill", "Security")]


class Command(BaseCommand):
    help = (
        "Load the demo people and stories on three publications (the default one, "
        "capitol.localhost and coast.localhost) and (re)set the demo editor's password. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_EDITOR_PASSWORD", ""),
            help="Default: a new random password each run (printed).",
        )
        parser.add_argument(
            "--single-site",
            action="store_true",
            help="Every demo story on the default publication, no other publications.",
        )
        parser.add_argument(
            "--port",
            default="",
            help="The port the demo will be served on, for the addresses printed at the end.",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        report_to_command(self, import_people(str(DEMO_DIR / "people.json")))
        network = not options["single_site"]
        story_files = [DEMO_DIR / "stories.jsonl"]
        if network:  # the stories of the other publications' own sections
            story_files.append(DEMO_DIR / "network_stories.jsonl")
        with tempfile.TemporaryDirectory(prefix="newsroom-demo-") as pictures:
            # Lead images drawn for this run (demo/artwork.py), found by the import like
            # pictures beside a dump (--media-dir).
            stems = [stem for path in story_files for stem in _image_stems(path)]
            drawn = write_images(stems + DUMP_IMAGES, Path(pictures))
            if self.verbosity > 1:
                self.stdout.write(f"Drew {drawn} demo pictures")
            report = import_stories(
                [str(path) for path in story_files],
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
        if network:
            placed = build_network()
            for missing in placed.missing:
                self.stderr.write(self.style.WARNING(f"warning: {missing} not found"))
            self.stdout.write(self.style.SUCCESS(f"Demo network: {placed.summary()}"))

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
        # The default publication first, then the others by name.
        publications = sorted(Publication.objects.live(), key=lambda p: not p.is_default)
        if network:  # the demo editor works on every publication of the network
            present = set(user.publications.values_list("pk", flat=True))
            user.publications.add(*[p for p in publications if p.pk not in present])
        self.stdout.write(
            self.style.SUCCESS(f"Editor login: {user.username} / {password}  (admin at /admin/)")
        )
        self._print_addresses(publications, options["port"])

    def _print_addresses(self, publications, port: str):
        """Where each publication answers once the demo is served (`*.localhost` names lead
        to this machine in browsers and curl), and the page that lists them."""

        def address(publication, path):
            return f"http://{publication.domain}{f':{port}' if port else ''}{path}"

        home = reverse("articles:home")
        for publication in publications:
            self.stdout.write(f"  {publication.name}: {address(publication, home)}")
        if publications:
            front = next((p for p in publications if p.is_default), publications[0])
            network_page = address(front, reverse("publications:network"))
            self.stdout.write(f"  The network's publications: {network_page}")


def _image_stems(path: Path) -> list[tuple[str, str]]:
    """(image stem, section) of every demo story that has a lead image."""
    stems = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if (record.get("image") or {}).get("stem"):
                stems.append((record["image"]["stem"], record.get("section", "")))
    return stems
