"""The uncached article page against another site's page: requests per second, in turns.

    .venv/bin/python bench/compare_page.py --compare-url http://127.0.0.1:8001/blog/a-post/
    .venv/bin/python bench/compare_page.py --compare-url URL --reuse --rounds 6 --seconds 10
    .venv/bin/python bench/compare_page.py --compare-url URL --database-url URL2 --reuse

Builds a scratch newsroom on PostgreSQL (`newsroom_compare`: the starter register and
`--stories` generated story dumps with their boxes, imported as published), or with `--reuse`
takes the database as it is (a corpus of bench/reader_scale.py, for one). Starts gunicorn on
127.0.0.1 with the production settings, one sync worker and NEWSROOM_PAGE_CACHE_SECONDS=0, so
every request renders the page. Picks a published story with organizations and people in its
boxes; on a new corpus it first gives that story what the blog post it is compared with has
(a writer, tags) and what an entity-rich story has (four organizations, three people with their
roles); `--path` measures another story. Checks that both pages answer 200, and measures them
in turns (`--rounds` turns of `--seconds` each, after a warm-up of each) with the same client:
wrk (one thread, `-c` connections) when it is installed, else a bounded loop of Python
requests on one connection at a time. Prints every turn, each page's median requests per
second, and their ratio.

The page compared against is served by whoever runs this: the script only takes its URL.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup
from _setup import setup_django

PORT = 8766
BASE = f"http://127.0.0.1:{PORT}"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_compare"
WARM_UP_SECONDS = 3
PYTHON_LOOP_MAX_REQUESTS = 100_000  # a bound on the fallback client, whatever --seconds says


def build(database_url: str, stories: int, reuse: bool) -> str:
    """The path of the story measured, after building the corpus unless reusing it."""
    setup_django(database_url, fresh=not reuse)
    from articles.models import Article

    if not reuse:
        import io

        import import_bench
        from django.core.management import call_command

        from articles.importers.run import ImportOptions, import_stories
        from articles.importers.writer import WriterOptions

        quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
        call_command("load_starter_register", **quiet)
        folder = Path(tempfile.mkdtemp(prefix="newsroom-compare-"))
        try:
            import_bench.generate(folder, stories)
            report = import_stories(
                [str(folder)],
                ImportOptions(
                    writer=WriterOptions(default_status="published", autotag="known"),
                    keep_changes=False,
                ),
                listener=lambda *_: None,
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"corpus: {report.summary()}")
    story = (
        Article.objects.published()
        .filter(organization_links__isnull=False, person_links__isnull=False)
        .order_by("pk")
        .first()
    ) or Article.objects.published().order_by("pk").first()
    if story is None:
        raise SystemExit("no published story in this database")
    if not reuse:
        enrich(story)
    print(
        f"stories: {Article.objects.published().count():,} published; measured: "
        f"{story.get_absolute_url()} ({story.organizations.count()} organizations, "
        f"{story.people.count()} people, {story.tags.count()} tags)"
    )
    return story.get_absolute_url()


def enrich(story) -> None:
    """Give the measured story what the blog post it is compared with has, and what an
    entity-rich story has: a writer in its byline, tags, four organizations and three people,
    each with a current role (the generated copy names no registered person)."""
    from articles.models import ArticleOrganization, ArticlePerson
    from organizations.models import Organization
    from people.models import Affiliation, Person

    organizations = list(Organization.objects.public().order_by("pk")[:4])
    for position, organization in enumerate(organizations):
        ArticleOrganization.objects.get_or_create(
            article=story, organization=organization, defaults={"position": position}
        )
    roles = ["Administrator", "Deputy Secretary", "Inspector General"]
    names = ["Dana Whitfield", "Marcus Oyelaran", "Priya Castellanos"]
    for position, (name, title) in enumerate(zip(names, roles, strict=True)):
        person = Person.objects.create(name=name, slug=f"compare-{position}")
        Affiliation.objects.create(person=person, organization=organizations[position], title=title)
        ArticlePerson.objects.create(article=story, person=person, position=position)
    story.authors.add(Person.objects.create(name="Jo Reporter", slug="compare-writer"))
    story.tags.add("aviation", "safety", "regulation")


def start_gunicorn(database_url: str) -> subprocess.Popen:
    return _setup.start_gunicorn(
        PORT,
        {
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": "compare-page-only-" + "x" * 40,
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/6"),
            "NEWSROOM_PAGE_CACHE_SECONDS": "0",
        },
        ["-w", "1", "-k", "sync"],
        "/tmp/newsroom-compare-gunicorn.log",
    )


def _request(url: str, headers: list[str]) -> urllib.request.Request:
    pairs = (header.split(":", 1) for header in headers)
    return urllib.request.Request(url, headers={k.strip(): v.strip() for k, v in pairs})


def check(url: str, headers: list[str]) -> int:
    """The page's size in bytes; exits unless it answers 200 (redirects are not followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(
            _request(url, headers), timeout=30
        ) as response:
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
            return len(response.read())
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{url} answered {exc.code}") from exc


