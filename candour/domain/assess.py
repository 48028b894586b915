"""Assess a matter against the law in force: each answer is a value plus its reasons.

Public API::

    from candour.domain.assess import assess
    from candour.domain.facts import Facts
    result = assess(Facts.from_json({"on": "2025-06-10", "case_type": "complaint",
                                     "conduct": ["serious_sexual_offence"]}))
    result.answers["must_refer"].value       # True
    result.to_json()                         # what `candour rules assess` prints

``assess(facts, profile="auto-suspension-2023")`` adds a ``profile`` block beside the
law-in-force answers (see :mod:`candour.domain.profiles`); it never changes them.

Each key is present only when the facts allow an answer (rules-contract.md). Reasons cite the
instrument and provision; ``confirmed`` is false where an answer rests on a statement tagged
[M], [S] or [C] in regulations.md, or on a configurable default.

Sources by answer (regulations.md sections): recording and outside-Schedule-3 handling §3.1
(PRA Sch 3 para 2(6A)-(6C)); mandatory referral §3.3 (PRA Sch 3 para 4, C&M Regs regs 4, 7, 9);
appropriate authority §1 (Conduct Regs reg 2(1)); review body §5.7 (PRA Sch 3 para 30, C&M Regs
reg 32); repeat complaints and withdrawal §3.1 (C&M Regs regs 6, 38, 39); suspension §6 (Conduct
Regs reg 11); deemed gross misconduct §2 (SI 2025/558 reg 6(2)(c), reg 64); warnings §5.4 (reg
42(9)); forums and outcomes §5.2 (regs 23, 42, 49, 62); presumption of dismissal §7.4; chairs §1
and §14 sc. 14-15 (SI 2024/521); lists §8 (Police Act 1996 Part 4A, SI 2017/1135); vetting §7.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from candour.domain.config import RulesConfig, load_config
from candour.domain.deadlines import compute_deadline, long_date
from candour.domain.facts import Facts, Subject, Warning
from candour.domain.periods import period_last_day
from candour.domain.profiles import apply_profile
from candour.domain.regimes import (
    DISMISSALS_2025,
    LEGACY,
    PANELS_2024,
    VETTING_2025,
    Regime,
    regime_for,
)

PRA = "Police Reform Act 2002"
CM = "Police (Complaints and Misconduct) Regulations 2020"
CR = "Police (Conduct) Regulations 2020"
CR2012 = "Police (Conduct) Regulations 2012"
SI_2024 = "Police (Conduct) (Amendment) Regulations 2024"
SI_558 = ("Police (Conduct, Performance and Complaints and Misconduct) (Amendment) "
          "Regulations 2025")
VETTING = "Police (Vetting) Regulations 2025"
CODE = "Vetting Code of Practice 2023"
PA = "Police Act 1996"
BL = "Police Barred List and Police Advisory List Regulations 2017"

REFERRAL_CONDUCT = (
    "serious_assault", "serious_sexual_offence", "serious_corruption",
    "abuse_of_position_sexual_purpose", "abuse_of_position_emotional_relationship",
    "discriminatory_behaviour", "relevant_offence",
)
HEAD_ORDER = (*REFERRAL_CONDUCT, "death_or_serious_injury", "same_incident", "senior_officer")
CHIEF_OFFICER_RANKS = ("chief_constable", "commissioner")
REG_4_1_C_RANKS = ("chief_constable", "commissioner", "deputy_commissioner")
HMI_CHAIR_RANKS = ("chief_constable", "commissioner", "deputy_commissioner",
                   "assistant_commissioner")
SENIOR_RANKS = ("assistant_chief_constable", "deputy_chief_constable", "chief_constable",
                "commander", "deputy_assistant_commissioner", "assistant_commissioner",
                "deputy_commissioner", "commissioner")
OFFICER_KINDS = ("officer", "special_constable")
FORMER = ("resigned", "retired", "dismissed")
NO_CASE = ("none", "neither")


@dataclass(frozen=True)
class Reason:
    text: str
    basis: str

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "basis": self.basis}


@dataclass(frozen=True)
class Answer:
    value: Any
    because: tuple[Reason, ...]
    confirmed: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "because": [r.to_json() for r in self.because],
                "confirmed": self.confirmed}


@dataclass
class Assessment:
    """Answers keyed as in rules-contract.md, in the contract's order, plus any profile block."""

    answers: dict[str, Answer] = field(default_factory=dict)
    profile: dict[str, Any] | None = None

    def __getitem__(self, key: str) -> Answer:
        return self.answers[key]

    def __contains__(self, key: object) -> bool:
        return key in self.answers

    def law_json(self) -> dict[str, Any]:
        return {key: answer.to_json() for key, answer in self.answers.items()}

    def to_json(self) -> dict[str, Any]:
        out = self.law_json()
        if self.profile is not None:
            out["profile"] = self.profile
        return out


class _Reasons:
    """Collects reasons and whether all of them are confirmed."""

    def __init__(self) -> None:
        self.items: list[Reason] = []
        self.confirmed = True

    def add(self, text: str, basis: str, *, confirmed: bool = True) -> None:
        self.items.append(Reason(text, basis))
        self.confirmed = self.confirmed and confirmed

    def answer(self, value: Any) -> Answer:
        return Answer(value, tuple(self.items), self.confirmed)


