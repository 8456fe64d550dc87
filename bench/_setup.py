"""Shared set-up for the benchmarks: a fresh PostgreSQL database, Django configured for it."""

import os
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"


def setup_django(database_url: str, *, fresh: bool = True):
    """Point Django at `database_url` (recreated when `fresh`), migrate, and set it up."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    if fresh and database_url.startswith("postgres"):
        name = database_url.rsplit("/", 1)[1]
        admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(
            [
                "psql",
                admin_url,
                "-q",
                "-c",
                f"DROP DATABASE IF EXISTS {name}",
                "-c",
                f"CREATE DATABASE {name}",
            ],
            check=True,
            capture_output=True,
        )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest peak of the child processes that have ended (the importer's parsers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def start_gunicorn(port: int, settings: dict, gunicorn_args: list[str], log: str):
    """gunicorn on 127.0.0.1:`port` with the production settings and `settings` on top, static
    files collected first; returns once /robots.txt answers (or exits naming `log`)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        CONN_MAX_AGE="60",
        **settings,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    command = [str(Path(sys.executable).parent / "gunicorn"), "newsroom.wsgi"]
    command += ["-b", f"127.0.0.1:{port}", *gunicorn_args]
    command += ["--access-logfile", "/dev/null", "--error-logfile", log]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=10)
            return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start; see {log}")
