"""Reader pages of a network of many publications against the same stories on one site.

    .venv/bin/python bench/network_scale.py                           # 1,000 sites, 10^6 stories
    .venv/bin/python bench/network_scale.py --sites 50 --stories 20000  # a quick check
    .venv/bin/python bench/network_scale.py --reuse     # keep databases built at these sizes

Builds two PostgreSQL databases with bench/reader_scale.py's generator (migrated fresh, filled
with SQL COPY; the same seed, so the same stories, register, links and tags in both):

- NAME (default `newsroom_netbench`): the stories spread over `--sites` publications, skewed
  (the n-th publication gets a share proportional to 1/n: at 1,000 sites the first, the
  default publication on `localhost`, has 13% of the stories and the last about 130), each
  publication with its own copy of the twelve sections, and 2% of the stories shared to one
  or two other publications;
- NAME_single: every story on the default publication (reader_scale's single-site corpus).

Then it runs itself in a child process per database (Django binds DATABASE_URL at set-up),
with NEWSROOM_PAGE_CACHE_SECONDS=0 and the local-memory cache, and drives Django's test
Client in-process with HTTP_HOST set: each reader page type on (a) the biggest site, (b) a
small site (the publication at rank 90% of `--sites`), (c) the single-site database, for
the same URLs as (a) and as (b) (the same stories, tags, organizations and people exist
there). For each: the number of queries, median and p95 of `--rounds` requests after a few
warm-ups. It prints ratios network / single site (goal: within 2x, the same number of
queries) and writes the report to /tmp/network_scale_report.md.

"Adding a site is a row": in the network's child, the time from
`Publication.objects.create(...)` to the first 200 on its host, in the same process.
"""

import argparse
import bisect
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from array import array
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import DEFAULT_URL, ROOT, setup_django
from reader_scale import (
    COMMON_WORD,
    RARE_WORD,
    SECTIONS,
    Corpus,
    Layout,
    build,
    queries_of,
    timed,
)

DEFAULT_NETWORK_URL = DEFAULT_URL.rsplit("/", 1)[0] + "/newsroom_netbench"
REPORT_PATH = Path("/tmp/network_scale_report.md")
LAYOUT_VERSION = 1  # part of the mark --reuse checks
SHARE_RATE = 0.02
SEED = 20261203


class Network(Layout):
    """`sites` publications: the default one (id 1, `localhost`) and `site-NNNN.localhost`;
    publication n has a weight 1/n, every one has the twelve SECTIONS, and 2% of the stories
    are shared to one or two others (drawn by the same weights)."""

    def __init__(self, sites: int):
        self.sites = sites
        self.rng = random.Random(SEED)
        total, self.cumulative = 0.0, []
        for n in range(1, sites + 1):
            total += 1 / n
            self.cumulative.append(total)
        self.homes = array("H" if sites < 65536 else "I")

    def draw(self, rng: random.Random) -> int:
        """A publication id, the n-th with a weight 1/n."""
        return 1 + bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])

    def publication_lines(self, stamp: str):
        for n in range(2, self.sites + 1):
            yield (
                f"{n}\tBench Site {n:04d}\tA publication of the benchmark network\t"
                f"{site_domain(n)}\t\t\t\tAmerica/New_York\t\tt\tf\n"
            )

    def section_rows(self):
        for publication in range(1, self.sites + 1):
            for k, name in enumerate(SECTIONS):
                yield section_id(publication, k), publication, name

    def home(self, n: int) -> tuple[int, int]:
        publication = self.draw(self.rng)
        self.homes.append(publication)
        return publication, section_id(publication, n % len(SECTIONS))

    def share_lines(self, stories: int):
        rng = random.Random(SEED + 1)
        for article in range(1, stories + 1):
            if rng.random() >= SHARE_RATE:
                continue
            home, chosen = self.homes[article - 1], set()
            for _ in range(rng.choice((1, 1, 2))):
                other = self.draw(rng)
                if other != home and other not in chosen:
                    chosen.add(other)
                    yield f"{article}\t{other}\n"


def site_domain(n: int) -> str:
    return "localhost" if n == 1 else f"site-{n:04d}.localhost"


def section_id(publication: int, k: int) -> int:
    return (publication - 1) * len(SECTIONS) + k + 1