def _is_officer(subject: Subject | None) -> bool:
    return subject is None or subject.kind is None or subject.kind in OFFICER_KINDS


def _conduct(facts: Facts) -> tuple[str, ...]:
    return facts.conduct or ()


# -- intake --------------------------------------------------------------------------------


def _regime(facts: Facts) -> tuple[Regime, Answer]:
    regime = regime_for(facts.regime_date)
    why = _Reasons()
    source = "received_on (complaint made or matter came to attention)" if facts.received_on \
        else "on (received_on not given)"
    if regime is LEGACY:
        why.add(f"{long_date(facts.regime_date)} is before 1 February 2020: the legacy regime "
                "applies, which this engine answers only approximately", CR2012, confirmed=False)
    else:
        why.add(f"the governing date {long_date(facts.regime_date)}, from {source}, falls in the "
                f"rule set in force from {long_date(regime.starts)}", regime.instrument)
    if regime.starts >= DISMISSALS_2025:
        why.add("amendments apply to allegations and complaints that came to attention on or "
                "after 28 May 2025", f"{SI_558}, regs 64(1) and 66")
    return regime, why.answer(regime.id)


def _referral_heads(facts: Facts) -> tuple[list[str], _Reasons]:
    """Mandatory referral heads met, with a reason for each (PRA Sch 3 paras 4, 13; C&M Regs)."""
    heads: list[str] = []
    why = _Reasons()
    kind = facts.case_type
    conduct = _conduct(facts)
    if kind == "dsi_matter":
        heads.append("death_or_serious_injury")
        why.add("a death or serious injury matter must be recorded and referred, whatever the "
                "evidence of misconduct", f"{PRA}, Sch 3 Part 2A; {CM}, reg 9")
        return heads, why
    reg = "reg 4(1)(a)" if kind == "complaint" else "reg 7(1)"
    labels = {
        "serious_assault": "a serious assault",
        "serious_sexual_offence": "a serious sexual offence",
        "serious_corruption": "serious corruption",
        "abuse_of_position_sexual_purpose": "serious corruption: abuse of position for a sexual "
                                            "purpose",
        "abuse_of_position_emotional_relationship": "serious corruption: abuse of position to "
                                                    "pursue an improper emotional relationship",
        "discriminatory_behaviour": "a criminal offence or behaviour liable to lead to "
                                    "disciplinary proceedings aggravated by discriminatory "
                                    "behaviour",
        "relevant_offence": "a relevant offence (sentence fixed by law, or 7 years for an adult "
                            "with no previous convictions)",
    }
    for word in REFERRAL_CONDUCT:
        if word in conduct or (word == "discriminatory_behaviour" and facts.discrimination):
            heads.append(word)
            why.add(f"alleges conduct that constitutes {labels[word]} (as defined in IOPC "
                    "guidance)", f"{CM}, {reg}")
    if facts.contact_resulted_in in ("death", "serious_injury"):
        heads.append("death_or_serious_injury")
        if kind == "complaint":
            why.add("alleges that the conduct or other matter resulted in death or serious "
                    "injury", f"{PRA}, Sch 3 para 4(1)(a)")
        else:
            why.add("the conduct may have resulted in death or serious injury",
                    f"{PRA}, Sch 3 para 13 (paragraph not verified)", confirmed=False)
    if facts.same_incident_as_referred:
        heads.append("same_incident")
        why.add("arises from the same incident as a matter within a mandatory referral head",
                f"{CM}, {'reg 4(1)(b)' if kind == 'complaint' else 'reg 7(1)'}")
    subject = facts.subject
    if (kind == "complaint" and subject is not None and subject.rank in REG_4_1_C_RANKS
            and conduct != ("service_level",)):
        heads.append("senior_officer")
        why.add("a complaint about the conduct of a chief officer or the Met Deputy "
                "Commissioner, unless the appropriate authority can satisfy itself from the "
                "complaint alone that the conduct would not justify criminal or disciplinary "
                "proceedings", f"{CM}, reg 4(1)(c)")
    return heads, why


