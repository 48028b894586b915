"""Calibration targets: the published figures the generator is tuned to, in one table.

Every rate the generator draws from is named here with its source, and
``tests/test_calibration.py`` checks that a generated force lands within ``tolerance`` of
each ``value``. Sources are sections of ``../shared/domain/regulations.md``. Where the
published figures leave a gap, the value is an assumption and says so; change it here and
the generator and the test follow.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    value: float
    tolerance: float
    source: str


TARGETS: dict[str, Target] = {
    # Volumes per serving officer per year.
    "complaint_cases_per_officer_year": Target(
        85_458 / 147_000, 0.03, "§11.3: 85,458 cases logged 2023/24; ~147,000 officers"),
    "allegations_per_complaint_case": Target(
        151_538 / 85_458, 0.10, "§11.3: 151,538 allegations for 85,458 cases, 2023/24"),
    "conduct_matters_per_officer_year": Target(
        0.036, 0.006, "§12 Casey: 10,252 Met conduct cases over 9 years, ~32,000 officers"),
    "allegations_per_conduct_case": Target(
        18_589 / 10_252, 0.12, "§12 Casey: 18,589 allegations in 10,252 cases"),
    "dsi_matters_per_officer_year": Target(0.004, 0.002, "assumption: a few DSI matters"),
    "integrity_reports_per_officer_year": Target(
        0.02, 0.006, "assumption from §12: Met hotline ~2,000 calls + ~1,000 reports in 16 months"),
    # Complaint handling (cases).
    "complaint_share_outside_schedule_3": Target(
        1 - 32_511 / 85_458, 0.04, "§11.3: 32,511 of 85,458 cases recorded under Schedule 3"),
    "formal_share_investigated": Target(
        17_098 / 71_805, 0.05, "§11.3: 17,098 of 71,805 formal allegations investigated (24%)"),
    "complaint_share_withdrawn": Target(0.03, 0.015, "assumption"),
    "complainant_share_anonymous": Target(0.12, 0.03, "assumption"),
    # Complaint allegation categories (shares of complaint allegations), 2023/24.
    "category:delivery_of_duties": Target(0.53, 0.03, "§11.3: delivery of duties 53%"),
    "category:police_powers": Target(0.21, 0.03, "§11.3: police powers 21%"),
    "category:individual_behaviours": Target(0.13, 0.02, "§11.3: individual behaviours 13%"),
    "category:discriminatory_behaviour": Target(0.03, 0.01, "§11.3: discriminatory 3%"),
    "category:discreditable_conduct": Target(0.01, 0.006, "§11.3: discreditable conduct 1%"),
    "category:information_access": Target(0.035, 0.015, "assumption (remainder)"),
    "category:property": Target(0.02, 0.01, "assumption (remainder)"),
    "category:abuse_of_position": Target(0.015, 0.01, "assumption (remainder)"),
    "category:vehicles": Target(0.01, 0.006, "assumption (remainder)"),
    "category:sexual_conduct": Target(0.005, 0.005, "assumption (remainder)"),
    "category:other": Target(0.005, 0.005, "assumption (remainder)"),
    # Discrimination factors (shares of discriminatory-behaviour allegations).
    "discrimination:race": Target(0.50, 0.08, "§11.3: race 50%"),
    "discrimination:disability": Target(0.18, 0.06, "§11.3: disability 18%"),
    "discrimination:sex": Target(0.14, 0.06, "§11.3: sex 14%"),
    "discrimination:religion_or_belief": Target(0.05, 0.04, "assumption"),
    "discrimination:sexual_orientation": Target(0.05, 0.04, "assumption"),
    "discrimination:age": Target(0.03, 0.03, "assumption"),
    "discrimination:gender_reassignment": Target(0.02, 0.02, "assumption"),
    "discrimination:other": Target(0.03, 0.03, "assumption"),
    # Timeliness (calendar days, finalised cases).
    "days_outside_schedule_3": Target(22, 6, "§11.3: outside Schedule 3 avg 22 days, 2024/25"),
    "days_formal_not_investigated": Target(146, 25, "§11.3: under Schedule 3 avg 146 days"),
    "days_misconduct_investigation": Target(400, 50, "§12 Casey: ~400 days on average"),
    "share_misconduct_over_two_years": Target(0.20, 0.05, "§12 Casey: nearly 20% over 2 years"),
    # Outcomes of misconduct investigations (special procedures), per subject.
    "misconduct_share_no_case_to_answer": Target(0.575, 0.05, "§12 Casey: 55-60% NCTA"),
    "misconduct_share_case_to_answer": Target(0.33, 0.05, "§12 Casey: 33% overall"),
    # Subjects.
    "conduct_subjects_share_repeat": Target(
        0.20, 0.05, "§12 Casey: 20% of officers in the system had more than one allegation"),
    # Workforce.
    "staff_per_officer": Target(0.6, 0.03, "brief: police staff about 0.6 x officers"),
    "officer_share_special": Target(0.04, 0.015, "assumption: ~6,000 specials nationally"),
    "officer_share_constable": Target(0.77, 0.04, "assumption: rank pyramid"),
    "officer_share_female": Target(0.35, 0.04, "Home Office workforce 2024: ~35% female"),
}


def target(key: str) -> float:
    return TARGETS[key].value
