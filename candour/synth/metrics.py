"""Measure generated rows against :data:`candour.synth.calibration.TARGETS`.

Used by the calibration test and by ``bench/synth.py``. Works on the generator's rows (no
database), so the check is fast and exercises exactly what the loader writes.

Timeliness is measured on a cohort received at least three years before the end date, so
long investigations have had time to finish and the averages are not biased towards the
quick ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from statistics import mean

from candour.synth.generate import FIELDS, Row

COHORT_DAYS = 3 * 365 + 60


def _col(table: str, name: str) -> int:
    return FIELDS[table].index(name)


def measure(rows: dict[str, list[Row]], *, years: int, officers: int, end_date: date
            ) -> dict[str, float]:
    """The measured value of every target that can be measured from ``rows``."""
    case_i = {n: _col("case", n) for n in FIELDS["case"]}
    cases = rows["case"]
    kind_of = {r[0]: r[case_i["case_type"]] for r in cases}
    officer_years = officers * years
    by_kind = Counter(kind_of.values())
    out: dict[str, float] = {
        "complaint_cases_per_officer_year": by_kind["complaint"] / officer_years,
        "conduct_matters_per_officer_year": by_kind["conduct_matter"] / officer_years,
        "dsi_matters_per_officer_year": by_kind["dsi_matter"] / officer_years,
        "integrity_reports_per_officer_year": by_kind["integrity_report"] / officer_years,
    }
    a_case, a_cat, a_sub = (_col("allegation", n) for n in ("case_id", "category", "subcategory"))
    alleg_per_case: Counter[object] = Counter(r[a_case] for r in rows["allegation"])
    for kind, key in (("complaint", "allegations_per_complaint_case"),
                      ("conduct_matter", "allegations_per_conduct_case")):
        ids = [cid for cid, k in kind_of.items() if k == kind]
        out[key] = sum(alleg_per_case[c] for c in ids) / max(1, len(ids))

    titles: dict[object, set[str]] = defaultdict(set)
    t_case, t_kind, t_title = (_col("timeline", n) for n in ("case_id", "kind", "title"))
    for r in rows["timeline"]:
        if r[t_kind] == "state":
            titles[r[t_case]].add(str(r[t_title]))
    complaints = [r for r in cases if r[case_i["case_type"]] == "complaint"]
    n_c = max(1, len(complaints))
    out["complaint_share_outside_schedule_3"] = sum(
        "Handled outside Schedule 3" in titles[r[0]] for r in complaints) / n_c
    out["complaint_share_withdrawn"] = sum(r[case_i["state"]] == "withdrawn"
                                           for r in complaints) / n_c
    out["complainant_share_anonymous"] = sum(r[case_i["complainant_id"]] is None
                                             for r in complaints) / n_c
    formal = [r for r in complaints if titles[r[0]] & {
        "Handled otherwise than by investigation", "Under investigation"}]
    out["formal_share_investigated"] = sum(
        "Under investigation" in titles[r[0]] for r in formal) / max(1, len(formal))

    complaint_ids = {r[0] for r in complaints}
    complaint_allegations = [r for r in rows["allegation"] if r[a_case] in complaint_ids]
    cats = Counter(r[a_cat] for r in complaint_allegations)
    for cat, n in cats.items():
        out[f"category:{cat}"] = n / max(1, len(complaint_allegations))
    disc = Counter(r[a_sub] for r in complaint_allegations
                   if r[a_cat] == "discriminatory_behaviour")
    for sub, n in disc.items():
        out[f"discrimination:{sub}"] = n / max(1, sum(disc.values()))

    cutoff = end_date.toordinal() - COHORT_DAYS

    def days(r: Row) -> int:
        return (date.fromisoformat(str(r[case_i["closed_on"]]))
                - date.fromisoformat(str(r[case_i["received_on"]]))).days

    cohort = [r for r in cases if date.fromisoformat(str(r[case_i["received_on"]])).toordinal()
              <= cutoff and r[case_i["state"]] == "closed"
              and "Under complainant review" not in titles[r[0]]]
    outside = [days(r) for r in cohort if r[case_i["case_type"]] == "complaint"
               and "Handled outside Schedule 3" in titles[r[0]]]
    otherwise = [days(r) for r in cohort if r[case_i["case_type"]] == "complaint"
                 and "Handled otherwise than by investigation" in titles[r[0]]]
    misconduct = [days(r) for r in cohort if r[case_i["case_type"]] == "conduct_matter"]
    out["days_outside_schedule_3"] = mean(outside) if outside else 0.0
    out["days_formal_not_investigated"] = mean(otherwise) if otherwise else 0.0
    out["days_misconduct_investigation"] = mean(misconduct) if misconduct else 0.0
    out["share_misconduct_over_two_years"] = (sum(d > 730 for d in misconduct)
                                              / max(1, len(misconduct)))

    alleg_case = {r[0]: r[a_case] for r in rows["allegation"]}
    s_alleg, s_off, s_out = (_col("subject", n) for n in ("allegation_id", "officer_id", "outcome"))
    conduct_ids = {cid for cid, k in kind_of.items() if k == "conduct_matter"}
    conduct_outcomes = [str(r[s_out]) for r in rows["subject"]
                        if alleg_case[r[s_alleg]] in conduct_ids and r[s_out]]
    n_o = max(1, len(conduct_outcomes))
    out["misconduct_share_no_case_to_answer"] = conduct_outcomes.count("no_case_to_answer") / n_o
    out["misconduct_share_case_to_answer"] = sum(
        o not in {"no_case_to_answer", "rprp"} for o in conduct_outcomes) / n_o
    cases_per_officer: dict[object, set[object]] = defaultdict(set)
    for r in rows["subject"]:
        case_id = alleg_case[r[s_alleg]]
        if r[s_off] is not None and case_id in conduct_ids:
            cases_per_officer[r[s_off]].add(case_id)
    out["conduct_subjects_share_repeat"] = (
        sum(len(c) > 1 for c in cases_per_officer.values()) / max(1, len(cases_per_officer)))

    o_status, o_kind, o_rank = (_col("officer", n) for n in ("status", "kind", "rank"))
    current = {"serving", "suspended"}
    serving_officers = [r for r in rows["officer"] if r[o_status] in current]
    serving_staff = [r for r in rows["staff"] if r[_col("staff", "status")] in current]
    out["staff_per_officer"] = len(serving_staff) / max(1, len(serving_officers))
    out["officer_share_special"] = sum(r[o_kind] == "special_constable"
                                       for r in serving_officers) / max(1, len(serving_officers))
    regular = [r for r in serving_officers if r[o_kind] == "officer"]
    out["officer_share_constable"] = sum(r[o_rank] == "constable"
                                         for r in regular) / max(1, len(regular))
    p_off, p_sex = _col("pc", "officer_id"), _col("pc", "sex")
    officer_sex = [r[p_sex] for r in rows["pc"] if r[p_off] is not None]
    out["officer_share_female"] = officer_sex.count("Female") / max(1, len(officer_sex))
    return out


def collect(chunks: Iterable[tuple[str, list[Row]]]) -> dict[str, list[Row]]:
    """Gather a generator's chunks into one list per table."""
    rows: dict[str, list[Row]] = {table: [] for table in FIELDS}
    for table, chunk in chunks:
        rows[table].extend(chunk)
    return rows