def _must_record(facts: Facts, heads: list[str]) -> Answer | None:
    kind = facts.case_type
    why = _Reasons()
    conduct = _conduct(facts)
    if kind == "dsi_matter":
        why.add("a death or serious injury matter is always recorded",
                f"{PRA}, Sch 3 Part 2A; {CM}, reg 9")
        return why.answer(True)
    if kind == "conduct_matter":
        if heads or any(c in conduct for c in ("serious_assault", "serious_sexual_offence",
                                                "serious_corruption", "relevant_offence")):
            why.add("a recordable conduct matter (C&M Regs reg 7(1) heads met: "
                    + ", ".join(heads) + ")", f"{CM}, reg 7(1); {PRA}, Sch 3 para 11")
            return why.answer(True)
        if facts.conduct is None:
            return None
        why.add("no reg 7(1) head is met on these facts; record if its gravity or other "
                "exceptional circumstances make recording appropriate", f"{CM}, reg 7(1)")
        why.add("otherwise handled internally under the Conduct Regulations", CR)
        return why.answer(False)
    if kind != "complaint":
        return None
    asked = ("complainant_wants_recording", "conduct", "contact_resulted_in", "discrimination",
             "same_incident_as_referred")
    if not heads and not any(facts.provided & {k} for k in asked):
        return None
    if facts.complainant_wants_recording:
        why.add("the complainant wants the complaint recorded", f"{PRA}, Sch 3 para 2(6A)(a)")
    if facts.contact_resulted_in in ("death", "serious_injury"):
        why.add("it alleges that the conduct or other matter resulted in death or serious "
                "injury", f"{PRA}, Sch 3 para 2(6B)")
    if [c for c in conduct if c not in ("service_level", "article_2_or_3_breach")] \
            or facts.discrimination:
        why.add("it alleges conduct which, if proved, might constitute a criminal offence or "
                "justify disciplinary proceedings", f"{PRA}, Sch 3 para 2(6B)")
    if "article_2_or_3_breach" in conduct:
        why.add("the matter, if proved, might involve an infringement of Article 2 or 3 ECHR",
                f"{PRA}, Sch 3 para 2(6B)")
    if heads:
        why.add("it is of a description specified for mandatory referral",
                f"{PRA}, Sch 3 para 2(6B); {CM}, reg 4")
    if why.items:
        return why.answer(True)
    why.add("none of the conditions for recording applies: it may be handled outside "
            "Schedule 3 with a view to resolving it to the complainant's satisfaction",
            f"{PRA}, Sch 3 para 2(6C)")
    why.add("it must be recorded if the complainant at any time asks for it to be",
            f"{PRA}, Sch 3 para 2(6A)(a)")
    return why.answer(False)


def _appropriate_authority(facts: Facts) -> Answer | None:
    subject = facts.subject
    if subject is None:
        return None
    why = _Reasons()
    if subject.rank in CHIEF_OFFICER_RANKS:
        why.add("the person concerned is the chief officer, so the appropriate authority is the "
                "local policing body (the PCC; MOPAC for the Met Commissioner)", f"{CR}, reg 2(1)")
        return why.answer("local_policing_body")
    why.add("for anyone other than the chief officer the appropriate authority is the chief "
            "officer of the force (in practice delegated to Professional Standards)",
            f"{CR}, reg 2(1)")
    return why.answer("chief_officer")


def _review_body(facts: Facts, heads: list[str], recorded: Answer | None,
                 authority: Answer | None) -> Answer | None:
    if facts.case_type is None:
        return None
    why = _Reasons()
    if facts.case_type != "complaint":
        why.add("only a complainant may apply for a review", f"{PRA}, Sch 3 paras 6A and 25")
        return why.answer("none")
    conduct = _conduct(facts)
    rank = facts.subject.rank if facts.subject else None
    if authority is not None and authority.value == "local_policing_body":
        why.add("the appropriate authority is a local policing body",
                f"{PRA}, Sch 3 para 30(1)(a)")
    if rank in SENIOR_RANKS:
        why.add("the complaint is about the conduct of a senior officer", f"{CM}, reg 32(a)")
    if [c for c in conduct if c != "service_level"] or facts.discrimination:
        why.add("the appropriate authority cannot be satisfied from the complaint alone that "
                "the conduct, if proved, would not justify criminal or disciplinary proceedings "
                "or involve an infringement of Article 2 or 3 ECHR", f"{CM}, reg 32(b)")
    if heads:
        why.add("the complaint was, or must be, referred to the IOPC under para 4",
                f"{CM}, reg 32; {PRA}, Sch 3 para 4")
    if facts.same_incident_as_referred and "same_incident" not in heads:
        why.add("it arises from the same incident as a complaint within reg 32", f"{CM}, reg 32")
    if why.items:
        return why.answer("iopc")
    if recorded is None:
        return None
    if recorded.value is False:
        why.add("a complaint handled outside Schedule 3 carries no right of review (if it is "
                "recorded, the local policing body reviews it)",
                f"{PRA}, Sch 3 paras 6A and 25", confirmed=False)
        return why.answer("none")
    why.add("no IOPC description applies, so the relevant review body is the local policing "
            "body", f"{PRA}, Sch 3 para 30(1); {CM}, reg 32")
    return why.answer("local_policing_body")


def _duty_to_investigate(facts: Facts) -> Answer | None:
    if facts.repeat_without_fresh_evidence is None:
        return None
    why = _Reasons()
    if facts.repeat_without_fresh_evidence:
        why.add("a repeat of substantially the same complaint or conduct matter with no fresh "
                "indication and no fresh substantive evidence", f"{CM}, reg 6")
        return why.answer(False)
    why.add("not a repeat complaint without fresh evidence, so the duty to investigate is not "
            "excluded by reg 6", f"{PRA}, Sch 3 para 6(2C); {CM}, reg 6")
    return why.answer(True)


