"""``candour screen`` on the command line: results on success, one line and status 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

from candour.screening.cli import main
from candour.screening.synthetic import generate

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("cli")
    e = generate(workforce=100, intelligence=1_000, matches=30, seed=2)
    workforce, extract = e.write(directory, fmt="csv")
    (directory / "columns.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    (directory / "broken.parquet").write_text("not parquet", encoding="utf-8")
    return directory, workforce, extract


def run(capsys, *argv):
    capsys.readouterr()
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_screen_writes_candidates_and_a_summary(capsys, files):
    directory, workforce, extract = files
    out = directory / "candidates.csv"
    status, stdout, stderr = run(capsys, workforce, extract, "--out", out, "--threshold", "0.9")
    assert status == 0, stderr
    summary = json.loads(stdout)
    table = pacsv.read_csv(out)
    assert summary["candidates"] == table.num_rows > 20
    assert summary["mode"] == "full" and summary["threshold"] == 0.9
    assert min(table.column("match_probability").to_pylist()) >= 0.9
    assert {"workforce_id", "extract_id", "explanation", "forename_level", "address_weight"} <= set(table.column_names)


@pytest.mark.parametrize(("argv", "message"), [
    (["missing.csv", "{extract}", "--out", "{out}"], "missing.csv: no such file"),
    (["{dir}/columns.csv", "{extract}", "--out", "{out}"], "missing column(s) record_id"),
    (["{dir}/broken.parquet", "{extract}", "--out", "{out}"], "cannot read as parquet"),
    (["{workforce}", "{extract}", "--out", "{dir}/candidates.xlsx"], "unsupported format .xlsx"),
    (["{workforce}", "{extract}", "--out", "{dir}/no/such/dir/out.csv"], "output directory does not exist"),
    (["{workforce}", "{extract}", "--out", "{out}", "--threshold", "1.5"], "between 0 and 1"),
    (["{workforce}", "{extract}", "--out", "{out}", "--threshold", "high"], "invalid float value"),
    (["{workforce}", "{extract}", "--out", "{out}", "--engine", "oracle"], "invalid choice"),
    (["{workforce}", "{extract}"], "required: --out"),
    ([], "required"),
])
def test_bad_input_prints_one_line_exits_2_and_writes_nothing(capsys, files, argv, message):
    directory, workforce, extract = files
    out = directory / "refused.parquet"
    values = {"dir": directory, "workforce": workforce, "extract": extract, "out": out}
    status, stdout, stderr = run(capsys, *[a.format(**values) for a in argv])
    assert status == 2
    assert stdout == ""
    assert stderr.startswith("candour screen: ") and stderr.endswith("\n") and stderr.count("\n") == 1
    assert message in stderr
    assert not out.exists()


def test_the_candour_command_dispatches_screen_without_django(tmp_path):
    code = ("import sys; from candour.cli import main; status = main(sys.argv[1:]); "
            "assert 'django' not in sys.modules; sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, "screen", "nope.csv", "nope.csv", "--out", "x.csv"],
                          capture_output=True, text=True, cwd=tmp_path, check=False,
                          env={"PATH": "", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2, done.stderr
    assert done.stderr == "candour screen: nope.csv: no such file\n"
