"""Aliases stored under the older normaliser are keyed again by the data migration."""

import importlib

import pytest
from django.apps import apps

from newsroom.text import normalize_name
from organizations.models import OrganizationAlias
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_stale_alias_keys_are_recomputed_and_duplicates_dropped():
    org = OrganizationFactory()
    first = OrganizationAlias.objects.create(organization=org, name="Dept. of Example Works")
    second = OrganizationAlias.objects.create(organization=org, name="Office of Sample Things")
    OrganizationAlias.objects.filter(pk=first.pk).update(normalized="stale key")
    # A second spelling of the first that now shares its key, stored under an old one.
    OrganizationAlias.objects.filter(pk=second.pk).update(
        name="Dept of Example Works", normalized="older key"
    )
    migration = importlib.import_module("organizations.migrations.0007_renormalize_aliases")
    migration.renormalize(apps, None)
    kept = list(OrganizationAlias.objects.values_list("name", "normalized"))
    assert kept == [("Dept. of Example Works", normalize_name("Dept. of Example Works"))]
