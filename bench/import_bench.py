"""Import speed: story dumps into PostgreSQL, beside a raw bulk insert of the same rows.

    .venv/bin/python bench/import_bench.py            # 10,000 stories
    .venv/bin/python bench/import_bench.py --large    # 100,000 stories
    .venv/bin/python bench/import_bench.py -n 2000 --database-url postgres://…/newsroom_bench
    .venv/bin/python bench/import_bench.py --large --corpus /tmp/dumps --alternate batch=200 batch=1

Generates N story dumps in the text format (with boxes, bylines, captions and datelines),
imports them with `import_stories` into a fresh database, and prints stories per second, the
same rows written by a raw `bulk_create` in the same run, their ratio, and peak memory at
10%, 50% and 100% of the run (flat memory means the importer streams). As in
`import_articles`, warnings go to a listener instead of piling up in the report. Automatic
tagging is off unless `--autotag known|discover` (the command's default is known; the
starter register is loaded first then). `--batch-size 1` creates each story in its own
transaction (the batch of new stories is what `StoryWriter.save_batch` creates together).

`--alternate` measures variants in turns over one corpus and one database (see `alternate`):
on a shared, noisy machine that is fairer than runs one after another.
"""

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import DEFAULT_URL, peak_rss_mb, setup_django

AGENCIES = [
    ("U.S. Customs and Border Protection", "CBP"),
    ("Federal Aviation Administration", "FAA"),
    ("Environmental Protection Agency", "EPA"),
    ("National Oceanic and Atmospheric Administration", "NOAA"),
    ("U.S. Department of Agriculture", "USDA"),
    ("Federal Emergency Management Agency", "FEMA"),
    ("National Transportation Safety Board", "NTSB"),
    ("U.S. Coast Guard", "USCG"),
]
SECTIONS = ["Transportation", "Environment", "Security", "Congress", "Federal Agencies"]
FIRST = ["Dana", "Marcus", "Priya", "Thomas", "Helen", "Gregory", "Naomi", "Calvin", "Rosa"]
LAST = ["Whitfield", "Oyelaran", "Venkataraman", "Brightwater", "Marchetti", "Lindqvist"]
VERBS = ["announced", "proposed", "approved", "delayed", "expanded", "reviewed"]
THINGS = ["grants", "inspections", "a rule", "new guidance", "a pilot program", "repairs"]
PLACES = ["Ohio", "Texas", "Maine", "Oregon", "Nevada", "Georgia"]


def story_text(n: int, rng: random.Random) -> str:
    agency, acronym = rng.choice(AGENCIES)
    other, other_acr = rng.choice(AGENCIES)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    verb, thing, place = rng.choice(VERBS), rng.choice(THINGS), rng.choice(PLACES)
    headline = f"{acronym} {verb} {thing} for {place} ({n})"
    paragraphs = [
        f"WASHINGTON — The {agency} ({acronym}) {verb} {thing} for {place} on Tuesday, "
        f"officials said in a statement released after the meeting.",
        f"{person}, a deputy administrator, said the agency had worked with the {other} "
        f"({other_acr}) for months on the plan.",
        f"The {acronym} expects the work to take {rng.randint(2, 30)} months and to cost "
        f"{rng.randint(1, 900)} million dollars, according to the notice.",
        f"Comments are open for {rng.choice([30, 45, 60])} days.",
    ]
    lines = []
    if n % 3:
        lines += [f"Webp story{n}", f"{person} | {acronym}", ""]
    lines += [headline, "", rng.choice(SECTIONS), ""]
    if n % 4 == 0:
        lines += [f"By Newsroom Wire | Aug {1 + n % 28}, 2024", ""]
    lines += ["ORGANIZATIONS IN THIS STORY"]
    if n % 2 == 0:
        lines += [f"{agency} | {agency}"]
    lines += [""]
    lines += [p + "\n" for p in paragraphs]
    lines += ["ORGANIZATIONS IN THIS STORY"]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int) -> int:
    rng = random.Random(20241126)
    size = 0
    for n in range(count):
        text = story_text(n, rng)
        size += len(text)
        sub = folder / f"{n // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"story-{n:06d}.txt").write_text(text, encoding="utf-8")
    return size


def raw_insert(count: int) -> float:
    """The floor: the same number of article rows written by bulk_create, in 1,000s."""
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article

    rng = random.Random(1)
    rows = (
        Article(
            headline=f"Raw row {n}",
            slug=f"raw-row-{n}",
            body="<p>" + story_text(n, rng)[:900] + "</p>",
            external_key=f"raw:{n}",
            status="draft",
            published_at=timezone.now(),
        )
        for n in range(count)
    )
    started = time.perf_counter()
    batch = []
    with transaction.atomic():
        for row in rows:
            batch.append(row)
            if len(batch) == 1000:
                Article.objects.bulk_create(batch)
                batch = []
        if batch:
            Article.objects.bulk_create(batch)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:  # no signals: these rows have nothing attached
        cursor.execute("DELETE FROM articles_article WHERE external_key LIKE 'raw:%%'")
    return count / elapsed


def _drop(_kind, _message):
    pass


