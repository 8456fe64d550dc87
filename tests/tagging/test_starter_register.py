"""The starter register loads cleanly and covers the beat."""

import io

import pytest
from django.core.management import call_command

from organizations.models import Organization
from tagging.register import build_register

pytestmark = pytest.mark.django_db


def test_load_starter_register_loads_every_family_without_warnings():
    out, err = io.StringIO(), io.StringIO()
    call_command("load_starter_register", stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert Organization.objects.count() >= 800
    courts = Organization.objects.filter(name__startswith="U.S. District Court for the")
    assert courts.count() == 94
    assert (
        Organization.objects.filter(name__startswith="U.S. Court of Appeals for the").count() >= 13
    )
    offices = Organization.objects.filter(name__startswith="U.S. Attorney's Office for the")
    assert offices.count() >= 93
    assert {o.parent.name for o in offices} == {"U.S. Department of Justice"}
    judiciary = Organization.objects.get(name="U.S. Senate Committee on the Judiciary")
    assert judiciary.parent.name == "U.S. Senate"

    again = io.StringIO()
    call_command("load_starter_register", stdout=again, stderr=err)
    assert "0 created" in again.getvalue()


def test_short_forms_reach_the_engine_as_short_forms_not_titles():
    call_command("load_starter_register", stdout=io.StringIO(), stderr=io.StringIO())
    register = build_register()
    result = register.tag(body="The Senate passed the bill on Tuesday; the Army will train crews.")
    assert {m.name for m in result.mentions} >= {"U.S. Senate", "U.S. Army"}
    result = register.tag(body="The Texas Senate passed the bill; the Mexican Army sent troops.")
    assert not {m.name for m in result.mentions} & {"U.S. Senate", "U.S. Army"}