def _withdrawal(facts: Facts, must_refer: bool) -> Answer | None:
    if facts.withdrawal_signed is None:
        return None
    why = _Reasons()
    if facts.withdrawal_signed:
        why.add("withdrawn by a notification signed by the complainant or their agent",
                f"{CM}, reg 38")
    else:
        why.add("a withdrawal needs a notification signed by the complainant or their agent; "
                "follow the reg 39 procedure where none is given", f"{CM}, regs 38 and 39")
    if must_refer:
        why.add("the complaint was referred to the IOPC, which must be notified of the "
                "withdrawal", f"{CM}, reg 38")
    return why.answer(bool(facts.withdrawal_signed))


# -- conduct and proceedings ---------------------------------------------------------------


def _severity(level: str | None, deemed: bool) -> str | None:
    """The severity, upgraded to gross misconduct where the law deems it so."""
    if deemed and level in (None, "misconduct"):
        return "gross_misconduct"
    return level


def _consider_suspension(facts: Facts, config: RulesConfig) -> Answer | None:
    asked = {"conduct", "offence_class", "case_to_answer", "contact_resulted_in"}
    if not facts.provided & asked:
        return None
    why = _Reasons()
    if not _is_officer(facts.subject):
        why.add("the Conduct Regulations' suspension power applies to police officers; staff and "
                "volunteers follow local procedures", f"{CR}, reg 11")
        return why.answer(False)
    triggers = [c for c in _conduct(facts) if c in config.suspension_triggers]
    if triggers:
        why.add("the allegation is of " + ", ".join(t.replace("_", " ") for t in triggers),
                f"{CR}, reg 11 (triggers are a configurable default)", confirmed=False)
    if facts.offence_class in ("indictable_only", "either_way"):
        why.add(f"the alleged offence is {facts.offence_class.replace('_', ' ')}",
                f"{CR}, reg 11 (triggers are a configurable default)", confirmed=False)
    if facts.contact_resulted_in in ("death", "serious_injury"):
        why.add("the contact resulted in death or serious injury",
                f"{CR}, reg 11 (triggers are a configurable default)", confirmed=False)
    if facts.case_to_answer == "gross_misconduct":
        why.add("there is a case to answer for gross misconduct", f"{CR}, reg 11")
    if not why.items:
        why.add("nothing in the facts calls for suspension to be considered; the power remains "
                "available at any time before proceedings conclude", f"{CR}, reg 11",
                confirmed=False)
        return why.answer(False)
    why.add("consider temporary redeployment or restricted duties first; suspend (with pay) "
            "only if that is not appropriate and either the investigation may be prejudiced or "
            "the public interest requires it", f"{CR}, reg 11(2)")
    return why.answer(True)


def _deemed_gm(facts: Facts, regime: Regime) -> Answer | None:
    convictions = facts.subject.convictions if facts.subject else None
    if convictions is None and "offence_class" not in facts.provided:
        return None
    why = _Reasons()
    indictable = [c for c in convictions or ()
                  if c.offence_class == "indictable_only"
                  and (c.convicted_on is None or c.convicted_on <= facts.on)]
    if not indictable:
        why.add("no conviction for an indictable-only offence: severity is assessed on the "
                "facts", f"{CR}, reg 14")
        return why.answer(False)
    if regime.starts < DISMISSALS_2025:
        why.add("the allegation came to attention before 28 May 2025 (a pre-commencement "
                "allegation), so the indictable-only rule does not apply; severity is assessed "
                "on the facts", f"{SI_558}, reg 64(1)")
        return why.answer(False)
    why.add("conduct that has resulted in a conviction for an indictable-only offence is gross "
            "misconduct by definition", f"{CR}, reg 2 as amended by {SI_558}, reg 6(2)(c)")
    return why.answer(True)


def warning_last_day(warning: Warning) -> date:
    """Last day a warning is in force (reg 42(9); career breaks extend it, reg 42(11))."""
    months = warning.months or (18 if warning.type == "written" else 24)
    return period_last_day(warning.notified_on, months) + timedelta(days=warning.career_break_days)


def _warning_in_force(facts: Facts) -> Answer | None:
    subject = facts.subject
    if facts.severity_assessed_on is None or subject is None or subject.warnings is None:
        return None
    on = facts.severity_assessed_on
    why = _Reasons()
    live = set()
    for warning in subject.warnings:
        last = warning_last_day(warning)
        label = "written warning" if warning.type == "written" else "final written warning"
        length = warning.months or (18 if warning.type == "written" else 24)
        state = "in force" if warning.notified_on <= on <= last else "not in force"
        why.add(f"{label} notified {long_date(warning.notified_on)}: {length} months beginning "
                f"with that day end on {long_date(last)}, so it was {state} on "
                f"{long_date(on)}", f"{CR}, reg 42(9)" + ("-(11)" if warning.career_break_days
                                                       else ""))
        if state == "in force":
            live.add(warning.type)
    value = "final_written" if "final_written" in live else "written" if live else "none"
    if not subject.warnings:
        why.add("no warnings recorded", f"{CR}, reg 42(9)")
    return why.answer(value)


def _former(facts: Facts) -> bool:
    return bool(facts.subject and facts.subject.status in FORMER)


