"""Where pages live, and what they may do: every page is in an area of candour/web/, reads
through the owning app's selectors (never ``Model.objects``), and imports at the top."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

WEB = Path(settings.BASE_DIR) / "candour" / "web"
CANDOUR = WEB.parent


def _modules() -> list[Path]:
    return sorted(p for p in WEB.rglob("*.py") if "tests" not in p.relative_to(WEB).parts)


def test_no_page_reads_the_orm_directly() -> None:
    """Views, forms and helpers read through selectors (``candour/<app>/selectors.py``)."""
    found = [f"{path.relative_to(CANDOUR)}:{n}" for path in _modules()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if ".objects" in line]
    assert found == []


def test_imports_inside_functions_say_why() -> None:
    """An import inside a function needs a comment on its line or the line above."""
    unexplained: set[str] = set()
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        here, above = lines[inner.lineno - 1], lines[inner.lineno - 2]
                        if "#" not in here and not above.strip().startswith("#"):
                            unexplained.add(f"{path.relative_to(CANDOUR)}:{inner.lineno}")
    assert sorted(unexplained) == []


def test_areas_do_not_import_each_other() -> None:
    """What two areas share lives at candour/web/ level (access, forms, pages, state_tags...);
    only candour/web/urls.py puts the areas together."""
    crossing = []
    for path in _modules():
        area = path.relative_to(WEB).parts[0]
        if area not in settings.WEB_AREAS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                parts = name.split(".")
                if parts[:2] == ["candour", "web"] and len(parts) > 2 and parts[2] in settings.WEB_AREAS \
                        and parts[2] != area:
                    crossing.append(f"{path.relative_to(CANDOUR)}: {name}")
    assert crossing == []


@pytest.mark.parametrize("area", settings.WEB_AREAS)
def test_each_area_has_its_views_urls_and_templates(area: str) -> None:
    folder = WEB / area
    assert (folder / "views.py").is_file() and (folder / "urls.py").is_file()
    templates = folder / "templates" / "web" / area
    assert templates.is_dir() and any(templates.glob("*.html"))


def test_areas_are_all_listed_in_the_template_dirs() -> None:
    """settings.WEB_AREAS (the template folders Django searches) names every area package."""
    packages = {p.parent.name for p in WEB.glob("*/views.py")}
    assert packages == set(settings.WEB_AREAS)


def test_no_pages_are_left_in_the_apps() -> None:
    left = [str(p.relative_to(CANDOUR)) for p in CANDOUR.glob("*/*.py")
            if p.parent.name != "web" and re.fullmatch(r"views(_\w+)?\.py|urls\.py|forms\.py", p.name)]
    left += [str(p.relative_to(CANDOUR)) for p in CANDOUR.glob("*/templates") if p.parent.name != "web"]
    left += [str(p.relative_to(CANDOUR)) for p in CANDOUR.glob("*/templatetags") if p.parent.name != "web"]
    assert not (CANDOUR / "templates").exists()
    assert left == []
