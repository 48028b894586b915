"""``candour screen``: link the workforce against an extract and write the candidates.

    candour screen WORKFORCE EXTRACT --out CANDIDATES.parquet|.csv
                   [--threshold P] [--engine duckdb|spark] [--state DIR] [--retrain]
                   [--memory-limit 3GB] [--threads 2]

Inputs are CSV or Parquet with the columns listed in ``docs/screening.md``. On success a
one-line JSON summary goes to standard output. Bad input (a missing file, a missing column,
an unknown format, a bad option) prints one line on standard error, exits with status 2 and
writes nothing. Django is never imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from candour.screening.linkage import ModelConfig


class UsageError(Exception):
    """Reported on one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="candour screen", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("workforce", type=Path, help="workforce file (.csv or .parquet)")
    p.add_argument("extract", type=Path, help="intelligence, conviction or barred-list extract (.csv or .parquet)")
    p.add_argument("--out", type=Path, required=True, help="candidates file to write (.parquet or .csv)")
    p.add_argument("--threshold", type=float, default=ModelConfig().threshold,
                   help="review threshold: lowest match probability written (default %(default)s)")
    p.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    p.add_argument("--state", type=Path, default=None,
                   help="directory kept between runs: re-link only changed records")
    p.add_argument("--retrain", action="store_true", help="ignore the state: train and link everything")
    p.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit (default %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="threads for DuckDB or Spark (default %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    from candour.screening.linkage import TrainingError  # lazy: as below
    from candour.screening.prepare import InputError  # lazy: --help and argument errors answer before DuckDB loads
    from candour.screening.screen import EngineError, ScreenOptions, screen  # lazy: as above

    try:
        args = parser().parse_args(argv)
        options = ScreenOptions(threshold=args.threshold, engine=args.engine, state=args.state,
                                retrain=args.retrain, memory_limit=args.memory_limit, threads=args.threads)
        result = screen(args.workforce, args.extract, args.out, options)
    except (UsageError, InputError, EngineError, TrainingError) as error:
        sys.stderr.write(f"candour screen: {error}\n")
        return 2
    sys.stdout.write(json.dumps(result.as_dict()) + "\n")
    return 0