def measure_wrk(url: str, seconds: int, connections: int, headers: list[str]) -> float:
    extra = [arg for header in headers for arg in ("-H", header)]
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", *extra, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    if bad or (errors and re.search(r"[1-9]", errors.group(1))):
        raise SystemExit(f"{url}: errors under load\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure_python(url: str, seconds: int, _connections: int, headers: list[str]) -> float:
    """Requests one after another for `seconds` (at most PYTHON_LOOP_MAX_REQUESTS)."""
    done, started = 0, time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline and done < PYTHON_LOOP_MAX_REQUESTS:
        with urllib.request.urlopen(_request(url, headers), timeout=10) as response:
            response.read()
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
        done += 1
    return done / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare-url", required=True, help="the page to measure against")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="take the database as it is")
    parser.add_argument("--stories", type=int, default=2000, help="stories of a new corpus")
    parser.add_argument("--rounds", type=int, default=5, help="turns of each page")
    parser.add_argument("--seconds", type=int, default=10, help="length of a turn")
    parser.add_argument("-c", "--connections", type=int, default=2, help="wrk connections")
    parser.add_argument(
        "--path", help="measure this story's address instead (after building or reusing)"
    )
    parser.add_argument("--python-client", action="store_true", help="not wrk, even if found")
    parser.add_argument(
        "-H",
        "--header",
        action="append",
        default=[],
        help="a header sent to both pages, e.g. 'X-Forwarded-Proto: https' for a site that "
        "redirects plain HTTP",
    )
    args = parser.parse_args()

    path = build(args.database_url, args.stories, args.reuse)
    path = args.path or path
    use_wrk = shutil.which("wrk") and not args.python_client
    measure = measure_wrk if use_wrk else measure_python
    client = f"wrk -t1 -c{args.connections}" if use_wrk else "Python, one request at a time"
    server = start_gunicorn(args.database_url)
    try:
        pages = {"newsroom": BASE + path, "compared": args.compare_url}
        for name, url in pages.items():
            print(f"{name}: {url} ({check(url, args.header):,} bytes)")
            measure(url, WARM_UP_SECONDS, args.connections, args.header)
        rates = {name: [] for name in pages}
        print(f"client: {client}; {args.rounds} turns of {args.seconds} s each, in turns")
        for turn in range(args.rounds):
            order = list(pages) if turn % 2 == 0 else list(reversed(pages))
            for name in order:
                rate = measure(pages[name], args.seconds, args.connections, args.header)
                rates[name].append(rate)
                print(f"  turn {turn + 1} {name:>9}: {rate:8.1f} requests/s")
        medians = {name: statistics.median(values) for name, values in rates.items()}
        for name, value in medians.items():
            print(f"{name:>9}: median {value:.1f} requests/s")
        print(f"ratio newsroom / compared: {medians['newsroom'] / medians['compared']:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
