"""Reader pages, search and the admin at a million stories, beside a small corpus in the same run.

    .venv/bin/python bench/reader_scale.py            # 10^6 stories, 50,000 orgs, 100,000 people
    .venv/bin/python bench/reader_scale.py --reuse    # keep corpora already built at these sizes
    .venv/bin/python bench/reader_scale.py --stories 20000 --organizations 2000 --people 4000
    .venv/bin/python bench/reader_scale.py --database-url postgres://postgres@127.0.0.1:5432/NAME

Builds two PostgreSQL databases, each migrated fresh and filled with SQL COPY (not the ORM):
NAME_small (`--small` stories, 1,000 by default, with 1,000 organizations and 2,000 people, or
fewer when the big corpus is smaller) and NAME (default `newsroom_scale`, the full sizes).
Sections, organizations, people, stories (short HTML bodies from a vocabulary with a few rare
words; ~96% published over ten years, 2% drafts, some scheduled), ~2.5 organizations, ~1.5
people and ~2 tags per story, skewed so that a few entries are in many stories. Secondary
indexes and foreign keys are dropped for the load and recreated from their own definitions
(checked against the migrated schema); `search_vector` is filled by one UPDATE with the weights
of articles/search.py (headline A, dek B, section name B, body C), the story table rewritten
compactly (VACUUM FULL, before its indexes come back); then VACUUM ANALYZE. A
finished corpus is marked by a comment on its database, which `--reuse` checks.

Then, for each database, this script runs itself again (`--measure-only --database-url URL`,
once with NEWSROOM_PAGE_CACHE_SECONDS=0 and once with `--cached` and 600), since Django binds
DATABASE_URL at set-up. A child drives Django's test Client (settings newsroom.settings.dev,
DEBUG=0) and prints JSON: median and p95 over 50 requests after 5 warm-ups, the number of
queries, and the slowest query of each page with its EXPLAIN ANALYZE. Pages: home, an article,
a section, a typical and the busiest organization, a typical person, page 50 of home,
/robots.txt (the trivial-view baseline), the sitemap index and its first stories page, the
latest RSS feed, the first page of the articles API, search for a rare and a common word
(the page and the bare `search_stories(...)[:20]`), the admin changelist and organization
autocomplete (superuser via force_login), and an article served from the page cache (300
requests). The goal "article within 10× of the trivial view" is measured apart, the two pages
in turns, 300 each, so that both meet the same moments of the machine.

The report (corpus sizes, generation time, pages small against big, goals met or not, and the
plan of every slow query) is printed and written to /tmp/reader_scale_report.md.
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import DEFAULT_URL, ROOT, peak_rss_mb, setup_django

DEFAULT_SCALE_URL = DEFAULT_URL.rsplit("/", 1)[0] + "/newsroom_scale"
REPORT_PATH = Path("/tmp/reader_scale_report.md")
WARMUPS, ROUNDS = 5, 50
# The article page against the trivial view: in turns, more rounds (sub-millisecond times).
PAIRED_ROUNDS = 300
TRANSACTION_SQL = {"BEGIN", "COMMIT", "ROLLBACK"}
SEED = 20250101
GENERATOR_VERSION = 4  # part of the mark --reuse checks: a changed generator builds again
TEN_YEARS = 10 * 365 * 86400

# --- vocabulary ----------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return text.split()


SECTIONS = [
    "Transportation",
    "Environment",
    "Security",
    "Congress",
    "Federal Agencies",
    "Courts",
    "Health",
    "Economy",
    "Energy",
    "Education",
    "Technology",
    "State",
]
ROOTS = words(
    "Maritime Lunar Prairie Granite Civic Harbor Aurora Summit Cedar Meridian Orchard Juniper "
    "Cobalt Delta Beacon Falcon Pioneer Quarry River Sterling Timber Willow Atlas Basin Canyon "
    "Coastal Desert Eastern Frontier Glacier Highland Inland Keystone Lakeshore Mesa Northern "
    "Ocean Pacific Piedmont Ridge Southern Tidewater Upland Valley Western Alpine Bayou Capital "
    "Crescent Evergreen Gateway Heartland Liberty Magnolia Midland Redwood Sunbelt Tundra"
)
KIND_WORDS = [
    ("Department", "department"),
    ("Agency", "agency"),
    ("Bureau", "agency"),
    ("Commission", "agency"),
    ("Authority", "agency"),
    ("Administration", "agency"),
    ("Service", "agency"),
    ("Assembly", "legislature"),
    ("Council", "legislature"),
    ("Court", "court"),
    ("Tribunal", "court"),
    ("Company", "company"),
    ("Corporation", "company"),
    ("Holdings", "company"),
    ("Foundation", "nonprofit"),
    ("Institute", "nonprofit"),
    ("Party", "party"),
    ("Trust", "other"),
]
FIRST = words(
    "Dana Marcus Priya Thomas Helen Gregory Naomi Calvin Rosa Aaron Beatrice Carlos Deirdre "
    "Elliot Fatima Gareth Hannah Isaac Jasmine Kenji Laura Mateo Nadia Oscar Paula Quentin Rachel "
    "Samuel Tamara Umar Valerie Walter Ximena Yusuf Zora Alan Brenda Colin Diana Ethan Fiona "
    "George Holly Ivan Julia Keith Linda Martin Nora Owen Petra Ruth Simon Tessa Victor Wendy "
    "Abigail Bruno Clara Desmond"
)
LAST = words(
    "Whitfield Oyelaran Venkataraman Brightwater Marchetti Lindqvist Abernathy Bergstrom Castillo "
    "Dubois Eriksen Fairbanks Gallagher Hoffman Iwasaki Jablonski Kowalski Lachance Montgomery "
    "Nakamura Okafor Petrakis Quinlan Rasmussen Santoro Thibodeaux Underwood Vasquez Wojcik "
    "Yamamoto Zimmerman Alvarado Bancroft Chatterjee Delacroix Esposito Fitzgerald Goldberg "
    "Halvorsen Ingram Jorgensen Kaplan Lindgren Mahoney Nilsson Ostrowski Pemberton Quintero "
    "Rothschild Sorensen Tanaka Ulrich Valentine Wakefield Xiong Youngblood Zielinski Ashworth "
    "Blackwood Crawford Donovan Ellsworth Forsythe Greenberg Hargrove Islington Jennings Kingsley "
    "Lockhart Merriweather Northcott Oakley Prescott Radcliffe Sinclair Thornton Vanderbilt "
    "Whitaker Winslow Yardley Ainsworth Bellamy Carrington Dunmore Everett Fairweather Garrison "
    "Holloway Kensington Langley Mayfield Norwood Pennington"
)
SUBJECTS = [
    "The agency",
    "The department",
    "Officials",
    "The commission",
    "Regulators",
    "The board",
    "Inspectors",
    "Lawmakers",
    "The governor's office",
    "County leaders",
    "The authority",
    "Auditors",
]
VERBS = [
    "announced",
    "proposed",
    "approved",
    "delayed",
    "expanded",
    "reviewed",
    "suspended",
    "extended",
    "funded",
    "questioned",
    "released",
    "defended",
]
THINGS = [
    "grants",
    "inspections",
    "a rule",
    "new guidance",
    "a pilot program",
    "repairs",
    "a budget",
    "the permits",
    "a settlement",
    "hearings",
    "a report",
    "emissions limits",
    "the contracts",
    "staffing plans",
    "bridge work",
    "water testing",
]
PLACES = words(
    "Ohio Texas Maine Oregon Nevada Georgia Alaska Vermont Kansas Utah Iowa Idaho Montana Arizona "
    "Delaware Indiana Kentucky Michigan Nebraska Wyoming"
)
TAILS = [
    "on Tuesday, officials said in a statement",
    "after a public meeting that ran late into the evening",
    "according to documents reviewed by reporters",
    "citing budget pressures and a shortage of staff",
    "in a filing with the state regulator",
    "following months of talks with local groups",
    "despite objections from several neighboring counties",
    "and said more details would follow next month",
]
COMMON_WORD = "federal"  # in ~85% of stories
RARE_WORD = "quokka"  # in one story in 5,000
OTHER_RARE = ["zeppelin", "marzipan", "obsidian", "tamarind", "narwhal", "ocelot", "sassafras"]
TAG_TOPICS = words(
    "budget oversight safety transit water wildlife housing labor energy courts elections "
    "health schools broadband drought wildfire tariffs pensions aviation rail"
)
TAG_QUALIFIERS = ["", "local", "state", "national", "rural", "urban", "coastal", "regional"]
TAG_SUFFIXES = ["", "policy", "funding", "reform", "audit", "hearing", "data", "lawsuit"]

# COPY column orders: every NOT NULL column is given (the identity ids of links are not).
ORGANIZATION_COLUMNS = words(
    "id name slug acronym kind description website external_id created_at updated_at parent_id "
    "titles review_status"
)
PUBLICATION_COLUMNS = words(
    "id name tagline domain aliases logo default_image time_zone robots_rules is_live is_default"
)
PERSON_COLUMNS = words(
    "id name slug sort_name bio photo photo_alt external_id created_at updated_at review_status"
)
ARTICLE_COLUMNS = words(
    "id headline slug dek body byline dateline image image_stem image_alt image_caption "
    "image_credit status published_at created_at updated_at source_url external_key import_hash "
    "import_flags section_id search_text image_renditions preview_nonce publication_id"
)
ORG_LINK_COLUMNS = words("article_id organization_id position source status evidence created_at")
PERSON_LINK_COLUMNS = words("article_id person_id position source status evidence created_at title")

# Secondary structures dropped around the load (recreated from their own definitions).
LOADED_TABLES = [
    "articles_article",
    "articles_articleorganization",
    "articles_articleperson",
    "organizations_organization",
    "people_person",
    "taggit_taggeditem",
]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def skewed(rng: random.Random, count: int, power: float) -> int:
    """An id in 1..count; low ids much more likely (power 3: the first of 50,000 gets ~3%)."""
    return int(count * rng.random() ** power) + 1


def pick_count(rng: random.Random, weights: list[float]) -> int:
    """How many (0, 1, 2...) by `weights`."""
    u, total = rng.random(), 0.0
    for n, weight in enumerate(weights):
        total += weight
        if u < total:
            return n
    return len(weights) - 1


ORG_WEIGHTS = [0.05, 0.15, 0.30, 0.30, 0.15, 0.05]  # mean 2.5
PERSON_WEIGHTS = [0.15, 0.35, 0.35, 0.15]  # mean 1.5
TAG_WEIGHTS = [0.0, 0.3, 0.4, 0.3]  # mean 2


# --- where the stories live ---------------------------------------------------------------------


class Layout:
    """The publications, sections and homes of the generated stories. This script's corpus is
    a single-site install: the default publication (id 1, made by the migrations) with the
    SECTIONS. bench/network_scale.py spreads the same stories over many publications."""

    def publication_lines(self, stamp: str):
        """COPY lines of publications_publication beyond the default one."""
        return iter(())

    def section_rows(self):
        """(section id, publication id, name) of every section."""
        for n, name in enumerate(SECTIONS, 1):
            yield n, 1, name

    def home(self, n: int) -> tuple[int, int]:
        """(publication id, section id) of story n, called for n = 1, 2, …; the section is
        named SECTIONS[n % len(SECTIONS)] (the story's search text holds that name)."""
        return 1, 1 + n % len(SECTIONS)

    def share_lines(self, stories: int):
        """COPY lines (article_id, publication_id) of articles_article_shared_with."""
        return iter(())


SINGLE_SITE = Layout()


# --- the corpus ----------------------------------------------------------------------------------


@dataclass
class Corpus:
    label: str
    url: str
    stories: int
    organizations: int
    people: int

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[1]

    @property
    def marker(self) -> str:
        return (
            f"reader_scale v{GENERATOR_VERSION} stories={self.stories} "
            f"organizations={self.organizations} "
            f"people={self.people}"
        )


def admin_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


def connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def existing_marker(corpus: Corpus) -> str | None:
    """The comment a finished build left on the database ("… generated in N s"), or None."""
    with connect(admin_url(corpus.url)) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [corpus.name],
        ).fetchone()
    return row[0] if row and row[0] and row[0].startswith(corpus.marker + ";") else None


