"""Reading and standardising input files."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from candour.screening.prepare import InputError, load, standardise

HEADER = "record_id,first_name,surname,date_of_birth,postcode,address\n"


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _standardised(con, tmp_path, rows: str) -> dict[str, dict[str, object]]:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    load(con, path, "raw")
    standardise(con, {"raw": "std"})
    table = con.sql("SELECT * FROM std").to_arrow_table()
    return {row["uid"]: row for row in table.to_pylist()}


def test_names_dates_and_postcodes_are_standardised(con, tmp_path):
    rows = _standardised(con, tmp_path, (
        "1,BILL,O'BRIEN-SMITH,1980-03-07,sw1a 1aa,\"12, High St\"\n"
        "2,Muhammad,Choudhury,07/03/1980,SW1A1AA, 12 high st\n"
        "3,Mick,Jones,19800307,ZZ,\n"
        "4,,,not a date,,\n"
    ))
    bill, muhammad, mick, empty = rows["1"], rows["2"], rows["3"], rows["4"]
    assert (bill["fn"], bill["fn_canon"], bill["sn"]) == ("bill", "william", "obriensmith")
    assert (muhammad["fn_canon"], muhammad["sn_canon"]) == ("mohammed", "chaudhry")
    assert bill["dob"] == muhammad["dob"] == mick["dob"] == dt.date(1980, 3, 7)
    assert bill["dob_swapped"] == dt.date(1980, 7, 3)
    assert (bill["pc"], bill["pc_sector"], bill["pc_district"]) == ("SW1A1AA", "SW1A1", "SW1A")
    assert muhammad["pc"] == "SW1A1AA"
    assert mick["pc"] == mick["pc_sector"] == mick["pc_district"] == "ZZ"  # not UK-shaped: exact only
    assert bill["addr"] == muhammad["addr"] == "12 high st"
    assert empty["fn"] is None and empty["dob"] is None and empty["pc"] is None


def test_a_surname_field_holding_a_forename_is_read_as_one(con, tmp_path):
    # Swapped names: "JONES, MICK" entered as forename Jones, surname Mick.
    rows = _standardised(con, tmp_path, "1,Jones,Mick,1980-03-07,,\n2,Michael,Jones,1980-03-07,,\n")
    assert rows["1"]["snf_canon"] == rows["2"]["fn_canon"] == "michael"
    assert rows["1"]["fn"] == rows["2"]["sn"] == "jones"


def test_day_equal_to_month_has_no_transposed_date(con, tmp_path):
    rows = _standardised(con, tmp_path, "1,A,B,1980-05-05,,\n2,A,B,1980-05-13,,\n")
    assert rows["1"]["dob_swapped"] is None  # same date
    assert rows["2"]["dob_swapped"] is None  # no 13th month


def test_parquet_with_a_date_column_and_extra_columns(con, tmp_path):
    path = tmp_path / "w.parquet"
    pq.write_table(pa.table({"Record_ID": [1, 2], "First_Name": ["Ann", "Bob"], "surname": ["X", "Y"],
                             "date_of_birth": [dt.date(1990, 1, 2), None], "rank": ["PC", "DS"]}), path)
    assert load(con, path, "raw") == 2
    assert con.sql("SELECT record_id, postcode FROM raw ORDER BY 1").fetchall() == [("1", None), ("2", None)]


@pytest.mark.parametrize(("content", "name", "message"), [
    (None, "missing.csv", "no such file"),
    ("a,b\n1,2\n", "people.csv", "missing column(s) record_id, first_name, surname, date_of_birth"),
    (HEADER, "people.csv", "no records"),
    (HEADER + "1,a,b,2000-01-01,,\n1,c,d,2000-01-01,,\n", "people.csv", "record_id is not unique"),
    (HEADER + ",a,b,2000-01-01,,\n", "people.csv", "without a record_id"),
    ("not parquet", "people.parquet", "cannot read as parquet"),
    (HEADER, "people.xlsx", "unsupported format .xlsx"),
])
def test_bad_input_is_refused_with_one_line(con, tmp_path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")) as raised:
        load(con, path, "raw")
    assert "\n" not in str(raised.value)
