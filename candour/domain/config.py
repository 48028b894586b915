"""Configurable defaults for every rule not confirmed from the legislation text.

regulations.md tags each statement [V] (verified in the primary source), [S] (secondary source
only), [M] (background knowledge, not verified) or [C] (sources conflict). Anything not [V] is a
*default* here, never a constant, and every answer built on it says ``"confirmed": false``.

Override any of them with a JSON file named by ``CANDOUR_RULES_CONFIG``, for example::

    {"periods": {"pat-appeal": 10, "suspension-review": 28},
     "guards": {"reg_42_7": true},
     "barred_list_for_vetting_dismissal": false,
     "vetting_renewal_years": {"NPPV3": 7}, "vetting_periods": {"vetting-representations": 15}}

Unknown keys are an error, so a typo cannot silently leave a default in place. Overridden values
are still reported as unconfirmed: configuration is not verification.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


class ConfigError(ValueError):
    """The override file is unreadable or names a setting that does not exist."""


# Rule id -> default length, for every period tagged [M], [S] or [C] in regulations.md.
DEFAULT_PERIODS: dict[str, int] = {
    "pat-appeal": 10,  # §5.5: 10 working days [M, from the 2012 Rules]
    "amh-response": 7,  # §5.3: 7 working days [M, 2012 figure; reg 54 not read]
    "rprp-account": 5,  # §5.1: 5 working days [S, Federation guidance]
    "suspension-confirmation": 3,  # §6: 3 working days [M, 2012 reg 10(6)]
    "suspension-review": 28,  # §6: every 28 days [M]
    "learning-response": 56,  # §10: 56 days [M that PRA para 28A matches SI 2015/431 reg 82]
    "iopc-referral": 1,  # §3.3: end of the day after it becomes clear [M]
    "misconduct-meeting": 20,  # §5.3: 20 working days [M, 2012 figure; reg 34(1) not read]
    "outcome-report": 5,  # §5.3: 5 working days [S, Federation]
    "advisory-review": 5,  # §8: review after 5 years [S, Federation]
    "log-complaint": 2,  # §3.1: local service standard for logging [C]
    "contact-complainant": 5,  # §3.1, §11.3: national average to first contact [C]
}

# Guards on available outcomes (regulations.md §5.4: "encode these as configurable guards; the
# reg 42(8) and reg 62 guards can default on").
DEFAULT_GUARDS: dict[str, bool] = {
    "reg_42_7": False,  # a written warning in force bars a further written warning [M]
    "reg_42_8": True,  # a final written warning in force bars WW and FWW [S]
    "reg_62_3": True,  # AMH: a final written warning in force bars a further FWW [V]
}

# Conduct that, by the engine's default reading, calls for the suspension question to be asked
# under Conduct Regs reg 11 (redeployment first). regulations.md does not list triggers: [M].
DEFAULT_SUSPENSION_TRIGGERS: tuple[str, ...] = (
    "serious_assault", "serious_sexual_offence", "serious_corruption",
    "abuse_of_position_sexual_purpose", "abuse_of_position_emotional_relationship",
    "relevant_offence", "domestic_abuse", "article_2_or_3_breach",
)


# §7.1: force-vetting renewal periods in years. RV and MV are [M]; NPPV is [C] (sources give
# NPPV2 3 years and NPPV3 5 or 7 years); CTC is not stated in regulations.md. SC (10 years) and
# DV (7 years) are [V] Cabinet Office policy and are constants in candour.domain.vetting.
DEFAULT_VETTING_RENEWAL_YEARS: dict[str, int] = {
    "RV": 10, "MV": 7, "NPPV1": 3, "NPPV2": 3, "NPPV3": 5, "CTC": 10,
}

# §7.2: the periods of a 2025 withdrawal assessment. The statutory guidance (22 July 2025) was
# not read, so every period is a default [M], in working days.
DEFAULT_VETTING_PERIODS: dict[str, int] = {
    "vetting-representations": 10,  # officer's written representations after the notice [M]
    "vetting-appeal-panel": 10,  # appeal to the appeal panel after dismissal [M]
    "vetting-pat-appeal": 10,  # appeal to the Police Appeals Tribunal after the panel [M]
}


@dataclass(frozen=True)
class RulesConfig:
    """Every configurable default in one value; build with :func:`load_config`."""

    periods: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PERIODS))
    guards: dict[str, bool] = field(default_factory=lambda: dict(DEFAULT_GUARDS))
    # §7.2: whether vetting-withdrawal dismissals go on the barred list was not verified [M].
    barred_list_for_vetting_dismissal: bool = False
    # §14 sc. 14: SI 2024/521 transitional rules not verified [M]; the hearing date decides.
    panel_date: str = "on"
    suspension_triggers: tuple[str, ...] = DEFAULT_SUSPENSION_TRIGGERS
    # §6 and §5.5: proposals behind feature flags (not verified as enacted).
    automatic_suspension_on_charge_enacted: bool = False
    chief_officer_pat_appeal_enacted: bool = False
    # §4.3 and §14 sc. 29: SI 2025/558 reg 8 (amended reg 9) deems service of emailed notices;
    # the deeming rule was not verified [M]. Default: an email sent after the cut-off time, or
    # on a day that is not a working day, is served on the next working day; a posted notice
    # on the second working day after posting.
    email_service_cutoff: str = "16:00"
    post_service_working_days: int = 2
    # §9: which notifiable matters the policy view calls "trivial" (recorded and self-reported,
    # but no vetting review on their own). Force policy, not law: a default only.
    trivial_disposals: tuple[str, ...] = ("penalty_notice",)
    trivial_classifications: tuple[str, ...] = ("other",)
    vetting_renewal_years: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_VETTING_RENEWAL_YEARS))
    vetting_periods: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_VETTING_PERIODS))
    source: str = "defaults"

    def period(self, rule_id: str, default: int) -> int:
        return self.periods.get(rule_id, default)


_SCALARS = {
    "barred_list_for_vetting_dismissal": bool,
    "panel_date": str,
    "automatic_suspension_on_charge_enacted": bool,
    "chief_officer_pat_appeal_enacted": bool,
    "email_service_cutoff": str,
    "post_service_working_days": int,
}


def config_from_dict(data: dict[str, Any], *, source: str = "dict") -> RulesConfig:
    """Defaults overridden by ``data``; raises :class:`ConfigError` on an unknown setting."""
    known = {"periods", "guards", "suspension_triggers", "trivial_disposals", "trivial_classifications",
             "vetting_renewal_years", "vetting_periods", *_SCALARS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown rules setting(s): {', '.join(unknown)}")
    periods = dict(DEFAULT_PERIODS)
    for key, value in data.get("periods", {}).items():
        if key not in DEFAULT_PERIODS:
            raise ConfigError(f"period {key!r} is confirmed law or unknown, not configurable")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"period {key!r} must be a positive integer")
        periods[key] = value
    guards = dict(DEFAULT_GUARDS)
    for key, value in data.get("guards", {}).items():
        if key not in DEFAULT_GUARDS or not isinstance(value, bool):
            raise ConfigError(f"unknown or non-boolean guard {key!r}")
        guards[key] = value
    scalars: dict[str, Any] = {}
    for key, kind in _SCALARS.items():
        if key in data:
            if not isinstance(data[key], kind):
                raise ConfigError(f"setting {key!r} must be {kind.__name__}")
            scalars[key] = data[key]
    if scalars.get("panel_date", "on") not in {"on", "received_on"}:
        raise ConfigError("panel_date must be 'on' or 'received_on'")
    triggers = tuple(data.get("suspension_triggers", DEFAULT_SUSPENSION_TRIGGERS))
    defaults = RulesConfig()
    lists: list[tuple[str, ...]] = []
    for key in ("trivial_disposals", "trivial_classifications"):
        value = data.get(key, list(getattr(defaults, key)))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting {key!r} must be a list of strings")
        lists.append(tuple(value))
    renewal = _positive_ints(data.get("vetting_renewal_years", {}), DEFAULT_VETTING_RENEWAL_YEARS,
                             "vetting renewal level")
    vetting = _positive_ints(data.get("vetting_periods", {}), DEFAULT_VETTING_PERIODS, "vetting period")
    return RulesConfig(periods=periods, guards=guards, suspension_triggers=triggers, source=source,
                       trivial_disposals=lists[0], trivial_classifications=lists[1],
                       vetting_renewal_years=renewal, vetting_periods=vetting, **scalars)


def _positive_ints(given: Any, defaults: dict[str, int], what: str) -> dict[str, int]:
    if not isinstance(given, dict):
        raise ConfigError(f"{what}s must be a JSON object")
    out = dict(defaults)
    for key, value in given.items():
        if key not in defaults:
            raise ConfigError(f"{what} {key!r} is confirmed law or unknown, not configurable")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{what} {key!r} must be a positive integer")
        out[key] = value
    return out


@lru_cache(maxsize=8)
def _load(path: str | None) -> RulesConfig:
    if not path:
        return RulesConfig()
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read CANDOUR_RULES_CONFIG {path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError("CANDOUR_RULES_CONFIG must hold a JSON object")
    return config_from_dict(data, source=path)


def load_config() -> RulesConfig:
    """Defaults, overridden by the file named in ``CANDOUR_RULES_CONFIG`` if set."""
    return _load(os.environ.get("CANDOUR_RULES_CONFIG") or None)
