"""Reading register files (organizations, people) in CSV or JSON, with line numbers.

Shared by organizations.importers and people.importers; no queries here (`run` only opens the
transaction a dry run rolls back).
"""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction


@dataclass
class Row:
    data: dict
    where: str  # "file:line" (CSV) or "file:entry N" (JSON)


@dataclass
class RegisterReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return self.failed == 0

    def summary(self):
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )


class RegisterFileError(ValueError):
    pass


LIST_SEPARATORS = (";", "|")


def split_list(value) -> list[str]:
    """Aliases in CSV are separated by ; or |. JSON gives lists already."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    for separator in LIST_SEPARATORS:
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text.strip()] if text.strip() else []


# The rule of the admin's URL field, with the schemes a reader's browser may follow.
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])


def web_address(value, *, max_length: int) -> str:
    """A website from a register file: empty, or an http(s) address the admin would accept.
    Anything else (javascript:, data:, ftp:, no scheme, too long) raises ValueError, which
    fails that row."""
    text = str(value or "").strip()
    if not text:
        return ""
    if len(text) > max_length:
        raise ValueError(f"website {text[:60]!r}… is longer than {max_length} characters")
    try:
        _WEB_ADDRESS(text)
    except ValidationError:
        raise ValueError(f"website {text!r} is not an http or https address") from None
    return text


def run(import_rows, rows: list[Row], *, dry_run: bool) -> RegisterReport:
    """`import_rows(rows)`; a dry run is the same import rolled back, so that its counts and
    warnings are the real run's."""
    if not dry_run:
        return import_rows(rows)
    with transaction.atomic():
        report = import_rows(rows)
        transaction.set_rollback(True)
    return report


def read_rows(path: str, list_key: str) -> list[Row]:
    """Rows of a CSV (header row first) or JSON file (a list, or {list_key: [...]})."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise RegisterFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise RegisterFileError(f"{path}: file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if source.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise RegisterFileError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
        if isinstance(data, dict):
            data = data.get(list_key)
        if not isinstance(data, list):
            raise RegisterFileError(
                f"{path}: expected a list of {list_key} or {{{list_key!r}: [...]}}"
            )
        return [Row(item, f"{path}:entry {n}") for n, item in enumerate(data, start=1)]
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise RegisterFileError(f"{path}:1: a CSV register needs a header row with a name column")
    rows, started = [], 2
    for item in reader:
        clean = {
            (k or "").strip().lower(): (v.strip() if isinstance(v, str) else v)
            for k, v in item.items()
        }
        if any("\n" in str(clean.get(key) or "") for key in ("name", "slug", "acronym")):
            # A description may run over lines; a name never does: a quote was left open,
            # and everything after it would be read as one name.
            raise RegisterFileError(
                f"{path}:{started}: a name runs over several lines; is a quote left open?"
            )
        rows.append(Row(clean, f"{path}:{reader.line_num}"))
        started = reader.line_num + 1
    return rows


def report_to_command(command, report: RegisterReport, *, dry_run: bool = False):
    """Print a register import's warnings, failures and summary the way commands do."""
    from django.core.management.base import CommandError

    verbosity = getattr(command, "verbosity", 1)
    if verbosity:
        for warning in report.warnings:
            command.stderr.write(command.style.WARNING(f"warning: {warning}"))
    for failure in report.failures:
        command.stderr.write(command.style.ERROR(f"error: {failure}"))
    if verbosity:
        style = command.style.SUCCESS if report.ok else command.style.ERROR
        prefix = "Dry run, nothing written: " if dry_run else ""
        command.stdout.write(style(prefix + report.summary()))
    if not report.ok:
        raise CommandError(f"{report.failed} entries failed")
