"""Name normalisation: clean forms, nicknames, transliterations, Soundex, spelling corrections."""

from __future__ import annotations

import pytest

from candour.screening.names import (
    canonical_name,
    clean_name,
    forename_keys,
    nicknames,
    read_variant_file,
    soundex,
    spelling_corrections,
    surname_keys,
    transliterations,
)


@pytest.mark.parametrize(("raw", "clean"), [
    ("O'Brien", "obrien"), ("Smith-Jones", "smithjones"), ("SMITH JONES", "smithjones"),
    ("Łukasz", "lukasz"), ("José", "jose"), ("Zoë", "zoe"), ("  ", None), ("123", None), (None, None),
])
def test_clean_name_folds_case_accents_and_punctuation(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize(("raw", "canonical"), [
    ("Bill", "william"), ("BILLY", "william"), ("Peggy", "margaret"), ("Maggie", "margaret"),
    ("Bob", "robert"), ("Ted", "edward"), ("Jack", "john"), ("Kate", "catherine"), ("Katherine", "catherine"),
    ("William", "william"), ("Tavrin", "tavrin"),
])
def test_nicknames_map_to_one_canonical_forename(raw, canonical):
    assert forename_keys(raw).canonical == canonical


@pytest.mark.parametrize(("variants", "canonical"), [
    (("Mohammed", "Muhammad", "Mohamed", "MOHAMMAD"), "mohammed"),
    (("Aleksandr", "Alexander", "Oleksandr", "Alex"), "alexander"),
    (("Yusuf", "Yousef", "Youssef"), "yusuf"),
    (("Aisha", "Ayesha"), "aisha"),
])
def test_transliterations_of_a_forename_share_a_canonical_form(variants, canonical):
    assert {forename_keys(v).canonical for v in variants} == {canonical}


def test_surnames_take_transliterations_but_not_nicknames():
    assert surname_keys("Choudhury").canonical == surname_keys("Chaudhry").canonical == "chaudhry"
    assert surname_keys("Hussein").canonical == "hussain"
    # "Bill" and "Jack" are surnames too: a surname is never read as a nickname...
    assert surname_keys("Bill").canonical == "bill"
    # ...but read as a forename, which is what a swapped record needs, it is.
    assert forename_keys("BILL").canonical == "william"


def test_forename_uses_the_first_word_only():
    assert forename_keys("Mary Ann").clean == "mary"
    assert forename_keys("J. R.").clean == "j"


@pytest.mark.parametrize(("name", "code"), [
    ("robert", "R163"), ("rupert", "R163"), ("ashcraft", "A261"), ("tymczak", "T522"),
    ("pfister", "P236"), ("smith", "S530"), ("smyth", "S530"), ("lee", "L000"), (None, None),
])
def test_soundex_matches_the_published_examples(name, code):
    assert soundex(name) == code


def test_every_variant_maps_to_its_group_and_every_canonical_to_itself():
    for table in (nicknames(), transliterations()):
        for head, members in table.groups.items():
            assert table.canonical[head] == head
            assert head in members
    assert canonical_name("muhammad") == "mohammed"


def test_a_variant_listed_twice_belongs_to_its_first_group(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("# comment\ncanonical,variants\nsamuel,sam|sammy\nsamantha,sam|sammie\n", encoding="utf-8")
    table = read_variant_file(path)
    assert table.canonical["sam"] == "samuel"
    assert table.canonical["sammie"] == "samantha"
    assert table.members("sammy") == ("samuel", "sam", "sammy")


def test_spelling_corrections_read_a_rare_misspelt_nickname_as_its_name():
    counts = {"daanny": 1, "danny": 40, "qwill": 1, "will": 30}
    assert spelling_corrections(counts) == {"daanny": "daniel", "qwill": "william"}
    assert forename_keys("DAANNY", {"daanny": "daniel"}).canonical == "daniel"


def test_spelling_corrections_leave_common_real_names_alone():
    # carl is one keystroke from carol, dean from dan, neil from nell: all common names.
    counts = {"carl": 300, "carol": 200, "dean": 120, "dan": 100, "neil": 200, "nell": 5}
    assert spelling_corrections(counts) == {}


def test_spelling_corrections_refuse_ambiguous_neighbours():
    # "emm" is one keystroke from em/emmy (emily) and from emma: no single reading.
    assert spelling_corrections({"emm": 1, "emma": 50, "emmy": 50}) == {}
