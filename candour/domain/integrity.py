"""Workforce integrity rules: suspension clocks and cost, and what a conviction means.

Pure functions, no Django. Each answer says why, with its basis:

* Suspension and restricted duties (regulations.md §6; Police (Conduct) Regulations 2020,
  reg 11): written confirmation of an oral suspension (rule ``suspension-confirmation``, 3
  working days beginning with the first working day after, [M]); the next review (rule
  ``suspension-review``, every 28 days from the start or the last review, [M]); and the running
  cost, days suspended x daily pay from a pay-scale table that is configuration, not law.
* Convictions, cautions and other notifiable matters (regulations.md §9): a suggested class for
  the offence (the Commissioner's April 2023 categories), whether it was committed while
  serving, the age at the offence, and the policy view by date: trivial, presumption of refusal
  (Vetting Code of Practice 2023), or deemed gross misconduct (an indictable-only conviction on
  or after 28 May 2025, SI 2025/558 reg 6).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from candour.domain.assess import Reason
from candour.domain.calendar import WorkingCalendar
from candour.domain.config import RulesConfig, load_config
from candour.domain.deadlines import Deadline, compute_deadline, long_date
from candour.domain.regimes import DISMISSALS_2025

CR = "Police (Conduct) Regulations 2020"
SI_558 = ("Police (Conduct, Performance and Complaints and Misconduct) (Amendment) "
          "Regulations 2025")
CODE = "Vetting Code of Practice 2023"

# -- suspension and restricted duties --------------------------------------------------------

SUSPENSION_KINDS = {"suspension": "Suspension", "restricted_duties": "Restricted duties"}
SUSPENSION_GROUNDS = {
    "investigation_prejudice": "The effective investigation may be prejudiced unless the officer "
                               "is suspended",
    "public_interest": "Having regard to the nature of the allegation and other considerations, "
                       "the public interest requires suspension",
}
NOTIFICATION_METHODS = {"written": "In writing, with reasons", "oral": "Orally"}


def suspension_confirmation_due(suspended_on: date, *, calendar: WorkingCalendar | None = None,
                                config: RulesConfig | None = None) -> Deadline:
    """Last day to confirm an oral suspension in writing (rule ``suspension-confirmation``).

    regulations.md §14 scenario 27: suspended orally on Friday 4 April 2025, confirmed in
    writing by Wednesday 9 April 2025."""
    return compute_deadline("suspension-confirmation", suspended_on, calendar=calendar, config=config)


def suspension_next_review(started_on: date, last_review_on: date | None = None, *,
                           config: RulesConfig | None = None) -> Deadline:
    """The next review, computed from the facts: 28 days (configurable, [M]) after the last
    review, or after the start if there has been none (rule ``suspension-review``)."""
    return compute_deadline("suspension-review", last_review_on or started_on, config=config)


def days_suspended(started_on: date, ended_on: date | None, today: date) -> int:
    """Calendar days on the episode, counting the first and the last (or today) day."""
    last = min(ended_on, today) if ended_on else today
    return max(0, (last - started_on).days + 1)


@dataclass(frozen=True)
class PayScale:
    """Annual basic pay by rank: configuration for costing, never law."""

    annual_pay: dict[str, Decimal]
    days_per_year: int
    version: str
    source: str

    def daily(self, rank: str) -> Decimal | None:
        annual = self.annual_pay.get(rank)
        if annual is None:
            return None
        return (annual / self.days_per_year).quantize(Decimal("0.01"), ROUND_HALF_UP)


class PayScaleError(ValueError):
    """The pay-scale file is unreadable or malformed."""


DEFAULT_PAY_SCALE = Path(__file__).resolve().parents[2] / "data" / "pay_scales" / "default.json"


def pay_scale_from_dict(data: object, *, source: str) -> PayScale:
    if not isinstance(data, dict) or not isinstance(data.get("annual_pay"), dict):
        raise PayScaleError(f"{source}: expected an object with an 'annual_pay' object")
    pay: dict[str, Decimal] = {}
    for rank, value in data["annual_pay"].items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise PayScaleError(f"{source}: pay for {rank!r} must be a non-negative number")
        pay[str(rank)] = Decimal(str(value))
    days = data.get("days_per_year", 365)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 366:
        raise PayScaleError(f"{source}: days_per_year must be a whole number from 1 to 366")
    return PayScale(pay, days, str(data.get("version", "")), source)


@lru_cache(maxsize=4)
def _load_pay_scale(path: str) -> PayScale:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PayScaleError(f"cannot read the pay scale {path}: {error}") from error
    return pay_scale_from_dict(data, source=path)


def load_pay_scale(path: str | None = None) -> PayScale:
    """The committed table, or the file named by ``CANDOUR_PAY_SCALE``."""
    return _load_pay_scale(str(path or os.environ.get("CANDOUR_PAY_SCALE") or DEFAULT_PAY_SCALE))


@dataclass(frozen=True)
class Cost:
    days: int
    daily_pay: Decimal | None
    total: Decimal | None
    reason: str


def suspension_cost(*, started_on: date, ended_on: date | None, today: date, rank: str,
                    scale: PayScale) -> Cost:
    """Days suspended x daily pay for the rank (suspension is with pay, reg 11)."""
    days = days_suspended(started_on, ended_on, today)
    daily = scale.daily(rank)
    if daily is None:
        return Cost(days, None, None, f"no pay is configured for the rank {rank!r}")
    last = min(ended_on, today) if ended_on else today
    return Cost(days, daily, daily * days,
                f"{days} day{'s' if days != 1 else ''} from {long_date(started_on)} to "
                f"{long_date(last)} x £{daily} a day (pay scale {scale.version or scale.source}: "
                "configuration, not law)")


# -- convictions, cautions and other notifiable matters --------------------------------------

DISPOSALS = {
    "conviction": "Conviction",
    "caution": "Caution",
    "penalty_notice": "Penalty notice",
    "court_condition": "Court condition (bail or other)",
    "other": "Other action",
}
OFFENCE_CLASSES = {
    "indictable_only": "Indictable only",
    "either_way": "Either way",
    "summary": "Summary only",
    "unknown": "Not known",
}
CLASSIFICATIONS = {
    "serious_traffic": "Serious traffic",
    "dishonesty": "Dishonesty",
    "violence": "Violence",
    "sexual": "Sexual",
    "drugs": "Drugs",
    "public_order": "Public order",
    "criminal_damage": "Criminal damage",
    "other": "Other",
}

# Checked in this order: the first class with a matching phrase wins ("sexual assault" is
# sexual, "drug driving" is serious traffic). Phrases match at word starts, case-insensitively.
_CLASS_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sexual", ("sexual", "rape", "indecent", "voyeur", "exposure", "grooming", "upskirting",
                "intimate image", "child abuse image", "sex offence")),
    ("serious_traffic", ("drink driv", "drink-driv", "drunk in charge", "excess alcohol",
                         "over the prescribed limit", "drug driv", "drug-driv", "careless driving",
                         "dangerous driving", "without due care", "failing to stop", "fail to stop",
                         "failing to provide a specimen", "fail to provide a specimen",
                         "while disqualified", "without insurance", "no insurance",
                         "causing death by")),
    ("violence", ("assault", "actual bodily harm", "abh", "gbh", "grievous bodily harm",
                  "wounding", "battery", "murder", "manslaughter", "strangulation",
                  "threats to kill", "controlling or coercive", "coercive control",
                  "domestic abuse", "common assault", "offensive weapon", "bladed article")),
    ("drugs", ("controlled drug", "misuse of drugs", "cannabis", "cocaine", "heroin",
               "supply of drugs", "drug possession", "possession of drugs", "class a", "class b",
               "psychoactive")),
    ("dishonesty", ("theft", "steal", "fraud", "burglary", "robbery", "shoplifting", "bribery",
                    "corruption", "false accounting", "forgery", "handling stolen",
                    "perverting the course", "deception", "embezzle", "misconduct in public office",
                    "money laundering")),
    ("criminal_damage", ("criminal damage", "arson", "vandal", "graffiti", "damage to property")),
    ("public_order", ("public order", "affray", "violent disorder", "riot", "threatening behaviour",
                      "drunk and disorderly", "breach of the peace", "harassment, alarm or distress",
                      "harassment alarm or distress", "disorderly")),
)


@dataclass(frozen=True)
class Classification:
    value: str
    reason: str


def classify_offence(offence: str, category: str = "") -> Classification:
    """A suggested class for the offence, for the user to confirm or change.

    A recorded ``category`` that names a class is taken as it is; otherwise the offence text is
    searched for the phrases above. The classes are the ones the Commissioner reported in April
    2023 (regulations.md §9): serious traffic, dishonesty, violence, sexual, drugs, public order,
    criminal damage, other."""
    if category in CLASSIFICATIONS:
        return Classification(category, f"the recorded category is {CLASSIFICATIONS[category].lower()}")
    text = " ".join(offence.lower().split())
    for value, phrases in _CLASS_PHRASES:
        for phrase in phrases:
            if re.search(r"(?<![a-z])" + re.escape(phrase), text):
                return Classification(value, f"the offence mentions {phrase!r}")
    return Classification("other", "no phrase of a listed class was found in the offence")


def committed_while_serving(offence_on: date, joined_on: date, left_on: date | None = None) -> bool:
    """True when the offence date falls in the officer's service (joined, and not yet left)."""
    return offence_on >= joined_on and (left_on is None or offence_on <= left_on)


