"""Obviously synthetic names for people, places and streets.

Every name is built from invented syllables ("Tavrin Quellbrook", "Caldermoor"), so no
generated person can be mistaken for a real officer or complainant, and a screenshot of the
demo can never leak anyone's identity. Emails use ``example.com`` (RFC 2606), telephone
numbers Ofcom's drama range (07700 900xxx) and postcodes the non-geographic ``ZZ99`` area.
"""

from __future__ import annotations

import random

_FORE_START = ("Ar", "Bel", "Cal", "Dar", "El", "Fen", "Gar", "Hal", "Is", "Jor", "Kel", "Lor",
               "Mar", "Nel", "Or", "Per", "Quin", "Ros", "Sel", "Tav", "Ul", "Vor", "Wen", "Yar",
               "Zel", "Bri", "Cor", "Dav", "Em", "Fal")
_FORE_END = ("en", "ia", "on", "eth", "in", "a", "is", "or", "el", "yn", "ara", "ion", "ric",
             "wen", "ette", "ius", "ani", "o")
_SUR_START = ("Quell", "Brack", "Thorn", "Varn", "Hask", "Mirr", "Pell", "Drenn", "Cask",
              "Wolv", "Ferr", "Gald", "Harr", "Kest", "Lund", "Morr", "Nettl", "Orm", "Pask",
              "Rell", "Stav", "Trev", "Umb", "Voss", "Wick", "Yell", "Zand", "Bram", "Crand",
              "Dunn", "Elsw", "Fald", "Grent", "Holl", "Ivel", "Jass")
_SUR_MID = ("", "a", "e", "i", "o", "er", "en", "in")
_SUR_END = ("brook", "wick", "ton", "moor", "ley", "worth", "ford", "by", "stead", "croft",
            "ham", "well", "ridge", "dale", "shaw", "thorpe", "combe", "field")
_PLACE_START = ("Cald", "Brenn", "Wend", "Hark", "Orl", "Mell", "Thax", "Grin", "Sull", "Ebb",
                "Ross", "Ketter", "Lanth", "Marr", "Pend", "Quarr", "Stell", "Tamm", "Varl",
                "Wyth", "Ashen", "Brind", "Colm", "Dorn", "Fenn", "Glast", "Hollin", "Istl")
_PLACE_END = ("ermoor", "wick", "bridge", "haven", "stowe", "ford", "mouth", "field", "ham",
              "chester", "bury", "dale", "holm", "water", "by", "cross", "minster", "ley")
_STREET_KIND = ("Road", "Street", "Lane", "Avenue", "Way", "Close", "Parade", "Row", "Hill",
                "Gardens")


def forename(rng: random.Random) -> str:
    return rng.choice(_FORE_START) + rng.choice(_FORE_END)


def surname(rng: random.Random) -> str:
    return rng.choice(_SUR_START) + rng.choice(_SUR_MID) + rng.choice(_SUR_END)


def place(rng: random.Random) -> str:
    return rng.choice(_PLACE_START) + rng.choice(_PLACE_END)


def places(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct place names (falls back to numbered names if the pool runs dry)."""
    seen: list[str] = []
    tries = 0
    while len(seen) < count and tries < count * 50:
        tries += 1
        name = place(rng)
        if name not in seen:
            seen.append(name)
    while len(seen) < count:
        seen.append(f"{place(rng)} {len(seen) + 1}")
    return seen


def street(rng: random.Random) -> str:
    return f"{place(rng)} {rng.choice(_STREET_KIND)}"


def email(first: str, last: str, rng: random.Random) -> str:
    return f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com"


def phone(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"ZZ99 {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
