"""Upserting organizations from CSV or JSON registers; parents may come in any order."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from newsroom.registers import RegisterReport, Row, read_rows, run, split_list, web_address
from newsroom.text import normalize_name

from .models import Organization, OrganizationAlias

KINDS = set(Organization.Kind.values)
FIELDS = ("name", "acronym", "kind", "description", "website", "titles")


def import_organizations(path: str, *, dry_run: bool = False) -> RegisterReport:
    """Create or update each organization (matched by external id, then slug), then its
    parent. A failed row changes nothing and the others still import."""
    return run(_import_rows, read_rows(path, "organizations"), dry_run=dry_run)


def _import_rows(rows) -> RegisterReport:
    report = RegisterReport()
    parents: list[tuple[Row, int, str]] = []
    for row in rows:
        try:
            values = _values(row.data)
        except ValueError as exc:
            report.failed += 1
            report.failures.append(f"{row.where}: {exc}")
            continue
        try:
            with transaction.atomic():
                org, outcome = _upsert(values, row, report)
        except IntegrityError as exc:
            report.failed += 1
            report.failures.append(f"{row.where}: not stored: {exc}")
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
        if values["parent"] is not None:
            parents.append((row, org.pk, values["parent"]))

    # Second pass: every organization of the file exists now, whatever its order.
    index = RegisterIndex() if parents else None
    for row, pk, parent_ref in parents:
        parent_id = index.find(parent_ref) if parent_ref else None
        if parent_ref and parent_id is None:
            report.warnings.append(f"{row.where}: parent {parent_ref!r} is not in the register")
            continue
        if parent_id == pk or _would_cycle(pk, parent_id):
            report.warnings.append(f"{row.where}: parent {parent_ref!r} would make a cycle")
            continue
        Organization.objects.filter(pk=pk).exclude(parent_id=parent_id).update(parent_id=parent_id)
    return report


def _values(data: dict) -> dict:
    if not isinstance(data, dict):
        raise ValueError("each entry must be an object")
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValueError("name is required")
    kind = str(data.get("kind") or "agency").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(sorted(KINDS))}, not {kind!r}")
    slug = str(data.get("slug") or "").strip() or slugify(name)
    if slugify(slug) != slug.lower() or not slug:
        raise ValueError(f"slug {slug!r} is not a valid slug")
    parent = data.get("parent")
    return {
        "name": name[:255],
        "slug": slug[:255],
        "acronym": str(data.get("acronym") or "").strip()[:32],
        "kind": kind,
        "description": str(data.get("description") or "").strip(),
        "website": web_address(data.get("website"), max_length=500),
        "titles": split_list(data.get("titles")),
        "aliases": split_list(data.get("aliases")) if "aliases" in data else None,
        "external_id": str(data.get("external_id") or data.get("id") or "").strip()[:255],
        "parent": None if parent is None and "parent" not in data else str(parent or "").strip(),
    }


def _upsert(values: dict, row: Row, report: RegisterReport):
    org = None
    if values["external_id"]:
        org = Organization.objects.filter(external_id=values["external_id"]).first()
    if org is None:
        org = Organization.objects.filter(slug=values["slug"]).first()
    outcome = "updated"
    if org is None:
        org = Organization(slug=values["slug"], external_id=values["external_id"])
        outcome = "created"
    changed = outcome == "created"
    for name in FIELDS:
        if getattr(org, name) != values[name]:
            setattr(org, name, values[name])
            changed = True
    if values["external_id"] and org.external_id != values["external_id"]:
        org.external_id = values["external_id"]
        changed = True
    if changed:
        org.save()
    if values["aliases"] is not None and _sync_aliases(org, values["aliases"], row, report):
        changed = True
    if not changed:
        outcome = "unchanged"
    return org, outcome


def _sync_aliases(org, names, row, report) -> bool:
    """Add the file's aliases; an alias taken by another organization is a warning."""
    have = set(org.aliases.values_list("normalized", flat=True))
    added = False
    for name in names:
        normalized = normalize_name(name)
        if not normalized or normalized in have:
            continue
        owner = OrganizationAlias.objects.filter(normalized=normalized).first()
        if owner:
            report.warnings.append(
                f"{row.where}: alias {name!r} already belongs to another organization "
                f"(id {owner.organization_id})"
            )
            continue
        OrganizationAlias.objects.create(organization=org, name=name[:255])
        have.add(normalized)
        added = True
    return added


class RegisterIndex:
    """Organizations by slug, external id, acronym, normalised name and alias: read once."""

    def __init__(self):
        self.exact: dict[str, int] = {}
        self.names: dict[str, int] = {}
        rows = Organization.objects.values_list("pk", "slug", "external_id", "acronym", "name")
        for pk, slug, external_id, acronym, name in rows:
            self.names.setdefault(normalize_name(name), pk)
            for key in (slug, external_id, acronym):
                if key:
                    self.exact.setdefault(key, pk)
        aliases = OrganizationAlias.objects.values_list("normalized", "organization_id")
        for normalized, pk in aliases:
            self.names.setdefault(normalized, pk)

    def find(self, reference: str) -> int | None:
        return self.exact.get(reference) or self.names.get(normalize_name(reference))


def _would_cycle(pk: int, parent_id: int | None) -> bool:
    seen = {pk}
    while parent_id is not None:
        if parent_id in seen:
            return True
        seen.add(parent_id)
        parent_id = (
            Organization.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        )
    return False
