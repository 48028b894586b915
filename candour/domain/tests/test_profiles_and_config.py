"""Policy profiles never change the law-in-force answers; configuration overrides defaults."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from candour.domain import facts as vocab
from candour.domain.assess import assess
from candour.domain.config import ConfigError, config_from_dict, load_config
from candour.domain.deadlines import compute_deadline
from candour.domain.facts import parse_facts
from candour.domain.profiles import PROFILES

iso = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
maybe_bool = st.none() | st.booleans()


def optional(strategy):
    return st.none() | strategy


FACTS = st.fixed_dictionaries(
    {"on": iso},
    optional={
        "case_type": st.sampled_from(vocab.CASE_TYPES),
        "received_on": iso,
        "complainant_wants_recording": maybe_bool,
        "conduct": st.lists(st.sampled_from(vocab.CONDUCT), max_size=3),
        "discrimination": st.lists(st.sampled_from(vocab.DISCRIMINATION), max_size=2),
        "offence_class": optional(st.sampled_from(vocab.OFFENCE_CLASSES)),
        "contact_resulted_in": optional(st.sampled_from(vocab.CONTACT_RESULTS)),
        "same_incident_as_referred": maybe_bool,
        "repeat_without_fresh_evidence": maybe_bool,
        "withdrawal_signed": maybe_bool,
        "subject": st.fixed_dictionaries({}, optional={
            "kind": st.sampled_from(vocab.SUBJECT_KINDS),
            "rank": st.sampled_from(vocab.RANKS),
            "status": st.sampled_from(vocab.STATUSES),
            "warnings": st.lists(st.fixed_dictionaries(
                {"type": st.sampled_from(vocab.WARNING_TYPES), "notified_on": iso}), max_size=2),
            "convictions": st.lists(st.fixed_dictionaries(
                {"offence_class": st.sampled_from(vocab.OFFENCE_CLASSES), "convicted_on": iso}),
                max_size=2),
        }),
        "severity_assessed_on": iso,
        "case_to_answer": optional(st.sampled_from(vocab.SEVERITIES)),
        "finding": optional(st.sampled_from(vocab.SEVERITIES)),
        "multiple_unconnected_incidents": maybe_bool,
        "exceptional_circumstances": maybe_bool,
        "special_conditions_met": maybe_bool,
        "left_service_during_investigation": maybe_bool,
        "dismissed_for": optional(st.sampled_from(vocab.DISMISSAL_GROUNDS)),
        "dismissed_on": optional(iso),
        "investigation_mode": optional(st.sampled_from(vocab.INVESTIGATION_MODES)),
        "vetting_withdrawn": maybe_bool,
    },
)


@settings(max_examples=300)
@given(data=FACTS, profile=st.sampled_from(sorted(PROFILES)))
def test_a_profile_never_changes_the_law_in_force(data, profile):
    facts = parse_facts(data)
    law = assess(facts).to_json()
    with_profile = assess(facts, profile).to_json()
    assert with_profile.pop("profile")["id"] == profile
    assert with_profile == law


@settings(max_examples=300)
@given(data=FACTS)
def test_every_assessment_is_json_with_reasons(data):
    out = assess(parse_facts(data)).to_json()
    json.dumps(out)
    assert "regime" in out
    for answer in out.values():
        assert answer["because"]


def test_auto_dismissal_profile_on_serious_conviction():
    facts = parse_facts({"on": "2025-07-01", "subject": {
        "kind": "officer", "convictions": [{"offence_class": "either_way",
                                            "convicted_on": "2025-06-01"}]}})
    block = assess(facts, "auto-dismissal-2023").profile
    assert block is not None
    assert block["answers"]["automatic_dismissal"]["value"] is True
    assert block["answers"]["automatic_dismissal"]["confirmed"] is False
    law = assess(facts)
    assert "deemed_gross_misconduct" in law
    assert law["deemed_gross_misconduct"].value is False  # either-way is not deemed GM


def test_auto_dismissal_profile_on_failed_vetting():
    facts = parse_facts({"on": "2025-07-01", "vetting_withdrawn": True})
    block = assess(facts, "auto-dismissal-2023").profile
    assert block is not None and block["answers"]["automatic_dismissal"]["value"] is True


def test_auto_suspension_profile_not_triggered_by_service_complaint():
    facts = parse_facts({"on": "2025-07-01", "case_type": "complaint",
                         "conduct": ["service_level"]})
    block = assess(facts, "auto-suspension-2023").profile
    assert block is not None and block["answers"]["automatic_suspension"]["value"] is False


def test_custom_profile_as_data():
    custom = {"id": "trial", "title": "Trial", "source": "test", "answers": {
        "flag": {"when_any": {"conduct": ["domestic_abuse"]}, "text": "flagged"}}}
    facts = parse_facts({"on": "2025-07-01", "conduct": ["domestic_abuse"]})
    block = assess(facts, custom).profile
    assert block is not None and block["answers"]["flag"]["value"] is True


def test_config_file_overrides_an_unconfirmed_period(tmp_path, monkeypatch, rules):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"periods": {"pat-appeal": 14}}))
    monkeypatch.setenv("CANDOUR_RULES_CONFIG", str(path))
    out = rules.json("deadline", "pat-appeal", "2025-08-22")
    assert out["length"] == 14
    assert out["confirmed"] is False
    assert "configured period" in out["explanation"]
    listed = {row["rule"]: row for row in rules.json("list")}
    assert listed["pat-appeal"]["length"] == 14


def test_config_cannot_override_confirmed_law():
    with pytest.raises(ConfigError):
        config_from_dict({"periods": {"notice-response": 12}})
    with pytest.raises(ConfigError):
        config_from_dict({"colour": "blue"})
    with pytest.raises(ConfigError):
        config_from_dict({"guards": {"reg_42_8": "yes"}})


def test_bad_config_file_exits_2(tmp_path, monkeypatch, rules):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"periods": {"notice-response": 12}}))
    monkeypatch.setenv("CANDOUR_RULES_CONFIG", str(path))
    status, _, err = rules.raw("deadline", "pat-appeal", "2025-08-22")
    assert status == 2 and err.count("\n") == 1


def test_guard_configuration_changes_outcomes():
    facts = parse_facts({
        "on": "2025-01-10", "severity_assessed_on": "2025-01-10", "case_to_answer": "misconduct",
        "subject": {"kind": "officer", "warnings": [{"type": "written",
                                                     "notified_on": "2024-06-01"}]}})
    default = assess(facts)["available_outcomes"].value
    strict = assess(facts, config=config_from_dict({"guards": {"reg_42_7": True}}))
    assert default == ["written_warning", "final_written_warning"]
    assert strict["available_outcomes"].value == ["final_written_warning"]


def test_vetting_dismissal_barred_list_is_configurable():
    facts = parse_facts({"on": "2025-07-01", "dismissed_for": "vetting_withdrawal",
                         "dismissed_on": "2025-07-01"})
    assert assess(facts)["list_entry"].value == "none"
    configured = assess(facts, config=config_from_dict(
        {"barred_list_for_vetting_dismissal": True}))
    assert configured["list_entry"].value == "barred"
    assert configured["list_entry"].confirmed is False


def test_default_config_is_defaults(monkeypatch):
    monkeypatch.delenv("CANDOUR_RULES_CONFIG", raising=False)
    assert load_config().source == "defaults"
    assert compute_deadline("suspension-review", date(2025, 4, 4)).length == 28
