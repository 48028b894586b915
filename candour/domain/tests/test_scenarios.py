"""Every worked scenario of regulations.md §14, through the public contract (the JSON output).

Each row is (scenario, command, expected): ``expected`` maps output keys to values (for
``deadline``) or answer keys to answer values (for ``assess``). Comments give the §14 number.
"""

from __future__ import annotations

from typing import Any

import pytest

OFFICER = {"kind": "officer", "rank": "constable", "status": "serving"}

DEADLINES: list[tuple[str, list[str], dict[str, Any]]] = [
    ("1 referral by end of next day [M]", ["iopc-referral", "2023-07-03"],
     {"due": "2023-07-04", "confirmed": False}),
    ("2 reg 18 response", ["notice-response", "2023-05-19"],
     {"due": "2023-06-05", "unit": "working_days", "length": 10, "confirmed": True}),
    ("3 first 12-month period, leap year", ["twelve-month-report", "2023-03-01"],
     {"due": "2024-02-29", "unit": "months", "length": 12}),
    ("3 next 6-month period", ["six-month-report", "2024-02-29"], {"due": "2024-08-31"}),
    ("6 first complainant update", ["complainant-update", "2023-03-06"],
     {"due": "2023-04-03", "unit": "calendar_days", "length": 28, "confirmed": True}),
    ("7 review application", ["review-application", "2023-03-28"],
     {"due": "2023-04-25", "unit": "calendar_days", "length": 28}),
    ("16 FWW runs to", ["final-warning-expiry", "2024-01-15"],
     {"due": "2026-01-14", "unit": "years", "length": 2}),
    ("17 WW runs to", ["written-warning-expiry", "2024-01-15"],
     {"due": "2025-07-14", "unit": "months", "length": 18}),
    ("18 reg 31 response", ["referral-response", "2023-04-20"],
     {"due": "2023-05-15", "length": 15}),
    ("18 witness lists", ["witness-lists", "2023-05-09"], {"due": "2023-05-12", "length": 3}),
    ("19 alternative interview", ["interview-alternative", "2023-05-02"],
     {"due": "2023-05-10", "length": 5}),
    ("20 PAT appeal [M]", ["pat-appeal", "2025-08-22"],
     {"due": "2025-09-08", "length": 10, "confirmed": False}),
    ("21 AMH earliest", ["amh-earliest", "2023-12-18"], {"due": "2024-01-04", "length": 10}),
    ("21 AMH latest", ["amh-latest", "2023-12-18"], {"due": "2024-01-11", "length": 15}),
    ("21 AMH response [M]", ["amh-response", "2023-12-18"],
     {"due": "2023-12-29", "length": 7, "confirmed": False}),
    ("22 College report", ["college-report", "2024-06-03"],
     {"due": "2024-06-07", "length": 5, "confirmed": True}),
    ("22 barred review", ["barred-review-conduct", "2024-06-03"],
     {"due": "2029-06-03", "unit": "years", "length": 5}),
    ("27 suspension confirmation [M]", ["suspension-confirmation", "2025-04-04"],
     {"due": "2025-04-09", "length": 3, "confirmed": False}),
    ("27 suspension review [M]", ["suspension-review", "2025-04-04"],
     {"due": "2025-05-02", "length": 28, "confirmed": False}),
]


@pytest.mark.parametrize(("scenario", "argv", "expected"), DEADLINES,
                         ids=[d[0] for d in DEADLINES])
def test_deadline_scenario(rules, scenario, argv, expected):
    out = rules.json("deadline", *argv)
    assert {k: out[k] for k in expected} == expected


def test_contract_example_is_exact(rules):
    out = rules.json("deadline", "notice-response", "2023-05-19")
    contract = {
        "rule": "notice-response", "from": "2023-05-19", "due": "2023-06-05",
        "unit": "working_days", "length": 10,
        "basis": "Police (Conduct) Regulations 2020, reg 18",
        "explanation": "10 working days beginning with the first working day after 19 May "
                       "2023; skips 29 May 2023 (Spring bank holiday)",
        "confirmed": True,
    }
    assert {k: out[k] for k in contract} == contract


def test_coronation_and_early_may_are_named(rules):
    out = rules.json("deadline", "referral-response", "2023-04-20")
    assert "1 May 2023 (Early May bank holiday)" in out["explanation"]
    assert "8 May 2023 (Bank holiday for the coronation of King Charles III)" in out["explanation"]


def test_pat_appeal_skips_summer_bank_holiday(rules):
    out = rules.json("deadline", "pat-appeal", "2025-08-22")
    assert "25 August 2025 (Summer bank holiday)" in out["explanation"]