def recreate_and_migrate(corpus: Corpus) -> None:
    with connect(admin_url(corpus.url)) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{corpus.name}"')
        conn.execute(f'CREATE DATABASE "{corpus.name}"')
    env = {**os.environ, "DATABASE_URL": corpus.url, "DEBUG": "0"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )


def copy_lines(cur, table: str, columns: list[str], lines) -> int:
    """COPY tab-separated `lines` (each ending in a newline) into `table`; returns the count."""
    count, batch = 0, []
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for line in lines:
            batch.append(line)
            if len(batch) == 20_000:
                copy.write("".join(batch))
                count += len(batch)
                batch.clear()
        if batch:
            copy.write("".join(batch))
            count += len(batch)
    return count


def strip_secondary(cur) -> tuple[list[str], list[str], list[str]]:
    """Drop the unique and foreign-key constraints and the non-primary indexes of the loaded
    tables. Returns (constraint statements, index statements, every index definition before)."""
    tables = LOADED_TABLES
    before = [
        row[0]
        for row in cur.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[]) ORDER BY 1",
            [tables],
        )
    ]
    constraints = cur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
        "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f') "
        "ORDER BY contype DESC, conname",  # unique ones first: foreign keys may need them
        [tables],
    ).fetchall()
    indexes = cur.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisprimary "
        "AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE contype IN ('u', 'p'))",
        [tables],
    ).fetchall()
    for table, name, _, _ in reversed(constraints):
        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    add_constraints = [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition, _ in constraints
    ]
    return add_constraints, [definition for _, definition in indexes], before