def _forum(facts: Facts, level: str | None, warning: str | None) -> Answer | None:
    if facts.case_to_answer is None and level is None:
        return None
    why = _Reasons()
    if not _is_officer(facts.subject):
        why.add("the Conduct Regulations apply to police officers; police staff follow local "
                "procedures (Police Staff Council Handbook Part 3)", CR, confirmed=False)
        return why.answer("none")
    if level in NO_CASE or level is None:
        why.add("no case to answer: no misconduct proceedings; the appropriate authority must "
                "still consider reflective practice or the Performance Regulations",
                f"{CR}, regs 21(2)(d) and 23")
        return why.answer("none")
    if level == "gross_misconduct":
        if facts.special_conditions_met:
            why.add("the special conditions are certified: sufficient written evidence of gross "
                    "misconduct and a public interest in the officer ceasing to be an officer "
                    "without delay", f"{CR}, reg 49(2)")
            return why.answer("accelerated_hearing")
        if _former(facts) and facts.on >= DISMISSALS_2025:
            why.add("a former officer is presumed to go to an accelerated misconduct hearing "
                    "unless they opt for a hearing or the appropriate authority decides one is "
                    "needed (no reg 30(1) or 51(1) notice before 28 May 2025 assumed)",
                    f"{SI_558}, Schedule; reg 64(3)")
            return why.answer("accelerated_hearing")
        why.add("a case to answer for gross misconduct goes to a misconduct hearing",
                f"{CR}, reg 23")
        return why.answer("misconduct_hearing")
    if warning == "final_written":
        why.add("misconduct, with a final written warning in force on the date of the severity "
                "assessment, goes to a misconduct hearing",
                f"{CR}, regs 23 and 42(5)", confirmed=False)
        return why.answer("misconduct_hearing")
    if facts.multiple_unconnected_incidents:
        why.add("misconduct arising from more than one incident not closely factually connected "
                "goes to a misconduct hearing", f"{CR}, regs 23 and 42(6)", confirmed=False)
        return why.answer("misconduct_hearing")
    why.add("a case to answer for misconduct (not gross misconduct) with no final written "
            "warning in force goes to a misconduct meeting", f"{CR}, reg 23")
    return why.answer("misconduct_meeting")


def _hearing_chair(facts: Facts, forum: Answer | None, config: RulesConfig) -> Answer | None:
    subject = facts.subject
    if subject is None or subject.rank is None or not _is_officer(subject):
        return None
    if forum is not None and forum.value not in ("misconduct_hearing", "accelerated_hearing"):
        return None
    day = facts.received_on if config.panel_date == "received_on" and facts.received_on \
        else facts.on
    rank = subject.rank
    why = _Reasons()
    if forum is None:
        why.add("no case-to-answer decision in the facts: this is who would chair a misconduct "
                "hearing", f"{CR}, reg 23")
    if forum is not None and forum.value == "accelerated_hearing":
        if rank not in SENIOR_RANKS:
            why.add("an accelerated misconduct hearing is conducted by the chief officer, who "
                    "may delegate from 7 May 2024 (not to the officer who certified the case)",
                    f"{CR}, reg 2(4A)-(4C) as inserted by {SI_2024}")
            return why.answer("chief_officer_or_delegate")
        why.add("for a senior officer the accelerated hearing is conducted by a panel appointed "
                "by the local policing body; the chair is taken as for a hearing", CR,
                confirmed=False)
    if day < PANELS_2024:
        why.add(f"on {long_date(day)}, before 7 May 2024, misconduct hearings were chaired by "
                "a legally qualified chair, with a senior officer and an independent member",
                "Police (Conduct) (Amendment) Regulations 2015", confirmed=False)
        return why.answer("legally_qualified_chair")
    why.add(f"the hearing date {long_date(day)} is on or after 7 May 2024 (transitional rules "
            "for hearings referred earlier not verified)", SI_2024, confirmed=False)
    if rank in HMI_CHAIR_RANKS:
        why.add("for a chief officer, Deputy Commissioner or Assistant Commissioner the chair is "
                "HM Chief Inspector of Constabulary or a nominated HM Inspector", SI_2024)
        return why.answer("hmcic_or_hmi")
    if rank in SENIOR_RANKS:
        why.add("for a senior officer (above chief superintendent) the chair is a more senior "
                "officer from another force", SI_2024)
        return why.answer("senior_officer_other_force")
    why.add("the chair is the chief officer of the force concerned, or a delegated senior "
            "officer, former senior officer (left within 5 years) or police staff member of "
            "equivalent seniority; two independent members appointed by the local policing body "
            "(one qualified, one lay) sit with the chair, and a legally qualified person advises "
            "without a vote", f"{CR}, reg 2(4A)-(4B) as inserted by {SI_2024}, reg 3(1)(b)")
    return why.answer("chief_officer_or_delegate")


