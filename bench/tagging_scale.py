"""Tagging speed against register size, and against one regex per alias.

    .venv/bin/python bench/tagging_scale.py                 # 10^3, 10^5 and 10^6 aliases
    .venv/bin/python bench/tagging_scale.py --sizes 1000 100000

Discovery is on in the size table (the full work of tagging a story) and off for the regex
comparison (like for like: the baseline only finds registered names).

The register is the labelled register of bench/tagging_register.json, padded with synthetic
organizations (each with a name and three aliases) up to the size asked for; the stories are
those of bench/tagging_corpus.jsonl. For each size it prints the matcher's build time and
memory (tracemalloc peak during the build) and the median time to tag one story, with the ratio
to the smallest register. Then, at 10^4 aliases, the same stories are matched by one compiled
case-insensitive regex per alias (the naive baseline), and the speed-up is printed.
Standard library and the engine only; no database.

    .venv/bin/python bench/tagging_scale.py --long          # time per 600-word story

`--long` times stories of 600 words (the corpus's bodies run together, discovery on) against
the starter register (organizations/data/starter_register.json) with the labelled register.
"""

import argparse
import gc
import json
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tagging.engine import Register, RegisterEntry  # noqa: E402

WORDS = [
    "office",
    "bureau",
    "agency",
    "council",
    "commission",
    "board",
    "service",
    "center",
    "institute",
    "authority",
    "division",
    "program",
    "administration",
    "directorate",
    "fund",
    "trust",
    "corps",
    "foundation",
]
ROOTS = [
    "maritime",
    "lunar",
    "prairie",
    "granite",
    "civic",
    "harbor",
    "aurora",
    "summit",
    "cedar",
    "meridian",
    "orchard",
    "juniper",
    "cobalt",
    "delta",
    "beacon",
    "falcon",
    "pioneer",
    "quarry",
    "river",
    "sterling",
    "timber",
    "willow",
]


def base_entries():
    data = json.loads((HERE / "tagging_register.json").read_text())
    return [
        RegisterEntry(
            kind=e["kind"],
            key=e["key"],
            name=e["name"],
            acronym=e.get("acronym", ""),
            aliases=tuple(e.get("aliases", ())),
            titles=tuple(e.get("titles", ())),
        )
        for e in data["entries"]
    ]


def synthetic(count_aliases: int, rng: random.Random):
    """Organizations with a name and three aliases each: `count_aliases` names in all."""
    made = 0
    n = 0
    while made < count_aliases:
        n += 1
        a, b = rng.choice(ROOTS), rng.choice(ROOTS)
        kind = rng.choice(WORDS)
        name = f"{a.title()} {b.title()} {kind.title()} {n}"
        aliases = (
            f"{kind.title()} of {a.title()} {n}",
            f"{b.title()} {a.title()} {n}",
            f"The {a.title()} {kind.title()} {n}",
        )
        made += 4
        yield RegisterEntry(kind="organization", key=f"syn-{n}", name=name, aliases=aliases)


def stories():
    lines = (HERE / "tagging_corpus.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def alias_count(entries) -> int:
    return sum(1 + len(e.aliases) + bool(e.acronym) for e in entries)


def time_per_story(register, corpus, rounds=3, discover=True) -> float:
    times = []
    for _ in range(rounds):
        for story in corpus:
            started = time.perf_counter()
            register.tag(headline=story["headline"], body=story["body"], discover=discover)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def build(entries):
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    register = Register.build(entries)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.freeze()  # a long-lived register: keep the collector from walking it again and again
    return register, seconds, peak / 1e6


def regex_baseline(entries, corpus) -> float:
    patterns = []
    for entry in entries:
        for text in (entry.name, *entry.aliases):
            patterns.append(re.compile(r"\b" + re.escape(text) + r"\b", re.IGNORECASE))
        if entry.acronym:
            patterns.append(re.compile(r"\b" + re.escape(entry.acronym) + r"\b"))
    times = []
    for story in corpus:
        text = story["headline"] + "\n" + story["body"]
        started = time.perf_counter()
        found = [p for p in patterns if p.search(text)]
        times.append(time.perf_counter() - started)
        del found
    return statistics.median(times)


def starter_entries():
    """The starter register as engine entries (only the fields every engine version has, plus
    the parent where the engine knows parents)."""
    from dataclasses import fields

    data = json.loads((HERE.parent / "organizations/data/starter_register.json").read_text())
    known = {f.name for f in fields(RegisterEntry)}
    out = []
    for e in data["organizations"]:
        extra = {"parent": e.get("parent")} if "parent" in known else {}
        out.append(
            RegisterEntry(
                kind="organization",
                key=e["slug"],
                name=e["name"],
                acronym=e.get("acronym") or "",
                aliases=tuple(e.get("aliases") or ()),
                titles=tuple(e.get("titles") or ()),
                **extra,
            )
        )
    return out


def long_stories(corpus, words=600):
    """Stories of `words` words: the corpus's bodies run together, one story starting at each."""
    bodies = [s["body"] for s in corpus]
    out = []
    for i in range(len(bodies)):
        parts, n, j = [], 0, i
        while n < words:
            text = bodies[j % len(bodies)]
            parts.append(text)
            n += len(text.split())
            j += 1
        out.append({"headline": corpus[i]["headline"], "body": "\n\n".join(parts)})
    return out


def main_long():
    corpus = long_stories(stories())
    entries = base_entries() + starter_entries()
    register, seconds, _ = build(entries)
    per_story = time_per_story(register, corpus)
    words = statistics.mean(len(s["body"].split()) for s in corpus)
    print(
        f"{len(corpus)} stories of {words:.0f} words on average, register of {len(entries)} "
        f"entries (built in {seconds:.2f} s), discovery on: {per_story * 1000:.2f} ms/story"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--long", action="store_true", help="time per 600-word story")
    args = parser.parse_args()
    if args.long:
        return main_long()
    corpus = stories()
    base = base_entries()
    print(f"stories: {len(corpus)} (bench/tagging_corpus.jsonl), tagged 3 times each")
    print(f"{'aliases':>10} {'build s':>8} {'build MB':>9} {'ms/story':>9} {'× smallest':>10}")
    first = None
    for size in args.sizes:
        rng = random.Random(size)
        entries = base + list(synthetic(max(0, size - alias_count(base)), rng))
        register, seconds, megabytes = build(entries)
        per_story = time_per_story(register, corpus)
        first = first or per_story
        print(
            f"{alias_count(entries):>10,} {seconds:>8.2f} {megabytes:>9.0f} "
            f"{per_story * 1000:>9.3f} {per_story / first:>10.2f}"
        )
        del register
        gc.unfreeze()
        gc.collect()

    rng = random.Random(10_000)
    entries = base + list(synthetic(10_000 - alias_count(base), rng))
    register, _, _ = build(entries)
    # Like for like: the baseline only finds registered names, so discovery is off here.
    engine = time_per_story(register, corpus, discover=False)
    naive = regex_baseline(entries, corpus)
    print(
        f"at {alias_count(entries):,} aliases (registered names only, no discovery): engine "
        f"{engine * 1000:.3f} ms/story, one regex per alias {naive * 1000:.1f} ms/story: "
        f"engine is {naive / engine:,.0f}× faster"
    )


if __name__ == "__main__":
    main()
