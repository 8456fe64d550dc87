"""Load and faults: gunicorn with the production settings on PostgreSQL under wrk.

    .venv/bin/python bench/load_test.py                      # 60 s of load
    .venv/bin/python bench/load_test.py --fault              # PostgreSQL restarted at 20 s
    .venv/bin/python bench/load_test.py --seconds 30 --connections 16

Builds a scratch newsroom (`newsroom_load`: starter register, demo content, 2,000 generated
stories), starts gunicorn (`newsroom.wsgi`, production settings, 2 × cores + 1 workers,
`CONN_MAX_AGE=60` with health checks) on 127.0.0.1, and for the duration runs wrk over a mix
of reader pages (home, stories, sections, organizations, people, search, feeds, API) while an
editor thread saves a story through the admin form twice a second. It prints wrk's p50, p95
and p99 latency, requests per second, errors (non-2xx/3xx and socket errors), and the editor
saves made and refused. With --fault, PostgreSQL is restarted 20 s in; the script prints the
failed requests and the seconds until the site answered again, and checks that every editor
save is whole (its headline and its edit token agree) afterwards.

Only loopback addresses are used; every loop is bounded in count and time.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup
from _setup import setup_django

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_load"
PASSWORD = "load-test-editor-passphrase"


def build():
    setup_django(DATABASE_URL)
    import io

    import import_bench
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from articles.importers.run import ImportOptions, import_stories
    from articles.importers.writer import WriterOptions

    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("load_starter_register", **quiet)
    call_command("load_demo", "--password", PASSWORD, **quiet)
    folder = Path(tempfile.mkdtemp(prefix="newsroom-load-"))
    import_bench.generate(folder, 2000)
    import_stories([str(folder)], ImportOptions(writer=WriterOptions(default_status="published")))
    User.objects.filter(username="editor").update(is_superuser=True)

    from articles.models import Article
    from organizations.models import Organization
    from people.models import Person

    stories = list(Article.objects.published().values_list("slug", flat=True)[:300])
    orgs = list(
        Organization.objects.public()
        .filter(article_links__isnull=False)
        .distinct()
        .values_list("slug", flat=True)[:50]
    )
    people = list(
        Person.objects.public()
        .filter(article_links__isnull=False)
        .distinct()
        .values_list("slug", flat=True)[:20]
    )
    target = Article.objects.published().order_by("pk").first().pk
    paths = (
        [
            "/",
            "/?page=2",
            "/?page=5",
            "/sections/transportation/",
            "/feeds/latest/rss/",
            "/api/articles/",
            "/search/?q=grants",
            "/search/?q=runway+safety",
            "/sitemap.xml",
        ]
        + [f"/articles/{slug}/" for slug in stories]
        + [f"/organizations/{slug}/" for slug in orgs]
        + [f"/people/{slug}/" for slug in people]
    )
    return paths, target


def start_gunicorn(workers: int):
    return _setup.start_gunicorn(
        PORT,
        {
            "DATABASE_URL": DATABASE_URL,
            "SECRET_KEY": "load-test-only-" + "x" * 40,
            "REDIS_URL": "redis://127.0.0.1:6379/5",
            "AXES_ENABLED": "0",
        },
        ["-w", str(workers), "--max-requests", "5000"],
        "/tmp/newsroom-load-gunicorn.log",
    )


class FormFields(HTMLParser):
    """The values a browser would submit from the admin's story form."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            if "multiple" not in a:  # an empty multiple select sends nothing
                self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor(threading.Thread):
    """Saves one story through the admin form every half second, over HTTP."""

    def __init__(self, article_id: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.article_id, self.stop = article_id, stop
        self.saved = self.refused = self.failed = 0
        self.last_headline = ""
        # Production cookies are Secure; the proxy header tells Django the hop is HTTPS.
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.opener.addheaders = [("X-Forwarded-Proto", "https")]

    def cookies(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def request(self, url, data=None):
        req = urllib.request.Request(url, data=data)
        req.add_header("Cookie", self.cookies())
        req.add_header("Referer", f"https://127.0.0.1:{PORT}/admin/")
        return self.opener.open(req, timeout=10)

    def login(self):
        page = self.request(f"{BASE}/admin/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "editor",
                "password": PASSWORD,
                "next": "/admin/",
            }
        ).encode()
        try:
            self.request(f"{BASE}/admin/login/", body)
        except urllib.error.HTTPError as answer:
            if answer.code != 302:  # logged in: redirected to /admin/
                raise

    def save_once(self, n):
        url = f"{BASE}/admin/articles/article/{self.article_id}/change/"
        form = FormFields()
        form.feed(self.request(url).read().decode())
        headline = f"Load test save {n}"
        data = {
            **{k: v for k, v in form.values.items() if "__prefix__" not in k},
            "headline": headline,
            "body": f"<p>Saved under load, number {n}.</p>",
            "_continue": "1",
        }
        try:
            result = self.request(url, urllib.parse.urlencode(data).encode()).read().decode()
        except urllib.error.HTTPError as answer:
            if answer.code == 302:  # saved: the admin redirects back to the form
                self.saved += 1
                self.last_headline = headline
                return
            raise
        if "nothing was overwritten" in result:
            self.refused += 1
        else:
            self.failed += 1

    def run(self):
        n = 0
        while not self.stop.is_set() and n < 1000:
            n += 1
            try:
                if not self.saved and not self.jar:
                    self.login()
                self.save_once(n)
            except (urllib.error.URLError, ConnectionError, AttributeError, TimeoutError):
                self.failed += 1
            time.sleep(0.5)


LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"p50\\":%%f,\\"p95\\":%%f,\\"p99\\":%%f,\\"requests\\":%%d,"
    .. "\\"non2xx\\":%%d,\\"errors\\":%%d,\\"seconds\\":%%f}\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout, summary.duration / 1e6))
end
"""


def watch_recovery(stop, restart_at, results):
    """Probe the API every 100 ms, past the page cache (a new query string each time, so
    that each probe reads the database); after the restart, note when it answers again."""
    failures, recovered_at = 0, None
    while not stop.is_set():
        try:
            probe = time.monotonic_ns()
            urllib.request.urlopen(f"{BASE}/api/articles/?page_size=1&probe={probe}", timeout=2)
            if restart_at[0] and recovered_at is None and time.monotonic() > restart_at[0]:
                recovered_at = time.monotonic()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            failures += 1
            recovered_at = None
        time.sleep(0.1)
    results["probe_failures"] = failures
    results["recovered_after"] = (
        (recovered_at - restart_at[0]) if recovered_at and restart_at[0] else None
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL 20 s in")
    args = parser.parse_args()

    paths, article_id = build()
    workers = 2 * (os.cpu_count() or 1) + 1
    server = start_gunicorn(workers)
    stop = threading.Event()
    editor = Editor(article_id, stop)
    results, restart_at = {}, [0.0]
    probe = threading.Thread(target=watch_recovery, args=(stop, restart_at, results), daemon=True)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
    try:
        editor.start()
        probe.start()
        wrk = subprocess.Popen(
            [
                "wrk",
                "-t2",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                BASE,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        if args.fault:
            time.sleep(20)
            cluster = subprocess.run(["ls", "/etc/postgresql"], capture_output=True, text=True)
            version = cluster.stdout.split()[0]
            restart_at[0] = time.monotonic()
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
                check=True,
            )
        output, _ = wrk.communicate(timeout=args.seconds + 60)
    finally:
        stop.set()
        editor.join(timeout=15)
        probe.join(timeout=5)
        server.terminate()
        server.wait(timeout=30)
    figures = json.loads(re.search(r"JSON(\{.*\})", output).group(1))
    print(
        f"corpus: {len(paths)} reader paths over ~2,000 stories; gunicorn {workers} workers; "
        f"wrk 2 threads, {args.connections} connections, {args.seconds} s"
    )
    print(
        f"reads: {figures['requests']:,} requests, {figures['requests'] / figures['seconds']:,.0f}"
        f" req/s; p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
        f"p99 {figures['p99']:.1f} ms"
    )
    print(f"errors: {figures['non2xx']} non-2xx/3xx, {figures['errors']} socket errors")
    print(
        f"editor saves: {editor.saved} saved, {editor.refused} refused as conflicts, "
        f"{editor.failed} failed"
    )
    if args.fault:
        print(
            f"fault: PostgreSQL restarted at 20 s; probe failures {results['probe_failures']}; "
            f"site answering again after {results['recovered_after']:.1f} s"
            if results.get("recovered_after") is not None
            else "fault: site did not recover"
        )
    from django.db import connection

    from articles.models import Article

    connection.close()  # this script's own connection did not live through a restart
    final = Article.objects.get(pk=article_id)
    # Whole: the headline and the body of one and the same save, the last that succeeded.
    number = editor.last_headline.rsplit(" ", 1)[-1]
    whole = not editor.saved or (
        final.headline == editor.last_headline and f"number {number}." in final.body
    )
    print(f"last saved story is whole: {whole} ({final.headline!r}, body {final.body!r})")


if __name__ == "__main__":
    main()
