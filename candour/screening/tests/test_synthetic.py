"""The synthetic generator: deterministic, the sizes asked for, corruptions at their rates."""

from __future__ import annotations

import math
import random

import pytest

from candour.screening.names import clean_name
from candour.screening.synthetic import COLUMNS, HEAVY, NONE, Corruption, ExtractSpec, by_id, generate, typo


def test_same_seed_gives_identical_extracts(small_extracts):
    again = generate(workforce=2_000, intelligence=20_000, matches=400, seed=11)
    assert again.workforce.equals(small_extracts.workforce)
    assert again.intelligence.equals(small_extracts.intelligence)
    assert again.truth == small_extracts.truth


def test_another_seed_gives_other_extracts():
    one = generate(workforce=300, intelligence=3_000, matches=60, seed=1)
    two = generate(workforce=300, intelligence=3_000, matches=60, seed=2)
    assert not one.workforce.equals(two.workforce)
    assert one.truth != two.truth


def test_sizes_columns_and_truth(small_extracts):
    e = small_extracts
    assert e.workforce.num_rows == 2_000 and e.intelligence.num_rows == 20_000
    assert tuple(e.workforce.column_names) == COLUMNS == tuple(e.intelligence.column_names)
    assert len(e.truth) == 400
    assert len({w for w, _ in e.truth}) == 400 and len({x for _, x in e.truth}) == 400
    ids = set(e.intelligence.column("record_id").to_pylist())
    assert len(ids) == 20_000 and {x for _, x in e.truth} <= ids


def test_an_uncorrupted_copy_is_the_same_person():
    e = generate(workforce=200, intelligence=2_000, matches=50, seed=4, corruption=NONE)
    workforce, extract = by_id(e.workforce), by_id(e.intelligence)
    for workforce_id, extract_id in e.truth:
        w, x = workforce[workforce_id], extract[extract_id]
        assert clean_name(w["first_name"]) == clean_name(x["first_name"])
        assert clean_name(w["surname"]) == clean_name(x["surname"])
        assert w["date_of_birth"] == x["date_of_birth"]
        assert w["postcode"] == x["postcode"]
    assert e.applied == {}


def test_match_positions_reveal_nothing(small_extracts):
    # Extract ids are shuffled: the true matches are spread over the whole range.
    positions = sorted(int(x[1:]) for _, x in small_extracts.truth)
    assert positions[0] < 2_000 and positions[-1] > 18_000


@pytest.fixture(scope="module")
def many_copies():
    """Every workforce member copied into the extract: 4,000 corrupted copies to count."""
    return generate(workforce=4_000, intelligence=6_000, matches=4_000, relatives=0.0, seed=3)


@pytest.mark.parametrize("name", sorted(set(Corruption.__dataclass_fields__) - {"moved_locally"}))
def test_each_corruption_happens_at_its_configured_rate(many_copies, name):
    rate = getattr(HEAVY, name)
    eligible = many_copies.eligible[name]
    applied = many_copies.applied.get(name, 0)
    assert eligible >= 50, f"{name}: too few eligible records to test"
    # Within four standard deviations of the binomial expectation.
    spread = 4 * math.sqrt(eligible * rate * (1 - rate))
    assert abs(applied - eligible * rate) <= spread, (name, applied, eligible, rate)


def test_heavy_corruption_shows_in_the_records(small_extracts):
    e = small_extracts
    differ = {"first_name": 0, "surname": 0, "date_of_birth": 0, "postcode": 0}
    workforce, extract = by_id(e.workforce), by_id(e.intelligence)
    for workforce_id, extract_id in e.truth:
        w, x = workforce[workforce_id], extract[extract_id]
        for column in differ:
            a, b = w[column], x[column]
            same = clean_name(a) == clean_name(b) if column in ("first_name", "surname") else a == b
            differ[column] += not same
    share = {k: v / len(e.truth) for k, v in differ.items()}
    # Expected about 39%, 27%, 9% and 36%: nicknames, typos, initials, swaps and missing names;
    # transposed, shifted or missing dates; moves, postcode typos and missing addresses.
    assert 0.30 < share["first_name"] < 0.50
    assert 0.20 < share["surname"] < 0.35
    assert 0.04 < share["date_of_birth"] < 0.15
    assert 0.28 < share["postcode"] < 0.45


def test_household_members_share_the_address_but_not_the_person():
    e = generate(workforce=500, intelligence=5_000, matches=0, relatives=0.05, seed=9)
    addresses = {(r["postcode"], r["address"]) for r in e.workforce.to_pylist()}
    people = {(clean_name(r["first_name"]), r["date_of_birth"]) for r in e.workforce.to_pylist()}
    shared = [r for r in e.intelligence.to_pylist() if (r["postcode"], (r["address"] or "").title()) in addresses]
    assert len(shared) >= 250
    assert not any((clean_name(r["first_name"]), r["date_of_birth"]) in people for r in shared)


def test_typo_is_one_keystroke():
    rng = random.Random(5)
    for word in ("Margaret", "Smith", "Ng", "Oakley"):
        changed = typo(rng, word)
        assert changed != word and abs(len(changed) - len(word)) <= 1


def test_impossible_specs_are_refused():
    with pytest.raises(ValueError, match="matches"):
        ExtractSpec(workforce=10, intelligence=100, matches=11)
    with pytest.raises(ValueError, match="too small"):
        ExtractSpec(workforce=100, intelligence=100, matches=90, relatives=0.5)