def generate(corpus: Corpus, layout: Layout = SINGLE_SITE) -> dict:
    """Fill a freshly migrated database; returns seconds per phase."""
    rng = random.Random(SEED)
    phases: dict[str, float] = {}
    started = mark = time.perf_counter()

    def phase(name):
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        mark = now
        print(f"  {corpus.label}: {name} {phases[name]:.1f} s", flush=True)

    now = time.time()
    stamp = iso(now)
    with connect(corpus.url) as conn, conn.cursor() as cur:
        cur.execute("SET synchronous_commit = off")
        cur.execute("SET maintenance_work_mem = '1GB'")
        add_constraints, add_indexes, before = strip_secondary(cur)
        content_type = cur.execute(
            "SELECT id FROM django_content_type WHERE app_label = 'articles' AND model = 'article'"
        ).fetchone()[0]

        copy_lines(
            cur,
            "publications_publication",
            PUBLICATION_COLUMNS,
            layout.publication_lines(stamp),
        )
        copy_lines(
            cur,
            "articles_section",
            ["id", "publication_id", "name", "slug", "description", "position", "in_navigation"],
            (
                f"{n}\t{publication}\t{name}\t{slugify(name)}\t\t{position}\tt\n"
                for n, publication, name in layout.section_rows()
                for position in [(SECTIONS.index(name) + 1) * 10]
            ),
        )
        copy_lines(
            cur,
            "organizations_organization",
            ORGANIZATION_COLUMNS,
            organization_lines(rng, corpus.organizations, stamp),
        )
        copy_lines(
            cur,
            "people_person",
            PERSON_COLUMNS,
            person_lines(rng, corpus.people, stamp),
        )
        tags = tag_names()
        copy_lines(
            cur,
            "taggit_tag",
            ["id", "name", "slug"],
            (f"{n}\t{name}\t{slugify(name)}\n" for n, name in enumerate(tags, 1)),
        )
        phase("register (sections, organizations, people, tags)")

        copy_lines(
            cur,
            "articles_article",
            ARTICLE_COLUMNS,
            article_lines(random.Random(SEED + 1), corpus.stories, now, layout),
        )
        shared = copy_lines(
            cur,
            "articles_article_shared_with",
            ["article_id", "publication_id"],
            layout.share_lines(corpus.stories),
        )
        # Where each story shows (articles/placements.py): its home and its shares.
        cur.execute(
            "INSERT INTO articles_placement (article_id, publication_id) "
            "SELECT id, publication_id FROM articles_article "
            "UNION SELECT article_id, publication_id FROM articles_article_shared_with"
        )
        phase(f"{corpus.stories:,} stories ({shared:,} shared to another publication)")
        links = copy_lines(
            cur,
            "articles_articleorganization",
            ORG_LINK_COLUMNS,
            link_lines(
                random.Random(SEED + 2),
                corpus.stories,
                corpus.organizations,
                ORG_WEIGHTS,
                lambda a, o, pos: f"{a}\t{o}\t{pos}\timport\taccepted\t{{}}\t{stamp}\n",
            ),
        )
        person_links = copy_lines(
            cur,
            "articles_articleperson",
            PERSON_LINK_COLUMNS,
            link_lines(
                random.Random(SEED + 3),
                corpus.stories,
                corpus.people,
                PERSON_WEIGHTS,
                lambda a, p, pos: f"{a}\t{p}\t{pos}\timport\taccepted\t{{}}\t{stamp}\t\n",
            ),
        )
        tagged = copy_lines(
            cur,
            "taggit_taggeditem",
            ["object_id", "content_type_id", "tag_id"],
            link_lines(
                random.Random(SEED + 4),
                corpus.stories,
                len(tags),
                TAG_WEIGHTS,
                lambda a, t, _pos: f"{a}\t{content_type}\t{t}\n",
                power=2,
            ),
        )
        phase(f"{links:,} organization, {person_links:,} person and {tagged:,} tag links")

        for table in [
            "publications_publication",
            "articles_section",
            "organizations_organization",
            "people_person",
        ]:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('taggit_tag', 'id'), max(id)) FROM taggit_tag"
        )
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), max(id)) "
            "FROM articles_article"
        )
        # The weights of articles/search.py VECTOR_SQL: headline A, dek B, names B (here the
        # section name), body C. The body text is the first part of search_text, which is
        # body text, headline, dek and names joined by newlines, as search_fields() makes it.
        cur.execute(
            "UPDATE articles_article AS a SET search_vector ="
            " setweight(to_tsvector('newsroom_english', a.headline), 'A')"
            " || setweight(to_tsvector('newsroom_english', a.dek), 'B')"
            " || setweight(to_tsvector('newsroom_english', s.name), 'B')"
            " || setweight(to_tsvector('newsroom_english', left(a.search_text,"
            " length(a.search_text) - length(a.headline) - length(a.dek) - length(s.name) - 3)),"
            " 'C') FROM articles_section AS s WHERE s.id = a.section_id"
        )
        phase("search_vector (one UPDATE)")
        # The UPDATE left a dead version of every story behind; rewrite the table compactly
        # while it has only its primary key, so scans read what a settled table would hold.
        cur.execute("VACUUM FULL articles_article")
        phase("VACUUM FULL articles_article")

        for statement in add_constraints + add_indexes:
            cur.execute(statement)
        after = [
            row[0]
            for row in cur.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid = ANY(%s::regclass[]) ORDER BY 1",
                [LOADED_TABLES],
            )
        ]
        if after != before:
            raise SystemExit(f"indexes differ after the load:\n{set(before) ^ set(after)}")
        phase(f"{len(add_constraints)} constraints and {len(add_indexes)} indexes recreated")

        cur.execute("VACUUM ANALYZE")
        phase("VACUUM ANALYZE")
        total = time.perf_counter() - started
        phases["total"] = total
        size = cur.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        cur.execute(
            f'COMMENT ON DATABASE "{corpus.name}" IS \'{corpus.marker}; generated in '
            f"{total:.0f} s; {size / 1e9:.2f} GB'"
        )
    return phases


