"""A second, independent generator of a workforce and an intelligence extract with known matches.

Written from scratch for issue 16, sharing no code, name pool or error table with
``candour.screening.synthetic`` (the generator the model was developed on), so that a model
tuned to that generator's quirks is found out here:

    uv run python bench/gen_extract_independent.py --workforce 50000 --extract 2000000 --out DIR

writes ``DIR/workforce.parquet`` and ``DIR/extract.parquet`` with the columns ``record_id``,
``first_name``, ``surname``, ``date_of_birth``, ``postcode``, ``town`` and ``person`` (the truth:
two records are the same person exactly when ``person`` is equal). There is no address column.

**Names** come from Faker's English-speaking locales (en_GB, en_IE, en_US, en_NZ, en_IN: about
3,000 forenames and 4,500 surnames) plus a tail of invented surnames from a letter-bigram chain
trained on them, drawn with Zipf-like weights (the commonest forename about 3% of people, the commonest
surname about 1.4%). **Postcodes** have the UK shape, in 120 real
postcode areas, each with its post town; **town** follows the postcode (so it is derived,
duplicate evidence, as in real extracts), sometimes abbreviated, misspelt or missing.

**Error model.** About 0.5% of the extract are copies of distinct workforce people. Each copy
suffers each error below independently, at the rate given. The kinds of error are those the
record-linkage literature reports for personal data (Christen, *Data Matching*, 2012, ch. 2;
Christen and Pudjijono, "Accurate synthetic generation of realistic personal information",
PAKDD 2009): typographical errors, mostly a single edit of one of four kinds (Damerau, 1964:
about 80% of misspellings are one insertion, deletion, substitution or transposition),
phonetic variants, nicknames, swapped fields, missing values and changed addresses. The rates
are this generator's own choices, different from the first generator's (which uses, for
example, 20% forename and surname typos, 30% nicknames and 30% moves):

=====================  ======  =================================================================
error                  rate    what happens
=====================  ======  =================================================================
forename nickname      0.15    a diminutive from this file's own table (Robert -> Bob, Rob)
forename typo          0.10    one edit: deletion 0.35, insertion 0.25, keyboard substitution 0.25,
                               transposed adjacent letters 0.15
forename initial       0.02    the initial only ("J")
forename missing       0.02
surname typo           0.10    one edit, as above
surname transposed     0.03    two adjacent letters exchanged
surname phonetic       0.03    a sound-alike spelling (ph/f, ck/k, ie/y, doubled letters)
surname double-barrel  0.02    a second surname added with a hyphen, or the first part dropped
surname missing        0.01
names swapped          0.03    forename and surname exchanged
day/month swapped      0.06    where the day is 12 or less and differs from the month
dob digit typo         0.04    one digit of the day or month changed
dob year out           0.02    one year out
dob missing            0.03
moved                  0.25    a new postcode: 40% in the same district, otherwise anywhere
postcode typo          0.03    one character changed
outward code only      0.04    "LS6" for "LS6 2AB"
postcode missing       0.04
town missing           0.06
town variant           0.04    abbreviated or misspelt ("Newcastle" for "Newcastle upon Tyne")
=====================  ======  =================================================================

Besides the copies, 0.4% of the extract are relatives of workforce people: the same surname,
postcode and town, a different forename and date of birth. They are not matches.

Extract records use upper-case names half the time. Everything is drawn from one seed.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

LOCALES = ("en_GB", "en_IE", "en_US", "en_NZ", "en_IN")

# Postcode areas (a selection of the real ones) and their post towns.
AREAS = {
    "AB": "Aberdeen", "AL": "St Albans", "B": "Birmingham", "BA": "Bath", "BB": "Blackburn", "BD": "Bradford",
    "BH": "Bournemouth", "BL": "Bolton", "BN": "Brighton", "BR": "Bromley", "BS": "Bristol", "BT": "Belfast",
    "CA": "Carlisle", "CB": "Cambridge", "CF": "Cardiff", "CH": "Chester", "CM": "Chelmsford", "CO": "Colchester",
    "CR": "Croydon", "CT": "Canterbury", "CV": "Coventry", "CW": "Crewe", "DA": "Dartford", "DD": "Dundee",
    "DE": "Derby", "DG": "Dumfries", "DH": "Durham", "DL": "Darlington", "DN": "Doncaster", "DT": "Dorchester",
    "DY": "Dudley", "E": "London", "EC": "London", "EH": "Edinburgh", "EN": "Enfield", "EX": "Exeter",
    "FK": "Falkirk", "FY": "Blackpool", "G": "Glasgow", "GL": "Gloucester", "GU": "Guildford", "HA": "Harrow",
    "HD": "Huddersfield", "HG": "Harrogate", "HP": "Hemel Hempstead", "HR": "Hereford", "HU": "Hull",
    "HX": "Halifax", "IG": "Ilford", "IP": "Ipswich", "KT": "Kingston upon Thames", "KY": "Kirkcaldy",
    "L": "Liverpool", "LA": "Lancaster", "LD": "Llandrindod Wells", "LE": "Leicester", "LL": "Llandudno",
    "LN": "Lincoln", "LS": "Leeds", "LU": "Luton", "M": "Manchester", "ME": "Rochester", "MK": "Milton Keynes",
    "N": "London", "NE": "Newcastle upon Tyne", "NG": "Nottingham", "NN": "Northampton", "NP": "Newport",
    "NR": "Norwich", "NW": "London", "OL": "Oldham", "OX": "Oxford", "PE": "Peterborough", "PL": "Plymouth",
    "PO": "Portsmouth", "PR": "Preston", "RG": "Reading", "RH": "Redhill", "RM": "Romford", "S": "Sheffield",
    "SA": "Swansea", "SE": "London", "SG": "Stevenage", "SK": "Stockport", "SL": "Slough", "SM": "Sutton",
    "SN": "Swindon", "SO": "Southampton", "SP": "Salisbury", "SR": "Sunderland", "SS": "Southend-on-Sea",
    "ST": "Stoke-on-Trent", "SW": "London", "SY": "Shrewsbury", "TA": "Taunton", "TD": "Galashiels",
    "TF": "Telford", "TN": "Tonbridge", "TQ": "Torquay", "TR": "Truro", "TS": "Middlesbrough", "TW": "Twickenham",
    "UB": "Southall", "W": "London", "WA": "Warrington", "WC": "London", "WD": "Watford", "WF": "Wakefield",
    "WN": "Wigan", "WR": "Worcester", "WS": "Walsall", "WV": "Wolverhampton", "YO": "York",
}
TOWN_VARIANTS = {
    "Newcastle upon Tyne": "Newcastle", "Kingston upon Thames": "Kingston", "Southend-on-Sea": "Southend",
    "Stoke-on-Trent": "Stoke", "Hemel Hempstead": "Hemel", "St Albans": "Saint Albans",
    "Llandrindod Wells": "Llandrindod", "Middlesbrough": "Middlesborough", "Peterborough": "Peterboro",
    "Huddersfield": "Huddersfeld", "Manchester": "Manchster", "London": "Lndon", "Birmingham": "Brum",
}
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# This generator's own diminutives (written for it; the model has its own table).
DIMINUTIVES = {
    "Robert": ["Bob", "Rob", "Bobby", "Robbie"], "William": ["Bill", "Will", "Billy", "Liam"],
    "Richard": ["Dick", "Rick", "Rich", "Richie"], "James": ["Jim", "Jimmy", "Jamie"],
    "John": ["Jack", "Johnny"], "Edward": ["Ed", "Eddie", "Ted", "Ned"], "Thomas": ["Tom", "Tommy"],
    "Michael": ["Mike", "Mick", "Mikey"], "Christopher": ["Chris", "Kit"], "Anthony": ["Tony", "Ant"],
    "Joseph": ["Joe", "Joey"], "Daniel": ["Dan", "Danny"], "Matthew": ["Matt"], "Andrew": ["Andy", "Drew"],
    "Nicholas": ["Nick", "Nicky"], "Jonathan": ["Jon", "Jonny"], "Benjamin": ["Ben", "Benny"],
    "Samuel": ["Sam", "Sammy"], "Alexander": ["Alex", "Sandy", "Xander"], "Charles": ["Charlie", "Chuck"],
    "Henry": ["Harry", "Hal"], "Frederick": ["Fred", "Freddie"], "Peter": ["Pete"], "Stephen": ["Steve"],
    "Steven": ["Steve"], "Timothy": ["Tim"], "Gregory": ["Greg"], "Patrick": ["Pat", "Paddy"],
    "Philip": ["Phil"], "Raymond": ["Ray"], "Ronald": ["Ron", "Ronnie"], "Donald": ["Don"],
    "Kenneth": ["Ken", "Kenny"], "Gerald": ["Gerry"], "Lawrence": ["Larry", "Laurie"], "Terence": ["Terry"],
    "Leonard": ["Len", "Lenny"], "Douglas": ["Doug"], "Jeffrey": ["Jeff"], "Zachary": ["Zach"],
    "Elizabeth": ["Liz", "Beth", "Lizzie", "Betty"], "Margaret": ["Maggie", "Peggy", "Meg"],
    "Katherine": ["Kate", "Kath", "Katie"], "Catherine": ["Cathy", "Kate", "Cat"], "Jennifer": ["Jen", "Jenny"],
    "Rebecca": ["Becky", "Becca"], "Victoria": ["Vicky", "Tori"], "Susan": ["Sue", "Susie"],
    "Deborah": ["Debbie", "Deb"], "Patricia": ["Pat", "Trish"], "Christine": ["Chris", "Chrissie"],
    "Samantha": ["Sam"], "Alexandra": ["Alex", "Lexi"], "Jessica": ["Jess"], "Abigail": ["Abby"],
    "Eleanor": ["Ellie", "Nell"], "Dorothy": ["Dot", "Dottie"], "Josephine": ["Jo", "Josie"],
    "Frances": ["Fran"], "Amanda": ["Mandy"], "Barbara": ["Babs"], "Gillian": ["Gill"], "Helen": ["Nell"],
    "Judith": ["Judy"], "Kimberley": ["Kim"], "Pamela": ["Pam"], "Sandra": ["Sandy"], "Theresa": ["Tess"],
    "Valerie": ["Val"], "Charlotte": ["Lottie", "Charlie"], "Natalie": ["Nat"], "Jacqueline": ["Jackie"],
}
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
PHONETIC = [("ph", "f"), ("ck", "k"), ("ie", "y"), ("ey", "y"), ("ll", "l"), ("tt", "t"), ("son", "sen"),
            ("th", "t"), ("c", "k"), ("ou", "ow"), ("ai", "ay"), ("s", "z"), ("mm", "m"), ("nn", "n")]


@dataclass(frozen=True)
class Rates:
    forename_nickname: float = 0.15
    forename_typo: float = 0.10
    forename_initial: float = 0.02
    forename_missing: float = 0.02
    surname_typo: float = 0.10
    surname_transposed: float = 0.03
    surname_phonetic: float = 0.03
    surname_double_barrel: float = 0.02
    surname_missing: float = 0.01
    names_swapped: float = 0.03
    dob_day_month_swapped: float = 0.06
    dob_digit_typo: float = 0.04
    dob_year_out: float = 0.02
    dob_missing: float = 0.03
    moved: float = 0.25
    postcode_typo: float = 0.03
    outward_only: float = 0.04
    postcode_missing: float = 0.04
    town_missing: float = 0.06
    town_variant: float = 0.04


@dataclass
class Generated:
    workforce: pa.Table
    extract: pa.Table
    truth: set[tuple[str, str]]
    applied: dict[str, int] = field(default_factory=dict)

    def write(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        paths = directory / "workforce.parquet", directory / "extract.parquet"
        pq.write_table(self.workforce, paths[0])
        pq.write_table(self.extract, paths[1])
        return paths


def _ascii(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii())


def name_pools() -> tuple[list[str], list[str]]:
    import importlib

    forenames: dict[str, None] = {}
    surnames: dict[str, None] = {}
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            for name in getattr(provider, attribute, ()):
                clean = _ascii(name)
                if clean.isalpha() and len(clean) > 1:
                    forenames[clean] = None
        for name in getattr(provider, "last_names", ()):
            clean = _ascii(name)
            if clean.replace("'", "").replace("-", "").isalpha() and len(clean) > 1:
                surnames[clean] = None
    return list(forenames), list(surnames)


def invented_surnames(rng: np.random.Generator, real: list[str], count: int) -> list[str]:
    """Surnames from a letter-bigram chain trained on the real ones (a long tail of rare names)."""
    alphabet = "^" + string.ascii_lowercase + "$"
    index = {c: i for i, c in enumerate(alphabet)}
    counts = np.ones((len(alphabet), len(alphabet)))
    counts[:, 0] = 0
    for name in real:
        letters = "^" + "".join(c for c in name.lower() if c.isalpha()) + "$"
        for a, b in itertools.pairwise(letters):
            counts[index[a], index[b]] += 20
    cumulative = np.cumsum(counts / counts.sum(axis=1, keepdims=True), axis=1).tolist()
    known = {n.lower() for n in real}
    out: dict[str, None] = {}
    uniform: Iterator[float] = iter(())
    while len(out) < count:
        state, chain = 0, list[str]()
        while True:
            u: float | None = next(uniform, None)
            if u is None:
                uniform = iter(rng.random(100_000).tolist())
                u = next(uniform)
            state = min(bisect.bisect_right(cumulative[state], u), len(alphabet) - 1)
            if alphabet[state] == "$" or len(chain) > 11:
                break
            chain.append(alphabet[state])
        word = "".join(chain)
        if 4 <= len(word) <= 11 and word not in known:
            out[word.capitalize()] = None
    return list(out)


def zipf_weights(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


class _Draw:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        forenames, surnames = name_pools()
        order = [forenames[i] for i in rng.permutation(len(forenames))]
        # Names with diminutives are among the commonest English forenames: put them in the top 400.
        common = [n for n in order if n in DIMINUTIVES]
        rest = [n for n in order if n not in DIMINUTIVES]
        for name in common:
            rest.insert(int(rng.integers(0, 400)), name)
        self.forenames = rest
        self.surnames = [surnames[i] for i in rng.permutation(len(surnames))]
        self.surnames += invented_surnames(rng, surnames, 30_000)
        # Zipf exponents giving the commonest forename about 3% of people and the commonest
        # surname about 1.4%, near the shares of the commonest names in England and Wales.
        self.fw = zipf_weights(len(self.forenames), 0.75)
        self.sw = zipf_weights(len(self.surnames), 0.7)
        self.areas = list(AREAS)
        districts = rng.integers(1, 30, size=len(self.areas))
        self.districts = [f"{a}{d}" for a, top in zip(self.areas, districts, strict=True) for d in range(1, top + 1)]

    def forename_idx(self, n: int) -> np.ndarray:
        return self.rng.choice(len(self.forenames), size=n, p=self.fw)

    def surname_idx(self, n: int) -> np.ndarray:
        return self.rng.choice(len(self.surnames), size=n, p=self.sw)

    def dobs(self, n: int, first: date, last: date) -> np.ndarray:
        span = (last - first).days
        return np.datetime64(first.isoformat()) + self.rng.integers(0, span, size=n).astype("timedelta64[D]")

    def postcode(self, district: str | None = None) -> str:
        district = district or self.districts[int(self.rng.integers(len(self.districts)))]
        unit = "".join(UNIT_LETTERS[int(i)] for i in self.rng.integers(0, len(UNIT_LETTERS), size=2))
        return f"{district} {int(self.rng.integers(0, 10))}{unit}"

    def postcodes(self, n: int) -> list[str]:
        d = self.rng.integers(len(self.districts), size=n)
        sector = self.rng.integers(0, 10, size=n)
        u1 = self.rng.integers(0, len(UNIT_LETTERS), size=n)
        u2 = self.rng.integers(0, len(UNIT_LETTERS), size=n)
        return [f"{self.districts[a]} {b}{UNIT_LETTERS[c]}{UNIT_LETTERS[e]}"
                for a, b, c, e in zip(d.tolist(), sector.tolist(), u1.tolist(), u2.tolist(), strict=True)]


def town_of(postcode: str | None) -> str | None:
    if not postcode:
        return None
    outward = postcode.split()[0]
    area = outward.rstrip("0123456789")
    area = "".join(c for c in area if c.isalpha())
    while area and area not in AREAS:
        area = area[:-1]
    return AREAS.get(area)


# --- errors --------------------------------------------------------------------------------------

def typo(rng: np.random.Generator, word: str) -> str:
    if len(word) < 2:
        return word
    kind = rng.choice(4, p=[0.35, 0.25, 0.25, 0.15])
    i = int(rng.integers(0, len(word) - (1 if kind == 3 else 0)))
    if kind == 0 and len(word) > 2:  # deletion
        return word[:i] + word[i + 1:]
    if kind == 1:  # insertion: a neighbouring key or a doubled letter
        extra = word[i].lower() if rng.random() < 0.5 else _neighbour(rng, word[i])
        i = max(i, 1)  # after the first letter, which keeps its case
        return word[:i] + extra + word[i:]
    if kind == 2:  # substitution by a neighbouring key
        replacement = _neighbour(rng, word[i])
        return word[:i] + (replacement.upper() if word[i].isupper() else replacement) + word[i + 1:]
    return transpose(rng, word, i)


def transpose(rng: np.random.Generator, word: str, i: int | None = None) -> str:
    if len(word) < 3:
        return word
    if i is None:
        i = int(rng.integers(0, len(word) - 1))
    i = min(i, len(word) - 2)
    a, b = word[i], word[i + 1]
    if i == 0:  # keep the case of the first letter
        a, b = a.lower(), b.upper() if a.isupper() else b
    return word[:i] + b + a + word[i + 2:]


def _neighbour(rng: np.random.Generator, letter: str) -> str:
    low = letter.lower()
    for row_number, row in enumerate(KEYBOARD):
        j = row.find(low)
        if j >= 0:
            options = [row[k] for k in (j - 1, j + 1) if 0 <= k < len(row)]
            for other in (row_number - 1, row_number + 1):
                if 0 <= other < len(KEYBOARD) and j < len(KEYBOARD[other]):
                    options.append(KEYBOARD[other][j])
            return options[int(rng.integers(len(options)))]
    return letter


def phonetic(rng: np.random.Generator, word: str) -> str:
    low = word.lower()
    options = [(a, b) for a, b in PHONETIC if a in low[1:]] + [(b, a) for a, b in PHONETIC if len(b) > 0 and b in
                                                               low[1:] and len(a) > 1]
    if not options:
        return typo(rng, word)
    a, b = options[int(rng.integers(len(options)))]
    at = low.find(a, 1)
    return word[:at] + b + word[at + len(a):]


def generate(workforce: int = 50_000, extract: int = 2_000_000, match_rate: float = 0.005,
             relative_rate: float = 0.004, seed: int = 2024, rates: Rates | None = None) -> Generated:
    rates = rates or Rates()
    rng = np.random.default_rng(seed)
    draw = _Draw(rng)
    applied: dict[str, int] = dict.fromkeys(Rates.__dataclass_fields__, 0)

    # The workforce: people of working age.
    w_fn = draw.forename_idx(workforce)
    w_sn = draw.surname_idx(workforce)
    w_dob = draw.dobs(workforce, date(1958, 1, 1), date(2006, 1, 1))
    w_pc = draw.postcodes(workforce)
    w_first = [draw.forenames[i] for i in w_fn.tolist()]
    w_last = [draw.surnames[i] for i in w_sn.tolist()]
    w_dob_s = [str(d) for d in w_dob.tolist()]
    w_ids = [f"W{i:07d}" for i in range(workforce)]
    w_person = [f"P{i:08d}" for i in range(workforce)]
    wf = pa.table({"record_id": w_ids, "first_name": w_first, "surname": w_last, "date_of_birth": w_dob_s,
                   "postcode": w_pc, "town": [town_of(p) for p in w_pc], "person": w_person})

    # The extract: the general population, with copies and relatives of workforce people.
    matches = min(workforce, round(extract * match_rate))
    relatives = round(extract * relative_rate)
    others = extract - matches - relatives
    x_fn: list[str | None] = [draw.forenames[i] for i in draw.forename_idx(others).tolist()]
    x_sn: list[str | None] = [draw.surnames[i] for i in draw.surname_idx(others).tolist()]
    x_dob: list[str | None] = [str(d) for d in draw.dobs(others, date(1935, 1, 1), date(2010, 1, 1)).tolist()]
    x_pc: list[str | None] = list(draw.postcodes(others))
    x_town: list[str | None] = [town_of(p) for p in x_pc]
    x_person = [f"X{i:08d}" for i in range(others)]
    copied = rng.choice(workforce, size=matches, replace=False)
    truth: set[tuple[str, str]] = set()
    x_ids_copy: list[str] = []

    def hit(name: str) -> bool:
        if rng.random() < getattr(rates, name):
            applied[name] += 1
            return True
        return False

    for k, w in enumerate(copied.tolist()):
        first: str | None = w_first[w]
        last: str | None = w_last[w]
        day = date.fromisoformat(w_dob_s[w])
        dob: date | None = day
        pc: str | None = w_pc[w]
        town_changed = False
        assert first is not None and last is not None
        if first in DIMINUTIVES and hit("forename_nickname"):
            options = DIMINUTIVES[first]
            first = options[int(rng.integers(len(options)))]
        if hit("forename_typo"):
            first = typo(rng, first)
        if hit("forename_initial"):
            first = first[0]
        if hit("surname_typo"):
            last = typo(rng, last)
        if hit("surname_transposed"):
            last = transpose(rng, last)
        if hit("surname_phonetic"):
            last = phonetic(rng, last)
        if hit("surname_double_barrel"):
            last = last.split("-")[0] if "-" in last else f"{last}-{draw.surnames[int(draw.surname_idx(1)[0])]}"
        if hit("names_swapped"):
            first, last = last, first
        if hit("forename_missing"):
            first = None
        if hit("surname_missing"):
            last = None
        if day.day <= 12 and day.day != day.month and hit("dob_day_month_swapped"):
            dob = date(day.year, day.day, day.month)
        elif hit("dob_digit_typo"):
            assert dob is not None
            if rng.random() < 0.5:
                new_day = (dob.day % 10) + 10 * int(rng.integers(0, 3)) or 1
                dob = _safe(dob.year, dob.month, new_day) or dob + timedelta(days=10)
            else:
                new_month = int(rng.integers(1, 13))
                dob = _safe(dob.year, new_month, dob.day) or dob
        if hit("dob_year_out"):
            assert dob is not None
            dob = _safe(dob.year + (1 if rng.random() < 0.5 else -1), dob.month, dob.day) or dob
        if hit("dob_missing"):
            dob = None
        if hit("moved"):
            town_changed = True
            assert pc is not None
            pc = draw.postcode(pc.split()[0]) if rng.random() < 0.4 else draw.postcode()
        town = town_of(pc)
        if hit("postcode_typo"):
            assert pc is not None
            i = int(rng.integers(len(pc)))
            while pc[i] == " ":
                i = int(rng.integers(len(pc)))
            replacement = str(int(rng.integers(10))) if pc[i].isdigit() else UNIT_LETTERS[int(rng.integers(20))]
            pc = pc[:i] + replacement + pc[i + 1:]
        if hit("outward_only"):
            assert pc is not None
            pc = pc.split()[0]
        if hit("postcode_missing"):
            pc = None
        if hit("town_missing"):
            town = None
        elif town is not None and hit("town_variant"):
            town = TOWN_VARIANTS.get(town) or typo(rng, town)
        del town_changed
        x_fn.append(first)
        x_sn.append(last)
        x_dob.append(dob.isoformat() if dob else None)
        x_pc.append(pc)
        x_town.append(town)
        x_person.append(w_person[w])
        x_ids_copy.append(str(k))

    # Relatives: same surname and address as a workforce person, someone else otherwise.
    for w in rng.choice(workforce, size=relatives, replace=True).tolist():
        x_fn.append(draw.forenames[int(draw.forename_idx(1)[0])])
        x_sn.append(w_last[w])
        own = date.fromisoformat(w_dob_s[w])
        gap = int(rng.choice([-30, -28, -25, -3, -2, 2, 3, 25, 28, 30])) * 365 + int(rng.integers(-200, 200))
        x_dob.append((own + timedelta(days=gap)).isoformat())
        x_pc.append(w_pc[w])
        x_town.append(town_of(w_pc[w]))
        x_person.append(f"R{len(x_person):08d}")

    order = rng.permutation(extract)
    upper = rng.random(extract) < 0.5
    x_ids = [f"IX{v:09d}" for v in rng.permutation(10 * extract)[:extract].tolist()]
    rows_fn, rows_sn = [], []
    for j in order.tolist():
        fn, sn = x_fn[j], x_sn[j]
        if upper[j]:
            fn, sn = (fn.upper() if fn else fn), (sn.upper() if sn else sn)
        rows_fn.append(fn)
        rows_sn.append(sn)
    person = [x_person[j] for j in order.tolist()]
    ex = pa.table({"record_id": x_ids, "first_name": rows_fn, "surname": rows_sn,
                   "date_of_birth": [x_dob[j] for j in order.tolist()],
                   "postcode": [x_pc[j] for j in order.tolist()],
                   "town": [x_town[j] for j in order.tolist()], "person": person})
    by_person = dict(zip(w_person, w_ids, strict=True))
    for record_id, p in zip(x_ids, person, strict=True):
        if p in by_person:
            truth.add((by_person[p], record_id))
    applied["copies"] = matches
    applied["relatives"] = relatives
    return Generated(wf, ex, truth, applied)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workforce", type=int, default=50_000)
    parser.add_argument("--extract", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--relatives", type=float, default=0.004, help="share of the extract that are relatives")
    parser.add_argument("--match-rate", type=float, default=0.005, help="share of the extract that are copies")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generated = generate(args.workforce, args.extract, match_rate=args.match_rate, relative_rate=args.relatives,
                         seed=args.seed)
    paths = generated.write(args.out)
    sys.stdout.write(f"{paths[0]} {paths[1]} true matches {len(generated.truth)} {generated.applied}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
