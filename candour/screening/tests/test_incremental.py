"""Re-screening: only records whose content changed are linked again."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from candour.screening.screen import ScreenOptions, State, screen, usable_state
from candour.screening.tests.conftest import FAST_MODEL


def _pairs(table: pa.Table) -> dict[tuple[str, str], float]:
    rows = table.to_pylist()
    return {(r["workforce_id"], r["extract_id"]): r["match_weight"] for r in rows}


@pytest.fixture
def changed(screened, tmp_path):
    """A copy of the session's state, and the inputs with a few records changed."""
    state = tmp_path / "state"
    shutil.copytree(screened.state, state)
    workforce = screened.extracts.workforce.to_pylist()
    extract = screened.extracts.intelligence.to_pylist()
    truth = dict(screened.extracts.truth)
    # Two workforce members change surname; one of them has a true match in the extract.
    dirty_workforce = {next(iter(truth)), "W0000003"}
    for row in workforce:
        if row["record_id"] in dirty_workforce:
            row["surname"] = row["surname"] + "-Hale"
    # Three extract records disappear, one changes its postcode, and two are new: a clean
    # copy of a workforce member and an unrelated person.
    gone = {row["record_id"] for row in extract[:3]}
    extract = extract[3:]
    extract[10]["postcode"] = "ZZ9 9ZZ"
    dirty_extract = {extract[10]["record_id"], "XNEW0001", "XNEW0002"}
    person = next(r for r in workforce if r["record_id"] == "W0000100")
    extract.append({**person, "record_id": "XNEW0001"})
    extract.append({**person, "record_id": "XNEW0002", "first_name": "Quentin", "surname": "Vossberg",
                    "date_of_birth": "1901-01-01", "postcode": "ZZ1 1ZZ"})
    pq.write_table(pa.Table.from_pylist(workforce), tmp_path / "workforce.parquet")
    pq.write_table(pa.Table.from_pylist(extract), tmp_path / "extract.parquet")
    return tmp_path, state, gone, dirty_workforce | dirty_extract


def test_only_changed_records_are_relinked(screened, changed):
    directory, state, gone, dirty = changed
    out = directory / "again.parquet"
    result = screen(directory / "workforce.parquet", directory / "extract.parquet", out,
                    ScreenOptions(state=state, model=FAST_MODEL))
    assert result.mode == "incremental" and not result.trained
    assert (result.relinked_workforce, result.relinked_extract, result.removed_records) == (2, 3, 3)
    assert 0 < result.pairs_scored < screened.result.pairs_scored / 100

    before, after = _pairs(screened.candidates), _pairs(pq.read_table(out))
    assert ("W0000100", "XNEW0001") in after
    assert not any(x in gone for _, x in after)
    untouched = {k: v for k, v in before.items() if not {k[0], k[1]} & (dirty | gone)}
    # Every pair of unchanged records is kept exactly as it was scored; only pairs with a
    # changed record were scored again.
    assert {k: v for k, v in after.items() if not {k[0], k[1]} & dirty} == untouched


def test_incremental_equals_rescoring_everything_with_the_same_model(changed):
    directory, state, _, _ = changed
    screen(directory / "workforce.parquet", directory / "extract.parquet", directory / "incremental.parquet",
           ScreenOptions(state=state, model=FAST_MODEL))
    # The oracle: the same state with no record hashes, so every record counts as changed.
    oracle_state = directory / "oracle"
    shutil.copytree(state, oracle_state)
    records = pq.read_table(oracle_state / "records.parquet")
    pq.write_table(records.slice(0, 0), oracle_state / "records.parquet")
    everything = screen(directory / "workforce.parquet", directory / "extract.parquet", directory / "all.parquet",
                        ScreenOptions(state=oracle_state, model=FAST_MODEL))
    assert everything.mode == "incremental" and everything.relinked_extract == 20_000 - 3 + 2
    incremental, rescored = _pairs(pq.read_table(directory / "incremental.parquet")), \
        _pairs(pq.read_table(directory / "all.parquet"))
    assert incremental.keys() == rescored.keys()
    assert all(abs(incremental[k] - rescored[k]) < 1e-9 for k in rescored)


def test_nothing_changed_nothing_relinked(screened, tmp_path):
    state = tmp_path / "state"
    shutil.copytree(screened.state, state)
    result = screen(screened.workforce, screened.extract, tmp_path / "same.parquet",
                    ScreenOptions(state=state, model=FAST_MODEL))
    assert (result.relinked_workforce, result.relinked_extract, result.pairs_scored) == (0, 0, 0)
    assert pq.read_table(tmp_path / "same.parquet").equals(screened.candidates)


def test_retrain_or_a_new_threshold_starts_again(screened):
    state = State.read(screened.state)
    assert state is not None
    assert usable_state(state, ScreenOptions()) is state
    assert usable_state(state, ScreenOptions(retrain=True)) is None
    assert usable_state(state, ScreenOptions(threshold=0.9)) is None
    assert usable_state(None, ScreenOptions()) is None


def test_an_incomplete_state_is_ignored(screened, tmp_path):
    state = tmp_path / "state"
    shutil.copytree(screened.state, state)
    assert State.read(state) is not None
    (state / "model.json").unlink()
    assert State.read(state) is None