def organization_lines(rng: random.Random, count: int, stamp: str):
    combos = len(ROOTS) * len(ROOTS) * len(KIND_WORDS)
    if count > combos:
        raise SystemExit(f"at most {combos:,} organizations")
    for n, code in enumerate(rng.sample(range(combos), count), 1):
        a, rest = divmod(code, len(ROOTS) * len(KIND_WORDS))
        b, k = divmod(rest, len(KIND_WORDS))
        word, kind = KIND_WORDS[k]
        name = f"{ROOTS[a]} {ROOTS[b]} {word}"
        acronym = f"{ROOTS[a][0]}{ROOTS[b][0]}{word[0]}" if n % 3 == 0 else ""
        parent = str(rng.randint(1, min(500, n - 1))) if n > 500 and n % 10 == 0 else r"\N"
        yield (
            f"{n}\t{name}\t{slugify(name)}\t{acronym}\t{kind}\t\t\t\t{stamp}\t{stamp}\t"
            f"{parent}\t[]\taccepted\n"
        )


def person_lines(rng: random.Random, count: int, stamp: str):
    combos = len(FIRST) * 26 * len(LAST)
    if count > combos:
        raise SystemExit(f"at most {combos:,} people")
    for n, code in enumerate(rng.sample(range(combos), count), 1):
        f, rest = divmod(code, 26 * len(LAST))
        initial, last = divmod(rest, len(LAST))
        given = f"{FIRST[f]} {chr(65 + initial)}."
        name = f"{given} {LAST[last]}"
        yield (
            f"{n}\t{name}\t{slugify(name)}\t{LAST[last]}, {given}\t\t\t\t\t{stamp}\t{stamp}\t"
            "accepted\n"
        )


def tag_names() -> list[str]:
    names = []
    for topic in TAG_TOPICS:
        for qualifier in TAG_QUALIFIERS:
            for suffix in TAG_SUFFIXES[: 1 + len(names) % 3]:
                names.append(" ".join(w for w in (qualifier, topic, suffix) if w).capitalize())
    return sorted(set(names))


def sentence_pools(rng: random.Random) -> tuple[list[str], list[str]]:
    """Sentences with the common word, and sentences without it (each ~95 characters)."""
    common, plain = [], []
    for _ in range(3000):
        subject, verb, thing = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(THINGS)
        place, tail = rng.choice(PLACES), rng.choice(TAILS)
        common.append(f"{subject} {verb} {thing} under a {COMMON_WORD} program {tail}.")
        plain.append(f"{subject} {verb} {thing} for {place} {tail}.")
    return common, plain