def _outcomes(facts: Facts, regime: Regime, level: str | None, forum: Answer | None,
              warning: str | None, config: RulesConfig) -> tuple[Answer | None, Answer | None]:
    """(available_outcomes, presumed_outcome)."""
    if level is None or not _is_officer(facts.subject):
        return None, None
    why = _Reasons()
    presumed = _Reasons()
    if regime is LEGACY:
        outcomes = ["management_advice", "written_warning", "final_written_warning"]
        if forum is None or forum.value != "misconduct_meeting":
            outcomes += ["dismissal_with_notice", "dismissal_without_notice"]
        why.add("the 2012 Regulations applied: management advice and dismissal with notice "
                "(at least 28 days) existed then", f"{CR2012}, reg 35", confirmed=False)
        presumed.add("no presumption of dismissal before 28 May 2025", CR2012)
        return why.answer(outcomes), presumed.answer("none")
    if level in NO_CASE:
        why.add("where the conduct is neither misconduct nor gross misconduct the matter is "
                "referred to the reflective practice review process, which is not a disciplinary "
                "outcome and records no warning", f"{CR}, reg 42(1)(b); reg 70")
        presumed.add("no finding of gross misconduct", f"{CR}, reg 42")
        return why.answer(["rprp"]), presumed.answer("none")
    if _former(facts):
        if level == "gross_misconduct":
            why.add("for a former officer, disciplinary action for gross misconduct is a finding "
                    "that they would have been dismissed had they not left",
                    f"{CR}, Sch 1")
            presumed.add("a former officer cannot be dismissed; the finding is 'would have been "
                          "dismissed'", f"{CR}, Sch 1")
            return why.answer(["would_have_been_dismissed"]), presumed.answer("none")
        why.add("a former officer cannot be given a warning; proceedings against former officers "
                "concern gross misconduct", f"{CR}, Sch 1", confirmed=False)
        presumed.add("no finding of gross misconduct", f"{CR}, reg 42")
        return why.answer([]), presumed.answer("none")
    accelerated = forum is not None and forum.value == "accelerated_hearing"
    meeting = forum is not None and forum.value == "misconduct_meeting"
    guards = config.guards
    if level == "misconduct":
        outcomes = ["written_warning", "final_written_warning"]
        why.add("for misconduct: a written warning or a final written warning",
                f"{CR}, reg 42(2)-(3)(a)")
        if not meeting and (warning == "final_written" or facts.multiple_unconnected_incidents):
            outcomes += ["reduction_in_rank", "dismissal_without_notice"]
            cause = ("a final written warning was in force on the date of the severity "
                     "assessment" if warning == "final_written" else
                     "the misconduct arises from more than one unconnected incident")
            why.add(f"{cause}, so reduction in rank or dismissal without notice are also "
                    "available at a hearing",
                    f"{CR}, reg 42(5)" if warning == "final_written" else f"{CR}, reg 42(6)")
        if warning == "final_written" and guards["reg_42_8"]:
            outcomes = [o for o in outcomes if o not in ("written_warning",
                                                         "final_written_warning")]
            why.add("a final written warning was in force on the date of the severity "
                    "assessment, so neither a written nor a final written warning may be given",
                    f"{CR}, reg 42(8)", confirmed=False)
        if warning == "written" and guards["reg_42_7"]:
            outcomes = [o for o in outcomes if o != "written_warning"]
            why.add("a written warning was in force on the date of the severity assessment, so "
                    "a further written warning may not be given", f"{CR}, reg 42(7)",
                    confirmed=False)
        presumed.add("the presumption of dismissal applies only to gross misconduct",
                     f"{CR}, reg 42 as amended by {SI_558}, reg 15")
        return why.answer(outcomes), presumed.answer("none")
    # gross misconduct
    outcomes = ["final_written_warning", "reduction_in_rank", "dismissal_without_notice"]
    why.add("for gross misconduct: a final written warning, reduction in rank or dismissal "
            "without notice (dismissal with notice was removed in 2020)",
            f"{CR}, reg 62" if accelerated else f"{CR}, reg 42(3)(b)")
    if warning == "final_written" and guards["reg_62_3" if accelerated else "reg_42_8"]:
        outcomes.remove("final_written_warning")
        why.add("a final written warning was in force, so a further one may not be given",
                f"{CR}, reg 62(3)" if accelerated else f"{CR}, reg 42(8)",
                confirmed=accelerated)
    if regime.starts >= DISMISSALS_2025:
        basis = f"{CR}, reg {'62' if accelerated else '42'} as amended by {SI_558}, " \
                f"reg {'17' if accelerated else '15'}"
        presumed.add("gross misconduct proven on an allegation that came to attention on or "
                     "after 28 May 2025: dismissal without notice is presumed", basis)
        presumed.add("the amendments apply because the allegation is not a pre-commencement "
                     "allegation", f"{SI_558}, reg 64(1)")
        if facts.exceptional_circumstances is False:
            outcomes = ["dismissal_without_notice"]
            why.add("no exceptional circumstances were found, so the lesser sanctions are not "
                    "available", basis)
        elif facts.exceptional_circumstances:
            why.add("exceptional circumstances were found, so a final written warning or "
                    "reduction in rank may be given instead", basis)
        else:
            why.add("a final written warning or reduction in rank only if the panel finds "
                    "exceptional circumstances", basis)
        return why.answer(outcomes), presumed.answer("dismissal_without_notice")
    presumed.add("the allegation came to attention before 28 May 2025: the sanction is chosen "
                 "on normal principles, with no presumption of dismissal",
                 f"{CR}, reg 42(3)(b) (as made); {SI_558}, reg 64(1)")
    return why.answer(outcomes), presumed.answer("none")


