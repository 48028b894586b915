"""docs/rules.md and docs/lifecycle.md must match the code they are generated from."""

from __future__ import annotations

from candour.domain import docs
from candour.domain.lifecycle import TRANSITIONS, CaseState
from candour.domain.rules import RULES


def test_generated_documents_are_up_to_date():
    for path, text in docs.documents().items():
        assert path.exists(), f"{path.name} missing: run python -m candour.domain.docs"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python -m candour.domain.docs")


def test_rules_doc_names_every_rule_with_status():
    text = docs.render_rules()
    for rule in RULES:
        assert f"| `{rule.id}` |" in text
        assert f"### `{rule.id}`" in text


def test_lifecycle_doc_names_every_state_and_transition():
    text = docs.render_lifecycle()
    for state in CaseState:
        assert f"`{state.value}`" in text
    for t in TRANSITIONS:
        assert f"| `{t.name}` |" in text
        for source in t.source:
            assert f"    {source.value} --> {t.target.value}: {t.name}" in text


def test_check_mode_passes_when_current():
    assert docs.main(["--check"]) == 0