def article_lines(rng: random.Random, count: int, now: float, layout: Layout = SINGLE_SITE):
    common, plain = sentence_pools(rng)
    acronyms = [
        f"{r[0]}{s[0]}{w[0]}" for r in ROOTS[:12] for s in ROOTS[12:24] for w, _ in KIND_WORDS
    ]
    for n in range(1, count + 1):
        sentences = [rng.choice(common if rng.random() < 0.85 else plain)]
        sentences += [rng.choice(plain) for _ in range(3)]
        if n % 5000 == 1:
            sentences[2] = f"A {RARE_WORD} was seen near the site, according to two witnesses."
        for i, word in enumerate(OTHER_RARE):
            if n % (2000 + 37 * i) == i + 3:
                sentences[3] = f"The word {word} appeared in the notice, to general surprise."
        body_text = f"{sentences[0]} {sentences[1]}\n\n{sentences[2]} {sentences[3]}"
        body = f"<p>{sentences[0]} {sentences[1]}</p><p>{sentences[2]} {sentences[3]}</p>"
        headline = (
            f"{rng.choice(acronyms)} {rng.choice(VERBS)} {rng.choice(THINGS)} "
            f"for {rng.choice(PLACES)}"
        )
        dek = rng.choice(plain)
        publication, section = layout.home(n)
        u = rng.random()
        if u < 0.02:
            status, published = "draft", None
        elif u < 0.025:
            status, published = "review", None
        elif u < 0.03:
            status, published = "archived", now - rng.random() * TEN_YEARS
        elif u < 0.035:  # scheduled: from a day to two months ahead
            status, published = "published", now + 86400 + rng.random() * 59 * 86400
        else:
            status, published = "published", now - 60 - rng.random() * TEN_YEARS
        created = iso(min(published or now, now) - 3600)
        byline = "By Newsroom Wire" if n % 4 == 0 else ""
        dateline = rng.choice(PLACES).upper() if n % 3 == 0 else ""
        names = SECTIONS[n % len(SECTIONS)]
        search_text = "\\n".join([body_text.replace("\n", "\\n"), headline, dek, names])
        yield (
            f"{n}\t{headline}\t{slugify(headline)}-{n}\t{dek}\t{body}\t{byline}\t{dateline}\t"
            f"\t\t\t\t\t{status}\t{iso(published) if published else chr(92) + 'N'}\t"
            f"{created}\t{created}\t\t\t\t[]\t{section}\t{search_text}\t{{}}\t\t{publication}\n"
        )


def link_lines(rng: random.Random, stories: int, targets: int, weights, line, power=3.0):
    """Rows linking each story to a few distinct targets, skewed towards low target ids."""
    for article in range(1, stories + 1):
        chosen: list[int] = []
        for _ in range(pick_count(rng, weights)):
            target = skewed(rng, targets, power)
            if target not in chosen:
                chosen.append(target)
        for position, target in enumerate(chosen):
            yield line(article, target, position)


def build(corpus: Corpus, reuse: bool, layout: Layout = SINGLE_SITE) -> dict:
    """Generate the corpus (or keep it with --reuse); returns what the report says of it."""
    if reuse:
        marker = existing_marker(corpus)
        if marker:
            print(f"{corpus.label}: reusing {corpus.name} ({marker})", flush=True)
            return {"reused": True, "marker": marker}
    print(f"{corpus.label}: building {corpus.name} ({corpus.marker})", flush=True)
    started = time.perf_counter()
    recreate_and_migrate(corpus)
    migrate_seconds = time.perf_counter() - started
    phases = generate(corpus, layout)
    print(f"{corpus.label}: generated in {phases['total']:.1f} s", flush=True)
    return {"reused": False, "phases": phases, "migrate": migrate_seconds}


# --- measuring (runs in a child process, one per database) ---------------------------------------


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(call, rounds=ROUNDS, warmups=WARMUPS) -> dict:
    for _ in range(warmups):
        call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"median": statistics.median(samples), "p95": percentile(samples, 0.95)}


def timed_pair(first, second, rounds=PAIRED_ROUNDS, warmups=WARMUPS) -> dict:
    """Two calls measured in turns (first, second, first, …), so that both meet the same
    moments of a noisy machine: the medians of each and their ratio."""
    for _ in range(warmups):
        first(), second()
    samples = ([], [])
    for _ in range(rounds):
        for call, into in ((first, samples[0]), (second, samples[1])):
            started = time.perf_counter()
            call()
            into.append((time.perf_counter() - started) * 1000)
    medians = [statistics.median(found) for found in samples]
    return {"first": medians[0], "second": medians[1], "ratio": medians[0] / medians[1]}


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def shorten(sql: str, width: int = 240) -> str:
    """A query in a line: no quotes, the select list of the outer SELECT left out."""
    text = sql.replace('"', "")
    if text.startswith("SELECT "):
        depth = 0
        for i, char in enumerate(text):
            depth += (char == "(") - (char == ")")
            if depth == 0 and text.startswith(" FROM ", i):
                text = "SELECT … " + text[i + 1 :]
                break
    return (text[:width] + ("…" if len(text) > width else "")).replace("|", "\\|")


