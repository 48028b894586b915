"""The synthetic data generator: pure Python, deterministic, streaming.

``ForceGenerator(spec=..., seed=..., ...)`` turns a force spec into rows for every table the
loader writes, as plain tuples in the column order of :data:`FIELDS`. The same seed, spec,
years and end date give the same rows, byte for byte: every draw comes from one
``random.Random`` seeded with the seed and the force code, and nothing reads the clock.

Why tuples and not model instances: a national load is millions of rows, and building a
Django model per row costs more than the insert itself. Values are already in the form both
databases accept in a text COPY or an ``executemany`` (ISO dates, naive-UTC timestamps,
32-digit hex UUIDs, JSON text), so the loader does no per-row conversion.

Ids are absolute: the loader reserves the id range first and passes ``id_bases``, so
foreign keys can be written without a round trip. Cases are emitted in chunks as they are
generated; the workforce is emitted last, once outcomes (dismissals, suspensions) are known,
which works because the foreign keys are deferred to commit on both databases.

Calibration: the rates come from :mod:`candour.synth.calibration`; case paths follow the
transition table of :mod:`candour.domain.lifecycle`, so every generated history is one the
real services could have produced.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from candour.domain import taxonomy
from candour.domain.lifecycle import TRANSITIONS_BY_NAME, CaseState, CaseType
from candour.synth import names
from candour.synth.calibration import TARGETS, target
from candour.synth.forces import ForceSpec

Row = tuple[object, ...]

_BASE = ("id", "uuid", "created_at", "updated_at")
_PERSON = ("force_id", "unit_id", "forenames", "surname", "date_of_birth", "status",
           "joined_on", "left_on", "kind")

#: Column order of each table's rows (model attribute names; the loader maps them to columns).
FIELDS: dict[str, tuple[str, ...]] = {
    "unit": (*_BASE, "force_id", "name", "parent_id"),
    "officer": (*_BASE, *_PERSON, "warrant_number", "collar_number", "rank"),
    "staff": (*_BASE, *_PERSON, "staff_number", "grade"),
    "pc": (*_BASE, "officer_id", "staff_member_id", "sex", "ethnicity", "religion_or_belief",
           "sexual_orientation", "disability"),
    "mop": (*_BASE, "force_id", "full_name", "email", "phone", "address", "postcode"),
    "case": (*_BASE, "force_id", "reference", "case_type", "state", "received_on", "incident_on",
             "incident_location", "summary", "complainant_id", "closed_on", "version",
             "created_by_id"),
    "allegation": (*_BASE, "case_id", "number", "category", "subcategory", "discrimination",
                   "standards", "summary", "severity"),
    "subject": (*_BASE, "allegation_id", "officer_id", "staff_member_id", "outcome",
                "outcome_on"),
    "timeline": ("id", "case_id", "occurred_at", "kind", "title", "description", "actor_name"),
}
TABLES = tuple(FIELDS)

# --- distributions that are shapes rather than published figures ---------------------------

_ALLEGATIONS_PER_COMPLAINT = ((1, 0.53), (2, 0.27), (3, 0.12), (4, 0.05), (5, 0.02), (6, 0.01))
_ALLEGATIONS_PER_CONDUCT = ((1, 0.52), (2, 0.27), (3, 0.12), (4, 0.05), (5, 0.03), (6, 0.01))
_RANKS = (("constable", 0.772), ("sergeant", 0.145), ("inspector", 0.055),
          ("chief_inspector", 0.017), ("superintendent", 0.007),
          ("chief_superintendent", 0.004))
_CONDUCT_CATEGORIES = (("discreditable_conduct", 0.20), ("information_access", 0.15),
                       ("abuse_of_position", 0.12), ("individual_behaviours", 0.12),
                       ("delivery_of_duties", 0.12), ("sexual_conduct", 0.10),
                       ("police_powers", 0.08), ("discriminatory_behaviour", 0.06),
                       ("property", 0.03), ("vehicles", 0.02))
_INTEGRITY_CATEGORIES = (("abuse_of_position", 0.35), ("discreditable_conduct", 0.20),
                         ("sexual_conduct", 0.15), ("information_access", 0.15),
                         ("discriminatory_behaviour", 0.10), ("individual_behaviours", 0.05))
_DSI_ALLEGATIONS = ((("police_powers", "use_of_force"), 0.4), (("police_powers", "custody"), 0.3),
                    (("vehicles", ""), 0.2),
                    (("delivery_of_duties", "police_action_following_contact"), 0.1))
_STANDARDS = {
    "delivery_of_duties": ["duties_and_responsibilities"],
    "police_powers": ["orders_and_instructions"],
    "property": ["duties_and_responsibilities"],
    "information_access": ["confidentiality"],
    "vehicles": ["duties_and_responsibilities"],
    "discriminatory_behaviour": ["authority_respect_courtesy", "equality_and_diversity"],
    "abuse_of_position": ["discreditable_conduct", "honesty_and_integrity"],
    "individual_behaviours": ["authority_respect_courtesy"],
    "sexual_conduct": ["authority_respect_courtesy", "discreditable_conduct"],
    "discreditable_conduct": ["discreditable_conduct"],
    "other": [],
}
# Outcome tables, per subject (Outcome values of candour.cases.models).
_OUT_OUTSIDE = (("service_acceptable", 0.55), ("service_not_acceptable", 0.15),
                ("no_further_action", 0.30))
_OUT_OTHERWISE = (("service_acceptable", 0.55), ("service_not_acceptable", 0.20),
                  ("unable_to_determine", 0.10), ("no_further_action", 0.15))
_OUT_INVESTIGATED = (("service_acceptable", 0.45), ("service_not_acceptable", 0.30),
                     ("unable_to_determine", 0.15), ("no_further_action", 0.10))
_OUT_INTEGRITY = (("no_further_action", 0.7), ("management_advice", 0.3))
_OUT_PROCEEDINGS_MISCONDUCT = (("management_advice", 0.40), ("written_warning", 0.30),
                               ("final_written_warning", 0.12), ("not_proven", 0.18))
_OUT_PROCEEDINGS_GROSS = (("final_written_warning", 0.15), ("dismissal_without_notice", 0.35),
                          ("reduction_in_rank", 0.05), ("not_proven", 0.20),
                          ("written_warning", 0.10), ("management_advice", 0.15))
_GRADES = (("Band A", 0.10), ("Band B", 0.22), ("Band C", 0.22), ("Band D", 0.16),
           ("Band E", 0.08), ("Band F", 0.04), ("PCSO", 0.10), ("Investigator", 0.05),
           ("Detention officer", 0.03))
_DEPARTMENTS = ("Professional Standards", "Public Protection", "Roads Policing", "Custody",
                "Criminal Investigation", "Contact Centre", "Firearms", "Training",
                "Intelligence", "Economic Crime")
_BCU_TEAMS = ("Response", "Neighbourhood", "CID")
_SEX = {"officer": (("Male", 0.65), ("Female", 0.35)),
        "staff": (("Female", 0.62), ("Male", 0.38))}
_ETHNICITY = (("White", 0.905), ("Asian", 0.035), ("Black", 0.015), ("Mixed", 0.02),
              ("Other", 0.01), ("Not stated", 0.015))
_ETHNICITY_CAPITAL = (("White", 0.80), ("Asian", 0.08), ("Black", 0.04), ("Mixed", 0.045),
                      ("Other", 0.02), ("Not stated", 0.015))
_RELIGION = (("No religion", 0.45), ("Christian", 0.40), ("Muslim", 0.03), ("Hindu", 0.01),
             ("Sikh", 0.01), ("Jewish", 0.005), ("Buddhist", 0.005), ("Other", 0.01),
             ("Prefer not to say", 0.08))
_ORIENTATION = (("Heterosexual", 0.86), ("Gay or lesbian", 0.035), ("Bisexual", 0.025),
                ("Other", 0.005), ("Prefer not to say", 0.075))
_DISABILITY = (("No", 0.86), ("Yes", 0.06), ("Prefer not to say", 0.08))
#: Casey (§12): Black officers and staff 81% and Asian 55% more likely to be in the
#: misconduct system than White colleagues; used as acceptance weights for conduct subjects.
_CONDUCT_WEIGHT = {"Black": 1.81, "Asian": 1.55}
_LEAVER_RATE = 0.065  # officers leaving per year (resigned, retired, dismissed)
_SUSPENDED_SHARE = 0.003
_COMPLAINT_REPEAT = 0.15
_CONDUCT_REPEAT = 0.2  # preferential attachment; tuned so ~20% repeat over 8-10 years


def _cumulative(pairs: Sequence[tuple[object, float]]) -> tuple[list[object], list[float]]:
    values = [v for v, _ in pairs]
    total = 0.0
    cum: list[float] = []
    for _, w in pairs:
        total += w
        cum.append(total)
    return values, cum


@dataclass
class _Person:
    id: int
    kind: str
    joined: int
    left: int | None
    status: str
    ethnicity: str
    sex: str
    forenames: str
    surname: str
    born: int
    unit: int | None
    rank: str = "constable"
    extra: str = ""


@dataclass
class _Plan:
    steps: list[tuple[str, int]]
    outcome_table: str  # key of _Plan tables, or "" when the case ends without outcomes
    close_day: int | None


@dataclass
class Counts:
    """How many rows of each table were generated."""

    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    reference_numbers: dict[int, int] = field(default_factory=dict)


class ForceGenerator:
    """Generate one force: units, officers, staff, their protected characteristics, members
    of the public and cases with allegations, subjects, outcomes and timelines."""

    def __init__(self, *, spec: ForceSpec, seed: int, years: int, end_date: date, force_id: int,
                 id_bases: dict[str, int]) -> None:
        self.spec = spec
        self.years = years
        self.end = end_date.toordinal()
        first_day = end_date - timedelta(days=round(365.25 * years)) + timedelta(days=1)
        self.start = first_day.toordinal()
        self.force_id = force_id
        self.rng = random.Random(f"candour-synth:{seed}:{spec.code}")  # nosec B311 # a seeded generator of synthetic data, never a secret
        self.next_id = dict(id_bases)
        self.counts = Counts()
        self._iso: dict[int, str] = {}
        self._choosers: dict[int, tuple[list[object], list[float]]] = {}
        self.load_stamp = f"{end_date.isoformat()} 00:00:00"
        self.capital = spec.code in {"MET", "COL", "CAL"}

    # --- small helpers ---------------------------------------------------------------------

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        self.counts.rows[table] += 1
        return value

    def _uuid(self) -> str:
        n = self.rng.getrandbits(128)
        n = (n & ~(0xF000 << 64)) | (0x4000 << 64)
        n = (n & ~(0xC000 << 48)) | (0x8000 << 48)
        return f"{n:032x}"

    def iso(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def _pick(self, pairs: Sequence[tuple[object, float]]) -> object:
        key = id(pairs)
        chooser = self._choosers.get(key)
        if chooser is None:
            chooser = self._choosers[key] = _cumulative(pairs)
        values, cum = chooser
        x = self.rng.random() * cum[-1]
        lo, hi = 0, len(cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return values[lo]

    def _pick_str(self, pairs: Sequence[tuple[str, float]]) -> str:
        return str(self._pick(pairs))

    def _pick_int(self, pairs: Sequence[tuple[int, float]]) -> int:
        value = self._pick(pairs)
        assert isinstance(value, int)
        return value

    # --- public API --------------------------------------------------------------------------

    def rows(self, chunk_cases: int = 20_000) -> Iterator[tuple[str, list[Row]]]:
        """Yield ``(table, rows)`` chunks; the caller writes them in the order given."""
        yield "unit", self._units()
        self._workforce()
        yield from self._cases(chunk_cases)
        yield from self._emit_workforce()

    @property
    def last_ids(self) -> dict[str, int]:
        return {table: value - 1 for table, value in self.next_id.items()}

    # --- units -------------------------------------------------------------------------------

    def _units(self) -> list[Row]:
        rows: list[Row] = []
        n_bcu = max(3, min(24, self.spec.officers // 900))
        self.places = names.places(self.rng, n_bcu + 40)
        self.towns = self.places[:n_bcu]
        self.streets = [names.street(self.rng) for _ in range(200)]
        self.team_units: list[int] = []
        self.dept_units: list[int] = []
        stamp = self.load_stamp
        for town in self.towns:
            parent = self._id("unit")
            rows.append((parent, self._uuid(), stamp, stamp, self.force_id,
                         f"{town} Command Unit", None))
            for team in _BCU_TEAMS:
                uid = self._id("unit")
                rows.append((uid, self._uuid(), stamp, stamp, self.force_id, f"{town} {team}",
                             parent))
                self.team_units.append(uid)
        for dept in _DEPARTMENTS:
            uid = self._id("unit")
            rows.append((uid, self._uuid(), stamp, stamp, self.force_id, dept, None))
            self.dept_units.append(uid)
        self.psd_unit = self.dept_units[0]
        return rows

    def _unit(self) -> int:
        return self.rng.choice(self.team_units if self.rng.random() < 0.7 else self.dept_units)

    # --- workforce ---------------------------------------------------------------------------

    def _person(self, *, table: str, kind: str, joined: int, left: int | None,
                status: str) -> _Person:
        rng = self.rng
        age_at_join = 18 + min(27.0, rng.expovariate(1 / 7))
        sex = self._pick_str(_SEX["officer" if table == "officer" else "staff"])
        return _Person(id=self._id(table), kind=kind, joined=joined, left=left, status=status,
                       ethnicity=self._pick_str(_ETHNICITY_CAPITAL if self.capital
                                                else _ETHNICITY),
                       sex=sex, forenames=names.forename(rng), surname=names.surname(rng),
                       born=joined - round(age_at_join * 365.25), unit=self._unit())

    def _service_days(self) -> int:
        rng = self.rng
        years = rng.uniform(0, 4) if rng.random() < 0.3 else min(32.0, rng.expovariate(1 / 11))
        return max(1, round(years * 365.25))

    def _population(self, *, table: str, serving: int, kinds: tuple[tuple[str, float], ...]
                    ) -> list[_Person]:
        rng = self.rng
        people: list[_Person] = []
        for _ in range(serving):
            kind = self._pick_str(kinds)
            joined = self.end - self._service_days()
            people.append(self._person(table=table, kind=kind, joined=joined, left=None,
                                       status="serving"))
        for _ in range(round(serving * _LEAVER_RATE * self.years)):
            left = rng.randint(self.start, self.end)
            roll = rng.random()
            status = "resigned" if roll < 0.55 else "retired" if roll < 0.97 else "dismissed"
            kind = self._pick_str(kinds)
            people.append(self._person(table=table, kind=kind,
                                       joined=left - self._service_days(), left=left,
                                       status=status))
        return people

    def _workforce(self) -> None:
        rng = self.rng
        n = self.spec.officers
        special = target("officer_share_special")
        self.officers = self._population(table="officer", serving=n, kinds=(
            ("officer", 1 - special), ("special_constable", special)))
        self.staff = self._population(table="staff", serving=round(n * target("staff_per_officer")),
                                      kinds=(("staff", 0.97), ("volunteer", 0.03)))
        regular = [p for p in self.officers if p.kind == "officer"]
        for person in regular:
            person.rank = self._pick_str(_RANKS)
        serving = sorted((p for p in regular if p.left is None), key=lambda p: (p.joined, p.id))
        if self.spec.code in {"MET", "CAL"}:
            top = ["commissioner", "deputy_commissioner"] + ["assistant_commissioner"] * 4 \
                + ["deputy_assistant_commissioner"] * 8 + ["commander"] * max(2, n // 1200)
        else:
            top = ["chief_constable", "deputy_chief_constable"] \
                + ["assistant_chief_constable"] * max(1, min(4, n // 2500))
        for person, rank in zip(serving, top, strict=False):
            person.rank = rank
        # Warrant numbers in order of joining; collar numbers for constables and sergeants.
        by_joining = sorted(self.officers, key=lambda p: (p.joined, p.id))
        for number, person in enumerate(by_joining, start=100_001):
            person.extra = str(number)
        self.collars = {p.id: (f"SC{rng.randint(100, 9999)}" if p.kind == "special_constable"
                               else f"{rng.randint(1, 9999)}{rng.choice('ABCDEFGHJKLMNPRSTUW')}"
                               f"{rng.choice('ABCDEFGHJKLMNPRSTUW')}"
                               if p.rank in {"constable", "sergeant"} else "")
                        for p in self.officers}
        for number, person in enumerate(sorted(self.staff, key=lambda p: (p.joined, p.id)),
                                        start=1):
            person.extra = f"{self.spec.code}S{number:06d}"
        self.officer_by_id = {p.id: p for p in self.officers}
        self.handlers = [f"{names.forename(rng)} {names.surname(rng)}" for _ in range(12)]
        self._complaint_history: list[_Person] = []
        self._conduct_history: list[_Person] = []

    def _emit_workforce(self) -> Iterator[tuple[str, list[Row]]]:
        rng = self.rng
        stamp = self.load_stamp
        serving = [p for p in self.officers if p.status == "serving"]
        for person in serving:
            if rng.random() < _SUSPENDED_SHARE:
                person.status = "suspended"
        officer_rows: list[Row] = []
        pc_rows: list[Row] = []
        for p in self.officers:
            officer_rows.append((p.id, self._uuid(), stamp, stamp, self.force_id, p.unit,
                                 p.forenames, p.surname, self.iso(p.born), p.status,
                                 self.iso(p.joined), None if p.left is None else self.iso(p.left),
                                 p.kind, p.extra, self.collars[p.id], p.rank))
            pc_rows.append(self._pc_row(p, officer=True))
        yield "officer", officer_rows
        staff_rows: list[Row] = []
        for p in self.staff:
            staff_rows.append((p.id, self._uuid(), stamp, stamp, self.force_id, p.unit,
                               p.forenames, p.surname, self.iso(p.born), p.status,
                               self.iso(p.joined), None if p.left is None else self.iso(p.left),
                               p.kind, p.extra, "" if p.kind == "volunteer"
                               else self._pick_str(_GRADES)))
            pc_rows.append(self._pc_row(p, officer=False))
        yield "staff", staff_rows
        yield "pc", pc_rows

    def _pc_row(self, p: _Person, *, officer: bool) -> Row:
        stamp = self.load_stamp
        return (self._id("pc"), self._uuid(), stamp, stamp, p.id if officer else None,
                None if officer else p.id, p.sex, p.ethnicity, self._pick_str(_RELIGION),
                self._pick_str(_ORIENTATION), self._pick_str(_DISABILITY))

    # --- subjects ----------------------------------------------------------------------------

    @staticmethod
    def _serving_on(person: _Person, day: int) -> bool:
        return person.joined <= day and (person.left is None or person.left > day)

    def _pick_person(self, pool: list[_Person], day: int, history: list[_Person],
                     repeat: float, weighted: bool) -> _Person | None:
        rng = self.rng
        if history and rng.random() < repeat:
            for _ in range(4):
                person = rng.choice(history)
                if self._serving_on(person, day):
                    history.append(person)
                    return person
        for _ in range(60):
            person = rng.choice(pool)
            if not self._serving_on(person, day):
                continue
            if person.kind in {"special_constable", "volunteer"} and rng.random() > 0.3:
                continue
            if weighted and rng.random() * 1.81 > _CONDUCT_WEIGHT.get(person.ethnicity, 1.0):
                continue
            history.append(person)
            return person
        return None

    # --- cases -------------------------------------------------------------------------------

    def _case_counts(self) -> list[tuple[str, int]]:
        officer_years = self.spec.officers * (self.end - self.start + 1) / 365.25
        return [(CaseType.COMPLAINT.value,
                 round(officer_years * target("complaint_cases_per_officer_year"))),
                (CaseType.CONDUCT_MATTER.value,
                 round(officer_years * target("conduct_matters_per_officer_year"))),
                (CaseType.DSI_MATTER.value,
                 round(officer_years * target("dsi_matters_per_officer_year"))),
                (CaseType.INTEGRITY_REPORT.value,
                 round(officer_years * target("integrity_reports_per_officer_year")))]

    def _cases(self, chunk_cases: int) -> Iterator[tuple[str, list[Row]]]:
        rng = self.rng
        planned = [(rng.randint(self.start, self.end), kind)
                   for kind, count in self._case_counts() for _ in range(count)]
        planned.sort()
        self.buffers: dict[str, list[Row]] = {t: [] for t in ("mop", "case", "allegation",
                                                            "subject", "timeline")}
        for received, kind in planned:
            self._case(kind, received)
            if len(self.buffers["case"]) >= chunk_cases:
                yield from self._flush()
        yield from self._flush()

    def _flush(self) -> Iterator[tuple[str, list[Row]]]:
        for table in ("mop", "case", "allegation", "subject", "timeline"):
            if self.buffers[table]:
                yield table, self.buffers[table]
                self.buffers[table] = []

    def _days(self, low: int, mean: float, high: int) -> int:
        """A right-skewed whole number of days in [low, high] with roughly the given mean."""
        mode = max(low, min(high, 3 * mean - low - high))
        return round(self.rng.triangular(low, high, mode))

    def _misconduct_days(self) -> int:
        """Casey §12: ~400 days on average, ~20% over two years."""
        if self.rng.random() < target("share_misconduct_over_two_years"):
            return self.rng.randint(731, 1000)
        return self._days(40, 284, 730)

    def _plan(self, kind: str, received: int, severities: list[str]) -> _Plan:
        rng = self.rng
        d = received
        steps: list[tuple[str, int]] = []

        def step(name: str, after: int) -> None:
            nonlocal d
            d += max(0, after)
            steps.append((name, d))

        special = any(s in {"misconduct", "gross_misconduct"} for s in severities)
        if kind == CaseType.COMPLAINT.value:
            roll = rng.random()
            withdrawn = target("complaint_share_withdrawn")
            if roll < withdrawn:
                if rng.random() < 0.5:
                    step("record", rng.randint(1, 15))
                step("withdraw", rng.randint(5, 60))
                return _Plan(steps, "", d)
            if roll < withdrawn + target("complaint_share_outside_schedule_3"):
                step("handle_outside_schedule_3", rng.randint(0, 4))
                step("close", self._days(1, 18, 60))
                return _Plan(steps, "outside", d)
            step("record", rng.randint(1, 15))
            if rng.random() < 0.03:
                step("refer", rng.randint(1, 10))
                investigate = rng.random() < 0.5
            else:
                investigate = rng.random() < target("formal_share_investigated")
            if not investigate:
                step("handle_otherwise", rng.randint(3, 25))
                step("close", self._days(20, 120, 330))
                return self._maybe_review(_Plan(steps, "otherwise", d))
            step("investigate", rng.randint(3, 20))
            if special:
                return self._misconduct_tail(steps, d)
            step("submit_report", self._days(60, 190, 500))
            step("close", rng.randint(7, 40))
            return self._maybe_review(_Plan(steps, "investigated", d))
        if kind == CaseType.CONDUCT_MATTER.value:
            step("record", rng.randint(1, 20))
            step("investigate", rng.randint(3, 25))
            return self._misconduct_tail(steps, d)
        if kind == CaseType.DSI_MATTER.value:
            step("refer", rng.randint(0, 5))
            step("investigate", rng.randint(5, 40))
            step("submit_report", self._days(90, 280, 700))
            if special:
                return self._misconduct_tail(steps, d, investigating=False)
            step("close", rng.randint(7, 40))
            return _Plan(steps, "dsi", d)
        # Integrity report.
        roll = rng.random()
        if roll < 0.15:
            step("withdraw", rng.randint(5, 60))
            return _Plan(steps, "", d)
        step("record", rng.randint(1, 20))
        if special:
            step("investigate", rng.randint(3, 25))
            return self._misconduct_tail(steps, d)
        step("handle_otherwise", rng.randint(3, 25))
        step("close", self._days(15, 90, 300))
        return _Plan(steps, "integrity", d)

    def _misconduct_tail(self, steps: list[tuple[str, int]], d: int, *,
                         investigating: bool = True) -> _Plan:
        """Investigation to decision; ``proceedings`` is added once outcomes are drawn."""
        rng = self.rng
        total = self._misconduct_days() if investigating else rng.randint(10, 60)
        if investigating and rng.random() < 0.05 and total > 200:
            pause_at = d + total // 3
            steps.append(("pause", pause_at))
            steps.append(("resume", pause_at + total // 3))
        decision = d + max(1, total - rng.randint(0, min(40, total - 1)))
        if investigating:
            steps.append(("submit_report", decision))
        steps.append(("close", d + total))
        return _Plan(steps, "misconduct", d + total)

    def _maybe_review(self, plan: _Plan) -> _Plan:
        rng = self.rng
        if plan.close_day is not None and rng.random() < 0.05:
            review = plan.close_day + rng.randint(10, 28)
            plan.steps.append(("request_review", review))
            plan.steps.append(("close", review + self._days(20, 80, 200)))
            plan.close_day = plan.steps[-1][1]
        return plan

    def _allegation_kind(self, kind: str) -> tuple[str, str]:
        rng = self.rng
        if kind == CaseType.DSI_MATTER.value:
            pair = self._pick(_DSI_ALLEGATIONS)
            assert isinstance(pair, tuple)
            return pair[0], pair[1]
        if kind == CaseType.CONDUCT_MATTER.value:
            category = self._pick_str(_CONDUCT_CATEGORIES)
        elif kind == CaseType.INTEGRITY_REPORT.value:
            category = self._pick_str(_INTEGRITY_CATEGORIES)
        else:
            category = self._pick_str(_COMPLAINT_CATEGORIES)
        if category == "discriminatory_behaviour":
            return category, self._pick_str(_DISCRIMINATION)
        subs = taxonomy.CATEGORIES_BY_CODE[category].subcategories
        return category, (rng.choice(subs)[0] if subs else "")

    def _timestamp(self, day: int, state: list[int]) -> str:
        """A working-hours time on ``day``, later than the previous event of the same case."""
        if state[0] == day:
            minute = min(state[1] + self.rng.randint(1, 25), 23 * 60 + 59)
        else:
            minute = 8 * 60 + self.rng.randrange(9 * 60)
        state[0], state[1] = day, minute
        return f"{self.iso(day)} {minute // 60:02d}:{minute % 60:02d}:00"

    def _case(self, kind: str, received: int) -> None:
        rng = self.rng
        buffers = self.buffers
        case_id = self._id("case")
        year = date.fromordinal(received).year
        number = self.counts.reference_numbers.get(year, 0) + 1
        self.counts.reference_numbers[year] = number
        reference = f"{self.spec.code}-{year}-{number:06d}"
        town = rng.choice(self.towns)
        location = f"{rng.choice(self.streets)}, {town}"
        handler = rng.choice(self.handlers)
        clock = [0, 0]
        opened_at = self._timestamp(received, clock)

        # Complainant.
        complainant_id = None
        complainant_name = ""
        anonymous = target("complainant_share_anonymous")
        if (kind == CaseType.COMPLAINT.value and rng.random() >= anonymous) \
                or (kind == CaseType.INTEGRITY_REPORT.value and rng.random() < 0.5):
            first, last = names.forename(rng), names.surname(rng)
            complainant_name = f"{first} {last}"
            complainant_id = self._id("mop")
            has_email = rng.random() < 0.7
            buffers["mop"].append((
                complainant_id, self._uuid(), opened_at, opened_at, self.force_id,
                complainant_name, names.email(first, last, rng) if has_email else "",
                names.phone(rng) if rng.random() < 0.6 else "",
                f"{rng.randint(1, 180)} {rng.choice(self.streets)}\n{rng.choice(self.places)}",
                names.postcode(rng)))

        # Allegations and the people they are about.
        if kind == CaseType.COMPLAINT.value:
            n_alleg = self._pick_int(_ALLEGATIONS_PER_COMPLAINT)
        elif kind == CaseType.CONDUCT_MATTER.value:
            n_alleg = self._pick_int(_ALLEGATIONS_PER_CONDUCT)
        else:
            n_alleg = 1
        people: list[tuple[str, _Person]] = []
        conduct_like = kind in {CaseType.CONDUCT_MATTER.value, CaseType.INTEGRITY_REPORT.value}
        identified = {CaseType.COMPLAINT.value: 0.85, CaseType.DSI_MATTER.value: 0.6}.get(kind, 1.0)
        if rng.random() < identified:
            staff_share = 0.25 if conduct_like else 0.05
            for _ in range(2 if rng.random() < 0.12 else 1):
                if rng.random() < staff_share:
                    person = self._pick_person(self.staff, received, [], 0.0, conduct_like)
                    if person is not None:
                        people.append(("staff", person))
                else:
                    history = self._conduct_history if conduct_like else self._complaint_history
                    repeat = _CONDUCT_REPEAT if conduct_like else _COMPLAINT_REPEAT
                    person = self._pick_person(self.officers, received, history, repeat,
                                               conduct_like)
                    if person is not None and all(p is not person for _, p in people):
                        people.append(("officer", person))

        allegations: list[tuple[int, int, str, str, list[tuple[str, _Person]]]] = []
        severities: list[str] = []
        for number_a in range(1, n_alleg + 1):
            category, sub = self._allegation_kind(kind)
            if people:
                subjects = people if len(people) == 1 or rng.random() < 0.5 \
                    else [rng.choice(people)]
            else:
                subjects = []
            severity = self._severity(kind, category) if subjects else ""
            severities.append(severity)
            allegations.append((self._id("allegation"), number_a, category, sub, subjects))

        plan = self._plan(kind, received, severities)
        steps = [(name, day) for name, day in plan.steps if day <= self.end]
        closed = bool(steps) and steps[-1][0] in {"close", "withdraw"}
        state = CaseState.LOGGED
        timeline = buffers["timeline"]
        type_label = CaseType(kind).label
        timeline.append((self._id("timeline"), case_id, opened_at, "opened",
                         f"{type_label} logged", "", handler))

        # Outcomes, drawn for every subject once the case has closed with outcomes.
        outcome_rows: list[tuple[int, str, _Person, int, str]] = []
        to_proceedings = False
        for (aid, number_a, _cat, _sub, subjects), severity in zip(allegations, severities,
                                                                   strict=True):
            for table, person in subjects:
                outcome = ""
                if closed and plan.outcome_table and plan.close_day is not None:
                    outcome = self._outcome(plan.outcome_table, severity, person,
                                            plan.close_day)
                    if outcome not in {"", "no_case_to_answer", "rprp"} \
                            and plan.outcome_table == "misconduct":
                        to_proceedings = True
                outcome_rows.append((aid, table, person, number_a, outcome))
        if plan.outcome_table == "misconduct" and closed and to_proceedings:
            close_day = steps[-1][1]
            decision_day = steps[-2][1] if len(steps) >= 2 else received
            proceedings_day = decision_day + max(0, (close_day - decision_day) // 3)
            steps.insert(len(steps) - 1, ("refer_to_proceedings", proceedings_day))
        elif plan.outcome_table == "misconduct" and not closed and steps \
                and steps[-1][0] == "submit_report" and steps[-1][1] + 30 <= self.end \
                and rng.random() < target("misconduct_share_case_to_answer"):
            # Still open after the decision: a case to answer waits for its meeting or hearing.
            steps.append(("refer_to_proceedings", steps[-1][1] + 30))

        closed_on = None
        for name, day in steps:
            rule = TRANSITIONS_BY_NAME[name]
            assert state in rule.source, (reference, state, name)
            state = rule.target
            at = self._timestamp(day, clock)
            timeline.append((self._id("timeline"), case_id, at, "state", rule.target.label,
                             rule.description, handler))
            if not state.is_open:
                closed_on = day
            elif name == "request_review":
                closed_on = None
        last_at = f"{self.iso(clock[0])} {clock[1] // 60:02d}:{clock[1] % 60:02d}:00"

        # Rows: case, allegations, subjects. Severity is assessed when a complaint is
        # investigated, and when any other matter is recorded or referred.
        applied = {name for name, _ in steps}
        assessed = "investigate" in applied if kind == CaseType.COMPLAINT.value \
            else bool(applied & {"record", "refer"})
        summary = self._summary(kind, complainant_name, town, received, allegations)
        incident = received - (rng.randint(0, 60) if kind == CaseType.COMPLAINT.value
                               else rng.randint(0, 200))
        buffers["case"].append((
            case_id, self._uuid(), opened_at, last_at, self.force_id, reference, kind,
            state.value, self.iso(received), self.iso(incident), location, summary,
            complainant_id, None if closed_on is None else self.iso(closed_on),
            1 + len(steps), None))
        for (aid, number_a, category, sub, _subjects), severity in zip(allegations, severities,
                                                                       strict=True):
            label = taxonomy.subcategory_label(category, sub) if sub \
                else taxonomy.category_label(category)
            standards = _STANDARDS.get(category, [])
            if sub == "use_of_force":
                standards = ["use_of_force"]
            buffers["allegation"].append((
                aid, self._uuid(), opened_at, opened_at, case_id, number_a, category, sub,
                json.dumps([sub]) if category == "discriminatory_behaviour" else "[]",
                json.dumps(standards), f"{label}: alleged in {town}.",
                severity if assessed else ""))
            timeline.append((self._id("timeline"), case_id, opened_at, "allegation",
                             f"Allegation {number_a} added", taxonomy.category_label(category),
                             handler))
        for aid, table, person, number_a, outcome in outcome_rows:
            outcome_on = self.iso(closed_on) if outcome and closed_on is not None else None
            if outcome and closed_on is None:
                outcome = ""
            sid = self._id("subject")
            buffers["subject"].append((
                sid, self._uuid(), opened_at, last_at if outcome else opened_at, aid,
                person.id if table == "officer" else None,
                person.id if table == "staff" else None, outcome, outcome_on))
            if outcome:
                timeline.append((self._id("timeline"), case_id, last_at, "outcome",
                                 f"Outcome recorded: {_OUTCOME_LABELS[outcome]}",
                                 f"{person.forenames} {person.surname}, allegation {number_a}",
                                 handler))
                if outcome == "dismissal_without_notice" and closed_on is not None:
                    person.status = "dismissed"
                    person.left = max(closed_on, person.joined)
        if state == CaseState.INVESTIGATION and any(s == "gross_misconduct" for s in severities):
            for table, person in people:
                if table == "officer" and person.left is None and rng.random() < 0.25:
                    person.status = "suspended"

    def _severity(self, kind: str, category: str) -> str:
        rng = self.rng
        if kind == CaseType.CONDUCT_MATTER.value:
            return "gross_misconduct" if rng.random() < 0.3 else "misconduct"
        if kind == CaseType.DSI_MATTER.value:
            roll = rng.random()
            return "gross_misconduct" if roll < 0.1 else "misconduct" if roll < 0.25 else "none"
        if kind == CaseType.INTEGRITY_REPORT.value:
            roll = rng.random()
            return "gross_misconduct" if roll < 0.12 else "misconduct" if roll < 0.3 else "none"
        # Complaints (kept only if investigated): the serious categories go to special
        # procedures more often. An assumption: no published split was found.
        serious = category in {"sexual_conduct", "abuse_of_position", "discriminatory_behaviour"}
        if rng.random() < (0.30 if serious else 0.10):
            return "gross_misconduct" if rng.random() < 0.4 else "misconduct"
        return "none"

    def _outcome(self, table: str, severity: str, person: _Person, day: int) -> str:
        rng = self.rng
        if table == "outside":
            return self._pick_str(_OUT_OUTSIDE)
        if table == "otherwise":
            return self._pick_str(_OUT_OTHERWISE)
        if table == "investigated":
            return self._pick_str(_OUT_INVESTIGATED)
        if table == "integrity":
            return self._pick_str(_OUT_INTEGRITY)
        if table == "dsi":
            return "no_case_to_answer" if rng.random() < 0.9 else "rprp"
        # Misconduct investigation under special procedures (Casey §12).
        roll = rng.random()
        ncta = target("misconduct_share_no_case_to_answer")
        if roll < ncta:
            return "no_case_to_answer"
        if roll < 1 - target("misconduct_share_case_to_answer"):
            return "rprp"
        result = self._pick_str(_OUT_PROCEEDINGS_GROSS if severity == "gross_misconduct"
                                else _OUT_PROCEEDINGS_MISCONDUCT)
        if result == "dismissal_without_notice" and person.left is not None and person.left <= day:
            return "would_have_been_dismissed"
        return result

    def _summary(self, kind: str, complainant: str, town: str, received: int,
                 allegations: list[tuple[int, int, str, str, list[tuple[str, _Person]]]]) -> str:
        first = allegations[0][2] if allegations else "other"
        about = taxonomy.category_label(first).lower()
        day = date.fromordinal(received)
        when = f"{day.day} {day:%B %Y}"
        if kind == CaseType.COMPLAINT.value:
            who = complainant or "An anonymous complainant"
            return f"{who} complains about {about} in {town}, received {when}."
        if kind == CaseType.CONDUCT_MATTER.value:
            return f"Conduct matter about {about} in {town}, raised internally on {when}."
        if kind == CaseType.DSI_MATTER.value:
            return f"Death or serious injury following police contact in {town}, {when}."
        return f"Integrity report about {about} in {town}, received {when}."


_COMPLAINT_CATEGORIES: tuple[tuple[str, float], ...] = tuple(
    (key.split(":", 1)[1], t.value) for key, t in TARGETS.items() if key.startswith("category:"))
_DISCRIMINATION: tuple[tuple[str, float], ...] = tuple(
    (key.split(":", 1)[1], t.value) for key, t in TARGETS.items()
    if key.startswith("discrimination:"))
_OUTCOME_LABELS = {
    "service_acceptable": "Service provided was acceptable",
    "service_not_acceptable": "Service provided was not acceptable",
    "unable_to_determine": "Unable to determine",
    "no_further_action": "No further action",
    "no_case_to_answer": "No case to answer",
    "rprp": "Reflective practice review process",
    "not_proven": "Not proven",
    "management_advice": "Management advice",
    "written_warning": "Written warning",
    "final_written_warning": "Final written warning",
    "reduction_in_rank": "Reduction in rank",
    "dismissal_without_notice": "Dismissal without notice",
    "would_have_been_dismissed": "Would have been dismissed",
}