# -- lists and vetting ---------------------------------------------------------------------


def _lists(facts: Facts, level: str | None,
           config: RulesConfig) -> tuple[Answer | None, Answer | None, Answer | None]:
    """(list_entry, list_review_from, college_report_due)."""
    provided = facts.provided
    if not provided & {"dismissed_for", "left_service_during_investigation"} and not (
            _former(facts) and facts.finding == "gross_misconduct"):
        return None, None, None
    why = _Reasons()
    entry = "none"
    review_rule = None
    if facts.dismissed_for in ("gross_misconduct", "gross_incompetence"):
        entry = "barred"
        why.add(f"dismissed for {facts.dismissed_for.replace('_', ' ')} under the Conduct or "
                "Performance Regulations: the College of Policing adds the person to the Police "
                "Barred List, indefinitely unless overturned or reviewed",
                f"{PA}, ss.88A-88B; {BL}, reg 3")
        review_rule = ("barred-review-conduct" if facts.dismissed_for == "gross_misconduct"
                       else "barred-review-performance")
    elif facts.dismissed_for == "vetting_withdrawal":
        if config.barred_list_for_vetting_dismissal:
            entry = "barred"
            review_rule = "barred-review-conduct"
        why.add("whether dismissals after vetting withdrawal are reported to the barred list "
                "was not verified (s.88A(1)(a) as inserted in 2017 covers proceedings under "
                "s.50(3) or s.51(2A)); configurable, currently "
                + ("barred" if entry == "barred" else "not listed"),
                f"{PA}, s.88A; {VETTING}", confirmed=False)
    elif _former(facts) and facts.finding == "gross_misconduct":
        entry = "barred"
        review_rule = "barred-review-conduct"
        why.add("a former officer found to be a person who would have been dismissed is added "
                "to the Police Barred List", f"{PA}, s.88A; {BL}, reg 3")
    elif facts.left_service_during_investigation:
        entry = "advisory"
        why.add("resigned or retired during an investigation (or before an allegation came to "
                "light): the College adds the person to the Police Advisory List until "
                "proceedings conclude", f"{PA}, s.88J; {BL}, reg 12")
    else:
        why.add("not dismissed, and did not leave during an investigation", f"{PA}, Part 4A")
    if entry == "barred":
        why.add("police forces, PCC offices and other local policing bodies, HMICFRS and the "
                "IOPC must not employ or appoint a barred person", f"{PA}, s.88C (not verified)",
                confirmed=False)
    entry_answer = why.answer(entry)
    review = report = None
    day = facts.dismissed_on
    if entry in ("barred", "advisory") and day is not None:
        report_deadline = compute_deadline("college-report", day, config=config)
        report = Answer(report_deadline.due.isoformat(),
                        (Reason(report_deadline.explanation, report_deadline.basis),),
                        report_deadline.confirmed)
        if review_rule:
            d = compute_deadline(review_rule, day, config=config)
            review = Answer(d.due.isoformat(), (Reason(
                f"a barred person may ask for a review once {d.length} years have passed: "
                + d.explanation, d.basis),), d.confirmed and entry_answer.confirmed)
    return entry_answer, review, report


def _vetting_review(facts: Facts, level: str | None) -> Answer | None:
    convictions = [c for c in (facts.subject.convictions or ())
                   if c.convicted_on is None or c.convicted_on <= facts.on] \
        if facts.subject else []
    if facts.finding is None and not convictions and not facts.vetting_notification_breach:
        return None
    why = _Reasons()
    if facts.vetting_notification_breach:
        if facts.on >= VETTING_2025:
            why.add("failing to notify the vetting authority of a matter that may affect "
                    "suitability breaches the duty to notify and triggers a withdrawal "
                    "assessment; it may also be a conduct matter (Honesty and integrity)",
                    f"{VETTING}, reg 5 and Part 3; {CR}, Sch 2")
        else:
            why.add("before 14 May 2025 the duty to report was in the Vetting Code and APP, not "
                    "regulations; clearance is reviewed on adverse information", CODE)
    if facts.finding in ("misconduct", "gross_misconduct") and facts.dismissed_for is None \
            and not _former(facts):
        why.add("misconduct proceedings ended without dismissal: vetting clearance must be "
                "reviewed", CODE)
    if convictions:
        why.add("the officer has a conviction: clearance is reviewed, with a presumption of "
                "refusal for cautions and convictions", CODE)
    if facts.vetting_withdrawn is not None and facts.on >= VETTING_2025:
        why.add("every officer must hold and maintain vetting clearance and promptly notify "
                "matters that may affect suitability", f"{VETTING}, reg 5")
    if why.items:
        return why.answer(True)
    why.add("no proven misconduct and no conviction in the facts", CODE)
    return why.answer(False)


def _vetting_dismissal(facts: Facts) -> Answer | None:
    if facts.dismissed_for != "vetting_withdrawal":
        return None
    day = facts.dismissed_on or facts.on
    why = _Reasons()
    if day >= VETTING_2025:
        why.add("from 14 May 2025 withdrawal of vetting clearance follows the withdrawal "
                "assessment procedure and can lead to dismissal without notice, with appeal to "
                "an appeal panel and then the Police Appeals Tribunal", f"{VETTING}, Part 3")
        return why.answer(True)
    why.add("before 14 May 2025 there was no lawful basis to dismiss for vetting withdrawal as "
            "'gross incompetence' under the Performance Regulations (Di Maria v Commissioner of "
            "Police of the Metropolis [2025] EWHC 275 (Admin))",
            "Police (Performance) Regulations 2020", confirmed=False)
    return why.answer(False)