def queries_of(call) -> dict:
    """How many queries `call` makes (CaptureQueriesContext), the time they take together
    (timed to the microsecond by an execute wrapper), and the slowest SELECT with its plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations: list[float] = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            durations.append((time.perf_counter() - started) * 1000)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        call()
    # BEGIN, COMMIT and ROLLBACK are logged (to the millisecond) but not run through wrappers.
    transaction = [q for q in captured.captured_queries if q["sql"] in TRANSACTION_SQL]
    statements = [q for q in captured.captured_queries if q["sql"] not in TRANSACTION_SQL]
    queries = list(zip(statements, durations, strict=True))
    selects = [(q, ms) for q, ms in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    db_ms = sum(durations) + sum(float(q["time"]) * 1000 for q in transaction)
    result = {
        "queries": len(captured.captured_queries),
        "db_ms": db_ms,
        "slowest": None,
        "each": [[ms, shorten(q["sql"])] for q, ms in queries],
    }
    if selects:
        query, duration = max(selects, key=lambda pair: pair[1])
        result["slowest"] = {
            "sql": query["sql"],
            "ms": duration,
            "explain": explain(query["sql"]),
        }
    return result


def pick_targets() -> dict:
    """A story, a section, a typical (median) and the busiest organization, a typical person.
    Typical: the median among entries in two stories or more, so that on both corpora its
    page has stories that share tags to count ("often with"), and the same queries to make."""
    from django.conf import settings
    from django.db import connection

    from articles.models import Article, Section

    middle = Article.objects.order_by("-pk").values_list("pk", flat=True).first() // 2
    article = Article.objects.published().filter(pk__gte=middle).order_by("pk").first()
    section = Section.objects.order_by("position").first()

    def by_links(table: str, column: str, entity_table: str) -> tuple[dict, dict]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH c AS (SELECT {column} AS id, count(*) AS n FROM {table} GROUP BY 1) "
                f"SELECT e.slug, c.n, (SELECT count(*) FROM c) FROM c "
                f"JOIN {entity_table} e ON e.id = c.id WHERE c.n >= 2 ORDER BY c.n, c.id"
            )
            rows = cursor.fetchall()
        typical, busiest = rows[len(rows) // 2], rows[-1]
        return (
            {"slug": typical[0], "stories": typical[1], "with_stories": typical[2]},
            {"slug": busiest[0], "stories": busiest[1]},
        )

    org, busiest_org = by_links(
        "articles_articleorganization", "organization_id", "organizations_organization"
    )
    person, _ = by_links("articles_articleperson", "person_id", "people_person")
    page_size = settings.NEWSROOM_PAGE_SIZE
    last_page = max(1, -(-Article.objects.published().count() // page_size))
    return {
        "home_page": min(50, last_page),  # a small corpus may not have 50 pages
        "article": article.slug,
        "section": section.slug,
        "organization": org,
        "busiest_organization": busiest_org,
        "person": person,
    }


def measure(database_url: str, cached: bool) -> dict:
    setup_django(database_url, fresh=False)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from articles.models import Article
    from articles.search import search_stories

    # `localhost` is in ALLOWED_HOSTS; setup_test_environment() (which adds `testserver`) is
    # left out on purpose: it instruments template rendering, which would slow every page.
    client = Client(HTTP_HOST="localhost")
    targets = pick_targets()

    def get(url: str, client=client, expect_cache: str | None = None):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        if expect_cache and response.get("X-Page-Cache") != expect_cache:
            raise SystemExit(f"{url}: X-Page-Cache {response.get('X-Page-Cache')!r}")
        return response

    article_url = f"/articles/{targets['article']}/"
    if cached:
        get(article_url, expect_cache="miss")
        return {
            "targets": targets,
            "cached_article": timed(
                lambda: get(article_url, expect_cache="hit"), rounds=PAIRED_ROUNDS, warmups=0
            ),
        }

    pages = {
        "home": "/",
        "article": article_url,
        "section": f"/sections/{targets['section']}/",
        "organization (typical)": f"/organizations/{targets['organization']['slug']}/",
        "organization (busiest)": f"/organizations/{targets['busiest_organization']['slug']}/",
        "person (typical)": f"/people/{targets['person']['slug']}/",
        "home, page 50": f"/?page={targets['home_page']}",
        "trivial view /robots.txt": "/robots.txt",
        "sitemap index": "/sitemap.xml",
        "stories sitemap, first 10,000": "/sitemap-stories.xml",
        "RSS, latest": "/feeds/latest/rss/",
        "API, articles": "/api/articles/",
        f"search page, rare word ({RARE_WORD})": f"/search/?q={RARE_WORD}",
        f"search page, common word ({COMMON_WORD})": f"/search/?q={COMMON_WORD}",
    }
    results = {}
    for label, url in pages.items():
        results[label] = {
            "url": url,
            **timed(lambda url=url: get(url)),
            **queries_of(lambda url=url: get(url)),
        }

    article_vs_trivial = timed_pair(lambda: get(article_url), lambda: get("/robots.txt"))

    for kind, word in (("rare", RARE_WORD), ("common", COMMON_WORD)):

        def bare(word=word):
            return list(search_stories(word)[:20])

        results[f"bare search_stories()[:20], {kind} word ({word})"] = {
            "url": f"search_stories({word!r})[:20]",
            "hits": search_stories(word).count(),
            **timed(bare),
            **queries_of(bare),
        }

    user_model = get_user_model()
    editor = user_model.objects.filter(username="reader-scale-admin").first()
    if editor is None:
        editor = user_model.objects.create_superuser("reader-scale-admin", "bench@example.com")
    staff = Client(HTTP_HOST="localhost")
    staff.force_login(editor)
    admin_pages = {
        "admin changelist": "/admin/articles/article/",
        "admin autocomplete (term=Depa)": "/admin/autocomplete/?term=Depa&app_label=articles"
        "&model_name=articleorganization&field_name=organization",
    }
    for label, url in admin_pages.items():
        results[label] = {
            "url": url,
            **timed(lambda url=url: get(url, client=staff)),
            **queries_of(lambda url=url: get(url, client=staff)),
        }
    from django.db import connection

    return {
        "targets": targets,
        "pages": results,
        "article_vs_trivial": article_vs_trivial,
        "counts": corpus_counts(),
        "published": Article.objects.published().count(),
        "server_version": connection.cursor().connection.info.server_version,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_child(corpus: Corpus, cached: bool) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": corpus.url,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "NEWSROOM_PAGE_CACHE_SECONDS": "600" if cached else "0",
    }
    env.pop("REDIS_URL", None)  # the local-memory cache of the dev settings
    command = [sys.executable, __file__, "--measure-only", "--database-url", corpus.url]
    done = subprocess.run(
        command + (["--cached"] if cached else []),
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_counts() -> dict:
    from django.db import connection

    tables = {
        "stories": "articles_article",
        "organizations": "organizations_organization",
        "people": "people_person",
        "organization links": "articles_articleorganization",
        "person links": "articles_articleperson",
        "tag links": "taggit_taggeditem",
    }
    with connection.cursor() as cursor:
        counts = {}
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[label] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        counts["size_gb"] = cursor.fetchone()[0] / 1e9
    return counts


# --- the report ----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "**MISSED**"


def ms(value: float) -> str:
    return f"{value:,.1f}"


def render(corpora, builds, runs, cached_runs, seconds, load) -> tuple[str, list[str]]:
    small, big = (runs[c.label] for c in corpora)
    lines = [
        "# Reader pages at scale",
        "",
        f"`{' '.join(['.venv/bin/python', 'bench/reader_scale.py', *sys.argv[1:]])}` "
        f"— {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min in all. "
        f"Django test Client, settings newsroom.settings.dev with DEBUG=0, PostgreSQL "
        f"{big['server_version'] // 10000}.{big['server_version'] % 10000}; median and p95 of "
        f"{ROUNDS} requests after {WARMUPS} warm-ups, page cache off "
        "(NEWSROOM_PAGE_CACHE_SECONDS=0) unless said. Load average (1 min) while measuring: "
        + ", ".join(f"{value:.2f}" for value in load)
        + f" on {os.cpu_count()} CPUs (other work on the machine shows up as noise).",
        "",
        "## Corpora",
        "",
        "| | database | stories | organizations | people | organization links | person links "
        "| tag links | size | generation |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for corpus in corpora:
        counts, build_info = runs[corpus.label]["counts"], builds[corpus.label]
        if build_info["reused"]:
            generated = f"reused ({build_info['marker'].split(';', 1)[1].strip()})"
        else:
            generated = (
                f"{build_info['phases']['total']:.0f} s (+ {build_info['migrate']:.0f} s migrate)"
            )
        lines.append(
            f"| {corpus.label} | {corpus.name} | {counts['stories']:,} "
            f"| {counts['organizations']:,} | {counts['people']:,} "
            f"| {counts['organization links']:,} | {counts['person links']:,} "
            f"| {counts['tag links']:,} | {counts['size_gb']:.2f} GB | {generated} |"
        )
    for corpus in corpora:
        build_info = builds[corpus.label]
        if not build_info["reused"]:
            parts = ", ".join(
                f"{name} {value:.0f} s"
                for name, value in build_info["phases"].items()
                if name != "total"
            )
            lines.append(f"\nGeneration of {corpus.label}: {parts}.")
    lines += ["", "Pages measured (typical = median story count among entries in two or more):", ""]
    for corpus in corpora:
        t = runs[corpus.label]["targets"]
        lines.append(
            f"- {corpus.label}: article `{t['article']}`, section `{t['section']}`, organization "
            f"`{t['organization']['slug']}` ({t['organization']['stories']} stories; "
            f"{t['organization']['with_stories']:,} organizations have stories), busiest "
            f"`{t['busiest_organization']['slug']}` ({t['busiest_organization']['stories']:,} "
            f"stories), person `{t['person']['slug']}` ({t['person']['stories']} stories)"
            + ("" if t["home_page"] == 50 else f"; home page {t['home_page']}, its last, for 50")
        )

    lines += [
        "",
        "## Pages, small against big",
        "",
        "| page | queries small | queries big | median small (ms) | median big (ms) | big / small "
        "| p95 small | p95 big | SQL small (ms) | SQL big (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    flagged: dict[str, str] = {}
    for label, b in big["pages"].items():
        s = small["pages"][label]
        ratio = b["median"] / s["median"]
        mark = ""
        if b["queries"] > s["queries"]:
            mark += " (more queries)"
            flagged[label] = "more queries on big than on small"
        if ratio > 2:
            mark += " (over 2×)"
            flagged.setdefault(label, f"big is {ratio:.1f}× small")
        lines.append(
            f"| {label}{mark} | {s['queries']} | {b['queries']} | {ms(s['median'])} "
            f"| {ms(b['median'])} | {ratio:.2f} | {ms(s['p95'])} | {ms(b['p95'])} "
            f"| {ms(s['db_ms'])} | {ms(b['db_ms'])} |"
        )

    lines += [
        "",
        "SQL = the time of the page's queries together. A listing on small can make one query "
        "more than on big: `EstimatedCountPaginator` counts exactly below 10,000 estimated rows "
        "and takes the planner's estimate above.",
    ]

    def page(run, label):
        return run["pages"][label]

    rare_page, common_page = (
        f"search page, rare word ({RARE_WORD})",
        f"search page, common word ({COMMON_WORD})",
    )
    rare_bare, common_bare = (
        f"bare search_stories()[:20], rare word ({RARE_WORD})",
        f"bare search_stories()[:20], common word ({COMMON_WORD})",
    )
    lines += [
        "",
        "## Search",
        "",
        "| query | matching stories small | big | median small (ms) | median big (ms) | goal |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, bare, limit in ((rare_page, rare_bare, 50), (common_page, common_bare, 200)):
        for name in (label, bare):
            lines.append(
                f"| {name} | {page(small, bare)['hits']:,} | {page(big, bare)['hits']:,} "
                f"| {ms(page(small, name)['median'])} | {ms(page(big, name)['median'])} "
                f"| < {limit} ms |"
            )

    changelist, autocomplete = "admin changelist", "admin autocomplete (term=Depa)"
    lines += [
        "",
        "## Admin (superuser, force_login)",
        "",
        "| page | queries small | big | median small (ms) | median big (ms) | big / small |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label in (changelist, autocomplete):
        s, b = page(small, label), page(big, label)
        lines.append(
            f"| {label} | {s['queries']} | {b['queries']} | {ms(s['median'])} | {ms(b['median'])} "
            f"| {b['median'] / s['median']:.2f} |"
        )

    lines += [
        "",
        "## Page cache (NEWSROOM_PAGE_CACHE_SECONDS=600, local-memory cache)",
        "",
        "| corpus | article uncached median (ms) | cached hit median (ms) | p95 cached "
        "| uncached / cached |",
        "|---|---:|---:|---:|---:|",
    ]
    cached_ratio = {}
    for corpus in corpora:
        uncached = page(runs[corpus.label], "article")["median"]
        hit = cached_runs[corpus.label]["cached_article"]
        cached_ratio[corpus.label] = uncached / hit["median"]
        lines.append(
            f"| {corpus.label} | {ms(uncached)} | {ms(hit['median'])} | {ms(hit['p95'])} "
            f"| {cached_ratio[corpus.label]:.1f}× |"
        )

    paired = {c.label: runs[c.label]["article_vs_trivial"] for c in corpora}
    lines += [
        "",
        f"## Article page against the trivial view, in turns ({PAIRED_ROUNDS} each)",
        "",
        "| corpus | article median (ms) | /robots.txt median (ms) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for corpus in corpora:
        pair = paired[corpus.label]
        lines.append(
            f"| {corpus.label} | {pair['first']:.2f} | {pair['second']:.2f} "
            f"| {pair['ratio']:.1f}× |"
        )
    article_ratio = {c.label: paired[c.label]["ratio"] for c in corpora}
    goals = [
        (
            "article page within 10× of the trivial view (big; in turns)",
            f"{article_ratio['big']:.1f}× (small {article_ratio['small']:.1f}×)",
            article_ratio["big"] <= 10,
            ["article"],
        ),
        *[
            (
                f"{name} < {limit} ms (big)",
                f"{ms(page(big, name)['median'])} ms (small {ms(page(small, name)['median'])})",
                page(big, name)["median"] < limit,
                [name],
            )
            for name, limit in (
                (rare_page, 50),
                (rare_bare, 50),
                (common_page, 200),
                (common_bare, 200),
            )
        ],
        (
            "admin changelist, big within 2× of small",
            f"{page(big, changelist)['median'] / page(small, changelist)['median']:.2f}×",
            page(big, changelist)["median"] <= 2 * page(small, changelist)["median"],
            [changelist],
        ),
        (
            "admin autocomplete < 50 ms (big)",
            f"{ms(page(big, autocomplete)['median'])} ms",
            page(big, autocomplete)["median"] < 50,
            [autocomplete],
        ),
        (
            "cached article page ≥ 10× faster than uncached (big)",
            f"{cached_ratio['big']:.1f}× (small {cached_ratio['small']:.1f}×)",
            cached_ratio["big"] >= 10,
            [],
        ),
        (
            "no page makes more queries on big than on small",
            "yes" if not any("queries" in why for why in flagged.values()) else "no",
            not any("queries" in why for why in flagged.values()),
            [],
        ),
    ]
    lines += ["", "## Goals", "", "| goal | measured | |", "|---|---|---|"]
    for goal, measured, ok, labels in goals:
        lines.append(f"| {goal} | {measured} | {verdict(ok)} |")
        if not ok:
            for label in labels:
                flagged[label] = f"missed: {goal}"
    missed = [goal for goal, _, ok, _ in goals if not ok]

    lines += ["", "## Slow at scale: the slowest query of each flagged page, on big", ""]
    if not flagged:
        lines.append("Nothing flagged: every page is within 2× of small and every goal is met.")
    for label, why in flagged.items():
        b = page(big, label)
        slowest = b["slowest"]
        lines += [
            f"### {label} — {why}",
            "",
            f"`{b['url']}`: median {ms(b['median'])} ms; {b['queries']} queries taking "
            f"{ms(b['db_ms'])} ms together (the rest is Python: ORM, templates, middleware).",
        ]
        lines += ["", "| ms | query (its start) |", "|---:|---|"]
        lines += [f"| {ms(t)} | `{sql}` |" for t, sql in b["each"]]
        lines.append("")
        if slowest:
            lines += [
                f"Slowest query {ms(slowest['ms'])} ms:",
                "",
                "```sql",
                # search highlights are marked by \x02 and \x03: shown escaped, not raw
                slowest["sql"].replace("\x02", "\\x02").replace("\x03", "\\x03"),
                "```",
                "",
                "```",
                slowest["explain"],
                "```",
                "",
            ]
    return "\n".join(lines) + "\n", missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--organizations", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000, help="stories in the small corpus")
    parser.add_argument("--database-url", default=DEFAULT_SCALE_URL, help="the big database")
    parser.add_argument("--reuse", action="store_true", help="keep corpora whose counts match")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cached", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure_only:
        print(json.dumps(measure(args.database_url, cached=args.cached)))
        return

    started = time.perf_counter()
    big = Corpus("big", args.database_url, args.stories, args.organizations, args.people)
    small = Corpus(
        "small",
        args.database_url + "_small",
        min(args.small, args.stories),
        min(args.organizations, 1_000),
        min(args.people, 2_000),
    )
    corpora = [small, big]
    builds = {c.label: build(c, args.reuse) for c in corpora}
    runs, cached_runs, load = {}, {}, [os.getloadavg()[0]]
    for corpus in corpora:
        print(f"{corpus.label}: measuring", flush=True)
        runs[corpus.label] = run_child(corpus, cached=False)
        cached_runs[corpus.label] = run_child(corpus, cached=True)
        load.append(os.getloadavg()[0])
    seconds = time.perf_counter() - started
    report, missed = render(corpora, builds, runs, cached_runs, seconds, load)
    print(report)
    REPORT_PATH.write_text(report, encoding="utf-8")
    print(f"written to {REPORT_PATH}; goals missed: {len(missed)}")


if __name__ == "__main__":
    main()
