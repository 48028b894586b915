"""Alternative policy profiles: proposals set beside the law in force, never mixed into it.

A profile is data: an id, a title, where the proposal came from, and one or more answers, each
true when *any* of its conditions holds. Conditions name a fact path and the words that trigger
it. ``assess(facts, profile=ID)`` adds a ``profile`` block to the assessment; the law-in-force
answers are computed first and are identical with or without a profile (a test checks this).

The two proposals of 2023 (regulations.md §6 and §7.4), neither enacted:

* ``auto-suspension-2023``: automatic suspension on any allegation of a sexual offence or
  serious crime (the Mayor of London's 2023 call; compare the January 2024 Criminal Justice Bill
  new clause 7 and the 29 February 2024 announcement on charge).
* ``auto-dismissal-2023``: automatic dismissal, without proceedings, on conviction for a serious
  offence or on failing vetting (opposition new clause 6, January 2024; enacted law keeps
  proceedings, with a presumption of dismissal and a vetting-withdrawal procedure).

Pass a dict of the same shape instead of an id to try a profile of your own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from candour.domain.facts import Facts

SEXUAL = ["serious_sexual_offence", "abuse_of_position_sexual_purpose"]
SERIOUS_CRIME = ["serious_assault", "serious_corruption", "relevant_offence", "domestic_abuse"]
SERIOUS_OFFENCE_CLASSES = ["indictable_only", "either_way"]

PROFILES: dict[str, dict[str, Any]] = {
    "auto-suspension-2023": {
        "title": "Automatic suspension on any allegation of a sexual offence or serious crime",
        "source": "Mayor of London's 2023 call for automatic suspension on allegations of serious "
                  "crime including all sexual offences; Criminal Justice Bill committee new "
                  "clause 7 (January 2024); Home Secretary's announcement of 29 February 2024 "
                  "(regulations.md §6). Not enacted: SI 2025/558 leaves Conduct Regs reg 11 "
                  "unamended.",
        "answers": {
            "automatic_suspension": {
                "when_any": {
                    "conduct": SEXUAL + SERIOUS_CRIME,
                    "offence_class": SERIOUS_OFFENCE_CLASSES,
                },
                "text": "under this proposal an officer alleged to have committed a sexual "
                        "offence or serious crime is suspended automatically, without the reg 11 "
                        "redeployment and prejudice or public-interest tests",
                "compare": "consider_suspension",
            },
        },
    },
    "auto-dismissal-2023": {
        "title": "Automatic dismissal on conviction for a serious offence or on failing vetting",
        "source": "2023 proposals in the Home Office dismissals review debate; opposition new "
                  "clause 6, Criminal Justice Bill committee (January 2024) (regulations.md "
                  "§7.4). Not enacted: the law keeps proceedings, with a presumption of "
                  "dismissal (SI 2025/558) and a vetting-withdrawal procedure (SI 2025/502).",
        "answers": {
            "automatic_dismissal": {
                "when_any": {
                    "subject.convictions.offence_class": SERIOUS_OFFENCE_CLASSES,
                    "vetting_withdrawn": [True],
                    "dismissed_for": ["vetting_withdrawal"],
                },
                "text": "under this proposal an officer convicted of a serious offence, or who "
                        "fails vetting, is dismissed without misconduct proceedings",
                "compare": "presumed_outcome",
            },
        },
    },
}


def _values(facts: Facts, path: str) -> list[Any]:
    getters: dict[str, Callable[[Facts], list[Any]]] = {
        "conduct": lambda f: list(f.conduct or ()),
        "offence_class": lambda f: [f.offence_class],
        "subject.convictions.offence_class": lambda f: [
            c.offence_class for c in ((f.subject.convictions or ()) if f.subject else ())
            if c.convicted_on is None or c.convicted_on <= f.on],
        "vetting_withdrawn": lambda f: [f.vetting_withdrawn],
        "dismissed_for": lambda f: [f.dismissed_for],
        "case_to_answer": lambda f: [f.case_to_answer],
        "finding": lambda f: [f.finding],
    }
    if path not in getters:
        raise ValueError(f"profile condition on unknown fact path {path!r}")
    return getters[path](facts)


def apply_profile(profile: str | dict[str, Any], facts: Facts, law: Any) -> dict[str, Any]:
    """The profile block for ``facts``; ``law`` is the law-in-force Assessment (read only)."""
    if isinstance(profile, str):
        if profile not in PROFILES:
            raise KeyError(profile)
        spec, name = PROFILES[profile], profile
    else:
        spec, name = profile, str(profile.get("id", "custom"))
    answers: dict[str, Any] = {}
    differs: list[str] = []
    for key, rule in spec["answers"].items():
        met = [
            f"{path} is {value}"
            for path, words in rule["when_any"].items()
            for value in _values(facts, path) if value in words
        ]
        because = [{"text": f"{rule['text']}: {', '.join(met)}" if met else
                    "none of this proposal's conditions is met", "basis": spec["source"]}]
        answers[key] = {"value": bool(met), "because": because, "confirmed": False}
        compare = rule.get("compare")
        if met and compare:
            differs.append(compare)
    return {
        "id": name,
        "title": spec["title"],
        "enacted": False,
        "answers": answers,
        "law_in_force": {k: law.answers[k].value for k in differs if k in law.answers},
    }


def profile_ids() -> list[str]:
    return sorted(PROFILES)
