"""The generator alone: deterministic, consistent with the lifecycle and the DB constraints."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date

import pytest

from candour.domain import taxonomy
from candour.domain.lifecycle import TRANSITIONS, CaseState
from candour.synth.forces import ForceSpec
from candour.synth.generate import FIELDS, TABLES, ForceGenerator, Row
from candour.synth.metrics import collect

END = date(2025, 3, 31)
SPEC = ForceSpec(code="GEN", name="Generated Constabulary", officers=600)


def generate(seed: int = 1, spec: ForceSpec = SPEC, years: int = 4) -> dict[str, list[Row]]:
    generator = ForceGenerator(spec=spec, seed=seed, years=years, end_date=END, force_id=1,
                               id_bases=dict.fromkeys(TABLES, 1))
    return collect(generator.rows(chunk_cases=500))


def digest(rows: dict[str, list[Row]]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


@pytest.fixture(scope="module")
def rows() -> dict[str, list[Row]]:
    return generate()


def col(table: str, name: str) -> int:
    return FIELDS[table].index(name)


def test_same_seed_gives_identical_rows(rows: dict[str, list[Row]]) -> None:
    assert digest(generate()) == digest(rows)


def test_another_seed_gives_other_rows(rows: dict[str, list[Row]]) -> None:
    assert digest(generate(seed=2)) != digest(rows)


def test_rows_match_their_field_lists(rows: dict[str, list[Row]]) -> None:
    for table, table_rows in rows.items():
        assert table_rows, table
        assert {len(r) for r in table_rows} == {len(FIELDS[table])}, table


def test_closed_cases_have_a_closing_date_after_receipt(rows: dict[str, list[Row]]) -> None:
    state, received, closed = (col("case", n) for n in ("state", "received_on", "closed_on"))
    for r in rows["case"]:
        if r[state] in {"closed", "withdrawn"}:
            assert r[closed] is not None and str(r[closed]) >= str(r[received]), r
        else:
            assert r[closed] is None, r


def test_outcomes_have_dates_and_subjects_one_person(rows: dict[str, list[Row]]) -> None:
    officer, staff, outcome, outcome_on = (col("subject", n) for n in (
        "officer_id", "staff_member_id", "outcome", "outcome_on"))
    for r in rows["subject"]:
        assert (r[officer] is None) != (r[staff] is None)
        assert bool(r[outcome]) == (r[outcome_on] is not None)


def test_state_histories_follow_the_lifecycle(rows: dict[str, list[Row]]) -> None:
    by_label = {s.label: s for s in CaseState}
    histories: dict[object, list[tuple[str, CaseState]]] = {}
    case_i, kind, title, at = (col("timeline", n) for n in ("case_id", "kind", "title",
                                                             "occurred_at"))
    for r in rows["timeline"]:
        if r[kind] == "state":
            histories.setdefault(r[case_i], []).append((str(r[at]), by_label[str(r[title])]))
    states = {r[0]: r[col("case", "state")] for r in rows["case"]}
    for case_id, history in histories.items():
        current = CaseState.LOGGED
        for _, target in sorted(history, key=lambda h: h[0]):
            assert any(current in t.source and t.target == target for t in TRANSITIONS), (
                case_id, current, target)
            current = target
        assert current.value == states[case_id]


def test_references_are_consecutive_per_year(rows: dict[str, list[Row]]) -> None:
    refs = [str(r[col("case", "reference")]) for r in rows["case"]]
    assert len(set(refs)) == len(refs)
    per_year = Counter(ref.split("-")[1] for ref in refs)
    for year, count in per_year.items():
        numbers = sorted(int(ref.split("-")[2]) for ref in refs if ref.split("-")[1] == year)
        assert numbers == list(range(1, count + 1))


def test_workforce_is_consistent(rows: dict[str, list[Row]]) -> None:
    warrant = col("officer", "warrant_number")
    assert len({r[warrant] for r in rows["officer"]}) == len(rows["officer"])
    for table in ("officer", "staff"):
        joined, left, status = (col(table, n) for n in ("joined_on", "left_on", "status"))
        for r in rows[table]:
            assert r[left] is None or str(r[left]) >= str(r[joined])
            assert (r[left] is None) == (r[status] in {"serving", "suspended"}), r
    assert len(rows["pc"]) == len(rows["officer"]) + len(rows["staff"])


def test_allegations_use_the_taxonomy(rows: dict[str, list[Row]]) -> None:
    cat, sub, disc, std = (col("allegation", n) for n in (
        "category", "subcategory", "discrimination", "standards"))
    for r in rows["allegation"]:
        category = taxonomy.CATEGORIES_BY_CODE[str(r[cat])]
        assert not r[sub] or r[sub] in dict(category.subcategories)
        assert set(json.loads(str(r[std]))) <= set(taxonomy.STANDARD_LABELS)
        assert set(json.loads(str(r[disc]))) <= set(dict(taxonomy.PROTECTED_CHARACTERISTICS))


def test_people_and_contacts_are_obviously_synthetic(rows: dict[str, list[Row]]) -> None:
    email, phone, postcode = (col("mop", n) for n in ("email", "phone", "postcode"))
    for r in rows["mop"]:
        assert not r[email] or str(r[email]).endswith("@example.com")
        assert not r[phone] or str(r[phone]).startswith("07700 900")
        assert str(r[postcode]).startswith("ZZ99 ")


def test_old_cases_are_mostly_closed(rows: dict[str, list[Row]]) -> None:
    state, received = col("case", "state"), col("case", "received_on")
    old = [r for r in rows["case"] if str(r[received]) < "2022-01-01"]
    assert old
    assert sum(r[state] in {"closed", "withdrawn"} for r in old) / len(old) > 0.97
