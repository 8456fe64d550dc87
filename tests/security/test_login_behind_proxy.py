"""F6: behind a reverse proxy, login throttling counts the reader's address, not the proxy's.

The proxy appends the address it saw to X-Forwarded-For; every request reaches Django from
the proxy's own address. Five wrong passwords from one client must lock that username from
that client only.
"""

import runpy
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "newsroom" / "settings" / "base.py"
PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """The axes settings exactly as base.py makes them with AXES_PROXY_COUNT=1 set."""
    monkeypatch.setenv("AXES_PROXY_COUNT", "1")
    made = runpy.run_path(str(BASE_SETTINGS), run_name="newsroom.settings.base")
    for name, value in made.items():
        if name.startswith("AXES_") or name == "NEWSROOM_PROXY_COUNT":
            setattr(settings, name, value)
    settings.AXES_ENABLED = True
    return made


def login(client, password, forwarded_for):
    return client.post(
        reverse("admin:login"),
        {"username": "desk", "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_wrong_passwords_from_one_client_do_not_lock_the_editor_out_elsewhere(behind_one_proxy):
    assert behind_one_proxy["AXES_FAILURE_LIMIT"] == 5
    UserFactory(username="desk", is_staff=True)
    attacker = Client()
    for _ in range(5):
        login(attacker, "wrong", "203.0.113.9")
    assert login(attacker, "correct horse battery", "203.0.113.9").status_code == 429

    editor = Client()
    response = login(editor, "correct horse battery", "198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_forged_forwarded_for_does_not_escape_the_lockout(behind_one_proxy):
    """The proxy appends the real address; what the client wrote before it is not trusted."""
    UserFactory(username="desk", is_staff=True)
    attacker = Client()
    for n in range(5):
        login(attacker, "wrong", f"192.0.2.{n}, 203.0.113.9")
    locked = login(attacker, "correct horse battery", "192.0.2.77, 203.0.113.9")
    assert locked.status_code == 429


def test_without_a_proxy_the_header_is_ignored(settings):
    """AXES_PROXY_COUNT unset: the socket address counts, a made-up header changes nothing."""
    settings.AXES_ENABLED = True
    UserFactory(username="desk", is_staff=True)
    attacker = Client()
    for n in range(5):
        attacker.post(
            reverse("admin:login"),
            {"username": "desk", "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    locked = attacker.post(
        reverse("admin:login"),
        {"username": "desk", "password": "correct horse battery"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert locked.status_code == 429


@pytest.mark.parametrize(
    "forwarded_for,expected",
    [
        ("203.0.113.9", "203.0.113.9"),
        ("192.0.2.1, 203.0.113.9", "203.0.113.9"),
        ("203.0.113.9:51234", "203.0.113.9"),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("2001:db8::7", "2001:db8::7"),
        ("", PROXY),
        ("not-an-address", PROXY),
    ],
)
def test_the_client_address_is_read_from_the_right_of_the_header(
    behind_one_proxy, rf, forwarded_for, expected
):
    from newsroom.client_ip import client_ip

    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected
