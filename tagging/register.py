"""The register as the tagging engine sees it: built from the database in a few queries."""

from collections import defaultdict

from organizations.models import Organization, OrganizationAlias
from people.models import Affiliation, Person, PersonAlias

from .engine import Register, RegisterEntry
from .entities import ORGANIZATION, PERSON


def register_entries():
    """Every organization and person (suggested and rejected ones too, so that discovery
    recognises them instead of suggesting them again), with aliases and titles."""
    org_aliases = defaultdict(list)
    for org_id, name in OrganizationAlias.objects.values_list("organization_id", "name").iterator(
        chunk_size=10000
    ):
        org_aliases[org_id].append(name)
    for pk, name, acronym, titles, parent_id in Organization.objects.values_list(
        "pk", "name", "acronym", "titles", "parent_id"
    ).iterator(chunk_size=10000):
        yield RegisterEntry(
            kind=ORGANIZATION,
            key=pk,
            name=name,
            acronym=acronym,
            aliases=tuple(org_aliases.pop(pk, ())),
            titles=tuple(titles or ()),  # short forms among them: "short form: Senate"
            parent=parent_id,
        )
    person_aliases = defaultdict(list)
    for person_id, name in PersonAlias.objects.values_list("person_id", "name").iterator(
        chunk_size=10000
    ):
        person_aliases[person_id].append(name)
    person_titles = defaultdict(list)
    for person_id, title in (
        Affiliation.objects.filter(end_date__isnull=True)
        .exclude(title="")
        .values_list("person_id", "title")
        .iterator(chunk_size=10000)
    ):
        person_titles[person_id].append(title)
    for pk, name in Person.objects.values_list("pk", "name").iterator(chunk_size=10000):
        yield RegisterEntry(
            kind=PERSON,
            key=pk,
            name=name,
            aliases=tuple(person_aliases.pop(pk, ())),
            titles=tuple(person_titles.pop(pk, ())),
        )


def build_register() -> Register:
    return Register.build(register_entries())
