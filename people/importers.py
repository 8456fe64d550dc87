"""Upserting people and their roles from CSV or JSON registers."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_date
from django.utils.text import slugify

from newsroom.registers import RegisterReport, read_rows, run, split_list
from newsroom.text import normalize_name
from organizations.importers import RegisterIndex

from .models import Affiliation, Person, PersonAlias


def import_people(path: str, *, dry_run: bool = False) -> RegisterReport:
    """Create or update each person (matched by external id, then slug) with aliases and
    roles. A CSV row carries one role (title, organization, start, end); several rows for
    one person add several roles. Organizations are found by slug, acronym, name or alias."""
    return run(_import_rows, read_rows(path, "people"), dry_run=dry_run)


def _import_rows(rows) -> RegisterReport:
    report = RegisterReport()
    organizations = RegisterIndex()
    for row in rows:
        try:
            values = _values(row.data, organizations)
        except ValueError as exc:
            report.failed += 1
            report.failures.append(f"{row.where}: {exc}")
            continue
        try:
            with transaction.atomic():
                outcome = _upsert(values, row.where, report)
        except IntegrityError as exc:
            report.failed += 1
            report.failures.append(f"{row.where}: not stored: {exc}")
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _date(value, label) -> dt.date | None:
    if value in (None, ""):
        return None
    parsed = parse_date(str(value)) if str(value).count("-") == 2 else None
    if parsed is None:
        raise ValueError(f"{label} {value!r} is not a date (YYYY-MM-DD)")
    return parsed


def _values(data, organizations: RegisterIndex) -> dict:
    if not isinstance(data, dict):
        raise ValueError("each entry must be an object")
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValueError("name is required")
    slug = str(data.get("slug") or "").strip() or slugify(name)
    if not slug or slugify(slug) != slug.lower():
        raise ValueError(f"slug {slug!r} is not a valid slug")
    roles = data.get("affiliations")
    if roles is None and (data.get("organization") or data.get("title")):
        roles = [{k: data.get(k) for k in ("organization", "title", "start", "end")}]
    affiliations = []
    for role in roles or []:
        if not isinstance(role, dict):
            raise ValueError("affiliations must be objects")
        reference = str(role.get("organization") or "").strip()
        organization_id = organizations.find(reference) if reference else None
        if organization_id is None:
            raise ValueError(f"organization {reference!r} is not in the register")
        start, end = _date(role.get("start"), "start"), _date(role.get("end"), "end")
        if start and end and end < start:
            raise ValueError(f"a role cannot end ({end}) before it starts ({start})")
        affiliations.append(
            {
                "organization_id": organization_id,
                "title": str(role.get("title") or "").strip()[:255],
                "start_date": start,
                "end_date": end,
            }
        )
    return {
        "name": name[:255],
        "slug": slug[:255],
        "sort_name": str(data.get("sort_name") or "").strip()[:255],
        "bio": str(data.get("bio") or "").strip(),
        "external_id": str(data.get("external_id") or data.get("id") or "").strip()[:255],
        "aliases": split_list(data.get("aliases")),
        "affiliations": affiliations,
    }


def _upsert(values, where: str, report: RegisterReport) -> str:
    person = None
    if values["external_id"]:
        person = Person.objects.filter(external_id=values["external_id"]).first()
    if person is None:
        person = Person.objects.filter(slug=values["slug"]).first()
        ids = (values["external_id"], person.external_id if person else "")
        if all(ids) and ids[0] != ids[1]:
            # Same name, another id: a namesake, never an update of the register's person.
            slug = _free_slug(values["slug"])
            report.warnings.append(
                f"{where}: {values['name']} (id {ids[0]}) is not the register's "
                f"{person.name} (id {ids[1]}); stored as another person, {slug}"
            )
            values, person = {**values, "slug": slug}, None
    outcome = "updated" if person else "created"
    person = person or Person(slug=values["slug"])
    changed = outcome == "created"
    for name in ("name", "bio", "external_id"):
        if values[name] and getattr(person, name) != values[name]:
            setattr(person, name, values[name])
            changed = True
    if values["sort_name"] and person.sort_name != values["sort_name"]:
        person.sort_name = values["sort_name"]
        changed = True
    if changed:
        person.save()

    have = set(PersonAlias.objects.filter(person=person).values_list("normalized", flat=True))
    for alias in values["aliases"]:
        if normalize_name(alias) and normalize_name(alias) not in have:
            PersonAlias.objects.create(person=person, name=alias[:255])
            have.add(normalize_name(alias))
            changed = True
    for role in values["affiliations"]:
        _, created = Affiliation.objects.update_or_create(
            person=person,
            organization_id=role["organization_id"],
            title=role["title"],
            defaults={"start_date": role["start_date"], "end_date": role["end_date"]},
        )
        changed = changed or created
    return outcome if changed else "unchanged"


def _free_slug(base: str) -> str:
    number = 2
    while Person.objects.filter(slug=f"{base}-{number}").exists():
        number += 1
    return f"{base}-{number}"
