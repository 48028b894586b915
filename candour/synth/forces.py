"""Which forces to build, and how big: from the Home Office workforce figures when present.

The real figures are read at run time from ``../shared/data/police-workforce/`` (override
with ``CANDOUR_SHARED_DATA``) and never copied into this repository. The CSV mixes region
rows (for example "North East", and "West Midlands" as a region *and* a force) with force
rows, plus British Transport Police and central secondments, which are not among the 43
territorial forces. A region row is recognised by its name *and* by being followed by force
rows that add up to it, which tells the two "West Midlands" rows apart.

When the file is absent (a newcomer's machine without ``shared/``), :data:`SYNTHETIC_FORCES`
gives 43 invented forces ("Caldermoor Constabulary") whose sizes follow the shape of the real
distribution (one very large force, a handful of large ones, a long tail of small ones), so
national-scale runs and the demo still work.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

#: Headcounts in the 2019 CSV are scaled so the 43 forces add up to this: the 2019-2023
#: uplift took officer numbers from about 127,000 to about 147,000, and the complaint figures
#: of regulations.md §11.3 are for 2023/24.
NATIONAL_OFFICERS_2024 = 147_000

WORKFORCE_FILE = "police-workforce/officer-headcount-2019.csv"
WORKFORCE_COLUMN = "September 2019"

REGIONS = frozenset({
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "Eastern", "London", "South East", "South West", "Wales",
})

#: CSV name -> (reference code, force name). The 43 territorial forces of England and Wales.
REAL_FORCES: dict[str, tuple[str, str]] = {
    "Cleveland": ("CLE", "Cleveland Police"),
    "Durham": ("DUR", "Durham Constabulary"),
    "Northumbria": ("NTB", "Northumbria Police"),
    "Cheshire": ("CHE", "Cheshire Constabulary"),
    "Cumbria": ("CUM", "Cumbria Constabulary"),
    "Greater Manchester": ("GMP", "Greater Manchester Police"),
    "Lancashire": ("LAN", "Lancashire Constabulary"),
    "Merseyside": ("MER", "Merseyside Police"),
    "Humberside": ("HUM", "Humberside Police"),
    "North Yorkshire": ("NYP", "North Yorkshire Police"),
    "South Yorkshire": ("SYP", "South Yorkshire Police"),
    "West Yorkshire": ("WYP", "West Yorkshire Police"),
    "Derbyshire": ("DER", "Derbyshire Constabulary"),
    "Leicestershire": ("LEI", "Leicestershire Police"),
    "Lincolnshire": ("LIN", "Lincolnshire Police"),
    "Northamptonshire": ("NTH", "Northamptonshire Police"),
    "Nottinghamshire": ("NOT", "Nottinghamshire Police"),
    "Staffordshire": ("STA", "Staffordshire Police"),
    "Warwickshire": ("WAR", "Warwickshire Police"),
    "West Mercia": ("WMC", "West Mercia Police"),
    "West Midlands": ("WMP", "West Midlands Police"),
    "Bedfordshire": ("BED", "Bedfordshire Police"),
    "Cambridgeshire": ("CAM", "Cambridgeshire Constabulary"),
    "Essex": ("ESS", "Essex Police"),
    "Hertfordshire": ("HER", "Hertfordshire Constabulary"),
    "Norfolk": ("NOR", "Norfolk Constabulary"),
    "Suffolk": ("SUF", "Suffolk Constabulary"),
    "City of London": ("COL", "City of London Police"),
    "Metropolitan": ("MET", "Metropolitan Police Service"),
    "Hampshire": ("HAM", "Hampshire and Isle of Wight Constabulary"),
    "Kent": ("KEN", "Kent Police"),
    "Surrey": ("SUR", "Surrey Police"),
    "Sussex": ("SUS", "Sussex Police"),
    "Thames Valley": ("TVP", "Thames Valley Police"),
    "Avon & Somerset": ("ASP", "Avon and Somerset Police"),
    "Devon & Cornwall": ("DCP", "Devon and Cornwall Police"),
    "Dorset": ("DOR", "Dorset Police"),
    "Gloucestershire": ("GLO", "Gloucestershire Constabulary"),
    "Wiltshire": ("WIL", "Wiltshire Police"),
    "Dyfed-Powys": ("DPP", "Dyfed-Powys Police"),
    "Gwent": ("GWE", "Gwent Police"),
    "North Wales": ("NWP", "North Wales Police"),
    "South Wales": ("SWP", "South Wales Police"),
}


@dataclass(frozen=True)
class ForceSpec:
    """One force to generate: its code, name, region and serving officers at the end date."""

    code: str
    name: str
    officers: int
    region: str = ""
    synthetic_name: bool = True


#: 43 invented forces, used when the workforce CSV is absent. Sizes (2024-scale officers)
#: follow the shape of the real distribution; names and codes are made up.
SYNTHETIC_FORCES: tuple[ForceSpec, ...] = tuple(
    ForceSpec(code=code, name=name, officers=size, region=region)
    for code, name, size, region in (
        ("CAL", "Caldermoor Constabulary", 36000, "Capital"),
        ("BRE", "Brennwick Police", 7500, "Midland"),
        ("WEN", "Wendhaven Police", 7600, "Northern"),
        ("HAR", "Harkford Police", 6000, "Northern"),
        ("ORL", "Orlmouth Police", 4900, "Southern"),
        ("MEL", "Mellfield Police", 4200, "Northern"),
        ("THX", "Thaxbury Constabulary", 4150, "Southern"),
        ("GRN", "Grindale Police", 3750, "Eastern"),
        ("SUL", "Sullholm Police", 3550, "Western"),
        ("EBB", "Ebbwater Police", 3500, "Northern"),
        ("ROS", "Rossby Constabulary", 3450, "Western"),
        ("KTR", "Ketter Cross Police", 3400, "Southern"),
        ("LAN", "Lanthminster Police", 3150, "Southern"),
        ("MRL", "Marrley Constabulary", 3150, "Western"),
        ("PEN", "Pendermoor Police", 2800, "Northern"),
        ("QUA", "Quarrwick Constabulary", 2450, "Southern"),
        ("STL", "Stellbridge Police", 2400, "Eastern"),
        ("TAM", "Tammhaven Police", 2350, "Northern"),
        ("VAR", "Varlstowe Police", 2300, "Midland"),
        ("WYT", "Wythford Constabulary", 2250, "Southern"),
        ("ASH", "Ashenmouth Police", 2200, "Midland"),
        ("BRI", "Brindfield Police", 2150, "Northern"),
        ("COM", "Colmham Constabulary", 2100, "Midland"),
        ("DRN", "Dornchester Police", 2000, "Eastern"),
        ("FEN", "Fennbury Constabulary", 1900, "Eastern"),
        ("GLA", "Glastdale Police", 1850, "Midland"),
        ("HOL", "Hollinholm Police", 1750, "Western"),
        ("IST", "Istlwater Police", 1700, "Western"),
        ("ABR", "Abrenby Constabulary", 1650, "Western"),
        ("BEL", "Belcross Police", 1500, "Northern"),
        ("COR", "Corminster Constabulary", 1450, "Northern"),
        ("DEL", "Delley Police", 1450, "Eastern"),
        ("ELS", "Elsermoor Police", 1400, "Northern"),
        ("FAR", "Farrwick Constabulary", 1400, "Eastern"),
        ("GAL", "Galbridge Police", 1350, "Western"),
        ("HES", "Hesthaven Police", 1350, "Western"),
        ("IVR", "Ivrstowe Police", 1300, "Midland"),
        ("JAR", "Jarford Constabulary", 1300, "Western"),
        ("KEL", "Kelmouth Police", 1250, "Northern"),
        ("LYR", "Lyrfield Police", 1150, "Midland"),
        ("MOR", "Morham Constabulary", 1150, "Western"),
        ("NAV", "Navchester Police", 950, "Midland"),
        ("ORB", "Orbury Police", 850, "Capital"),
    )
)

#: The demo force: small enough to load in seconds, big enough to look real.
DEMO_FORCE = ForceSpec(code="NSC", name="Northshire Constabulary", officers=1500,
                       region="Synthetic")


def shared_data_dir(base_dir: Path) -> Path:
    """``CANDOUR_SHARED_DATA`` if set, else ``<repo>/../shared/data``."""
    override = os.environ.get("CANDOUR_SHARED_DATA")
    return Path(override) if override else base_dir.parent / "shared" / "data"


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def read_workforce(path: Path) -> list[ForceSpec]:
    """The 43 territorial forces with 2024-scaled headcounts, region rows skipped."""
    raw: list[tuple[str, str, str, float]] = []
    region = ""
    remaining = 0.0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("Force/Region") or "").strip()
            value = _number(row.get(WORKFORCE_COLUMN) or "")
            if not name or value is None:
                continue
            if remaining <= 0.5 and name in REGIONS:
                region, remaining = name, value
                continue
            remaining -= value
            if name not in REAL_FORCES:
                continue  # British Transport Police, central secondments
            code, full_name = REAL_FORCES[name]
            raw.append((code, full_name, region, value))
    scale = NATIONAL_OFFICERS_2024 / (sum(r[3] for r in raw) or 1.0)
    return [ForceSpec(code=code, name=full_name, region=reg, officers=round(value * scale),
                      synthetic_name=False) for code, full_name, reg, value in raw]


def national_forces(base_dir: Path) -> list[ForceSpec]:
    """The real 43 forces and sizes when the workforce file is present, else synthetic ones."""
    path = shared_data_dir(base_dir) / WORKFORCE_FILE
    if path.is_file():
        specs = read_workforce(path)
        if len(specs) == len(REAL_FORCES):
            return specs
    return list(SYNTHETIC_FORCES)


def force_spec(*, base_dir: Path, code: str, officers: int | None = None,
               name: str | None = None) -> ForceSpec:
    """The spec for one force code: a real or synthetic force if the code is known, else an
    invented one named after the code. ``officers`` and ``name`` override."""
    code = code.upper()
    known = {s.code: s for s in national_forces(base_dir)}
    known.setdefault(DEMO_FORCE.code, DEMO_FORCE)
    for spec in SYNTHETIC_FORCES:
        known.setdefault(spec.code, spec)
    base = known.get(code) or ForceSpec(code=code, name=f"{code.title()} Synthetic Police",
                                        officers=2000, region="Synthetic")
    return ForceSpec(code=code, name=name or base.name, region=base.region,
                     officers=officers if officers is not None else base.officers,
                     synthetic_name=base.synthetic_name if name is None else True)
