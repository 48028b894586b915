"""How candour/api is put together: handlers read through selectors (no ``.objects``), the files
import one way (no cycles), imports sit at the top of the module, and the one ``NinjaAPI`` is
made in ``candour/api/api.py``."""

from __future__ import annotations

import ast
from pathlib import Path

from ninja import Schema

API = Path(__file__).resolve().parent.parent
MODULES = sorted(API.glob("*.py"))
EVERY_FILE = sorted(API.rglob("*.py"))


def _name(path: Path) -> str:
    return "candour.api." + path.stem


def test_handlers_read_through_selectors() -> None:
    found = [f"{path.name}:{number}" for path in MODULES
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if ".objects" in line]
    assert not found, f"Model managers in candour/api (read through a selector instead): {found}"


def test_no_import_cycles_between_files() -> None:
    imports: dict[str, set[str]] = {}
    for path in MODULES:
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "candour.api":
                names.update(f"candour.api.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("candour.api."):
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names if alias.name.startswith("candour.api."))
        imports[_name(path)] = names

    def cycle_from(module: str, trail: list[str]) -> list[str] | None:
        if module in trail:
            return [*trail[trail.index(module):], module]
        for imported in sorted(imports.get(module, ())):
            found = cycle_from(imported, [*trail, module])
            if found:
                return found
        return None

    cycles = [" -> ".join(c) for module in imports if (c := cycle_from(module, []))]
    assert not cycles, f"Files in candour/api that import each other: {cycles}"


def test_imports_are_at_the_top_unless_a_comment_says_why() -> None:
    hidden = []
    for path in EVERY_FILE:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    said_why = "#" in lines[node.lineno - 1] or lines[node.lineno - 2].strip().startswith("#")
                    if not said_why:
                        hidden.append(f"{path.relative_to(API)}:{node.lineno}")
    assert not hidden, f"Imports inside functions with no comment saying why: {hidden}"


def test_one_api_made_in_one_place() -> None:
    made = [f"{path.name}:{node.lineno}" for path in MODULES
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("NinjaAPI", "CandourAPI")]
    assert [m.split(":")[0] for m in made] == ["api.py"], f"NinjaAPI instances: {made}"


def test_no_two_schemas_share_a_name() -> None:
    """The OpenAPI document keeps one schema per name: a second ``ReviewOut`` once documented the
    complainant reviews of ``/cases/{reference}/proceedings`` with the vetting review's fields."""
    def subclasses(cls: type) -> list[type]:
        found: list[type] = []
        children: list[type] = cls.__subclasses__()
        for child in children:
            found += [child, *subclasses(child)]
        return found

    import candour.api.api  # noqa: F401  (lazy: every router's schemas defined)

    ours = [c for c in subclasses(Schema) if c.__module__.startswith("candour.api")]
    names = [c.__name__ for c in ours]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