def test_email_service_runs_from_deemed_date(rules):
    # 29: email at 18:00 on Friday 30 May 2025: deeming rule is configuration [M].
    out = rules.json("deadline", "notice-response", "2025-05-30", "--served-by", "email",
                     "--served-at", "18:00")
    assert out["deemed_served"] == "2025-06-02"
    assert out["from"] == "2025-05-30"
    assert out["confirmed"] is False
    assert out["due"] == "2025-06-16"


ASSESSMENTS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("1 serious sexual assault complaint",
     {"on": "2023-07-03", "case_type": "complaint", "conduct": ["serious_sexual_offence"],
      "subject": {"kind": "officer"}},
     {"must_record": True, "may_handle_outside_schedule_3": False, "must_refer": True,
      "referral_heads": ["serious_sexual_offence"], "consider_suspension": True,
      "review_body": "iopc", "regime": "2020-02-01"}),
    ("3 conduct matter 12-month report",
     {"on": "2024-03-02", "received_on": "2023-03-01", "case_type": "conduct_matter"},
     {"progress_report_to": ["local_policing_body", "officer"]}),
    ("4 local investigation report",
     {"on": "2024-03-02", "received_on": "2023-03-01", "case_type": "complaint",
      "investigation_mode": "local"},
     {"progress_report_to": ["local_policing_body", "iopc"]}),
    ("5 independent investigation report",
     {"on": "2024-03-02", "received_on": "2023-03-01", "case_type": "complaint",
      "investigation_mode": "independent"},
     {"progress_report_to": ["local_policing_body", "chief_officer"]}),
    ("8 complaint about a chief constable",
     {"on": "2024-01-10", "case_type": "complaint",
      "subject": {"kind": "officer", "rank": "chief_constable", "status": "serving"}},
     {"appropriate_authority": "local_policing_body", "must_refer": True,
      "referral_heads": ["senior_officer"], "review_body": "iopc"}),
    ("9 service complaint, content with explanation",
     {"on": "2024-01-10", "case_type": "complaint", "conduct": ["service_level"],
      "complainant_wants_recording": False},
     {"must_record": False, "may_handle_outside_schedule_3": True, "must_refer": False,
      "review_body": "none"}),
    ("9 ... then the complainant asks for recording",
     {"on": "2024-02-10", "case_type": "complaint", "conduct": ["service_level"],
      "complainant_wants_recording": True},
     {"must_record": True, "may_handle_outside_schedule_3": False,
      "review_body": "local_policing_body"}),
    ("10 death in custody, no complaint",
     {"on": "2024-01-10", "case_type": "dsi_matter", "contact_resulted_in": "death"},
     {"must_record": True, "must_refer": True, "referral_heads": ["death_or_serious_injury"]}),
    ("11 caution for a summary offence",
     {"on": "2025-07-01", "case_type": "conduct_matter", "offence_class": "summary",
      "subject": {"kind": "officer", "convictions": []}},
     {"deemed_gross_misconduct": False, "consider_suspension": False}),
    ("12 GM after 28 May 2025, good character only",
     {"on": "2025-09-02", "received_on": "2025-07-01", "case_to_answer": "gross_misconduct",
      "finding": "gross_misconduct", "exceptional_circumstances": False, "subject": OFFICER},
     {"regime": "2025-05-28", "forum": "misconduct_hearing",
      "available_outcomes": ["dismissal_without_notice"],
      "presumed_outcome": "dismissal_without_notice"}),
    ("12 ... exceptional circumstances found",
     {"on": "2025-09-02", "received_on": "2025-07-01", "case_to_answer": "gross_misconduct",
      "finding": "gross_misconduct", "exceptional_circumstances": True, "subject": OFFICER},
     {"available_outcomes": ["final_written_warning", "reduction_in_rank",
                             "dismissal_without_notice"],
      "presumed_outcome": "dismissal_without_notice"}),
    ("13 GM at a hearing on 15 March 2024",
     {"on": "2024-03-15", "case_to_answer": "gross_misconduct", "finding": "gross_misconduct",
      "subject": OFFICER},
     {"regime": "2020-02-01", "forum": "misconduct_hearing",
      "available_outcomes": ["final_written_warning", "reduction_in_rank",
                             "dismissal_without_notice"],
      "presumed_outcome": "none", "hearing_chair": "legally_qualified_chair"}),
    ("12/13 transitional: GM proven after 28 May 2025 on an earlier allegation",
     {"on": "2025-09-02", "received_on": "2025-04-01", "case_to_answer": "gross_misconduct",
      "finding": "gross_misconduct", "exceptional_circumstances": False, "subject": OFFICER},
     {"regime": "2024-05-07", "presumed_outcome": "none",
      "available_outcomes": ["final_written_warning", "reduction_in_rank",
                             "dismissal_without_notice"]}),
    ("14 hearing for a constable, 10 June 2024",
     {"on": "2024-06-10", "case_to_answer": "gross_misconduct", "subject": OFFICER},
     {"forum": "misconduct_hearing", "hearing_chair": "chief_officer_or_delegate"}),
    ("15 hearing for a deputy chief constable",
     {"on": "2024-06-10", "case_to_answer": "gross_misconduct",
      "subject": {"kind": "officer", "rank": "deputy_chief_constable"}},
     {"hearing_chair": "senior_officer_other_force"}),
    ("15 hearing for a chief constable",
     {"on": "2024-06-10", "case_to_answer": "gross_misconduct",
      "subject": {"kind": "officer", "rank": "chief_constable"}},
     {"hearing_chair": "hmcic_or_hmi", "appropriate_authority": "local_policing_body"}),
    ("16 live FWW at severity assessment",
     {"on": "2026-01-10", "received_on": "2025-12-01", "severity_assessed_on": "2026-01-10",
      "case_to_answer": "misconduct",
      "subject": {**OFFICER, "warnings": [{"type": "final_written",
                                           "notified_on": "2024-01-15"}]}},
     {"warning_in_force": "final_written", "forum": "misconduct_hearing",
      "available_outcomes": ["reduction_in_rank", "dismissal_without_notice"],
      "presumed_outcome": "none"}),
    ("16 ... FWW expired the day before the assessment",
     {"on": "2026-01-15", "severity_assessed_on": "2026-01-15", "case_to_answer": "misconduct",
      "subject": {**OFFICER, "warnings": [{"type": "final_written",
                                           "notified_on": "2024-01-15"}]}},
     {"warning_in_force": "none", "forum": "misconduct_meeting",
      "available_outcomes": ["written_warning", "final_written_warning"]}),
    ("17 WW in force to 14 July 2025",
     {"on": "2025-07-14", "severity_assessed_on": "2025-07-14",
      "subject": {**OFFICER, "warnings": [{"type": "written", "notified_on": "2024-01-15"}]}},
     {"warning_in_force": "written"}),
    ("17 ... career break extends it",
     {"on": "2025-07-20", "severity_assessed_on": "2025-07-20",
      "subject": {**OFFICER, "warnings": [{"type": "written", "notified_on": "2024-01-15",
                                           "career_break_days": 10}]}},
     {"warning_in_force": "written"}),
    ("22 dismissed for GM on 3 June 2024",
     {"on": "2024-06-03", "dismissed_for": "gross_misconduct", "dismissed_on": "2024-06-03"},
     {"list_entry": "barred", "list_review_from": "2029-06-03",
      "college_report_due": "2024-06-07"}),
    ("22 ... gross incompetence: 3 years",
     {"on": "2024-06-03", "dismissed_for": "gross_incompetence", "dismissed_on": "2024-06-03"},
     {"list_entry": "barred", "list_review_from": "2027-06-03"}),
    ("22 ... resigned during investigation: advisory list",
     {"on": "2024-06-03", "left_service_during_investigation": True,
      "subject": {"kind": "officer", "status": "resigned"}},
     {"list_entry": "advisory"}),
    ("23 vetting-withdrawal dismissal, March 2024",
     {"on": "2024-03-20", "dismissed_for": "vetting_withdrawal", "dismissed_on": "2024-03-20"},
     {"vetting_dismissal_lawful": False, "list_entry": "none"}),
    ("23 ... on or after 14 May 2025",
     {"on": "2025-06-20", "dismissed_for": "vetting_withdrawal", "dismissed_on": "2025-06-20"},
     {"vetting_dismissal_lawful": True}),
    ("24 failure to notify vetting, June 2025",
     {"on": "2025-06-15", "vetting_notification_breach": True, "subject": OFFICER},
     {"vetting_review_required": True}),
    ("25 FWW at proceedings, not dismissed",
     {"on": "2025-01-10", "case_to_answer": "misconduct", "finding": "misconduct",
      "subject": OFFICER},
     {"vetting_review_required": True}),
    ("26 meeting finds neither misconduct nor GM",
     {"on": "2025-01-10", "case_to_answer": "misconduct", "finding": "neither",
      "subject": OFFICER},
     {"forum": "misconduct_meeting", "available_outcomes": ["rprp"],
      "presumed_outcome": "none", "vetting_review_required": False}),
    ("28 phone withdrawal only",
     {"on": "2024-01-10", "case_type": "complaint", "conduct": ["serious_assault"],
      "withdrawal_signed": False},
     {"withdrawal_valid": False, "must_refer": True}),
    ("28 ... signed withdrawal",
     {"on": "2024-01-10", "case_type": "complaint", "withdrawal_signed": True},
     {"withdrawal_valid": True}),
    ("deemed GM: indictable-only conviction after 28 May 2025",
     {"on": "2025-07-01", "received_on": "2025-06-10", "case_to_answer": "misconduct",
      "subject": {**OFFICER, "convictions": [{"offence_class": "indictable_only",
                                              "convicted_on": "2025-06-30"}]}},
     {"deemed_gross_misconduct": True, "forum": "misconduct_hearing",
      "presumed_outcome": "dismissal_without_notice"}),
    ("deemed GM: not for a pre-commencement allegation",
     {"on": "2025-07-01", "received_on": "2025-05-01",
      "subject": {**OFFICER, "convictions": [{"offence_class": "indictable_only",
                                              "convicted_on": "2025-06-30"}]}},
     {"deemed_gross_misconduct": False}),
    ("repeat complaint without fresh evidence",
     {"on": "2024-01-10", "case_type": "complaint", "repeat_without_fresh_evidence": True},
     {"duty_to_investigate": False}),
    ("special conditions: accelerated hearing",
     {"on": "2024-06-10", "case_to_answer": "gross_misconduct", "special_conditions_met": True,
      "subject": OFFICER},
     {"forum": "accelerated_hearing", "hearing_chair": "chief_officer_or_delegate"}),
    ("former officer after 28 May 2025: presumed AMH, would have been dismissed",
     {"on": "2025-08-01", "received_on": "2025-07-01", "case_to_answer": "gross_misconduct",
      "finding": "gross_misconduct",
      "subject": {"kind": "officer", "rank": "sergeant", "status": "resigned"}},
     {"forum": "accelerated_hearing", "available_outcomes": ["would_have_been_dismissed"],
      "list_entry": "barred"}),
    ("misconduct from several unconnected incidents",
     {"on": "2024-06-10", "case_to_answer": "misconduct", "multiple_unconnected_incidents": True,
      "subject": OFFICER},
     {"forum": "misconduct_hearing",
      "available_outcomes": ["written_warning", "final_written_warning", "reduction_in_rank",
                             "dismissal_without_notice"]}),
    ("legacy regime before 1 February 2020",
     {"on": "2019-06-10", "case_to_answer": "gross_misconduct", "finding": "gross_misconduct",
      "subject": OFFICER},
     {"regime": "pre-2020",
      "available_outcomes": ["management_advice", "written_warning", "final_written_warning",
                             "dismissal_with_notice", "dismissal_without_notice"]}),
]


