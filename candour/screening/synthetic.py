"""Seeded synthetic workforce and intelligence extracts with known true matches.

Screening cannot be developed or measured on real people, so tests and the benchmark link
a synthetic force workforce against a synthetic national extract in which a known set of
records are corrupted copies of workforce members. The corruption is deliberately heavy and
of the kinds real extracts show:

* names: nicknames (Bill for William, Peggy for Margaret), transliterated spellings
  (Muhammad / Mohammed, Aleksandr / Alexander), keyboard typos, first and last names
  swapped, forename reduced to an initial, a changed surname (marriage), missing names;
* dates of birth: day and month transposed, one day, month or year out, missing;
* addresses: the person moved (half of them locally, within the same postcode district),
  a postcode typo, or no address at all.

Every rate is a field of :class:`Corruption`, and the generator counts how often each
corruption was eligible and applied, so tests can check the rates. Non-matching extract
records include household members of workforce people (same address and usually surname),
the near-misses a screening model must not flag.

Names are drawn from committed pools (``data/forenames.csv``, ``data/surnames.csv``)
plus a long tail of invented names; every record is a random combination, so no record
describes a real person. Postcodes have the UK shape but are random.

Everything is drawn from one ``random.Random(seed)``: the same spec gives the same extracts.
"""

from __future__ import annotations

import csv
import random
import string
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from candour.screening.names import DATA, clean_name, nicknames, transliterations

COLUMNS = ("record_id", "first_name", "surname", "date_of_birth", "postcode", "address")


@dataclass(frozen=True)
class Corruption:
    """Probability of each corruption of an extract copy of a workforce person.

    ``nickname`` and ``transliteration`` apply only to names that have a known variant;
    ``dob_transposed`` only to dates whose day is 12 or less and differs from the month.
    The defaults are the benchmark's "heavy corruption".
    """

    nickname: float = 0.30
    transliteration: float = 0.50
    surname_changed: float = 0.03
    forename_typo: float = 0.20
    surname_typo: float = 0.20
    forename_initial: float = 0.03
    swapped_names: float = 0.05
    missing_forename: float = 0.01
    missing_surname: float = 0.01
    dob_transposed: float = 0.05
    dob_off_by_one: float = 0.05
    missing_dob: float = 0.02
    moved: float = 0.30
    moved_locally: float = 0.50
    postcode_typo: float = 0.03
    missing_address: float = 0.04


HEAVY = Corruption()
NONE = Corruption(**{name: 0.0 for name in Corruption.__dataclass_fields__})


@dataclass(frozen=True)
class ExtractSpec:
    """Sizes and seed of one synthetic pair of extracts.

    ``reference_year`` is the year the extracts are taken (ages are relative to it);
    ``relatives`` is the share of the extract that are household members of workforce people.
    """

    workforce: int = 50_000
    intelligence: int = 2_000_000
    matches: int = 10_000
    relatives: float = 0.01
    seed: int = 1
    reference_year: int = 2025
    corruption: Corruption = HEAVY

    def __post_init__(self) -> None:
        if self.matches > self.workforce:
            raise ValueError("matches cannot exceed the workforce")
        if self.matches + int(self.intelligence * self.relatives) > self.intelligence:
            raise ValueError("the extract is too small for its matches and relatives")