@dataclass
class NetworkCorpus(Corpus):
    sites: int = 1

    @property
    def marker(self) -> str:
        return f"{super().marker} sites={self.sites} network_scale v{LAYOUT_VERSION}"


# --- measuring (a child process per database) ----------------------------------------------------


def pick_targets(publication) -> dict:
    """What the pages of `publication` show: one of its own stories (in the middle of the
    ids), one of its sections, that story's first tag and organization, and a person in one
    of its stories."""
    from articles.models import Article, ArticleOrganization, ArticlePerson, Section

    own = Article.objects.published(publication).filter(publication=publication)
    middle = own.order_by("-pk").values_list("pk", flat=True).first() // 2
    article = own.filter(pk__gte=middle).order_by("pk").first() or own.order_by("pk").first()
    section = Section.objects.public(publication).order_by("position").first()
    tag = article.tags.order_by("pk").first()
    organization = (
        ArticleOrganization.objects.filter(article=article)
        .order_by("position")
        .select_related("organization")
        .first()
    )
    person = (
        ArticlePerson.objects.filter(article__in=own.order_by("-pk")[:500])
        .select_related("person")
        .first()
    )
    return {
        "article": article.slug,
        "section": section.slug,
        "tag": tag.slug if tag else None,
        "organization": organization.organization.slug if organization else None,
        "person": person.person.slug if person else None,
    }


def page_urls(targets: dict) -> dict:
    urls = {
        "home": "/",
        "article": f"/articles/{targets['article']}/",
        "section": f"/sections/{targets['section']}/",
        "tag": f"/tags/{targets['tag']}/" if targets["tag"] else None,
        "organization": f"/organizations/{targets['organization']}/"
        if targets["organization"]
        else None,
        "person": f"/people/{targets['person']}/" if targets["person"] else None,
        f"search, common word ({COMMON_WORD})": f"/search/?q={COMMON_WORD}",
        f"search, rare word ({RARE_WORD})": f"/search/?q={RARE_WORD}",
        "RSS, latest": "/feeds/latest/rss/",
        "sitemap index": "/sitemap.xml",
        "stories sitemap, page 1": "/sitemap-stories.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots.txt": "/robots.txt",
        "API, articles": "/api/articles/",
    }
    return {label: url for label, url in urls.items() if url}


def measure_pages(host: str, urls: dict, rounds: int) -> dict:
    from django.test import Client

    client = Client(HTTP_HOST=host)

    def get(url):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{host}{url}: HTTP {response.status_code}")
        return response

    results = {}
    for label, url in urls.items():
        measured = timed(lambda url=url: get(url), rounds=rounds, warmups=3)
        counted = queries_of(lambda url=url: get(url))
        results[label] = {
            "url": url,
            **measured,
            "queries": counted["queries"],
            "db_ms": counted["db_ms"],
            "each": counted["each"],
        }
        print(f"  {host}{url}: {measured['median']:.1f} ms", file=sys.stderr, flush=True)
    return results


def adding_a_site() -> dict:
    """A publication created in this process answers 200 on its host at once: no restart."""
    from django.test import Client

    from publications.models import Publication

    stamp = time.time_ns()
    started = time.perf_counter()
    publication = Publication.objects.create(
        name=f"Added during the benchmark {stamp}", domain=f"added-{stamp}.localhost"
    )
    created = time.perf_counter()
    response = Client(HTTP_HOST=publication.domain).get("/")
    answered = time.perf_counter()
    status = response.status_code
    second = Client(HTTP_HOST=publication.domain)
    again = timed(lambda: second.get("/"), rounds=20, warmups=1)
    publication.delete()
    return {
        "status": status,
        "create_ms": (created - started) * 1000,
        "first_request_ms": (answered - created) * 1000,
        "total_ms": (answered - started) * 1000,
        "next_requests_median_ms": again["median"],
    }