@pytest.mark.parametrize(("scenario", "facts", "expected"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_assess_scenario(rules, scenario, facts, expected):
    out = rules.assess(facts)
    got = {k: out[k]["value"] for k in expected if k in out}
    assert got == expected


def test_every_answer_has_reasons_with_basis(rules):
    for _, facts, _ in ASSESSMENTS:
        out = rules.assess(facts)
        for key, answer in out.items():
            assert set(answer) >= {"value", "because"}, key
            assert answer["because"], key
            for reason in answer["because"]:
                assert reason["text"] and reason["basis"], key


def test_contract_example_facts(rules):
    facts = {
        "on": "2025-06-10", "case_type": "complaint", "received_on": "2025-06-10",
        "complainant_wants_recording": False, "conduct": ["serious_sexual_offence"],
        "discrimination": ["race"], "offence_class": "indictable_only",
        "contact_resulted_in": "serious_injury", "same_incident_as_referred": False,
        "repeat_without_fresh_evidence": False, "withdrawal_signed": None,
        "subject": {"kind": "officer", "rank": "constable", "status": "serving",
                    "warnings": [{"type": "final_written", "notified_on": "2024-01-15"}],
                    "convictions": [{"offence_class": "indictable_only",
                                     "convicted_on": "2025-06-10"}]},
        "severity_assessed_on": "2026-01-10", "case_to_answer": "misconduct",
        "finding": "gross_misconduct", "multiple_unconnected_incidents": False,
        "exceptional_circumstances": False, "special_conditions_met": False,
        "left_service_during_investigation": False, "dismissed_for": None, "dismissed_on": None,
    }
    out = rules.assess(facts)
    contract_keys = {
        "regime", "must_record", "may_handle_outside_schedule_3", "must_refer",
        "referral_heads", "appropriate_authority", "review_body", "duty_to_investigate",
        "consider_suspension", "deemed_gross_misconduct", "warning_in_force", "forum",
        "available_outcomes", "presumed_outcome", "hearing_chair", "list_entry",
        "vetting_review_required",
    }
    assert contract_keys <= set(out)
    assert out["regime"]["value"] == "2025-05-28"
    assert out["referral_heads"]["value"] == [
        "serious_sexual_offence", "discriminatory_behaviour", "death_or_serious_injury"]
    assert out["deemed_gross_misconduct"]["value"] is True
    assert out["presumed_outcome"]["value"] == "dismissal_without_notice"