@dataclass
class Extracts:
    """The two extracts, the true links and the corruption counts."""

    spec: ExtractSpec
    workforce: pa.Table
    intelligence: pa.Table
    truth: list[tuple[str, str]]
    applied: dict[str, int] = field(default_factory=dict)
    eligible: dict[str, int] = field(default_factory=dict)

    def write(self, directory: Path, fmt: str = "parquet") -> tuple[Path, Path]:
        """Write both extracts as ``workforce.FMT`` and ``intelligence.FMT``; return the paths."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, table in (("workforce", self.workforce), ("intelligence", self.intelligence)):
            path = directory / f"{name}.{fmt}"
            if fmt == "parquet":
                pq.write_table(table, path)
            elif fmt == "csv":
                pacsv.write_csv(table, path)
            else:
                raise ValueError(f"unknown format {fmt!r}")
            paths.append(path)
        return paths[0], paths[1]


# --- name and place pools ---------------------------------------------------------------

def _read_pool(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


_SYL_START = ("Ab", "Ash", "Bal", "Bar", "Bel", "Bick", "Bram", "Brent", "Cad", "Carr", "Chal",
              "Chet", "Cold", "Cram", "Dal", "Dar", "Dun", "Eas", "Ed", "Elm", "Fair", "Farn",
              "Fen", "Gal", "Gar", "Gold", "Gran", "Had", "Hal", "Hart", "Hazel", "Hol", "Hurst",
              "Ick", "Kel", "Ken", "Kirk", "Lang", "Lark", "Led", "Lin", "Lock", "Marl", "Mel",
              "Mid", "Nor", "Oak", "Orm", "Pen", "Pick", "Quarr", "Rad", "Rav", "Red", "Rick",
              "Sal", "Sand", "Shel", "Stan", "Stock", "Swin", "Tam", "Thorn", "Tid", "Ux",
              "Vel", "Wad", "Wal", "Wel", "Whit", "Win", "Wort", "Yar", "Yel")
_SYL_MID = ("", "a", "e", "i", "o", "er", "en", "ing", "el", "an")
_SYL_END = ("by", "combe", "croft", "dale", "den", "don", "field", "ford", "gate", "ham", "hill",
            "holt", "hurst", "ington", "land", "ley", "low", "man", "mere", "moor", "more",
            "ner", "ridge", "shaw", "son", "stead", "stone", "thorpe", "ton", "wick", "well",
            "wood", "worth", "well", "bury", "cott", "brook", "lake", "ock", "ett")
_FORE_START = ("Al", "Bren", "Cal", "Dar", "El", "Fen", "Gil", "Hal", "Is", "Jor", "Kel", "Lor",
               "Mar", "Nel", "Or", "Per", "Quin", "Ros", "Sel", "Tav", "Ul", "Ven", "Wen", "Yar",
               "Zel", "Bri", "Cor", "Dav", "Em", "Fal", "Ker", "Lan", "Mor", "Tal")
_FORE_END = ("en", "ia", "on", "eth", "in", "a", "is", "or", "el", "yn", "ara", "ion", "ric",
             "wen", "ette", "ius", "ani", "o", "an", "ie", "ay", "orn")


@dataclass(frozen=True)
class _Pool:
    values: list[str]
    cum_weights: list[float]


def _zipf_tail(names: list[str], exponent: float, offset: float) -> list[float]:
    return [1.0 / (rank + offset) ** exponent for rank in range(len(names))]


def _with_tail(head: list[tuple[str, float]], tail: list[str], tail_share: float,
               exponent: float) -> _Pool:
    head_total = sum(w for _, w in head)
    tail_weights = _zipf_tail(tail, exponent, 20.0)
    tail_total = sum(tail_weights)
    scale_tail = head_total * tail_share / (1.0 - tail_share) / tail_total
    values = [n for n, _ in head] + tail
    weights = [w for _, w in head] + [w * scale_tail for w in tail_weights]
    return _Pool(values, list(accumulate(weights)))


def _invented(rng: random.Random, starts: tuple[str, ...], mids: tuple[str, ...],
              ends: tuple[str, ...], count: int, taken: set[str]) -> list[str]:
    combos = sorted({s + m + e for s in starts for m in mids for e in ends})
    combos = [c for c in combos if clean_name(c) not in taken]
    rng.shuffle(combos)
    return combos[:count]


# UK-shaped postcode areas (letters only; the districts, sectors and units are random).
AREAS = ("AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "CA", "CB", "CF", "CH",
         "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY",
         "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "HA", "HD", "HG", "HP", "HR",
         "HU", "HX", "IG", "IP", "KA", "KT", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU",
         "M", "ME", "MK", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PE", "PL", "PO",
         "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR",
         "SS", "ST", "SW", "SY", "TA", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WC",
         "WD", "WF", "WN", "WR", "WS", "WV", "YO")
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_STREET_WORDS = ("Station", "Church", "High", "Park", "Victoria", "Mill", "School", "Manor",
                 "Queens", "Kings", "Green", "Albert", "Grange", "New", "North", "South",
                 "West", "East", "Chapel", "Castle", "Bridge", "Orchard", "Meadow", "Windsor",
                 "York", "Richmond", "Elm", "Oak", "Ash", "Beech", "Cedar", "Willow", "Hawthorn",
                 "Springfield", "Highfield", "Fairfield", "Broad", "Market", "Water", "Hill",
                 "Forest", "Farm", "Heath", "Moor", "Brook", "Cross", "Abbey", "Priory",
                 "Crown", "Nelson", "Cambridge", "Oxford", "London", "Derby", "Lancaster",
                 "Stanley", "Grove", "Rose", "Ivy", "Holly", "Chestnut", "Poplar", "Sycamore",
                 "Lime", "Laurel", "Maple", "Rowan", "Hazel", "Clifton", "Belmont", "Mount",
                 "Western", "Pleasant", "Vicarage", "Rectory", "Garden", "Central", "Canal")
_STREET_KINDS = ("Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent",
                 "Gardens", "Terrace", "Place", "Court", "Grove", "Rise", "View")


@dataclass(frozen=True)
class _Places:
    postcodes: list[str]
    street: list[str]               # street of each postcode (same index)
    district_of: list[int]          # district index of each postcode
    district_members: list[list[int]]
    region: list[int]               # postcode indexes in the workforce's force area


def _places(rng: random.Random, n_areas: int) -> _Places:
    """A random postcode universe over ``n_areas`` areas (all of them for a national extract)."""
    postcodes: list[str] = []
    streets: list[str] = []
    district_of: list[int] = []
    members: list[list[int]] = []
    street_names = [f"{w} {k}" for w in _STREET_WORDS for k in _STREET_KINDS]
    areas = sorted(rng.sample(AREAS, n_areas))
    region_areas = set(rng.sample(areas, min(4, n_areas)))
    region: list[int] = []
    for area in areas:
        for district in range(1, rng.randint(8, 30) + 1):
            current: list[int] = []
            for sector in sorted(rng.sample(range(10), rng.randint(4, 9))):
                sector_streets = rng.sample(street_names, rng.randint(3, 6))
                units = rng.sample([a + b for a in _UNIT_LETTERS for b in _UNIT_LETTERS],
                                   rng.randint(20, 60))
                for unit in sorted(units):
                    index = len(postcodes)
                    postcodes.append(f"{area}{district} {sector}{unit}")
                    streets.append(rng.choice(sector_streets))
                    district_of.append(len(members))
                    current.append(index)
                    if area in region_areas:
                        region.append(index)
            members.append(current)
    return _Places(postcodes, streets, district_of, members, region)


# --- corruption -------------------------------------------------------------------------

_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours(ch: str) -> str:
    for row_index, row in enumerate(_KEYBOARD):
        col = row.find(ch)
        if col >= 0:
            near = row[max(col - 1, 0):col] + row[col + 1:col + 2]
            for other in (row_index - 1, row_index + 1):
                if 0 <= other < len(_KEYBOARD):
                    near += _KEYBOARD[other][max(col - 1, 0):col + 1]
            return near
    return string.ascii_lowercase


def typo(rng: random.Random, word: str) -> str:
    """One keyboard slip: substitute a neighbouring key, drop, double or swap letters."""
    if len(word) < 2:
        return word
    lower = word.lower()
    for _ in range(10):
        chars = list(lower)
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.35 and chars[i].isalpha():
            chars[i] = rng.choice(_neighbours(chars[i]))
        elif op < 0.60 and len(chars) > 2:
            del chars[i]
        elif op < 0.80:
            chars.insert(i, chars[i] if rng.random() < 0.5 else rng.choice(_neighbours(chars[i])))
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        candidate = "".join(chars)
        if candidate != lower:
            return _recase(candidate, word)
    return word


def _recase(new: str, like: str) -> str:
    if like.isupper():
        return new.upper()
    return new[:1].upper() + new[1:]


def _other_spelling(rng: random.Random, name: str, members: tuple[str, ...]) -> str | None:
    clean = clean_name(name)
    others = [m for m in members if m != clean]
    if not others:
        return None
    return rng.choice(others).capitalize()


class _Counter:
    def __init__(self) -> None:
        self.applied: dict[str, int] = {}
        self.eligible: dict[str, int] = {}

    def roll(self, rng: random.Random, name: str, rate: float, eligible: bool = True) -> bool:
        if not eligible:
            return False
        self.eligible[name] = self.eligible.get(name, 0) + 1
        hit = rng.random() < rate
        if hit:
            self.applied[name] = self.applied.get(name, 0) + 1
        return hit


def _shift_date(rng: random.Random, born: date) -> date:
    """One day, one month or one year out, in either direction."""
    kind = rng.randrange(3)
    sign = rng.choice((-1, 1))
    if kind == 0:
        return born + timedelta(days=sign)
    if kind == 1:
        months = born.year * 12 + born.month - 1 + sign
        year, month = divmod(months, 12)
        return _valid_date(year, month + 1, born.day)
    return _valid_date(born.year + sign, born.month, born.day)


def _valid_date(year: int, month: int, day: int) -> date:
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def _postcode_typo(rng: random.Random, postcode: str) -> str:
    chars = list(postcode)
    positions = [i for i, ch in enumerate(chars) if ch != " "]
    i = rng.choice(positions)
    pool = string.digits if chars[i].isdigit() else _UNIT_LETTERS
    chars[i] = rng.choice([c for c in pool if c != chars[i]])
    return "".join(chars)


@dataclass
class _Person:
    first_name: str | None
    surname: str | None
    born: date | None
    postcode: int | None
    number: int


# --- the generator ----------------------------------------------------------------------

class _Generator:
    def __init__(self, spec: ExtractSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)  # nosec B311 # a seeded generator of synthetic data, never a secret
        rng = self.rng
        fore_rows = _read_pool("forenames.csv")
        sur_rows = _read_pool("surnames.csv")
        taken = {clean_name(r["name"]) or "" for r in fore_rows + sur_rows}
        taken |= set(nicknames().canonical) | set(transliterations().canonical)
        self.sex_pools: dict[str, _Pool] = {}
        for sex in ("M", "F"):
            head = [(r["name"], float(r["weight"])) for r in fore_rows if r["sex"] == sex]
            tail = _invented(rng, _FORE_START, ("",), _FORE_END, 350, taken)
            taken |= {clean_name(t) or "" for t in tail}
            self.sex_pools[sex] = _with_tail(head, tail, tail_share=0.08, exponent=1.0)
        sur_head = [(r["name"], float(r["weight"])) for r in sur_rows]
        # The invented-surname tail and the postcode universe grow with the extract, so a
        # small test extract is quick to make and keeps roughly the national density.
        share = min(1.0, spec.intelligence / 2_000_000)
        sur_tail = _invented(rng, _SYL_START, _SYL_MID, _SYL_END, max(3_000, round(40_000 * share ** 0.5)), taken)
        self.surnames = _with_tail(sur_head, sur_tail, tail_share=0.70, exponent=0.9)
        self.places = _places(rng, max(4, round(len(AREAS) * share)))
        self.counter = _Counter()
        first = date(spec.reference_year - 85, 1, 1).toordinal()
        last = date(spec.reference_year - 17, 12, 31).toordinal()
        self.adult_days = range(first, last + 1)
        self.workforce_days = range(date(spec.reference_year - 67, 1, 1).toordinal(),
                                    date(spec.reference_year - 18, 12, 31).toordinal() + 1)

    # People -----------------------------------------------------------------------------
    def forename(self, sex: str) -> str:
        pool = self.sex_pools[sex]
        return self.rng.choices(pool.values, cum_weights=pool.cum_weights)[0]

    def surname(self) -> str:
        return self.rng.choices(self.surnames.values, cum_weights=self.surnames.cum_weights)[0]

    def people(self, n: int, days: range, region_share: float) -> list[_Person]:
        rng = self.rng
        sexes = rng.choices("MF", k=n)
        male = self.sex_pools["M"]
        female = self.sex_pools["F"]
        males = rng.choices(male.values, cum_weights=male.cum_weights, k=n)
        females = rng.choices(female.values, cum_weights=female.cum_weights, k=n)
        surnames = rng.choices(self.surnames.values, cum_weights=self.surnames.cum_weights, k=n)
        born = rng.choices(days, k=n)
        places = self.places
        national = rng.choices(range(len(places.postcodes)), k=n)
        local = rng.choices(places.region, k=n)
        regional = [rng.random() < region_share for _ in range(n)]
        numbers = rng.choices(range(1, 160), k=n)
        return [
            _Person(males[i] if sexes[i] == "M" else females[i], surnames[i],
                    date.fromordinal(born[i]), local[i] if regional[i] else national[i], numbers[i])
            for i in range(n)
        ]

    def relative(self, of: _Person) -> _Person:
        rng = self.rng
        assert of.born is not None
        surname = of.surname if rng.random() < 0.8 else self.surname()
        forename = of.first_name
        while clean_name(forename) == clean_name(of.first_name):
            forename = self.forename(rng.choice("MF"))
        years = rng.choice((-1, 1)) * rng.randint(2, 35)
        born = date.fromordinal(min(max(of.born.toordinal() + years * 365 + rng.randint(-180, 180),
                                        self.adult_days.start), self.adult_days.stop - 1))
        return _Person(forename, surname, born, of.postcode, of.number)

    # Corruption -------------------------------------------------------------------------
    def corrupt(self, person: _Person) -> _Person:
        rates = self.spec.corruption
        rng, roll = self.rng, self.counter.roll
        fore, sur, born = person.first_name, person.surname, person.born
        assert fore is not None and sur is not None and born is not None
        nick = nicknames().members(clean_name(fore) or "")
        if roll(rng, "nickname", rates.nickname, eligible=len(nick) > 1):
            fore = _other_spelling(rng, fore, nick) or fore
        fore_tr = transliterations().members(clean_name(fore) or "")
        sur_tr = transliterations().members(clean_name(sur) or "")
        if roll(rng, "transliteration", rates.transliteration, eligible=len(fore_tr) > 1 or len(sur_tr) > 1):
            if len(fore_tr) > 1:
                fore = _other_spelling(rng, fore, fore_tr) or fore
            if len(sur_tr) > 1:
                sur = _other_spelling(rng, sur, sur_tr) or sur
        if roll(rng, "surname_changed", rates.surname_changed):
            new = self.surname()
            while clean_name(new) == clean_name(sur):
                new = self.surname()
            sur = new
        if roll(rng, "forename_typo", rates.forename_typo):
            fore = typo(rng, fore)
        if roll(rng, "surname_typo", rates.surname_typo):
            sur = typo(rng, sur)
        if roll(rng, "forename_initial", rates.forename_initial):
            fore = fore[0]
        first: str | None = fore
        last: str | None = sur
        if roll(rng, "swapped_names", rates.swapped_names):
            first, last = last, first
        if roll(rng, "missing_forename", rates.missing_forename):
            first = None
        if roll(rng, "missing_surname", rates.missing_surname):
            last = None

        new_born: date | None = born
        transposable = born.day <= 12 and born.day != born.month
        if roll(rng, "dob_transposed", rates.dob_transposed, eligible=transposable):
            new_born = date(born.year, born.day, born.month)
        elif roll(rng, "dob_off_by_one", rates.dob_off_by_one):
            new_born = _shift_date(rng, born)
        if roll(rng, "missing_dob", rates.missing_dob):
            new_born = None

        postcode: int | None = person.postcode
        number = person.number
        places = self.places
        assert postcode is not None
        if roll(rng, "moved", rates.moved):
            if rng.random() < rates.moved_locally:
                postcode = rng.choice(places.district_members[places.district_of[postcode]])
            else:
                postcode = rng.randrange(len(places.postcodes))
            number = rng.randrange(1, 160)
        if roll(rng, "missing_address", rates.missing_address):
            postcode = None
        return _Person(first, last, new_born, postcode, number)

    # Tables -----------------------------------------------------------------------------
    def table(self, people: list[_Person], ids: list[str], upper: bool,
              typo_postcodes: dict[int, str] | None = None) -> pa.Table:
        places = self.places
        typo_postcodes = typo_postcodes or {}

        def text(value: str | None) -> str | None:
            return value.upper() if upper and value is not None else value

        postcodes: list[str | None] = []
        addresses: list[str | None] = []
        for i, p in enumerate(people):
            if p.postcode is None:
                postcodes.append(None)
                addresses.append(None)
            else:
                postcodes.append(typo_postcodes.get(i, places.postcodes[p.postcode]))
                addresses.append(text(f"{p.number} {places.street[p.postcode]}"))
        return pa.table({
            "record_id": ids,
            "first_name": [text(p.first_name) for p in people],
            "surname": [text(p.surname) for p in people],
            "date_of_birth": [p.born.isoformat() if p.born else None for p in people],
            "postcode": postcodes,
            "address": addresses,
        })

    def run(self) -> Extracts:
        spec, rng = self.spec, self.rng
        workforce = self.people(spec.workforce, self.workforce_days, region_share=1.0)
        n_relatives = int(spec.intelligence * spec.relatives)
        n_background = spec.intelligence - spec.matches - n_relatives
        extract = self.people(n_background, self.adult_days, region_share=0.25)

        matched = sorted(rng.sample(range(spec.workforce), spec.matches))
        copies = [self.corrupt(workforce[i]) for i in matched]
        typo_postcodes: dict[int, str] = {}
        for offset, copy in enumerate(copies):
            if copy.postcode is not None and self.counter.roll(
                    rng, "postcode_typo", spec.corruption.postcode_typo):
                typo_postcodes[n_background + offset] = _postcode_typo(
                    rng, self.places.postcodes[copy.postcode])
        households = rng.choices(range(spec.workforce), k=n_relatives)
        relatives = [self.relative(workforce[i]) for i in households]
        extract.extend(copies)
        extract.extend(relatives)

        # Extract record ids in a random order, so position says nothing about matches.
        order = list(range(len(extract)))
        rng.shuffle(order)
        extract_ids = [""] * len(extract)
        for position, index in enumerate(order):
            extract_ids[index] = f"X{position + 1:08d}"
        workforce_ids = [f"W{i + 1:07d}" for i in range(spec.workforce)]
        truth = [(workforce_ids[w], extract_ids[n_background + k]) for k, w in enumerate(matched)]

        workforce_table = self.table(workforce, workforce_ids, upper=False)
        extract_table = self.table(extract, extract_ids, upper=True, typo_postcodes=typo_postcodes)
        return Extracts(spec, workforce_table, extract_table, truth,
                        dict(sorted(self.counter.applied.items())),
                        dict(sorted(self.counter.eligible.items())))


def generate(spec: ExtractSpec | None = None, **overrides: object) -> Extracts:
    """Generate a workforce and an extract; ``overrides`` replace fields of ``spec``.

    >>> small = generate(workforce=200, intelligence=2_000, matches=50, seed=3)
    >>> len(small.truth), small.workforce.num_rows, small.intelligence.num_rows
    (50, 200, 2000)
    """
    base = spec or ExtractSpec()
    if overrides:
        base = replace(base, **overrides)  # type: ignore[arg-type]
    return _Generator(base).run()


def by_id(table: pa.Table) -> dict[str, dict[str, object]]:
    """Records of an extract keyed by ``record_id`` (tests and examples)."""
    return {str(row["record_id"]): row for row in table.to_pylist()}
