"""Name normalisation for screening: clean spelling, canonical forms and phonetic keys.

Two records of the same person rarely spell a name the same way. An intelligence system may
hold "BILL O'BRIEN", the HR system "William O'Brien"; a conviction record "Muhammad", the
payroll "Mohammed". Before any comparison, every name is reduced to:

* a **clean** form: accents folded, lower case, letters only ("O'Brien" -> "obrien");
* a **canonical** form: nicknames and transliterations mapped to one spelling
  ("bill" -> "william", "muhammad" -> "mohammed"), from the two small committed tables
  ``data/nicknames.csv`` and ``data/transliterations.csv``;
* a **phonetic** key: American Soundex of the canonical form, so that "smith" and
  "smyth" share a key.

Everything here is pure Python over single values; :mod:`candour.screening.prepare` applies it
to the distinct values of a column only, so a 2-million-row extract with 60,000 distinct
surnames costs 60,000 calls.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Letters that Unicode decomposition does not reduce to ASCII.
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th"})


_ASCII_LETTERS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalpha()))


def clean_name(value: str | None) -> str | None:
    """Accent-folded, lower-case letters only; ``None`` for a blank or letter-free value.

    Spaces, hyphens and apostrophes are dropped rather than kept, so "Smith-Jones",
    "SMITH JONES" and "smithjones" compare equal, and "O'Brien" equals "OBrien".
    """
    if value is None:
        return None
    if value.isascii():
        return value.translate(_ASCII_LETTERS).lower() or None
    decomposed = unicodedata.normalize("NFKD", value.translate(_FOLD))
    letters = "".join(ch for ch in decomposed if "a" <= ch.lower() <= "z" and ch.isascii())
    return letters.lower() or None


def first_token(value: str | None) -> str | None:
    """The first word of a forename field ("Mary Ann" -> "Mary"): middle names vary most."""
    if value is None:
        return None
    parts = value.replace(".", " ").split()
    return parts[0] if parts else None


_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"),
    "l": "4", **dict.fromkeys("mn", "5"), "r": "6",
}


@lru_cache(maxsize=200_000)
def soundex(name: str | None) -> str | None:
    """American Soundex (first letter + three digits) of a clean name.

    Letters coded alike and separated only by ``h`` or ``w`` count once; vowels separate
    repeats. "robert" and "rupert" give R163, "smith" and "smyth" S530.
    """
    if not name:
        return None
    name = name.lower()
    first = name[0]
    digits: list[str] = []
    previous = _SOUNDEX_CODES.get(first, "")
    for ch in name[1:]:
        code = _SOUNDEX_CODES.get(ch, "")
        if code and code != previous:
            digits.append(code)
        if ch not in "hw":
            previous = code
        if len(digits) == 3:
            break
    return (first.upper() + "".join(digits)).ljust(4, "0")


@dataclass(frozen=True)
class VariantTable:
    """Groups of spellings that name the same person, keyed by the canonical spelling."""

    groups: dict[str, tuple[str, ...]]
    canonical: dict[str, str]

    def members(self, name: str) -> tuple[str, ...]:
        """Every spelling in the group of ``name`` (clean form), or ``()``."""
        key = self.canonical.get(name)
        return self.groups.get(key, ()) if key else ()


def read_variant_file(path: Path) -> VariantTable:
    """Read ``canonical,variant|variant`` rows; a variant listed twice maps to its first group."""
    groups: dict[str, tuple[str, ...]] = {}
    canonical: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            head = clean_name(row["canonical"])
            assert head, f"{path.name}: empty canonical name"
            members = [head] + [v for v in (clean_name(x) for x in row["variants"].split("|")) if v]
            unique = tuple(dict.fromkeys(members))
            groups[head] = unique
            for member in unique:
                canonical.setdefault(member, head)
            canonical[head] = head
    return VariantTable(groups=groups, canonical=canonical)


@cache
def nicknames() -> VariantTable:
    return read_variant_file(DATA / "nicknames.csv")


@cache
def transliterations() -> VariantTable:
    return read_variant_file(DATA / "transliterations.csv")


@cache
def _canonical_map() -> dict[str, str]:
    """Transliteration first, then nickname: "aleksandr" -> "alexander", "alex" -> "alexander"."""
    translit = transliterations().canonical
    nick = nicknames().canonical
    merged: dict[str, str] = {}
    for name in set(translit) | set(nick):
        step = translit.get(name, name)
        merged[name] = nick.get(step, step)
    return merged


def canonical_name(name: str | None) -> str | None:
    """The canonical spelling of a clean name (itself when it has no known variant)."""
    if not name:
        return None
    return _canonical_map().get(name, name)


def _one_deletion(name: str) -> set[str]:
    return {name[:i] + name[i + 1:] for i in range(len(name))}


@cache
def _deletion_index() -> dict[str, frozenset[str]]:
    """Every variant-table name and its single-letter deletions -> the canonical names reached."""
    index: dict[str, set[str]] = {}
    for name, canon in _canonical_map().items():
        for key in {name} | _one_deletion(name):
            index.setdefault(key, set()).add(canon)
    return {key: frozenset(values) for key, values in index.items()}


def spelling_corrections(counts: dict[str, int], *, ratio: int = 3, minimum: int = 3) -> dict[str, str]:
    """Canonical forms for forenames one keystroke away from a nickname-table name.

    "daanny" is no table name, but one keystroke from "danny", so it is read as daniel.
    ``counts`` are how often each clean forename occurs in the data being screened; a name is
    corrected only when it is not itself in the table, every table name one keystroke away
    has the same canonical form, and that neighbour is at least ``ratio`` times as common
    (and seen ``minimum`` times). The frequency test is what keeps real names apart: "carl"
    is one keystroke from "carol" and "dean" from "dan", but both are common in their own
    right, whereas a typo is rare. One keystroke means the two names share a spelling once
    one letter is removed from either (a substitution, insertion, deletion or swap).
    """
    table = _canonical_map()
    index = _deletion_index()
    corrections: dict[str, str] = {}
    for name, count in counts.items():
        if name in table or len(name) < 3:
            continue
        neighbours: set[str] = set()
        for key in {name} | _one_deletion(name):
            for canon in index.get(key, ()):
                neighbours.add(canon)
        if len(neighbours) != 1:
            continue
        canon = next(iter(neighbours))
        variants = [v for v in _members_of(canon) if _close(name, v)]
        best = max((counts.get(v, 0) for v in variants), default=0)
        if best >= minimum and best >= ratio * count:
            corrections[name] = canon
    return corrections


@cache
def _groups_by_canonical() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for name, canon in _canonical_map().items():
        groups.setdefault(canon, []).append(name)
    return {canon: tuple(sorted(names)) for canon, names in groups.items()}


def _members_of(canon: str) -> tuple[str, ...]:
    return _groups_by_canonical().get(canon, (canon,))


def _close(a: str, b: str) -> bool:
    """One keystroke apart in the sense of :func:`spelling_corrections`."""
    return bool(({a} | _one_deletion(a)) & ({b} | _one_deletion(b)))


@dataclass(frozen=True)
class NameKeys:
    clean: str | None
    canonical: str | None
    phonetic: str | None


def forename_keys(raw: str | None, corrections: dict[str, str] | None = None) -> NameKeys:
    """Keys of the first word of a forename field, through nicknames and transliterations.

    ``corrections`` (from :func:`spelling_corrections`) supplies canonical forms for
    misspelt nicknames.
    """
    clean = clean_name(first_token(raw))
    canon = (corrections or {}).get(clean or "") or canonical_name(clean)
    return NameKeys(clean, canon, soundex(canon))


def surname_keys(raw: str | None) -> NameKeys:
    """Surnames take transliterations only: "Lee" or "Bill" as a surname is not a nickname."""
    clean = clean_name(raw)
    canon = transliterations().canonical.get(clean, clean) if clean else None
    return NameKeys(clean, canon, soundex(canon))
