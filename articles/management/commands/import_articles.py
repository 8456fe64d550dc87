"""Thin command over articles.importers: see `import_stories` for the work."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.importers.run import ImportOptions, UnknownSite, import_stories, publication_for
from articles.importers.sources import DEFAULT_MAX_BYTES, FORMATS
from articles.importers.writer import WriterOptions
from articles.models import Article
from articles.services import can_publish
from publications.models import works_on


class Command(BaseCommand):
    help = (
        "Import stories from story dumps (.txt), JSON Lines (.jsonl) and RSS/Atom feeds. "
        "PATH may be a file, a folder (read recursively), a feed URL, or - for standard input. "
        "Running it again on the same input creates nothing. New stories go to the publication "
        "of --site (the default publication without it), in its sections; a story already "
        "stored under the same key stays on its own publication and is reported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and validate; write nothing."
        )
        parser.add_argument(
            "--status",
            choices=Article.Status.values,
            default=Article.Status.DRAFT,
            help="Status of NEW stories whose source does not give one (default: draft, so "
            "nothing goes public before an editor looks). Existing stories keep theirs.",
        )
        parser.add_argument(
            "--site",
            metavar="DOMAIN",
            help="The publication new stories are at home on, by its domain or an alias "
            "(default: the default publication). Sections are found or made in it.",
        )
        parser.add_argument(
            "--section", default="", help="Section of new stories whose source names none."
        )
        parser.add_argument(
            "--media-dir",
            action="append",
            default=[],
            help="Folder to look for lead images in (after the folder of the dump). Repeatable.",
        )
        parser.add_argument(
            "--autotag",
            choices=["off", "known", "discover"],
            default="known",
            help="Tag organizations and people found in story dumps and feeds: known = only "
            "those in the register (default); discover = also suggest new ones, which readers "
            "do not see until an editor accepts them. JSON Lines keep their own tags.",
        )
        parser.add_argument(
            "--as-user",
            metavar="USERNAME",
            help="Import on behalf of this newsroom user: without the right to publish, "
            "--status published is refused and stories marked published arrive in review.",
        )
        parser.add_argument(
            "--wxr-pages",
            action="store_true",
            help="WordPress exports: import pages as stories too (skipped by default).",
        )
        parser.add_argument("--fail-fast", action="store_true", help="Stop at the first failure.")
        parser.add_argument(
            "--max-size", type=int, default=DEFAULT_MAX_BYTES, help="Largest file, in bytes."
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        try:
            publication = publication_for(options["site"])
        except UnknownSite as exc:
            raise CommandError(str(exc)) from exc
        may_publish, user = True, None
        if options["as_user"]:
            user = get_user_model().objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"No user {options['as_user']!r}.")
            if not works_on(user, publication.pk):
                raise CommandError(
                    f"{user}'s role does not apply on {publication} ({publication.domain}): "
                    "choose one of their publications with --site."
                )
            may_publish = can_publish(user)
            if not may_publish and options["status"] == Article.Status.PUBLISHED:
                raise CommandError(f"{user} may not publish: use --status draft or review.")
        import_options = ImportOptions(
            format=options["format"],
            dry_run=options["dry_run"],
            fail_fast=options["fail_fast"],
            max_bytes=options["max_size"],
            keep_changes=options["dry_run"] or verbosity > 1,  # what is printed, and no more
            wxr_pages=options["wxr_pages"],
            writer=WriterOptions(
                default_status=options["status"],
                default_section=options["section"],
                media_dirs=options["media_dir"],
                autotag=options["autotag"],
                may_publish=may_publish,
                user=user,
                publication=publication,
            ),
        )
        bar = self._progress_bar(verbosity)

        def listen(kind: str, message: str):
            """Warnings and failures as they happen: a long run holds none of them."""
            if kind == "warning" and not verbosity:
                return
            style = self.style.WARNING if kind == "warning" else self.style.ERROR
            if bar is not None:  # tqdm has no truth value without a total
                with bar.external_write_mode(file=sys.stderr):
                    self.stderr.write(style(f"{kind}: {message}"))
            else:
                self.stderr.write(style(f"{kind}: {message}"))

        try:
            report = import_stories(
                options["paths"],
                import_options,
                progress=(lambda _r: bar.update()) if bar is not None else None,
                listener=listen,
            )
        finally:
            if bar is not None:  # tqdm has no truth value without a total
                bar.close()

        if options["dry_run"] or verbosity > 1:
            prefix = "would be " if options["dry_run"] else ""
            for change in report.changes:
                self.stdout.write(prefix + change)
        if verbosity:
            label = "Dry run, nothing written: " if options["dry_run"] else ""
            style = self.style.SUCCESS if report.ok else self.style.ERROR
            self.stdout.write(style(label + report.summary()))
        if not report.ok:
            raise CommandError(f"{report.failed} stor{'y' if report.failed == 1 else 'ies'} failed")

    def _progress_bar(self, verbosity):
        if verbosity == 0 or not sys.stderr.isatty():
            return None
        from tqdm import tqdm

        return tqdm(unit=" stories", desc="Importing", file=sys.stderr)
