"""The parts of a spreadsheet import, each on plain data: reading the file, typed cells, the
database it names; and ``corpus.csv_import`` still offering them all."""

from __future__ import annotations

import pytest

import corpus.csv_import as csv_import
from corpus.errors import UnreadableImport
from corpus.sheet_reading import check_identity, read_rows
from corpus.sheet_values import MAX_ID, parse_row, same_value, whole_number

HEADER = ["id", "version", "document", "database", "events"]


def test_csv_import_still_offers_its_parts():
    for name in csv_import.__all__:
        assert getattr(csv_import, name) is not None
    assert csv_import.read_rows is read_rows and csv_import.check_identity is check_identity
    assert csv_import.MAX_ID == MAX_ID == 2**63 - 1


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_rows_are_read_whatever_the_locale_separates_them_by(tmp_path, separator):
    path = tmp_path / "sheet.csv"
    lines = [separator.join(HEADER), separator.join(["7", "2", "a.pdf", "db-1", "'=3"])]
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    rows = read_rows(path)
    assert rows == [{"id": "7", "version": "2", "document": "a.pdf", "database": "db-1",
                     "events": "=3"}], "BOM dropped, formula mark undone"


@pytest.mark.parametrize(
    ("header", "message"),
    [("id,document,database", "no version column"),
     ("id,version,document,database,colour", "unknown column 'colour'"),
     ("events", "no id, version, document or database column")],
)
def test_files_without_the_export_columns_are_refused(tmp_path, header, message):
    path = tmp_path / "sheet.csv"
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(UnreadableImport, match=message):
        read_rows(path)


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"\xff\xfe\x00id")
    with pytest.raises(UnreadableImport, match="not UTF-8 text"):
        read_rows(path)


def test_rows_of_another_database_or_of_none_are_refused():
    check_identity([{"id": "", "database": ""}], "db-1", "s.csv")  # added by hand: fine
    with pytest.raises(UnreadableImport, match=r"another database \(db-2\)"):
        check_identity([{"id": "3", "database": "db-2"}], "db-1", "s.csv")
    with pytest.raises(UnreadableImport, match="no database named"):
        check_identity([{"id": "3", "database": ""}], "db-1", "s.csv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("12.0", 12), ("12.00", 12), ("12.5", None), ("-3", None), ("1.0.0", None),
     ("", None), ("twelve", None)],
)
def test_whole_numbers_as_spreadsheets_write_them(text, expected):
    assert whole_number(text) == expected


def test_reformatted_numbers_are_the_same_cell_but_changed_ones_and_text_are_not():
    assert same_value(0.7100000000001, 0.71)
    assert not same_value(0.72, 0.71)
    assert not same_value(0.0, 1e-9)
    assert same_value("all", "all") and not same_value("all", "All")


def test_a_row_s_bad_cells_are_all_described_and_good_ones_typed():
    problems: list[str] = []
    rid, version, values, _ = parse_row(
        4, {"id": "x1", "version": str(MAX_ID + 1), "events": "3", "total": "many"}, problems)
    assert rid is None and version is None and values["events"] == 3
    assert problems[0] == "row 4: id must be a whole number, not 'x1'"
    assert problems[1].startswith("row 4: version") and "too large" in problems[1]
    assert any(p.startswith("row 4:") and "total" in p for p in problems[2:])
