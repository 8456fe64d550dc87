import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from organizations.models import Organization
from people.models import Affiliation, Person

pytestmark = pytest.mark.django_db


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)


ORGS_CSV = """name,slug,acronym,aliases,kind,parent,website
Example Border Office,example-border-office,EBO,Border Office;The Border Office,agency,dept-of-examples,https://ebo.example.gov
Department of Examples,dept-of-examples,DOX,Examples Department,department,,https://dox.example.gov
Field Unit of the Border Office,,,,agency,EBO,
"""


def test_organizations_csv_upserts_with_parents_in_any_order(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(ORGS_CSV)

    code, out, _ = run("import_organizations", path)

    assert code == 0 and "3 created" in out
    office = Organization.objects.get(slug="example-border-office")
    assert office.parent.slug == "dept-of-examples"
    assert sorted(office.aliases.values_list("name", flat=True)) == [
        "Border Office",
        "The Border Office",
    ]
    assert Organization.objects.get(slug="field-unit-of-the-border-office").parent == office

    code, out, _ = run("import_organizations", path)
    assert "0 created, 0 updated, 3 unchanged" in out
    assert Organization.objects.count() == 3


def test_organizations_json_reports_bad_entries_and_keeps_the_rest(tmp_path):
    path = tmp_path / "orgs.json"
    path.write_text(
        json.dumps(
            {
                "organizations": [
                    {"name": "Good Office", "kind": "agency"},
                    {"name": "", "kind": "agency"},
                    {"name": "Odd Office", "kind": "spaceship"},
                ]
            }
        )
    )
    code, out, err = run("import_organizations", path)
    assert code == 1
    assert f"{path}:entry 2: name is required" in err
    assert f"{path}:entry 3: kind must be one of" in err
    assert list(Organization.objects.values_list("name", flat=True)) == ["Good Office"]


def test_unreadable_register_is_one_clear_line(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    code, _, err = run("import_organizations", empty)
    assert code == 1 and "file is empty" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"organizations": [')
    code, _, err = run("import_organizations", broken)
    assert code == 1 and f"{broken}:1: not valid JSON" in err


def test_a_quote_left_open_in_a_csv_register_is_one_clear_line_and_writes_nothing(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        'name,acronym,description\nHarbor Office,HBO,"Runs the port,\nand the docks"\n'
        '"Unclosed Office,UCO,\nNext Office,NXO,\n',
        encoding="utf-8",
    )
    code, _, err = run("import_organizations", path)
    assert code == 1
    assert f"{path}:4: a name runs over several lines; is a quote left open?" in err
    assert not Organization.objects.exists()


def test_people_csv_with_roles(tmp_path):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(ORGS_CSV)
    run("import_organizations", orgs)
    people = tmp_path / "people.csv"
    people.write_text(
        "name,aliases,title,organization,start,end\n"
        "Robin Sample,R. Sample,Commissioner,EBO,2022-03-01,\n"
        "Robin Sample,,Deputy Secretary,Department of Examples,2019-01-01,2022-02-28\n"
        "Nobody Known,,Clerk,Unknown Agency,,\n"
    )
    code, out, err = run("import_people", people)
    assert code == 1
    assert f"{people}:4: organization 'Unknown Agency' is not in the register" in err
    robin = Person.objects.get(slug="robin-sample")
    assert robin.sort_name == "Sample, Robin"
    roles = Affiliation.objects.filter(person=robin).order_by("start_date")
    assert [(r.title, r.organization.acronym, r.is_current) for r in roles] == [
        ("Deputy Secretary", "DOX", False),
        ("Commissioner", "EBO", True),
    ]
    assert list(robin.aliases.values_list("name", flat=True)) == ["R. Sample"]


def test_a_namesake_with_another_id_is_another_person(tmp_path):
    """A register row whose name is a stored person's, but whose id is not theirs, is not an
    update of that person: it is stored beside them, and the import says so."""
    stored = Person.objects.create(
        name="Dana Whitfield", slug="dana-whitfield", external_id="cbp-17", bio="Deputy chief."
    )
    path = tmp_path / "people.csv"
    path.write_text("id,name,bio\ncounty-4,Dana Whitfield,Press officer of the county.\n")
    code, _, err = run("import_people", path)
    assert code == 0, err
    assert "is not the register's Dana Whitfield (id cbp-17); stored as another person" in err
    stored.refresh_from_db()
    assert (stored.bio, stored.external_id) == ("Deputy chief.", "cbp-17")
    namesake = Person.objects.get(external_id="county-4")
    assert (namesake.slug, namesake.bio) == ("dana-whitfield-2", "Press officer of the county.")
    code, out, _ = run("import_people", path)
    assert "0 created, 0 updated, 1 unchanged" in out  # found by its id the second time


def test_a_dry_run_counts_and_warns_as_the_real_run_does_and_writes_nothing(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(ORGS_CSV + "Orphan Office,,,,agency,no-such-parent,\n")
    dry = run("import_organizations", path, "--dry-run")
    assert not Organization.objects.exists()
    real = run("import_organizations", path)
    assert dry[1].replace("Dry run, nothing written: ", "") == real[1]
    assert "parent 'no-such-parent' is not in the register" in dry[2]
    again = run("import_organizations", path, "--dry-run")
    assert "0 created, 0 updated, 4 unchanged" in again[1]
