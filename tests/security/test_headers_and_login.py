import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_reader_and_admin_responses_carry_security_headers(client, editor_client):
    article = ArticleFactory()
    for response in (
        client.get(article.get_absolute_url()),
        client.get("/"),
        editor_client.get(reverse("admin:articles_article_changelist")),
        client.get(reverse("admin:login")),
    ):
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_deploy_check_passes_with_the_documented_production_environment(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "k" * 20 + "3x4mpl3-S3cr3t-only-for-this-test-!@#$%^&*()-" + "z" * 10,
        "ALLOWED_HOSTS": "news.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["REDIS_URL", "ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without_a_shared_cache_or_hosts(missing):
    """F5: without Redis each worker would invalidate only its own cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "news.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    del env[missing]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert f"Set the {missing} environment variable." in result.stderr


def test_development_uses_a_cache_every_process_shares(monkeypatch):
    import importlib

    monkeypatch.delenv("REDIS_URL", raising=False)
    dev = importlib.import_module("newsroom.settings.dev")
    backend = dev.CACHES["default"]["BACKEND"]
    assert backend != "django.core.cache.backends.locmem.LocMemCache"


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_repeated_wrong_passwords_lock_that_user_from_that_address_only(throttled):
    UserFactory(username="desk", is_staff=True)
    attacker = Client()
    for _ in range(3):
        login(attacker, "desk", "wrong", ip="203.0.113.9")
    locked = login(attacker, "desk", "correct horse battery", ip="203.0.113.9")
    assert locked.status_code == 429
    # The real editor, from the newsroom's own address, still gets in.
    editor = Client()
    response = login(editor, "desk", "correct horse battery", ip="198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_session_key_rotates_at_login():
    UserFactory(username="rota", is_staff=True)
    client = Client()
    client.get(reverse("admin:login"))
    before = client.session.session_key
    login(client, "rota", "correct horse battery")
    assert client.session.session_key != before


def test_password_change_ends_the_users_other_sessions():
    user = UserFactory(username="moving", is_staff=True, is_superuser=True)
    laptop, phone = Client(), Client()
    login(laptop, "moving", "correct horse battery")
    login(phone, "moving", "correct horse battery")
    response = laptop.post(
        reverse("admin:password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "an entirely new passphrase 42",
            "new_password2": "an entirely new passphrase 42",
        },
    )
    assert response.status_code == 302
    assert laptop.get(reverse("admin:index")).status_code == 200
    assert phone.get(reverse("admin:index")).status_code == 302  # logged out
    user.refresh_from_db()
