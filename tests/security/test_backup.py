import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def test_backup_and_restore_keep_the_export_and_the_pages_identical():
    """scripts/backup_check.py on the engine under test (SQLite's backup API, or pg_dump and
    pg_restore): the export and a crawl of the reader pages match before and after."""
    engine = "postgres" if connection.vendor == "postgresql" else "sqlite"
    result = subprocess.run(
        [sys.executable, "scripts/backup_check.py", "--engine", engine],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "export identical: True; crawl identical: True" in result.stdout
