"""The tagging engine is a pure package: none of its modules imports Django or a project app."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "tagging" / "engine"
PROJECT_PACKAGES = {
    p.name for p in ENGINE.parents[1].iterdir() if p.is_dir() and (p / "__init__.py").exists()
}


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_engine_package_imports_neither_django_nor_project_apps():
    modules = sorted(ENGINE.glob("*.py"))
    assert {"register.py", "resolution.py", "discovery.py", "text.py"} <= {m.name for m in modules}
    assert {"articles", "organizations", "people", "newsroom"} <= PROJECT_PACKAGES
    for module in modules:
        for name in imported_modules(module):
            top = name.split(".")[0]
            assert top != "django", f"{module.name} imports {name}"
            assert top not in PROJECT_PACKAGES, f"{module.name} imports {name}"


def test_registers_import_nothing_from_the_reader_extras():
    """Organizations and people are the newsroom's register: feeds, sitemaps, the API and
    SEO (`syndication/`) read from them, never the other way round."""
    root = ENGINE.parents[1]
    assert "syndication" in PROJECT_PACKAGES
    for app in ("organizations", "people"):
        for module in (root / app).rglob("*.py"):
            for name in imported_modules(module):
                assert name.split(".")[0] != "syndication", f"{module} imports {name}"
