"""Thin command over wire.polling: poll the wire sources that are due."""

import signal

from django.core.management.base import BaseCommand, CommandError

from wire.models import Source
from wire.polling import Poller, PollSettings


class Command(BaseCommand):
    help = (
        "Poll the wire sources that are due and bring their new items in as stories "
        "(From the wire). --once for cron or a systemd timer, --watch as a long-running "
        "process. SIGTERM or Ctrl-C finishes the story in hand and stops."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--once", action="store_true", help="Poll what is due now, then end.")
        mode.add_argument(
            "--watch", action="store_true", help="Keep polling sources as they fall due."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=20.0,
            metavar="SECONDS",
            help="Longest wait for one source's whole answer (default 20).",
        )
        parser.add_argument(
            "--max-size",
            type=int,
            default=10 * 1024 * 1024,
            metavar="BYTES",
            help="Largest feed taken (default 10 MB).",
        )
        parser.add_argument(
            "--workers", type=int, default=8, help="Sources fetched at once (default 8)."
        )
        parser.add_argument(
            "--tick",
            type=float,
            default=5.0,
            metavar="SECONDS",
            help="--watch: how often to look for due sources (default 5).",
        )
        parser.add_argument(
            "--max-seconds",
            type=float,
            default=None,
            help="--watch: stop after this many seconds (for tests and trials).",
        )
        parser.add_argument(
            "--max-cycles",
            type=int,
            default=None,
            help="--watch: stop after this many looks for due sources.",
        )

    def handle(self, *args, **options):
        if options["workers"] < 1 or options["timeout"] <= 0 or options["max_size"] < 1:
            raise CommandError("--workers, --timeout and --max-size must be positive.")
        verbosity = options["verbosity"]
        settings = PollSettings(
            timeout=options["timeout"],
            max_bytes=options["max_size"],
            workers=options["workers"],
            tick=max(0.05, options["tick"]),
        )

        def outcome_line(outcome):
            if verbosity == 0 and outcome.ok:
                return
            style = self.style.SUCCESS if outcome.ok else self.style.ERROR
            self.stdout.write(style(str(outcome)))

        def message(kind, text):
            if kind == "warning" and verbosity < 2:
                return
            style = self.style.WARNING if kind == "warning" else self.style.ERROR
            self.stderr.write(style(f"{kind}: {text}"))

        poller = Poller(settings, on_outcome=outcome_line, on_message=message)
        previous = {
            sig: signal.signal(sig, lambda *_: self._stop(poller))
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            if options["once"]:
                if verbosity:
                    due = Source.objects.due().count()
                    self.stdout.write(f"{due} source{'s' if due != 1 else ''} due")
                outcomes = poller.run_once()
            else:
                if verbosity:
                    self.stdout.write(
                        f"Watching {Source.objects.filter(enabled=True).count()} enabled "
                        "sources (SIGTERM or Ctrl-C to stop)"
                    )
                outcomes = poller.watch(
                    max_seconds=options["max_seconds"], max_cycles=options["max_cycles"]
                )
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if verbosity:
            new = sum(o.tally.new for o in outcomes)
            updated = sum(o.tally.updated for o in outcomes)
            failed = sum(1 for o in outcomes if o.error)
            stopped = " (stopped)" if poller.stopping else ""
            style = self.style.SUCCESS if not failed else self.style.WARNING
            self.stdout.write(
                style(
                    f"{len(outcomes)} polled, {new} new, {updated} updated, "
                    f"{failed} source{'s' if failed != 1 else ''} failing{stopped}"
                )
            )

    def _stop(self, poller):
        if not poller.stopping:
            self.stderr.write("Stopping after the story in hand…")
        poller.stop()
