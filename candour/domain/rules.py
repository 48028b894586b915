"""The statutory clocks: one :class:`Rule` per rule id, with its period, basis and history.

This module is data. :mod:`candour.domain.deadlines` computes with it, ``candour rules list`` and
``explain`` print it, and ``docs/rules.md`` is generated from it. Every rule id in the table of
``shared/domain/rules-contract.md`` is here; a few more are added (``iopc-referral``,
``misconduct-meeting``, ``outcome-report``, ``papers-to-chair``,
``super-complaint-acknowledgement``, ``advisory-review``, ``log-complaint``,
``contact-complainant``).

How a period is counted (:class:`Method`):

* ``working_days_after``: "N working days beginning with the first working day after" the
  day (Conduct Regs regs 18, 20(5), 31(1), 33(3), 45(3)); the due date is the N-th working day
  strictly after it. "Within N working days after" is read the same way (reg 31(4), §14 sc. 18).
* ``working_days_beginning_with``: "N working days beginning with" the day itself (Police
  Barred List and Police Advisory List Regulations 2017, reg 3(1)).
* ``days_after``: N calendar days starting with the day after (C&M Regs reg 29(2); "within 4
  weeks of", reg 34(2)): due = day + N.
* ``days_beginning_with``: N calendar days beginning with the day: due = day + N - 1.
* ``period_beginning_with``: last day of N months (or years) beginning with the day
  (Conduct Regs reg 19(2), reg 42(9)).
* ``period_beginning_day_after``: last day of N months beginning with the day after
  (the following 6-month periods of reg 19(2)).
* ``first_day_after_period``: first day after N years beginning with the day (barred-list
  reviews: "cannot be requested until 5 years have passed").

Confidence is the regulations.md tag: V, S, M or C. Only V is ``confirmed``; every other length
comes from :mod:`candour.domain.config` and may be overridden there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from candour.domain.regimes import REGIMES_BY_ID, Regime


class Method(StrEnum):
    WORKING_DAYS_AFTER = "working_days_after"
    WORKING_DAYS_BEGINNING_WITH = "working_days_beginning_with"
    DAYS_AFTER = "days_after"
    DAYS_BEGINNING_WITH = "days_beginning_with"
    PERIOD_BEGINNING_WITH = "period_beginning_with"
    PERIOD_BEGINNING_DAY_AFTER = "period_beginning_day_after"
    FIRST_DAY_AFTER_PERIOD = "first_day_after_period"


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class Change:
    """One dated version of a rule: the regime it starts with and what changed."""

    since: str  # regime id, see candour.domain.regimes
    note: str
    basis: str | None = None  # new basis from this date, if it changed


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # what falls due
    trigger: str  # what the DATE argument is
    method: Method
    unit: Unit
    length: int  # the default length; [M]/[S]/[C] lengths can be overridden in config
    basis: str
    confidence: str  # V, S, M or C (regulations.md tags)
    text: str
    sources: tuple[str, ...]
    history: tuple[Change, ...]
    section: str  # regulations.md section

    @property
    def confirmed(self) -> bool:
        return self.confidence == "V"

    def basis_for(self, regime: Regime) -> str:
        """The basis in force for a regime (the latest change on or before it)."""
        basis = self.basis
        for change in self.history:
            if change.basis and REGIMES_BY_ID[change.since].starts <= regime.starts:
                basis = change.basis
        return basis


CR = "Police (Conduct) Regulations 2020"
CM = "Police (Complaints and Misconduct) Regulations 2020"
PRA = "Police Reform Act 2002"
BL = "Police Barred List and Police Advisory List Regulations 2017"
PAT = "Police Appeals Tribunals Rules 2020"

URL_CR = "https://www.legislation.gov.uk/uksi/2020/4"
URL_CM = "https://www.legislation.gov.uk/uksi/2020/2"
URL_PAT = "https://www.legislation.gov.uk/uksi/2020/1/made"
URL_BL = "https://www.legislation.gov.uk/uksi/2017/1135"
URL_558 = "https://www.legislation.gov.uk/uksi/2025/558/made"
URL_BARRED = "https://www.college.police.uk/ethics/barred-list"

AS_MADE = Change("2020-02-01", "As made (1 February 2020).")
EMAIL_SERVICE = Change(
    "2025-05-28",
    "SI 2025/558 amends reg 9: notices may be served by email and run from the deemed service "
    "date (the deeming rule is not verified). Period unchanged.",
)

_M, _S, _V = "M", "S", "V"
WDA = Method.WORKING_DAYS_AFTER
WD = Unit.WORKING_DAYS

RULES: tuple[Rule, ...] = (
    Rule("notice-response", "officer's written response to a Regulation 17 notice",
         "the day the Regulation 17 notice was given", WDA, WD, 10, f"{CR}, reg 18", _V,
         "Before the end of 10 working days beginning with the first working day after the day "
         "on which the regulation 17 notice is given, the officer may provide a written or oral "
         "statement and any relevant documents. The investigator may extend the period (the "
         "extension wording is [M]).",
         (f"{CR}, reg 18: {URL_CR}",), (AS_MADE, EMAIL_SERVICE), "§4.3"),
    Rule("interview-alternative", "latest alternative interview date the officer may propose",
         "the interview day the investigator specified", WDA, WD, 5, f"{CR}, reg 20(5)", _V,
         "If the officer or their police friend is not available on the specified day, the "
         "officer may propose an alternative time that is reasonable and falls before the end of "
         "5 working days beginning with the first working day after the specified day; the "
         "interview must then be postponed to it (reg 20(4)-(5)).",
         (f"{CR}, reg 20: {URL_CR}",), (AS_MADE, EMAIL_SERVICE), "§4.4"),
    Rule("referral-response", "officer's response after notice of referral and documents",
         "the day the notice of referral and documents were supplied", WDA, WD, 15,
         f"{CR}, reg 31(1)", _V,
         "Before the end of 15 working days beginning with the first working day after the "
         "documents were supplied, the officer states whether they accept misconduct or gross "
         "misconduct, with their account, mitigation and documents relied on. The person "
         "conducting or chairing may extend it for exceptional circumstances (reg 31(1)-(3)).",
         (f"{CR}, reg 31: {URL_CR}",), (AS_MADE, EMAIL_SERVICE), "§5.3"),
    Rule("witness-lists", "both sides' witness lists, from the officer's reg 31 response",
         "the day the officer complied with reg 31(2)", WDA, WD, 3, f"{CR}, reg 31(4)", _V,
         "Within 3 working days after the officer complies with reg 31(2), each side supplies "
         "the witnesses it proposes, or states that it has none.",
         (f"{CR}, reg 31(4): {URL_CR}",), (AS_MADE,), "§5.3"),
    Rule("pre-hearing", "misconduct pre-hearing, from documents supplied to the chair",
         "the day the documents were supplied to the chair (reg 32(6))", WDA, WD, 15,
         f"{CR}, reg 33", _V,
         "The chair sets a pre-hearing within 15 working days beginning with the first working "
         "day after the documents were supplied under reg 32(6); extendable. The officer's "
         "alternative date must fall within 5 working days after the specified day.",
         (f"{CR}, reg 33: {URL_CR}",), (AS_MADE,), "§5.3"),
    Rule("meeting-appeal", "appeal against a misconduct meeting outcome",
         "the day the reg 43 outcome report was given", WDA, WD, 7, f"{CR}, reg 45(3)", _V,
         "Notice of appeal to the appropriate authority before the end of 7 working days "
         "beginning with the first working day after the reg 43 report is given; extendable by "
         "the AA for exceptional circumstances. Grounds: unreasonable finding or sanction; new "
         "evidence; serious breach of procedure or other unfairness.",
         (f"{CR}, reg 45: {URL_CR}",), (AS_MADE,), "§5.5"),
    Rule("pat-appeal", "notice of appeal to the Police Appeals Tribunal",
         "the day written notice of the outcome was given", WDA, WD, 10,
         f"{PAT} (period from the 2012 Rules, not verified)", _M,
         "Notice of appeal to the Police Appeals Tribunal against a finding or disciplinary "
         "action at a misconduct hearing or accelerated misconduct hearing: 10 working days "
         "beginning with the first working day after written notice of the outcome. The figure "
         "comes from the 2012 Rules and is not verified for 2020 [M].",
         (f"{PAT}, rules 1-3, 13: {URL_PAT}", "Police Act 1996, s.85 and Sch 6"),
         (AS_MADE,
          Change("2025-05-14", "Vetting-withdrawal dismissals also go to the PAT after an "
                 "internal appeal panel (Police (Vetting) Regulations 2025) [S]."),
          Change("2025-05-28", "SI 2025/558 amends the PAT Rules 2020; the period is not "
                 "verified.")),
         "§5.5"),
    Rule("amh-response", "officer's written response before an accelerated misconduct hearing",
         "the day the reg 51(1) notice was given", WDA, WD, 7, f"{CR}, reg 54 (not verified)", _M,
         "The officer's written response to the accelerated misconduct hearing notice: 7 working "
         "days in the 2012 regime; the 2020 provision (reg 54) was not verified [M]. Part 5 "
         "periods may be reduced by agreement (reg 48).",
         (f"{CR}, regs 48, 54: {URL_CR}", "Police (Conduct) Regulations 2012, reg 55"),
         (AS_MADE, EMAIL_SERVICE), "§5.3"),
    Rule("amh-earliest", "earliest day for holding an accelerated misconduct hearing",
         "the day the reg 51(1) notice was given", WDA, WD, 10, f"{CR}, reg 52(1)", _V,
         "The appropriate authority specifies a hearing date not less than 10 and not more than "
         "15 working days after the date the reg 51(1) notice is given. If an objection to the "
         "person conducting or a panel member is upheld, a new date 10-15 working days after the "
         "replacement is appointed (reg 52(1A)). Periods may be reduced by agreement (reg 48).",
         (f"{CR}, reg 52: {URL_CR}",), (AS_MADE, EMAIL_SERVICE), "§5.3"),
    Rule("amh-latest", "latest day for holding an accelerated misconduct hearing",
         "the day the reg 51(1) notice was given", WDA, WD, 15, f"{CR}, reg 52(1)", _V,
         "See amh-earliest: the hearing is held no more than 15 working days after the reg 51(1) "
         "notice is given.",
         (f"{CR}, reg 52: {URL_CR}",), (AS_MADE, EMAIL_SERVICE), "§5.3"),
    Rule("rprp-account", "officer's account in the reflective practice review process",
         "the day the officer was notified of the reflective practice review", WDA, WD, 5,
         f"{CR}, Part 6 (period from Federation guidance)", _S,
         "The officer is notified and may give an account within 5 working days, followed by "
         "fact finding and a reflective practice review discussion [S].",
         (f"{CR}, Part 6, reg 70: {URL_CR}",), (AS_MADE,), "§5.1"),
    Rule("suspension-confirmation", "written confirmation of an oral suspension",
         "the day the officer was suspended orally", WDA, WD, 3,
         f"{CR}, reg 11 (period from 2012 reg 10(6), not verified)", _M,
         "Suspension is notified in writing with reasons, or orally with written confirmation "
         "within 3 working days beginning with the first working day after the suspension "
         "(2012 reg 10(6); that the 2020 rule matches is [M]).",
         (f"{CR}, reg 11: {URL_CR}", "Police (Conduct) Regulations 2012, reg 10(6)"),
         (AS_MADE,), "§6"),
    Rule("suspension-review", "next review of a suspension",
         "the day of the suspension or of the last review", Method.DAYS_AFTER,
         Unit.CALENDAR_DAYS, 28, f"{CR}, reg 11 (review cycle not verified)", _M,
         "The suspension conditions are reviewed periodically; every 4 weeks (28 days) is the "
         "commonly stated cycle but the text was not confirmed [M]. Record reasons at each "
         "review.",
         (f"{CR}, reg 11: {URL_CR}",), (AS_MADE,), "§6"),
    Rule("complainant-update", "next progress update to the complainant",
         "the start of handling or the day of the last update", Method.DAYS_AFTER,
         Unit.CALENDAR_DAYS, 28, f"{CM}, reg 34(2)(a)", _V,
         "The complainant is updated within 4 weeks of the start of handling, then within 4 "
         "weeks of the previous update. Updates are in writing unless the complaint was made "
         "other than in writing and is handled outside Schedule 3.",
         (f"{CM}, reg 34: {URL_CM}",), (AS_MADE,), "§4.6"),
    Rule("complainant-outcome", "notifying the complainant of the outcome",
         "the day of the outcome decision", WDA, WD, 5, f"{CM}, reg 34", _V,
         "The outcome, and any outcome of criminal proceedings, is notified within 5 working "
         "days, with the right to apply for a review and what the application needs.",
         (f"{CM}, reg 34: {URL_CM}",), (AS_MADE,), "§4.6"),
    Rule("review-application", "complainant's application for a review",
         "the day the outcome information (reg 33(2)(a)) was provided", Method.DAYS_AFTER,
         Unit.CALENDAR_DAYS, 28, f"{CM}, reg 29(2)", _V,
         "28 days starting with the day after the outcome information was provided. Time does "
         "not run while an application sent to the wrong body is forwarded; the review body may "
         "extend for special circumstances (reg 29(4) [M]).",
         (f"{CM}, reg 29: {URL_CM}",
          "Police Reform Act 2002, Sch 3 para 32: "
          "https://www.legislation.gov.uk/ukpga/2002/30/schedule/3/paragraph/32"),
         (AS_MADE,), "§5.7"),
    Rule("learning-response", "written response to a learning recommendation",
         "the day the recommendation was made", Method.DAYS_BEGINNING_WITH,
         Unit.CALENDAR_DAYS, 56, f"{PRA}, Sch 3 para 28A", _M,
         "The recipient responds in writing within 56 days beginning with the day the "
         "recommendation was made, saying what it has done or proposes, or why it will do "
         "nothing. The IOPC may extend on application. Identical scheme verified in SI 2015/431 "
         "reg 82; that PRA para 28A matches is [M].",
         ("Anti-social Behaviour, Crime and Policing Act 2014, s.139: "
          "https://www.legislation.gov.uk/ukpga/2014/12/section/139",
          "SI 2015/431, reg 82: https://www.legislation.gov.uk/uksi/2015/431/regulation/82/made"),
         (AS_MADE,), "§10"),
    Rule("twelve-month-report", "last day of the first 12-month period of an investigation",
         "the day the allegation came to attention or the complaint was made",
         Method.PERIOD_BEGINNING_WITH, Unit.MONTHS, 12, f"{CR}, reg 19; {CM}, reg 13", _V,
         "If the investigation is not completed within 12 months beginning with the day the "
         "matter came to the AA's attention (conduct matters, reg 19) or the complaint was made "
         "(Schedule 3, C&M Regs reg 13), a report falls due to the local policing body (and, for "
         "local Schedule 3 investigations, the IOPC Director General) as soon as practicable.",
         (f"{CR}, reg 19: {URL_CR}", f"{CM}, reg 13: {URL_CM}"), (AS_MADE,), "§4.5"),
    Rule("six-month-report", "last day of each following 6-month period of an investigation",
         "the last day of the previous period", Method.PERIOD_BEGINNING_DAY_AFTER,
         Unit.MONTHS, 6, f"{CR}, reg 19; {CM}, reg 13", _V,
         "Each later relevant period is 6 months beginning with the day after the previous one "
         "ended; a further report falls due if the investigation is still open after it.",
         (f"{CR}, reg 19: {URL_CR}", f"{CM}, reg 13: {URL_CM}"), (AS_MADE,), "§4.5"),
    Rule("written-warning-expiry", "last day a written warning is in force",
         "the day the warning was notified", Method.PERIOD_BEGINNING_WITH, Unit.MONTHS, 18,
         f"{CR}, reg 42(9)(a)", _V,
         "A written warning remains in force for 18 months beginning with the day it is "
         "notified. Time on a career break does not count (reg 42(11)); reg 42(10) extensions "
         "are not verified.",
         (f"{CR}, reg 42: {URL_CR}",), (AS_MADE,), "§5.4"),
    Rule("final-warning-expiry", "last day a final written warning is in force",
         "the day the warning was notified", Method.PERIOD_BEGINNING_WITH, Unit.YEARS, 2,
         f"{CR}, reg 42(9)(b)", _V,
         "A final written warning remains in force for 2 years beginning with the day it is "
         "notified; at an accelerated hearing a longer period up to 5 years may be set (reg "
         "62(4)(b)). Career-break time does not count (reg 42(11), reg 62(5)).",
         (f"{CR}, regs 42, 62: {URL_CR}",), (AS_MADE,), "§5.4"),
    Rule("barred-review-conduct", "first day a person barred for conduct may ask for a review",
         "the day of the dismissal", Method.FIRST_DAY_AFTER_PERIOD, Unit.YEARS, 5,
         f"{BL}; College of Policing barred-list guidance", _V,
         "A Barred List entry is indefinite unless the dismissal is overturned or a review "
         "succeeds. A review cannot be requested until 5 years (conduct or gross misconduct) "
         "have passed; the person must still re-apply and pass vetting.",
         (f"{BL}: {URL_BL}", f"College of Policing, Barred list: {URL_BARRED}"),
         (AS_MADE,), "§8"),
    Rule("barred-review-performance",
         "first day a person barred for performance may ask for a review",
         "the day of the dismissal", Method.FIRST_DAY_AFTER_PERIOD, Unit.YEARS, 3,
         f"{BL}; College of Policing barred-list guidance", _V,
         "A review cannot be requested until 3 years (gross incompetence or performance) have "
         "passed since the dismissal.",
         (f"{BL}: {URL_BL}", f"College of Policing, Barred list: {URL_BARRED}"),
         (AS_MADE,), "§8"),
    Rule("college-report", "report to the College of Policing for the barred or advisory list",
         "the day of the dismissal, finding, resignation or retirement",
         Method.WORKING_DAYS_BEGINNING_WITH, WD, 5, f"{BL}, regs 3(1) and 12(1)", _V,
         "The force reports to the College before the end of 5 working days beginning with the "
         "date of the dismissal or 'would have been dismissed' finding (reg 3(1), barred list), "
         "or of the resignation, retirement or other relevant event (reg 12(1), advisory list). "
         "Unlike the Conduct Regs, day 1 is the date itself.",
         (f"{BL}, regs 3, 12: {URL_BL}",), (AS_MADE,), "§8"),
    # -- additions beyond the contract table ---------------------------------------------
    Rule("iopc-referral", "mandatory referral to the IOPC",
         "the day it first became clear that the matter must be referred", Method.DAYS_AFTER,
         Unit.CALENDAR_DAYS, 1, f"{PRA}, Sch 3 para 4(4); {CM} (provision not verified)", _M,
         "Referral within the period set in regulations (para 4(4)); long-standing guidance says "
         "by the end of the day following the day on which it first becomes clear that the "
         "matter must be referred. A calendar day [M].",
         ("Police Reform Act 2002, Sch 3 para 4: "
          "https://www.legislation.gov.uk/ukpga/2002/30/schedule/3/paragraph/4",),
         (AS_MADE,), "§3.3"),
    Rule("misconduct-meeting", "holding a misconduct meeting",
         "the day the documents were supplied to the person conducting the meeting", WDA, WD, 20,
         f"{CR}, reg 34(1) (period from the 2012 Regulations, not verified)", _M,
         "The 2012 Regulations required the meeting within 20 working days of the documents "
         "being supplied; the 2020 figure in reg 34(1) was not verified [M]. The person "
         "conducting may extend in the interests of justice (reg 34(2)).",
         (f"{CR}, reg 34: {URL_CR}",), (AS_MADE,), "§5.3"),
    Rule("outcome-report", "report of misconduct proceedings to the appropriate authority",
         "the day the proceedings were completed", WDA, WD, 5, f"{CR}, reg 43", _S,
         "Report to the AA within 5 working days beginning with the first working day after the "
         "proceedings are complete [S].",
         (f"{CR}, reg 43: {URL_CR}",), (AS_MADE,), "§5.3"),
    Rule("papers-to-chair", "case documents to the person conducting or chairing",
         "the day the officer complied with reg 31(2)", WDA, WD, 10, f"{CR}, reg 32(6)", _V,
         "The case documents go to the person conducting or chairing within 10 working days "
         "after the officer complies with reg 31(2); witness lists within 10 working days after "
         "they were exchanged (reg 32(2)).",
         (f"{CR}, reg 32: {URL_CR}",), (AS_MADE,), "§5.3"),
    Rule("super-complaint-acknowledgement", "HM Chief Inspector acknowledges a super-complaint",
         "the day the super-complaint was received", WDA, WD, 5,
         "Police Super-complaints (Designation and Procedure) Regulations 2018, reg 5", _V,
         "HM Chief Inspector of Constabulary acknowledges receipt of a super-complaint within 5 "
         "working days.",
         ("SI 2018/748: https://www.legislation.gov.uk/uksi/2018/748",), (AS_MADE,), "§1"),
    Rule("log-complaint", "logging an expression of dissatisfaction as a complaint",
         "the day the complaint was received", WDA, WD, 2,
         "Local service standard (IOPC statistics measure 'working days to log'; no statutory "
         "period)", "C",
         "Every expression of dissatisfaction must be logged (PRA Sch 3 para 2). No statute "
         "sets a period: the IOPC publishes the average working days to log, and this is the "
         "force's own target, set in configuration [C].",
         ("IOPC, Police complaints: statistics for England and Wales (working days to log)",),
         (AS_MADE,), "§3.1, §11.2"),
    Rule("contact-complainant", "first contact with the complainant about how it is handled",
         "the day the complaint was received", WDA, WD, 5,
         "PRA 2002, Sch 3 para 2(6) (contact required; the period is a local service standard)",
         "C",
         "The appropriate authority must contact the complainant and seek their views on how "
         "the complaint should be handled (Sch 3 para 2(6)). No statute sets a period: the "
         "default, 5 working days, is the national average reported by the IOPC for 2022/23, "
         "set in configuration [C].",
         ("Police Reform Act 2002, Sch 3 para 2: "
          "https://www.legislation.gov.uk/ukpga/2002/30/schedule/3/paragraph/2",
          "IOPC, Police complaints: statistics for England and Wales 2022/23",),
         (AS_MADE,), "§3.1, §11.3"),
    Rule("advisory-review", "first day a person on the advisory list may ask for a review",
         "the day of the advisory-list entry", Method.FIRST_DAY_AFTER_PERIOD, Unit.YEARS, 5,
         f"{BL} (review period from Federation guidance)", _S,
         "An advisory-list entry lasts until proceedings conclude; a review application after 5 "
         "years [S].",
         (f"{BL}: {URL_BL}",), (AS_MADE,), "§8"),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

# The rule ids fixed by shared/domain/rules-contract.md, in its table order.
CONTRACT_RULE_IDS: tuple[str, ...] = (
    "notice-response", "interview-alternative", "referral-response", "witness-lists",
    "pre-hearing", "meeting-appeal", "pat-appeal", "amh-response", "amh-earliest", "amh-latest",
    "rprp-account", "suspension-confirmation", "suspension-review", "complainant-update",
    "complainant-outcome", "review-application", "learning-response", "twelve-month-report",
    "six-month-report", "written-warning-expiry", "final-warning-expiry",
    "barred-review-conduct", "barred-review-performance", "college-report",
)


class UnknownRuleError(KeyError):
    """No rule has that id."""

    def __str__(self) -> str:
        return f"unknown rule {self.args[0]!r} (see `candour rules list`)"


def get_rule(rule_id: str) -> Rule:
    try:
        return RULES_BY_ID[rule_id]
    except KeyError:
        raise UnknownRuleError(rule_id) from None
