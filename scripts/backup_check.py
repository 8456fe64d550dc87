"""Backup and restore, checked: the export of #3 and a crawl of the reader pages are the same
before and after.

    .venv/bin/python scripts/backup_check.py --engine sqlite
    .venv/bin/python scripts/backup_check.py --engine postgres   # pg_dump -Fc, pg_restore

It builds a newsroom in a scratch database (starter register, demo content, a few imported
stories), exports it and crawls its reader pages, backs the database up (SQLite's online
backup API, or pg_dump in custom format), restores the backup into a fresh database, and
exports and crawls again. Exit status 0 when both are identical. The commands it runs are the
ones the README gives.
"""

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"

CRAWL = """
import hashlib, json, os
import django
django.setup()
from django.test import Client
from articles.models import Article
from organizations.models import Organization
from people.models import Person
client = Client()
paths = ["/", "/sitemap.xml", "/sitemap-stories.xml", "/feeds/latest/rss/", "/api/articles/"]
paths += [a.get_absolute_url() for a in Article.objects.published()]
orgs = Organization.objects.public().filter(article_links__isnull=False).distinct()
people = Person.objects.public().filter(article_links__isnull=False).distinct()
paths += [o.get_absolute_url() for o in orgs] + [p.get_absolute_url() for p in people]
pages = {}
for path in sorted(set(paths)):
    response = client.get(path, HTTP_HOST="localhost")
    body = response.content
    pages[path] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(pages, sort_keys=True))
"""


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    return result.stdout if capture else None


def snapshot(env) -> tuple[str, dict]:
    exported = manage(env, "export_articles", capture=True)
    crawl = subprocess.run(
        [PYTHON, "-c", CRAWL], cwd=ROOT, env=env, check=True, text=True, capture_output=True
    )
    return exported, json.loads(crawl.stdout)


def environment(database_url: str, media: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        DEBUG="0",
        NEWSROOM_PAGE_CACHE_SECONDS="0",
        MEDIA_ROOT=str(media),
        TIME_ZONE="UTC",
    )
    return env


def build(env, workdir: Path):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_starter_register", "-v", "0")
    manage(env, "load_demo", "-v", "0", "--password", "backup-check-only")
    dump = workdir / "wire.txt"
    dump.write_text(
        "Coast Guard opens harbor after storm\n\nSecurity\n\nORGANIZATIONS IN THIS STORY\n\n"
        "The U.S. Coast Guard (USCG) reopened the harbor on Friday after a two-day closure, "
        "officials said in a short statement to shipping companies.\n\n"
        "The USCG said pilots would resume work at dawn.\n",
        encoding="utf-8",
    )
    manage(env, "import_articles", str(dump), "--status", "published", "--autotag", "discover")


def check_sqlite(workdir: Path) -> bool:
    source, restored = workdir / "live.sqlite3", workdir / "restored.sqlite3"
    env = environment(f"sqlite:///{source}", workdir / "media")
    build(env, workdir)
    before = snapshot(env)
    # The online backup API: safe while the site is running.
    with sqlite3.connect(source) as live, sqlite3.connect(restored) as copy:
        live.backup(copy)
    after = snapshot(environment(f"sqlite:///{restored}", workdir / "media"))
    return report("sqlite", before, after)


def check_postgres(workdir: Path) -> bool:
    # Names of this run's own, so that two checks on one server do not take each other's.
    names = (f"newsroom_backup_live_{os.getpid()}", f"newsroom_backup_restored_{os.getpid()}")
    for name in names:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    try:
        env = environment(f"{PG}/{names[0]}", workdir / "media")
        build(env, workdir)
        before = snapshot(env)
        dump = workdir / "newsroom.dump"
        subprocess.run(
            ["pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", str(dump), names[0]],
            check=True,
        )
        subprocess.run(
            ["pg_restore", "-h", "127.0.0.1", "-U", "postgres", "-d", names[1], str(dump)],
            check=True,
        )
        after = snapshot(environment(f"{PG}/{names[1]}", workdir / "media"))
    finally:
        for name in names:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True
            )
    return report("postgres", before, after)


def report(engine, before, after) -> bool:
    export_same = before[0] == after[0]
    crawl_same = before[1] == after[1]
    stories = len(before[0].splitlines())
    digest = hashlib.sha256(before[0].encode()).hexdigest()[:12]
    print(
        f"{engine}: {stories} stories exported (sha256 {digest}), {len(before[1])} pages crawled; "
        f"export identical: {export_same}; crawl identical: {crawl_same}"
    )
    return export_same and crawl_same and stories > 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as folder:
        check = check_sqlite if args.engine == "sqlite" else check_postgres
        ok = check(Path(folder))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
