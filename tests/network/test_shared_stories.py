"""A story of A shared to B shows on both, with one canonical address: A's."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from .conftest import A_HOST, B_HOST

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def json_ld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])


def test_a_shared_story_names_its_home_address_on_both_publications(network, on_a, on_b):
    path = network.shared.get_absolute_url()
    canonical = f"http://{A_HOST}{path}"

    for get, publisher in ((on_a, "Capitol Wire"), (on_b, "Harbor Gazette")):
        response = get(path)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Bridge tolls rise statewide" in page
        assert f'<link rel="canonical" href="{canonical}">' in page
        assert f'<meta property="og:url" content="{canonical}">' in page
        assert f'<meta property="og:site_name" content="{publisher}">' in page
        data = json_ld(page)
        assert data["url"] == data["mainEntityOfPage"] == canonical
        assert data["publisher"]["name"] == publisher


def test_bs_listings_show_the_shared_story_and_send_readers_to_its_home(network, on_a, on_b):
    path = network.shared.get_absolute_url()
    canonical = f"http://{A_HOST}{path}"

    b_home = on_b("/").content.decode()
    assert f'href="{canonical}"' in b_home
    # Its section is A's: the kicker links there, not to a section B does not have.
    assert f'href="http://{A_HOST}/sections/statehouse/"' in b_home
    assert f'href="{canonical}"' not in on_a("/").content.decode()
    assert f'href="{path}"' in on_a("/").content.decode()
    b_org = on_b(network.authority.get_absolute_url()).content.decode()
    assert f'href="{canonical}"' in b_org
    b_search = on_b(reverse("articles:search") + "?q=tolls").content.decode()
    assert f'href="{canonical}"' in b_search
    b_story = on_b(path).content.decode()
    assert f'<a href="http://{A_HOST}/sections/statehouse/">Statehouse</a>' in b_story


def test_feeds_of_both_publications_give_the_shared_story_one_link_and_id(network, on_a, on_b):
    canonical = f"http://{A_HOST}{network.shared.get_absolute_url()}"
    entries = {}
    for host, get in ((A_HOST, on_a), (B_HOST, on_b)):
        rss = ET.fromstring(get(reverse("feeds:latest-rss")).content)
        item = next(i for i in rss.iter("item") if i.findtext("title") == network.shared.headline)
        atom = ET.fromstring(get(reverse("feeds:latest-atom")).content)
        entry = next(
            e
            for e in atom.iter(f"{ATOM}entry")
            if e.findtext(f"{ATOM}title") == network.shared.headline
        )
        assert item.findtext("link") == canonical
        assert entry.find(f"{ATOM}link").get("href") == canonical
        entries[host] = (item.findtext("guid"), entry.findtext(f"{ATOM}id"))
        # The feed itself is the publication's own.
        assert atom.findtext(f"{ATOM}id") == f"http://{host}{reverse('feeds:latest-atom')}"

    assert entries[A_HOST] == entries[B_HOST]
    assert entries[B_HOST][0].startswith(f"tag:{A_HOST},")
    b_feed = ET.fromstring(on_b(reverse("feeds:latest-rss")).content)
    own = next(i for i in b_feed.iter("item") if i.findtext("title") == network.b_only.headline)
    assert own.findtext("link") == f"http://{B_HOST}{network.b_only.get_absolute_url()}"
    assert own.findtext("guid").startswith(f"tag:{B_HOST},")


def test_withdrawing_a_share_takes_the_story_off_b(network, on_b):
    path = network.shared.get_absolute_url()
    assert on_b(path).status_code == 200
    network.shared.shared_with.remove(network.b)
    assert on_b(path).status_code == 404
    assert "Bridge tolls rise statewide" not in on_b("/").content.decode()