def age_on(born: date | None, day: date) -> int | None:
    """Age in whole years on ``day`` (someone born on 29 February turns a year older on 1 March)."""
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


#: The day the Vetting Code of Practice 2023 was laid before Parliament (Hansard, 20 July 2023).
#: That its presumption of refusal applies to decisions from this day is not verified [M].
VETTING_CODE_2023 = date(2023, 7, 20)

POLICY_LABELS = {
    "deemed_gross_misconduct": "Deemed gross misconduct",
    "presumption_of_refusal": "Presumption of refusal (vetting)",
    "trivial": "Trivial",
    "consider": "Consider on the facts",
}


@dataclass(frozen=True)
class PolicyView:
    """What the rules say about one conviction, caution or notice, with reasons and basis."""

    value: str
    reasons: tuple[Reason, ...]
    confirmed: bool
    vetting_review: bool

    @property
    def label(self) -> str:
        return POLICY_LABELS[self.value]


def conviction_policy(*, disposal: str, offence_class: str, classification: str, decided_on: date,
                      while_serving: bool, came_to_attention_on: date | None = None,
                      config: RulesConfig | None = None) -> PolicyView:
    """The policy view of a disposal, by the date it applies.

    ``decided_on`` is the day of the conviction, caution or notice; ``came_to_attention_on`` the
    day the matter came to the appropriate authority's attention, which SI 2025/558 reg 64(1)
    uses to keep pre-commencement allegations under the old rules (defaults to ``decided_on``).
    """
    config = config or load_config()
    reasons: list[Reason] = []
    confirmed = True
    value = "consider"
    attention = came_to_attention_on or decided_on
    if disposal == "conviction" and offence_class == "indictable_only":
        if attention >= DISMISSALS_2025:
            value = "deemed_gross_misconduct"
            reasons.append(Reason(
                "conduct that has resulted in a conviction for an indictable-only offence is gross "
                "misconduct by definition, and proven gross misconduct carries a presumption of "
                "dismissal", f"{CR}, reg 2 as amended by {SI_558}, reg 6(2)(c); regs 42 and 62 as "
                             "amended by regs 15 and 17"))
        else:
            reasons.append(Reason(
                f"the matter came to attention on {long_date(attention)}, before 28 May 2025 (a "
                "pre-commencement allegation): the indictable-only rule does not apply and "
                "severity is assessed on the facts", f"{SI_558}, reg 64(1)"))
    if disposal in ("conviction", "caution"):
        if value == "consider":
            value = "presumption_of_refusal"
        if decided_on >= VETTING_CODE_2023:
            reasons.append(Reason(
                f"a {DISPOSALS[disposal].lower()} carries a presumption of refusal of vetting "
                "clearance: the officer's clearance is reviewed", CODE))
        else:
            confirmed = False
            reasons.append(Reason(
                f"the {DISPOSALS[disposal].lower()} was on {long_date(decided_on)}, before the "
                "Vetting Code of Practice 2023 was laid (20 July 2023); a review of clearance "
                "today applies the 2023 Code's presumption of refusal (date of effect not "
                "verified)", f"{CODE} [M for the date]"))
    elif disposal in config.trivial_disposals and classification in config.trivial_classifications:
        value = "trivial"
        confirmed = False
        reasons.append(Reason(
            f"a {DISPOSALS[disposal].lower()} for an offence classed as "
            f"{CLASSIFICATIONS.get(classification, classification).lower()} is recorded but, by "
            "the configured policy, does not on its own call for a vetting review",
            "force policy (configurable: trivial_disposals, trivial_classifications)"))
    else:
        confirmed = False
        reasons.append(Reason(
            f"a {DISPOSALS.get(disposal, disposal).lower()} is not a conviction or caution: the "
            "vetting unit considers it on the facts", f"{CODE}; Vetting APP [M]"))
    if while_serving:
        reasons.append(Reason(
            "committed while serving: a conduct matter, and misconduct proceedings usually follow "
            "the criminal outcome", f"{CR}, Sch 2 (Discreditable conduct); regulations.md §9"))
    reasons.append(Reason(
        "the officer must report any action taken against them for a criminal offence, any court "
        "conditions and any penalty notice", f"{CR}, Sch 2, Discreditable conduct (2008 wording; "
                                             "identical 2020 wording [M])"))
    return PolicyView(value, tuple(reasons), confirmed,
                      value in ("deemed_gross_misconduct", "presumption_of_refusal"))


def policy_explained(view: PolicyView) -> str:
    return "; ".join(f"{r.text} ({r.basis})" for r in view.reasons)


def review_overdue(next_review_on: date | None, today: date) -> bool:
    return next_review_on is not None and next_review_on < today


def warning_window(today: date, days: int = 30) -> date:
    """Last day of the "expiring soon" window on the warnings register."""
    return today + timedelta(days=days)
