"""Shared screening fixtures: one small synthetic pair of extracts, screened once per session.

2,000 workforce records against 20,000 extract records with 400 planted true matches under
the benchmark's heavy corruption: big enough for the model to learn, small enough that the
whole screening package tests in well under half a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from candour.screening.linkage import ModelConfig
from candour.screening.screen import ScreenOptions, ScreenResult, screen
from candour.screening.synthetic import Extracts, ExtractSpec, generate

SMALL = ExtractSpec(workforce=2_000, intelligence=20_000, matches=400, seed=11)
# A smaller u sample, and single-field blocking rules only where they stay tiny.
FAST_MODEL = ModelConfig(u_max_pairs=2e5, blocking_budget=20_000)


@dataclass
class Screened:
    extracts: Extracts
    workforce: Path
    extract: Path
    out: Path
    state: Path
    result: ScreenResult

    @property
    def candidates(self) -> pa.Table:
        return pq.read_table(self.out)

    def found(self) -> set[tuple[str, str]]:
        table = self.candidates
        return set(zip(table.column("workforce_id").to_pylist(), table.column("extract_id").to_pylist(),
                       strict=True))


@pytest.fixture(scope="session")
def small_extracts() -> Extracts:
    return generate(SMALL)


@pytest.fixture(scope="session")
def screened(small_extracts: Extracts, tmp_path_factory: pytest.TempPathFactory) -> Screened:
    directory = tmp_path_factory.mktemp("screened")
    workforce, extract = small_extracts.write(directory)
    out = directory / "candidates.parquet"
    state = directory / "state"
    result = screen(workforce, extract, out, ScreenOptions(state=state, model=FAST_MODEL))
    return Screened(small_extracts, workforce, extract, out, state, result)