def _progress_reports(facts: Facts) -> Answer | None:
    if facts.investigation_mode is None and facts.case_type is None:
        return None
    if facts.investigation_mode is None and facts.case_type != "conduct_matter":
        return None
    why = _Reasons()
    chief_is_subject = bool(facts.subject and facts.subject.rank in CHIEF_OFFICER_RANKS)
    if facts.case_type == "conduct_matter" and facts.investigation_mode is None:
        why.add("an internal conduct investigation not completed within the relevant period is "
                "reported to the local policing body, with a copy to the officer subject to the "
                "harm test, unless that would prejudice an investigation", f"{CR}, reg 19")
        return why.answer(["local_policing_body", "officer"])
    if facts.investigation_mode == "local":
        why.add("a local investigation is reported by the appropriate authority to the local "
                "policing body (where the chief officer is the authority, unless prejudicial) "
                "and to the IOPC Director General", f"{CM}, reg 13(1)")
        return why.answer(["local_policing_body", "iopc"])
    why.add("a directed or independent investigation is reported by the IOPC Director General "
            "to the local policing body and to the chief officer (not the chief officer if they "
            "are the subject)", f"{CM}, reg 13(2)")
    return why.answer(["local_policing_body"] if chief_is_subject
                      else ["local_policing_body", "chief_officer"])


# -- entry point ---------------------------------------------------------------------------


def assess(facts: Facts, profile: str | dict[str, Any] | None = None, *,
           config: RulesConfig | None = None) -> Assessment:
    """Answer every question the facts allow (see the module docstring)."""
    config = config or load_config()
    result = Assessment()
    put = result.answers
    regime, put["regime"] = _regime(facts)
    heads, head_reasons = _referral_heads(facts)
    recorded = _must_record(facts, heads)
    if recorded is not None:
        put["must_record"] = recorded
        if facts.case_type == "complaint":
            outside = _Reasons()
            outside.items = list(recorded.because)
            outside.confirmed = recorded.confirmed
            put["may_handle_outside_schedule_3"] = outside.answer(not recorded.value)
    if facts.case_type is not None:
        if heads:
            put["must_refer"] = head_reasons.answer(True)
        else:
            none = _Reasons()
            none.add("no mandatory referral head is met on these facts; the IOPC may still call "
                     "it in, and voluntary referral is allowed for gravity or exceptional "
                     "circumstances", f"{PRA}, Sch 3 para 4(1)(c) and 4(2)")
            put["must_refer"] = none.answer(False)
        ordered = [h for h in HEAD_ORDER if h in heads]
        put["referral_heads"] = Answer(ordered, put["must_refer"].because,
                                       put["must_refer"].confirmed)
    authority = _appropriate_authority(facts)
    if authority is not None:
        put["appropriate_authority"] = authority
    review = _review_body(facts, heads, recorded, authority)
    if review is not None:
        put["review_body"] = review
    for key, answer in (("duty_to_investigate", _duty_to_investigate(facts)),
                        ("withdrawal_valid", _withdrawal(facts, bool(heads))),
                        ("consider_suspension", _consider_suspension(facts, config))):
        if answer is not None:
            put[key] = answer
    deemed = _deemed_gm(facts, regime)
    if deemed is not None:
        put["deemed_gross_misconduct"] = deemed
    warning_answer = _warning_in_force(facts)
    warning = warning_answer.value if warning_answer else None
    if warning_answer is not None:
        put["warning_in_force"] = warning_answer
    is_deemed = bool(deemed and deemed.value)
    charge = _severity(facts.case_to_answer or facts.finding, is_deemed)
    level = _severity(facts.finding or facts.case_to_answer, is_deemed)
    forum = _forum(facts, charge, warning)
    if forum is not None:
        put["forum"] = forum
    available, presumed = _outcomes(facts, regime, level, forum, warning, config)
    if available is not None and presumed is not None:
        put["available_outcomes"] = available
        put["presumed_outcome"] = presumed
    chair = _hearing_chair(facts, forum, config)
    if chair is not None:
        put["hearing_chair"] = chair
    entry, review_from, report = _lists(facts, level, config)
    if entry is not None:
        put["list_entry"] = entry
    if review_from is not None:
        put["list_review_from"] = review_from
    vetting = _vetting_review(facts, level)
    if vetting is not None:
        put["vetting_review_required"] = vetting
    # additions beyond the contract table
    if report is not None:
        put["college_report_due"] = report
    lawful = _vetting_dismissal(facts)
    if lawful is not None:
        put["vetting_dismissal_lawful"] = lawful
    recipients = _progress_reports(facts)
    if recipients is not None:
        put["progress_report_to"] = recipients
    if profile is not None:
        result.profile = apply_profile(profile, facts, result)
    return result
