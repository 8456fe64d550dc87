import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from newsroom.text import normalize_name
from organizations.models import OrganizationAlias
from tests.factories import OrganizationAliasFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_normalised_text_ignores_case_accents_and_periods():
    assert normalize_name("U.S. Department of State") == normalize_name("US department of  state")
    assert normalize_name("Arévalo") == "arevalo"
    assert normalize_name("Sherwood-Randall") == "sherwood randall"


def test_alias_is_unique_per_normalised_text_across_organizations():
    OrganizationAliasFactory(name="State Department")
    other = OrganizationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationAlias.objects.create(organization=other, name="state  department.")


def test_alias_clash_is_a_form_error_not_a_crash():
    first = OrganizationAliasFactory(name="Border Agency")
    clash = OrganizationAlias(organization=OrganizationFactory(), name="BORDER agency")
    with pytest.raises(ValidationError) as info:
        clash.full_clean()
    assert first.organization.name in str(info.value)
