"""The domain package stays pure: no Django, no other candour app, no clock, no network."""

from __future__ import annotations

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[1]
FORBIDDEN_ROOTS = {"django", "ninja", "requests", "urllib3", "httpx", "socket"}
FORBIDDEN_CALLS = {"today", "now", "utcnow", "time"}
# Files owned by others in this package are checked too: the rule is the package's.
MODULES = sorted(p for p in DOMAIN.glob("*.py"))


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_django_network_or_other_candour_app():
    for path in MODULES:
        for name in _imports(ast.parse(path.read_text())):
            root = name.split(".")[0]
            assert root not in FORBIDDEN_ROOTS, f"{path.name} imports {name}"
            if root == "candour":
                assert name.startswith("candour.domain"), f"{path.name} imports {name}"


def test_no_module_reads_the_clock():
    for path in MODULES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and \
                    node.func.value.id in {"date", "datetime", "time"}:
                assert node.func.attr not in FORBIDDEN_CALLS, f"{path.name} reads the clock"


def test_holidays_package_only_in_the_generator():
    for path in MODULES:
        if path.name == "bank_holidays.py":
            continue
        assert "holidays" not in {n.split(".")[0] for n in _imports(ast.parse(path.read_text()))}
