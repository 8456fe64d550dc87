"""The editors' desk at scale (issue #13), on PostgreSQL:

    .venv/bin/python bench/desk_bench.py                 # builds newsroom_desk afresh
    .venv/bin/python bench/desk_bench.py --lookups-only  # lookups again on that database
    .venv/bin/python bench/desk_bench.py --reuse         # both again on that register

The shared cache is Redis, as in production (REDIS_URL, by default database 13 on 127.0.0.1).

1. **Tagging on save.** A register of 50,000 organizations with 100,000 aliases (two each)
   and 2,000 people; the stories of bench/tagging_corpus.jsonl stored as drafts. Each story
   is tagged as the story form's save tags it (`tagging.services.tag_on_save`, discovery on,
   in its own transaction): the first call pays for compiling the register (once per process
   and register version), every later one only for the engine's run and the writes. Printed:
   the compile time, then the median, p95 and maximum of what a save adds.
2. **Acronym-first lookups.** `organizations.lookup.lookup` at 50,000 organizations, as the
   autocomplete asks (first 20), for acronyms, words, prefixes and a name typed whole; median
   and maximum of 15 runs each, and whether the plan uses the trigram indexes.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import setup_django

URL = "postgres://postgres@127.0.0.1:5432/newsroom_desk"
ORGANIZATIONS = 50_000
PEOPLE = 2_000
WORDS = [
    "harbor",
    "river",
    "county",
    "valley",
    "coastal",
    "northern",
    "western",
    "central",
    "regional",
    "metropolitan",
    "transit",
    "water",
    "energy",
    "housing",
    "labor",
    "trade",
    "maritime",
    "rural",
    "urban",
    "veterans",
    "public",
    "health",
    "safety",
    "wildlife",
    "forest",
    "mining",
    "aviation",
    "railway",
    "highway",
    "port",
    "justice",
    "revenue",
    "education",
    "statewide",
    "interstate",
    "department",
    "separate",
    "desperate",
    "epaulet",
]
KINDS = [
    "Office",
    "Bureau",
    "Agency",
    "Council",
    "Commission",
    "Board",
    "Service",
    "Authority",
    "Institute",
    "Division",
]
REAL = [
    ("Environmental Protection Agency", "EPA"),
    ("Department of State", "DOS"),
    ("United States Coast Guard", "USCG"),
    ("Federal Emergency Management Agency", "FEMA"),
    ("National Weather Service", "NWS"),
]


def build_register():
    from newsroom.text import normalize_name
    from organizations.models import Organization, OrganizationAlias
    from people.models import Person

    rng = random.Random(13)
    orgs, seen = [], set()
    for name, acronym in REAL:
        orgs.append(Organization(name=name, slug=acronym.lower(), acronym=acronym))
        seen.add(name)
    while len(orgs) < ORGANIZATIONS:
        name = " ".join(
            [rng.choice(WORDS).title(), rng.choice(WORDS).title(), rng.choice(KINDS)]
            + ([f"No. {len(orgs)}"] if rng.random() < 0.5 else [f"of {rng.choice(WORDS).title()}"])
        )
        if name in seen:
            continue
        seen.add(name)
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())[:6]
        orgs.append(Organization(name=name, slug=f"org-{len(orgs)}", acronym=acronym))
    Organization.objects.bulk_create(orgs, batch_size=5000)
    aliases, taken = [], set()
    for org in Organization.objects.values_list("pk", "name").iterator(chunk_size=5000):
        pk, name = org
        for variant in (f"{name} Office", f"The {name}"):
            key = normalize_name(variant)
            if key not in taken:
                taken.add(key)
                aliases.append(OrganizationAlias(organization_id=pk, name=variant, normalized=key))
    OrganizationAlias.objects.bulk_create(aliases, batch_size=5000)
    Person.objects.bulk_create(
        [Person(name=f"Example Person{i} Smith", slug=f"person-{i}") for i in range(PEOPLE)],
        batch_size=5000,
    )
    return Organization.objects.count(), OrganizationAlias.objects.count()


def stories(suffix=""):
    import json

    from articles.models import Article

    corpus = Path(__file__).resolve().parent / "tagging_corpus.jsonl"
    made = []
    for index, line in enumerate(corpus.read_text().splitlines()):
        row = json.loads(line)
        made.append(
            Article.objects.create(
                headline=row["headline"][:300],
                slug=f"story-{index}{suffix}",
                body=row["body"],
                dek=row.get("dek", ""),
            )
        )
    return made


def tagging_on_save(articles):
    from django.db import transaction

    from tagging import services

    start = time.perf_counter()
    services._desk_tagger()
    compile_ms = (time.perf_counter() - start) * 1000
    times = []
    for article in articles:
        start = time.perf_counter()
        with transaction.atomic():
            services.tag_on_save(article)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return compile_ms, times


def lookups():
    from django.db import connection

    from organizations.lookup import lookup
    from organizations.models import Organization, OrganizationAlias

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = []
    for term in (
        "EPA",
        "epa",
        "USCG",
        "State",
        "Coast Guard",
        "Harbor",
        "Environmental Prot",
        "Department of State",
        "sep",
    ):
        found = lookup(
            Organization.objects.all(),
            term,
            alias_model=OrganizationAlias,
            owner_field="organization",
            has_acronym=True,
        )
        times, first = [], None
        for _ in range(15):
            start = time.perf_counter()
            page = list(found[:20])
            times.append((time.perf_counter() - start) * 1000)
            first = page[0].name if page else "—"
        plan = found[:20].explain()
        rows.append((term, statistics.median(times), max(times), first, "trgm" in plan))
    return rows


def main():
    # The cache every process shares, as in production (REDIS_URL); the development file
    # cache's cull lists its whole folder on writes, tens of ms that production never pays.
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    reuse = "--reuse" in sys.argv  # the register a full run left; new copies of the stories
    if "--lookups-only" in sys.argv:  # on the database a full run left
        setup_django(URL, fresh=False)
        print_lookups()
        return
    setup_django(URL, fresh=not reuse)
    started = time.perf_counter()
    if reuse:
        from organizations.models import Organization, OrganizationAlias

        count, aliases = Organization.objects.count(), OrganizationAlias.objects.count()
    else:
        count, aliases = build_register()
    articles = stories(f"-{time.time_ns()}" if reuse else "")
    print(
        f"register: {count:,} organizations, {aliases:,} aliases, {PEOPLE:,} people "
        f"({time.perf_counter() - started:.0f} s to load); {len(articles)} stories"
    )
    compile_ms, times = tagging_on_save(articles)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"tagging on save: register compiled once in {compile_ms:,.0f} ms; per save "
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )
    print_lookups()


def print_lookups():
    print("lookup (first 20)        median    max   first result                 trigram index")
    for term, median, worst, first, indexed in lookups():
        print(f"  {term!r:22} {median:6.1f} ms {worst:6.1f} ms   {first[:28]:28} {indexed}")


if __name__ == "__main__":
    main()
