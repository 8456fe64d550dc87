"""F15: register imports refuse websites the admin's URL field would refuse (javascript:,
data:, any scheme but http and https), each with an error naming its row; the rest import."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from organizations.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

BAD_WEBSITES = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://files.example.gov/",
    "//evil.example/",
    "not a url",
    "https://" + "a" * 600 + ".example.gov/",  # longer than the field: refused, not cut
]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_organizations", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError:
        code = 1
    return code, out.getvalue(), err.getvalue()


def test_json_register_refuses_non_http_websites_row_by_row(tmp_path):
    entries = [{"name": f"Office {n}", "website": url} for n, url in enumerate(BAD_WEBSITES)]
    entries.append({"name": "Good Office", "website": "https://good.example.gov/about"})
    entries.append({"name": "Plain Office", "website": "http://plain.example.gov"})
    entries.append({"name": "No Site Office", "website": ""})
    path = tmp_path / "orgs.json"
    path.write_text(json.dumps(entries))

    code, out, err = run(path)

    assert code == 1
    assert f"3 created, 0 updated, 0 unchanged, {len(BAD_WEBSITES)} failed" in out
    for n in range(len(BAD_WEBSITES)):
        assert f"orgs.json:entry {n + 1}: website " in err
    assert "http or https" in err
    assert set(Organization.objects.values_list("website", flat=True)) == {
        "https://good.example.gov/about",
        "http://plain.example.gov",
        "",
    }


def test_csv_register_row_with_a_javascript_website_changes_nothing(tmp_path):
    OrganizationFactory(name="Port Authority", slug="port-authority", website="https://port.gov")
    path = tmp_path / "orgs.csv"
    path.write_text(
        "name,slug,website\n"
        "Port Authority,port-authority,javascript:alert(1)\n"
        "Harbor Board,harbor-board,https://harbor.example.gov\n"
    )

    code, out, err = run(path)

    assert code == 1 and "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert "orgs.csv:2: website 'javascript:alert(1)'" in err
    assert Organization.objects.get(slug="port-authority").website == "https://port.gov"
