"""The ``candour rules`` contract: every rule works, ``list`` shows them all, bad input exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from candour.domain.rules import CONTRACT_RULE_IDS, RULES

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_rule_answers_in_the_contract_shape(rules, rule_id):
    out = rules.json("deadline", rule_id, "2024-02-29")
    assert list(out)[:8] == ["rule", "from", "due", "unit", "length", "basis", "explanation",
                             "confirmed"]
    assert out["rule"] == rule_id
    assert out["from"] == "2024-02-29"
    assert out["due"] >= "2024-02-29"
    assert out["unit"] in {"working_days", "calendar_days", "months", "years"}
    assert isinstance(out["length"], int) and out["length"] > 0
    assert out["basis"] and out["explanation"]
    assert isinstance(out["confirmed"], bool)


def test_contract_table_rule_ids_all_exist():
    assert set(CONTRACT_RULE_IDS) <= {r.id for r in RULES}
    assert len(CONTRACT_RULE_IDS) == 24


def test_list_shows_every_rule(rules):
    out = rules.json("list")
    assert [row["rule"] for row in out] == [r.id for r in RULES]
    for row in out:
        assert {"rule", "length", "unit", "basis", "confirmed"} <= set(row)


def test_unconfirmed_tags_are_reported_unconfirmed(rules):
    for row in rules.json("list"):
        assert row["confirmed"] is (row["confidence"] == "V"), row["rule"]
    unconfirmed = {row["rule"] for row in rules.json("list") if not row["confirmed"]}
    assert {"pat-appeal", "amh-response", "suspension-confirmation", "suspension-review",
            "learning-response"} <= unconfirmed


def test_explain_gives_text_sources_and_versions(rules):
    out = rules.json("explain", "notice-response")
    assert out["rule"] == "notice-response"
    assert "10 working days" in out["text"]
    assert out["sources"]
    assert [v["from"] for v in out["versions"]] == ["2020-02-01", "2025-05-28"]


def test_regime_date_option(rules):
    out = rules.json("deadline", "notice-response", "2025-06-02", "--regime-date", "2025-05-01")
    assert out["regime"] == "2024-05-07"
    out = rules.json("deadline", "notice-response", "2025-06-02", "--regime-date=2025-06-01")
    assert out["regime"] == "2025-05-28"


def test_profile_option_adds_a_profile_block(rules):
    facts = {"on": "2024-01-10", "case_type": "complaint", "conduct": ["serious_sexual_offence"]}
    out = rules.assess(facts, "--profile", "auto-suspension-2023")
    assert out["profile"]["answers"]["automatic_suspension"]["value"] is True
    assert out["profile"]["enacted"] is False


BAD = [
    (["deadline", "no-such-rule", "2023-05-19"], "unknown rule"),
    (["deadline", "notice-response", "2023-02-30"], "impossible date"),
    (["deadline", "notice-response", "2023-13-01"], "impossible date"),
    (["deadline", "notice-response", "19/05/2023"], "YYYY-MM-DD"),
    (["deadline", "notice-response"], "usage"),
    (["deadline", "notice-response", "2023-05-19", "--regime-date", "2023-02-29"], "impossible"),
    (["deadline", "notice-response", "2023-05-19", "--bogus", "x"], "unknown option"),
    (["deadline", "notice-response", "2099-05-19"], "outside"),
    (["explain", "no-such-rule"], "unknown rule"),
    (["frobnicate"], "unknown command"),
    (["list", "extra"], "usage"),
    ([], "usage"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(b[0]) or "empty" for b in BAD])
def test_bad_input_exits_2_with_one_line(rules, argv, message):
    status, out, err = rules.raw(*argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert message in err


BAD_FACTS = [
    ({"on": "2024-01-10", "colour": "blue"}, "unknown fact key in facts: colour"),
    ({"on": "2024-01-10", "colour": 1, "size": 2}, "colour, size"),
    ({"on": "2024-01-10", "subject": {"hat": 1}}, "unknown fact key in subject: hat"),
    ({"on": "2024-01-10", "case_type": "grumble"}, "case_type"),
    ({"on": "2024-01-10", "conduct": ["rudeness"]}, "conduct"),
    ({"on": "2024-01-10", "discrimination": ["height"]}, "discrimination"),
    ({"on": "2024-01-10", "subject": {"rank": "general"}}, "subject.rank"),
    ({"on": "2024-01-10", "finding": "guilty"}, "finding"),
    ({"on": "2024-02-30"}, "impossible date"),
    ({"case_type": "complaint"}, "'on' is required"),
    ({"on": "2024-01-10", "withdrawal_signed": "yes"}, "withdrawal_signed"),
    ({"on": "2024-01-10", "subject": {"warnings": [{"type": "verbal",
                                                    "notified_on": "2024-01-01"}]}}, "type"),
    ([1, 2], "expected a JSON object"),
]


@pytest.mark.parametrize(("facts", "message"), BAD_FACTS, ids=[m for _, m in BAD_FACTS])
def test_bad_facts_exit_2_with_one_line(rules, facts, message):
    status, out, err = rules.raw("assess", "-", stdin=json.dumps(facts))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_malformed_json_and_missing_file_exit_2(rules, tmp_path):
    status, _, err = rules.raw("assess", "-", stdin="{not json")
    assert status == 2 and "not valid JSON" in err
    status, _, err = rules.raw("assess", str(tmp_path / "missing.json"))
    assert status == 2 and err.count("\n") == 1


def test_assess_reads_a_file(rules, tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({"on": "2024-01-10", "case_type": "dsi_matter"}))
    out = rules.json("assess", str(path))
    assert out["must_refer"]["value"] is True


def test_unknown_profile_exits_2(rules):
    status, _, err = rules.raw("assess", "-", "--profile", "nope", stdin='{"on": "2024-01-10"}')
    assert status == 2 and "unknown profile" in err


# -- through a real process -----------------------------------------------------------------


def _run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CANDOUR_RULES_CONFIG"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from candour.cli import main; sys.exit(main())",
         "rules", *argv],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, check=False)


def test_subprocess_deadline_matches_contract_example():
    done = _run("deadline", "notice-response", "2023-05-19")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["due"] == "2023-06-05"
    assert out["explanation"].endswith("skips 29 May 2023 (Spring bank holiday)")


def test_subprocess_assess_and_list():
    done = _run("assess", "-", stdin=json.dumps(
        {"on": "2023-07-03", "case_type": "complaint", "conduct": ["serious_sexual_offence"]}))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["must_refer"]["value"] is True
    done = _run("list")
    assert {row["rule"] for row in json.loads(done.stdout)} >= set(CONTRACT_RULE_IDS)


def test_subprocess_bad_input_exit_2():
    done = _run("deadline", "notice-response", "2023-02-30")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1


def test_subprocess_never_imports_django():
    code = ("import sys, io, contextlib\n"
            "from candour.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['rules', 'deadline', 'notice-response', '2023-05-19'])\n"
            "    main(['rules', 'list'])\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('django', 'holidays', 'ninja', 'pydantic'))\n"
            "print(','.join(bad))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == ""


def test_installed_console_script_if_present():
    script = Path(sys.executable).with_name("candour")
    if not script.exists():
        pytest.skip("the candour console script is not installed in this environment")
    done = subprocess.run([str(script), "rules", "deadline", "college-report", "2024-06-03"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["due"] == "2024-06-07"
