"""The dated rule sets ("regimes") the engine applies.

The governing date is usually the day the complaint was made or the matter came to the
attention of the appropriate authority, which is how the transitional provisions are framed
(regulations.md, "Legal baseline" and §7.5):

* ``2020-02-01``: Police Reform Act 2002 Part 2 as amended by the Policing and Crime Act 2017;
  Police (Complaints and Misconduct) Regulations 2020 (SI 2020/2); Police (Conduct) Regulations
  2020 (SI 2020/4); Police (Performance) Regulations 2020 (SI 2020/3); Police Appeals Tribunals
  Rules 2020 (SI 2020/1).
* ``2024-05-07``: Police (Conduct) (Amendment) Regulations 2024 (SI 2024/521): hearing panels
  chaired by the chief officer or a delegate, with a legally qualified person as adviser.
* ``2025-05-14``: Police (Vetting) Regulations 2025 (SI 2025/502).
* ``2025-05-28``: Police (Conduct, Performance and Complaints and Misconduct) (Amendment)
  Regulations 2025 (SI 2025/558): presumption of dismissal, indictable-only convictions deemed
  gross misconduct, former officers presumed to an accelerated hearing. Reg 64(1) keeps
  pre-commencement allegations under the old rules; reg 66 does the same for complaints.

Dates before 1 February 2020 fall under the legacy regime ``pre-2020`` (Police (Conduct)
Regulations 2012, SI 2012/2632), which the engine answers only approximately and never as
confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Regime:
    id: str
    starts: date
    title: str
    instrument: str


LEGACY = Regime(
    "pre-2020", date.min, "Legacy regime (before 1 February 2020)",
    "Police (Conduct) Regulations 2012 (SI 2012/2632)",
)
REGIMES: tuple[Regime, ...] = (
    Regime("2020-02-01", date(2020, 2, 1), "Post-reform regime",
           "Police (Conduct) Regulations 2020 (SI 2020/4); Police (Complaints and Misconduct) "
           "Regulations 2020 (SI 2020/2)"),
    Regime("2024-05-07", date(2024, 5, 7), "Hearing panels reformed",
           "Police (Conduct) (Amendment) Regulations 2024 (SI 2024/521)"),
    Regime("2025-05-14", date(2025, 5, 14), "Statutory vetting",
           "Police (Vetting) Regulations 2025 (SI 2025/502)"),
    Regime("2025-05-28", date(2025, 5, 28), "Dismissals reform",
           "Police (Conduct, Performance and Complaints and Misconduct) (Amendment) "
           "Regulations 2025 (SI 2025/558)"),
)
REGIMES_BY_ID = {r.id: r for r in (LEGACY, *REGIMES)}

REFORM_2020 = REGIMES[0].starts
PANELS_2024 = REGIMES[1].starts
VETTING_2025 = REGIMES[2].starts
DISMISSALS_2025 = REGIMES[3].starts


def regime_for(day: date) -> Regime:
    """The rule set in force on ``day`` (the legacy regime before 1 February 2020)."""
    current = LEGACY
    for regime in REGIMES:
        if day >= regime.starts:
            current = regime
    return current
