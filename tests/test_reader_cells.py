"""Cell parsing on its own: text cleaning, whole numbers, dates, lists and Art. 6 bases."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dpia import cells
from dpia.matrix import preset
from dpia.sanitise import workbook_text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@given(st.text())
def test_workbook_text_never_keeps_control_characters_or_outer_space(text):
    cleaned = workbook_text(text)
    assert not CONTROL.search(cleaned)
    assert cleaned == cleaned.strip()


@given(st.text(alphabet=st.sampled_from("ab _x0D5F\r\n\t\x07\x85\xa0")) | st.text())
@example("_x000D_ typed")
def test_workbook_text_is_its_definition(text):
    # the quick test for text with nothing to clean must not change what it gives; escapes
    # are the reader's business (decoded once, as a cell is read), not workbook_text's
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    assert workbook_text(text) == CONTROL.sub("", lines).strip()


@given(st.integers(min_value=0, max_value=0x10FFFF).filter(lambda c: not 0xD800 <= c <= 0xDFFF))
def test_every_excel_escape_decodes_to_its_character(code):
    if code > 0xFFFF:
        return  # _xHHHH_ holds four hex digits
    assert cells.decode_escapes(f"a_x{code:04X}_b") == f"a{chr(code)}b"


def test_escaped_underscore_keeps_an_escape_literal():
    assert cells.decode_escapes("_x005F_x000D_") == "_x000D_"
    assert cells.decode_escapes("_x005F_x0041_x005F_x0042_") == "_x0041_x0042_"
    assert workbook_text(cells.decode_escapes("one_x000D_\ntwo\r\nthree\rfour")) \
        == "one\ntwo\nthree\nfour"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_whole_numbers_in_any_form_read_as_int(number):
    assert cells.as_int(number) == number
    assert cells.as_int(float(number)) == number
    assert cells.as_int(str(number)) == number
    assert cells.as_int(f" {number}.0 ") == number


@pytest.mark.parametrize("value", [2.5, "2.5", True, False, "three", "", None, float("nan"),
                                   float("inf"), "1e3", dt.date(2026, 1, 1), "6" * 5000,
                                   "9" * 400 + ".0"])
def test_anything_else_is_not_a_whole_number(value):
    with pytest.raises(cells.CellError):
        cells.as_int(value)


def test_level_by_name_in_any_language_alias_or_value():
    scale = preset("ico", "en").likelihood
    assert [cells.as_level(v, scale, "likelihood") for v in
            ("Remote", "MIDDEN", "gemiddeld", " probable ", 1, "2", 3.0)] == [1, 2, 2, 3, 1, 2, 3]
    with pytest.raises(cells.CellError, match="'4' is not a level of the likelihood scale"):
        cells.as_level(4, scale, "likelihood")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_dates_in_every_text_form_round_trip(day):
    forms = [day.isoformat(), day.strftime("%d-%m-%Y"), day.strftime("%d/%m/%Y"),
             f"{day.day}-{day.month}-{day.year:04d}", f"{day.isoformat()}T00:00:00"]
    for form in forms:
        assert cells.as_date(form) == day, form
    assert cells.as_date(dt.datetime.combine(day, dt.time(13, 5))) == day


@given(st.lists(st.text(alphabet="abcdefgh XYZ-/.", min_size=1, max_size=8), max_size=6),
       st.sampled_from([";", ",", "\n", "; ", " ,\n"]))
def test_split_list_gives_trimmed_non_empty_items(items, separator):
    parsed = cells.split_list(separator.join(items))
    assert all(item and item == item.strip() for item in parsed)
    assert all(";" not in item and "\n" not in item for item in parsed)
    assert parsed == tuple(" ".join(i.split()) for i in items if i.strip())


def test_split_list_keeps_separators_inside_brackets_and_drops_none_words():
    assert cells.split_list("Health (diagnosis, medication); -; N/A\ngeen",
                            none_words=True) == ("Health (diagnosis, medication)",)
    assert cells.split_list("none; n/a") == ("none", "n/a")
    assert cells.split_list("Name (first; E-mail") == ("Name (first", "E-mail")  # left open


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("", ()),
        ("6(1)(a)", ("a",)),
        ("Art. 6 (1) (f) GDPR", ("f",)),
        ("art 6(1)e", ("e",)),
        ("artikel 6 lid 1 sub b", ("b",)),
        ("6, lid 1, onder d", ("d",)),
        ("Toestemming en gerechtvaardigd belang", ("a", "f")),
        ("Publieke taak (Jeugdwet)", ("e",)),
        ("Legal obligation: Tax Act s. 52", ("c",)),
    ],
)
def test_lawful_bases_found_anywhere(text, points):
    assert cells.lawful_bases(text) == points


def test_lawful_basis_naming_none_is_an_error():
    with pytest.raises(cells.CellError, match="names no Art. 6"):
        cells.lawful_bases("We just need it")


def test_cell_positions_sort_rows_then_columns():
    cells_ = ["B10", "1", "AA2", "", "C2", "A2"]
    assert sorted(cells_, key=cells.cell_position) == ["", "1", "A2", "C2", "AA2", "B10"]


def test_text_of_other_values():
    assert cells.as_text(dt.datetime(2026, 5, 25)) == "2026-05-25"
    assert cells.as_text(dt.datetime(2026, 5, 25, 9, 30)) == "2026-05-25 09:30"
    assert cells.as_text(12.0) == "12" and cells.as_text(1 / 3) == "0.333333333333333"
    assert cells.as_text(False) == "no" and cells.as_text(None) == ""
