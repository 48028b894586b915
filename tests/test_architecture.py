"""The architecture holds as code: the layers and no-cycles contracts in pyproject.toml (checked
by lint-imports in `make lint`), and no import hidden inside a function without a reason.

These tests prove the contracts can fail: each copies the package, adds one import that breaks
a rule, and runs lint-imports on the copy.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_copy_with(tmp_path: Path, module: str, source: str) -> subprocess.CompletedProcess[str]:
    """lint-imports on a copy of candour/ with ``module`` (a path under candour/) added."""
    shutil.copytree(ROOT / "candour", tmp_path / "candour",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "templates", "*.html", "*.mo", "*.po"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "candour" / module).write_text(source)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          timeout=170)


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is not installed in this environment")
def test_a_lower_layer_importing_a_higher_one_breaks_the_layers_contract(tmp_path: Path) -> None:
    run = _lint_copy_with(tmp_path, "people/_back_up.py", "from candour.cases.models import Case  # noqa\n")
    assert run.returncode != 0, run.stdout
    assert "candour.people is not allowed to import candour.cases" in run.stdout
    assert "candour.people._back_up -> candour.cases.models" in run.stdout


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is not installed in this environment")
def test_two_modules_importing_each_other_break_the_cycles_contract(tmp_path: Path) -> None:
    # cases.selectors is imported by cases.transitions; importing it back closes a loop.
    run = _lint_copy_with(tmp_path, "cases/_loop.py",
                          "import candour.cases.transitions  # noqa\n")
    assert run.returncode == 0, run.stdout  # one way is fine
    (tmp_path / "candour" / "cases" / "selectors.py").write_text(
        (ROOT / "candour" / "cases" / "selectors.py").read_text() + "\nimport candour.cases._loop  # noqa\n")
    run = subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
                         timeout=170)
    assert run.returncode != 0, run.stdout
    assert "No cycles are allowed in candour.cases" in run.stdout


def _function_level_imports(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text().splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    line = lines[inner.lineno - 1]
                    above = lines[inner.lineno - 2].strip() if inner.lineno > 1 else ""
                    if "#" not in line and not above.startswith("#"):
                        found.append((inner.lineno, line.strip()))
    return found


def test_imports_inside_functions_say_why() -> None:
    """An import inside a function is kept only to start fast or to load an optional part, and
    then a comment on it (or just above) says so; an import that dodged a cycle belongs at the
    top, where the contracts see it."""
    offenders = [f"{path.relative_to(ROOT)}:{lineno}: {line}"
                 for path in sorted((ROOT / "candour").rglob("*.py"))
                 if "tests" not in path.parts and "migrations" not in path.parts
                 for lineno, line in _function_level_imports(path)]
    assert offenders == []
