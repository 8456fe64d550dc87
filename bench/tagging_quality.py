"""Precision and recall of the tagging engine on a labelled set of short newswire stories.

    python bench/tagging_quality.py            # figures
    python bench/tagging_quality.py -v         # and every miss and false hit, per story

Reads bench/tagging_register.json (the register, in the RegisterEntry shape) and
bench/tagging_corpus.jsonl (one story a line: id, headline, body, and the expected
"organizations" and "people" from the register, "discover_people" and
"discover_organizations" that are not in it). Labelling convention: an organization is expected
when the story names it (name, alias, acronym, a short form such as "the Senate"); a title
alone ("Energy Secretary", "Senate Majority Leader") does not name its body. Discovery expects
every person the story names (the 54 specimens of issue #4 only those introduced with a title
or role), and every organization it names that the register lacks.

Stories whose id starts with "late-" were written after the engine was developed, as a check
against fitting the engine to the set; their figures are also printed apart.

Registered entities are scored by exact register name. Discovered names are scored leniently:
equal after normalisation, or one contained in the other as whole words (at least two words),
since "Department of Streets" for "Denver Department of Streets" is a useful suggestion.
Stories with a "register": "starter" field are read against the starter register
(organizations/data/starter_register.json) with the labelled register's people, the way a
newsroom that ran `load_starter_register` tags. Stories with a "class" (the kind of copy
they exercise: short forms, precision traps, people in lists...) are also scored per class.
Standard library and the engine only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tagging.engine import Register, RegisterEntry, normalize  # noqa: E402


def load_register(path: Path) -> list[RegisterEntry]:
    data = json.loads(path.read_text(encoding="utf-8"))
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


def load_starter(people: list[RegisterEntry]) -> list[RegisterEntry]:
    path = HERE.parent / "organizations" / "data" / "starter_register.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        RegisterEntry(
            kind="organization",
            key=e["slug"],
            name=e["name"],
            acronym=e.get("acronym") or "",
            aliases=tuple(e.get("aliases") or ()),
            titles=tuple(e.get("titles") or ()),
            parent=e.get("parent"),
        )
        for e in data["organizations"]
    ] + [p for p in people if p.kind == "person"]


def load_corpus(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Score:
    def __init__(self, label: str):
        self.label = label
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        p, r = self.precision, self.recall
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{self.label:<28} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def _similar(a: str, b: str) -> bool:
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    return len(short.split()) >= 2 and f" {short} " in f" {long_} "


def compare_exact(expected: list[str], found: list[str]):
    e, f = set(expected), set(found)
    return e & f, f - e, e - f


def compare_lenient(expected: list[str], found: list[str]):
    matched_e, matched_f = set(), set()
    for x in expected:
        for y in found:
            if y not in matched_f and _similar(x, y):
                matched_e.add(x)
                matched_f.add(y)
                break
    return matched_e, set(found) - matched_f, set(expected) - matched_e


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every error")
    ap.add_argument("--register", type=Path, default=HERE / "tagging_register.json")
    ap.add_argument("--corpus", type=Path, default=HERE / "tagging_corpus.jsonl")
    args = ap.parse_args(argv)

    entries = load_register(args.register)
    starter_entries = load_starter(entries)
    names = {e.name for e in entries} | {e.name for e in starter_entries}
    stories = load_corpus(args.corpus)
    for s in stories:
        for n in s["organizations"] + s["people"]:
            if n not in names:
                print(f"warning: {s['id']}: {n!r} is not in the register", file=sys.stderr)

    t0 = time.perf_counter()
    register = Register.build(entries)
    t_build = time.perf_counter() - t0
    starter = Register.build(starter_entries)

    labels = (
        ("org", "registered organizations"),
        ("person", "registered people"),
        ("all", "registered, all"),
        ("dperson", "discovered people"),
        ("dorg", "discovered organizations"),
    )
    scores = {k: Score(label) for k, label in labels}
    late = {k: Score(label) for k, label in labels}  # stories written after the engine
    by_class: dict[str, Score] = {}
    t_tag = 0.0
    for s in stories:
        t0 = time.perf_counter()
        reg = starter if s.get("register") == "starter" else register
        result = reg.tag(headline=s["headline"], body=s["body"], discover=True)
        t_tag += time.perf_counter() - t0
        found_orgs = [m.name for m in result.mentions if m.kind == "organization"]
        found_people = [m.name for m in result.mentions if m.kind == "person"]
        sug_people = [x.name for x in result.suggestions if x.kind == "person"]
        sug_orgs = [x.name for x in result.suggestions if x.kind == "organization"]
        report = []
        for key, cmp, exp, got in (
            ("org", compare_exact, s["organizations"], found_orgs),
            ("person", compare_exact, s["people"], found_people),
            ("dperson", compare_lenient, s["discover_people"], sug_people),
            ("dorg", compare_lenient, s["discover_organizations"], sug_orgs),
        ):
            tp, fp, fn = cmp(exp, got)
            if s.get("class"):
                board = by_class.setdefault(s["class"], Score(s["class"]))
                board.add(len(tp), len(fp), len(fn))
            for board in (scores, late) if s["id"].startswith("late-") else (scores,):
                board[key].add(len(tp), len(fp), len(fn))
                if key in ("org", "person"):
                    board["all"].add(len(tp), len(fp), len(fn))
            for x in sorted(fp):
                report.append(f"  {key:<7} false: {x}")
            for x in sorted(fn):
                report.append(f"  {key:<7} missed: {x}")
        if args.verbose and report:
            print(s["id"])
            print("\n".join(report))

    print(
        f"{len(stories)} stories, register of {len(entries)} entries "
        f"(built in {t_build * 1000:.0f} ms), tagged in {t_tag * 1000 / len(stories):.2f} ms "
        "a story"
    )
    for sc in scores.values():
        print(sc.line())
    print("per mode: known = registered entries found; discover = suggestions")
    print("  known   " + scores["all"].line())
    discover = Score("discovered, all")
    for key in ("dperson", "dorg"):
        discover.add(scores[key].tp, scores[key].fp, scores[key].fn)
    print("  discover " + discover.line())
    if by_class:
        print("per class (stories written for issue #15, all kinds of entity together):")
        for name in sorted(by_class):
            print("  " + by_class[name].line())
    n_late = sum(s["id"].startswith("late-") for s in stories)
    if n_late:
        print(f"of which the {n_late} stories written after the engine (late-*):")
        for sc in late.values():
            print(sc.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