def measure(database_url: str, role: str, targets_path: str, rounds: int) -> dict:
    setup_django(database_url, fresh=False)
    from django.db import connection
    from django.db.models import Count

    from articles.models import Article
    from publications.models import Publication

    if role == "network":
        sizes = dict(
            Article.objects.order_by()
            .values("publication")
            .annotate(n=Count("pk"))
            .values_list("publication", "n")
        )
        ranked = sorted(sizes, key=lambda pk: (-sizes[pk], pk))
        big = Publication.objects.get(pk=ranked[0])
        small = Publication.objects.get(pk=ranked[min(len(ranked) - 1, len(ranked) * 9 // 10)])
        sites = {"big": big, "small": small}
        targets = {label: pick_targets(p) for label, p in sites.items()}
        Path(targets_path).write_text(json.dumps(targets))
        pages = {
            label: measure_pages(p.domain, page_urls(targets[label]), rounds)
            for label, p in sites.items()
        }
        info = {
            label: {
                "name": p.name,
                "domain": p.domain,
                "stories": sizes[p.pk],
                "published": Article.objects.published(p).count(),
            }
            for label, p in sites.items()
        }
        extra = {"adding_a_site": adding_a_site(), "sites": info}
    else:
        targets = json.loads(Path(targets_path).read_text())
        default = Publication.objects.get(is_default=True)
        pages = {
            label: measure_pages(default.domain, page_urls(targets[label]), rounds)
            for label in ("big", "small")
        }
        extra = {"sites": {"single": {"stories": Article.objects.count()}}}
    return {
        "targets": targets,
        "pages": pages,
        "publications": Publication.objects.count(),
        "shared": Article.shared_with.through.objects.count(),
        "server_version": connection.cursor().connection.info.server_version,
        **extra,
    }


def run_child(url: str, role: str, targets_path: str, rounds: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "NEWSROOM_PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)  # the local-memory cache of the dev settings
    command = [sys.executable, __file__, "--measure-only", "--database-url", url]
    command += ["--role", role, "--targets", targets_path, "--rounds", str(rounds)]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the report ----------------------------------------------------------------------------------


def render(args, corpora, builds, network, single, seconds, load) -> tuple[str, int]:
    ms = "{:,.1f}".format
    big_info, small_info = network["sites"]["big"], network["sites"]["small"]
    lines = [
        "# Reader pages of a network of sites",
        "",
        f"`{' '.join(['.venv/bin/python', 'bench/network_scale.py', *sys.argv[1:]])}` — "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min in all. Django test "
        "Client in-process with HTTP_HOST, settings newsroom.settings.dev with DEBUG=0, page "
        f"cache off (NEWSROOM_PAGE_CACHE_SECONDS=0), PostgreSQL "
        f"{network['server_version'] // 10000}; median and p95 of {args.rounds} requests after "
        "3 warm-ups. Load average (1 min) while measuring: "
        + ", ".join(f"{value:.2f}" for value in load)
        + f" on {os.cpu_count()} CPUs.",
        "",
        "## Databases",
        "",
        "| | database | publications | stories | shared (rows) | generation |",
        "|---|---|---:|---:|---:|---|",
    ]
    for corpus, run in zip(corpora, (network, single), strict=True):
        built = builds[corpus.label]
        if built["reused"]:
            generated = f"reused ({built['marker'].split(';', 1)[1].strip()})"
        else:
            generated = f"{built['phases']['total']:.0f} s (+ {built['migrate']:.0f} s migrate)"
        lines.append(
            f"| {corpus.label} | {corpus.name} | {run['publications']:,} | {corpus.stories:,} "
            f"| {run['shared']:,} | {generated} |"
        )
    lines += [
        "",
        f"- big site: {big_info['name']} (`{big_info['domain']}`), {big_info['stories']:,} "
        f"stories at home ({big_info['published']:,} published there, with those shared to it)",
        f"- small site: {small_info['name']} (`{small_info['domain']}`), "
        f"{small_info['stories']:,} stories at home ({small_info['published']:,} published "
        "there)",
        "- single site: every story on `localhost`; measured at the big site's URLs and at the "
        "small site's (the same stories, tags, organizations and people)",
        "",
        "## Pages, network against single site",
        "",
        "| page | queries big / single | queries small / single | median big (ms) "
        "| single, big's URL | big / single | median small (ms) | single, small's URL "
        "| small / single | p95 big | p95 small |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    missed = []
    for label, b in network["pages"]["big"].items():
        sb = single["pages"]["big"].get(label)
        s = network["pages"]["small"].get(label)
        ss = single["pages"]["small"].get(label)
        if not (sb and s and ss):
            continue
        ratio_big, ratio_small = b["median"] / sb["median"], s["median"] / ss["median"]
        flags, which = [], []
        for where, page, alone, ratio in (("big", b, sb, ratio_big), ("small", s, ss, ratio_small)):
            if page["queries"] > alone["queries"]:
                flags.append(f"more queries on {where}")
            if ratio > 2:
                flags.append(f"{where} over 2×")
            if page["queries"] > alone["queries"] or ratio > 2:
                which.append((where, page, alone))
        if flags:
            missed.append((label, flags, which))
        mark = f" (**{', '.join(flags)}**)" if flags else ""
        lines.append(
            f"| {label}{mark} | {b['queries']} / {sb['queries']} | {s['queries']} / "
            f"{ss['queries']} | {ms(b['median'])} | {ms(sb['median'])} | {ratio_big:.2f} "
            f"| {ms(s['median'])} | {ms(ss['median'])} | {ratio_small:.2f} | {ms(b['p95'])} "
            f"| {ms(s['p95'])} |"
        )
    added = network["adding_a_site"]
    lines += [
        "",
        "## Adding a site is a row",
        "",
        f"`Publication.objects.create(...)` took {ms(added['create_ms'])} ms; the first request "
        f"on its host answered {added['status']} {ms(added['first_request_ms'])} ms later (the "
        f"host map of {network['publications']:,} publications read again once), "
        f"{ms(added['total_ms'])} ms in all, in the same process, no restart; later requests "
        f"{ms(added['next_requests_median_ms'])} ms (median, an empty home page).",
        "",
        "## Goals",
        "",
    ]
    if missed:
        for label, flags, _ in missed:
            lines.append(f"- **missed** {label}: {', '.join(flags)}")
    else:
        lines.append("- every page: no more queries than on a single site, and within 2× of it")
    lines += [
        "",
        "A search that finds nothing makes one query fewer (no results to read); a listing "
        "makes one more where the planner estimates fewer than 10,000 rows "
        "(EstimatedCountPaginator counts those exactly).",
    ]
    if missed:
        lines += ["", "## The queries of the pages that missed, against the single site", ""]
        for label, _, which in missed:
            for where, page, alone in which:
                for title, run in ((f"{where} site", page), ("single site", alone)):
                    lines += [
                        f"### {label}, {title}: `{run['url']}`",
                        "",
                        "| ms | query |",
                        "|---:|---|",
                    ]
                    lines += [f"| {ms(t)} | `{sql}` |" for t, sql in run["each"]]
                    lines.append("")
    return "\n".join(lines) + "\n", len(missed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1_000)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--organizations", type=int, help="default: stories / 20 (≥ 1,000)")
    parser.add_argument("--people", type=int, help="default: stories / 10 (≥ 2,000)")
    parser.add_argument("--rounds", type=int, default=30, help="requests measured per page")
    parser.add_argument("--database-url", default=DEFAULT_NETWORK_URL, help="the network's")
    parser.add_argument("--reuse", action="store_true", help="keep databases whose marks match")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--role", help=argparse.SUPPRESS)
    parser.add_argument("--targets", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure_only:
        print(json.dumps(measure(args.database_url, args.role, args.targets, args.rounds)))
        return

    started = time.perf_counter()
    organizations = args.organizations or max(1_000, args.stories // 20)
    people = args.people or max(2_000, args.stories // 10)
    network = NetworkCorpus(
        "network", args.database_url, args.stories, organizations, people, sites=args.sites
    )
    single = Corpus("single", args.database_url + "_single", args.stories, organizations, people)
    builds = {
        network.label: build(network, args.reuse, Network(args.sites)),
        single.label: build(single, args.reuse),
    }
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="network-scale-") as folder:
        targets = str(Path(folder) / "targets.json")
        print("network: measuring", flush=True)
        network_run = run_child(network.url, "network", targets, args.rounds)
        load.append(os.getloadavg()[0])
        print("single: measuring", flush=True)
        single_run = run_child(single.url, "single", targets, args.rounds)
        load.append(os.getloadavg()[0])
    seconds = time.perf_counter() - started
    report, missed = render(args, [network, single], builds, network_run, single_run, seconds, load)
    print(report)
    REPORT_PATH.write_text(report, encoding="utf-8")
    Path(REPORT_PATH.with_suffix(".json")).write_text(
        json.dumps({"builds": builds, "network": network_run, "single": single_run}, indent=1)
    )
    print(f"written to {REPORT_PATH}; pages that missed a goal: {missed}")


if __name__ == "__main__":
    main()