def variant_options(spec: str, autotag: str):
    """ImportOptions for "batch=1,autotag=known": batch = batch size, any other key a field
    of ImportOptions or of WriterOptions (0/1 for booleans)."""
    from articles.importers.run import ImportOptions
    from articles.importers.writer import WriterOptions

    options = ImportOptions(
        writer=WriterOptions(default_status="published", autotag=autotag), keep_changes=False
    )
    for item in filter(None, spec.split(",")):
        key, value = item.split("=")
        target = options if hasattr(options, key) else options.writer
        if key == "batch":
            options.batch_size = int(value)
        elif hasattr(target, key):
            kind = type(getattr(target, key))
            setattr(target, key, value if kind is str else kind(int(value)))
        else:
            raise SystemExit(f"unknown variant key {key!r}")
    return options


def alternate(folder: Path, args):
    """The dumps, in order, cut into rounds x variants slices; slice i is imported with
    variant i mod len(variants), so every variant meets tables of every size and the noise of
    a shared machine falls on all of them alike."""
    from articles.importers.run import import_stories

    files = sorted(str(path) for path in folder.rglob("*.txt"))
    variants = args.alternate
    slices = args.rounds * len(variants)
    per = len(files) // slices
    stories = dict.fromkeys(variants, 0)
    seconds = dict.fromkeys(variants, 0.0)
    print(f"{len(variants)} variants in turns, {args.rounds} turns each of {per:,} dumps")
    for index in range(slices):
        spec = variants[index % len(variants)]
        paths = files[index * per : (index + 1) * per]
        options = variant_options(spec, args.autotag)
        started = time.perf_counter()
        report = import_stories(paths, options, listener=_drop)
        elapsed = time.perf_counter() - started
        if report.created != len(paths):
            raise SystemExit(f"{spec}: {report.summary()}")
        stories[spec] += len(paths)
        seconds[spec] += elapsed
        print(f"  turn {index + 1:3d} {spec:>20}: {len(paths) / elapsed:7,.0f} stories/s")
    first = variants[0]
    for spec in variants:
        rate = stories[spec] / seconds[spec]
        print(
            f"{spec:>20}: {stories[spec]:,} stories in {seconds[spec]:.1f} s, "
            f"{rate:,.0f} stories/s, {rate / (stories[first] / seconds[first]):.2f}x {first}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--large", action="store_true", help="100,000 stories")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument(
        "--autotag",
        choices=["off", "known", "discover"],
        default="off",
        help="automatic tagging against the starter register (import_articles: known)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="new stories created together (default 200; 1: each in its own transaction)",
    )
    parser.add_argument(
        "--alternate",
        nargs="+",
        metavar="VARIANT",
        help="variants measured in turns over one corpus and one database, e.g. "
        "'batch=200' 'batch=1' (other keys set ImportOptions or WriterOptions fields)",
    )
    parser.add_argument(
        "--rounds", type=int, default=10, help="--alternate: turns each variant takes"
    )
    parser.add_argument("--corpus", help="folder of dumps to reuse (generated there if empty)")
    parser.add_argument("--no-rerun", action="store_true", help="skip the idempotence run")
    args = parser.parse_args()
    count = 100_000 if args.large else args.n

    setup_django(args.database_url)
    from articles.importers.run import ImportOptions, import_stories
    from articles.importers.writer import WriterOptions

    folder = Path(args.corpus) if args.corpus else Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if any(folder.iterdir()):
            size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
            count = sum(1 for _ in folder.rglob("*.txt"))
        else:
            size = generate(folder, count)
        print(f"corpus: {count:,} story dumps, {size / 1e6:.1f} MB of text, in {folder}")
        if args.alternate:
            alternate(folder, args)
            return
        start_rss = peak_rss_mb()

        samples = {}
        done = 0

        def progress(_record):
            nonlocal done
            done += 1
            for mark in (0.1, 0.5, 1.0):
                if done == int(count * mark):
                    samples[mark] = peak_rss_mb()

        # As `import_articles` runs at its usual verbosity: counts, not a line per story.
        if args.autotag != "off":
            from django.core.management import call_command

            call_command("load_starter_register", verbosity=0)
        options = ImportOptions(
            writer=WriterOptions(default_status="published", autotag=args.autotag),
            keep_changes=False,
        )
        if args.batch_size is not None:
            options.batch_size = args.batch_size
        print(f"automatic tagging: {args.autotag}; batch size: {options.batch_size}")
        # Warnings (a missing image for two stories in three) go to a listener, as in the
        # command; this one only counts them.
        started = time.perf_counter()
        report = import_stories([str(folder)], options, progress=progress, listener=_drop)
        elapsed = time.perf_counter() - started
        rate = count / elapsed
        raw_rate = raw_insert(count)  # after the import, so its memory does not count there
        print(f"import: {report.summary()} in {elapsed:.1f} s")
        print(f"import rate: {rate:,.0f} stories/s")
        print(f"raw bulk insert of the same rows: {raw_rate:,.0f} rows/s")
        print(f"ratio import / raw insert: {rate / raw_rate:.3f}")
        print(
            f"peak RSS (MB) before the import {start_rss:.0f}; at 10% / 50% / 100%: "
            + " / ".join(f"{samples.get(m, 0):.0f}" for m in (0.1, 0.5, 1.0))
        )
        if not args.no_rerun:
            started = time.perf_counter()
            again = import_stories([str(folder)], options, listener=_drop)
            seconds = time.perf_counter() - started
            print(f"second run (idempotence): {again.summary()} in {seconds:.1f} s")
    finally:
        if not args.corpus:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
