"""The spreadsheet round trip a reviewer uses: a second import of the same file is a no-op,
semicolon and Excel-saved files are read, statuses ignore case, and the export's review
columns (study, reviewer, last note, flags, rule) are read-only."""

from __future__ import annotations

import csv
import io

import pytest

from corpus import curation
from corpus.csv_import import import_csv
from corpus.errors import StaleRecord
from corpus.export import export_text
from corpus.history import record_history
from corpus.protocol import ENV_PROTOCOL


def exported(engine) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(engine, "csv"))))


def save(path, rows, *, delimiter=",", excel=False):
    """Write rows as a spreadsheet would: ``excel`` adds a BOM and CRLF line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=delimiter,
                            lineterminator="\r\n" if excel else "\n")  # fmt: skip
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if excel else "").encode() + buf.getvalue().encode("utf-8"))
    return path


def by_outcome(rows):
    return {row["outcome"]: row for row in rows}


def test_export_has_read_only_review_columns(engine, stored):
    curation.reject(engine, stored["mortality"], reason="not 30-day", reviewer="alice")
    rows = by_outcome(exported(engine))
    assert list(exported(engine)[0])[-9:] == [
        "context", "provenance", "study", "reviewer", "last_note", "flags", "rule", "note",
        "database",
    ]  # fmt: skip
    assert (rows["mortality"]["study"], rows["mortality"]["reviewer"]) == ("Smith 2020", "alice")
    assert (rows["mortality"]["last_note"], rows["mortality"]["rule"]) == ("not 30-day", "percent")
    assert rows["r0_resection"]["reviewer"] == ""


def test_changing_a_read_only_column_changes_nothing(engine, stored, tmp_path):
    rows = exported(engine)
    for row in rows:
        row.update(study="Someone 1999", reviewer="mallory", flags="none", rule="x",
                   provenance="all stated")
    report = import_csv(engine, save(tmp_path / "sheet.csv", rows), reviewer="bob")
    assert (report.results, report.unchanged) == ((), 3)


def test_semicolon_excel_file_with_mixed_case_statuses(engine, stored, tmp_path, paper):
    rows = by_outcome(exported(engine))
    rows["r0_resection"]["status"] = "Accepted"
    rows["mortality"].update(status="REJECTED", note="counts 90-day deaths")
    path = save(tmp_path / "excel.csv", list(rows.values()), delimiter=";", excel=True)
    report = import_csv(engine, path, reviewer="bob")
    assert report.counts() == {"accept": 1, "reject": 1}
    assert paper.get(engine, stored["r0_resection"]).status == "accepted"
    assert paper.get(engine, stored["mortality"]).status == "rejected"


def test_a_second_import_of_the_same_file_is_a_no_op(engine, stored, tmp_path, paper):
    rows = by_outcome(exported(engine))
    rows["r0_resection"]["events"] = "15"
    rows["overall_survival"]["status"] = "accepted"
    path = save(tmp_path / "sheet.csv", list(rows.values()), delimiter=";")
    first = import_csv(engine, path, reviewer="bob")
    assert first.counts() == {"edit": 1, "accept": 1}
    events = len(record_history(engine, stored["r0_resection"]))
    second = import_csv(engine, path, reviewer="bob")
    assert (second.results, second.unchanged) == ((), 3)
    assert len(record_history(engine, stored["r0_resection"])) == events


def test_waiting_dual_review_decisions_are_not_made_twice(engine, stored, tmp_path, monkeypatch):
    (tmp_path / "review.toml").write_text("reviewers = 2\n")
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "review.toml"))
    rows = by_outcome(exported(engine))
    rows["r0_resection"]["events"] = "15"
    path = save(tmp_path / "sheet.csv", list(rows.values()))
    assert import_csv(engine, path, reviewer="bob").counts() == {"edit": 1}
    again = import_csv(engine, path, reviewer="bob")
    assert again.results == ()
    assert [e.action for e in record_history(engine, stored["r0_resection"])][-1] == "edit"
    assert len(record_history(engine, stored["r0_resection"])) == 2  # extracted, one edit


def test_an_old_sheet_is_still_stale_after_a_different_decision(engine, stored, tmp_path):
    rows = by_outcome(exported(engine))
    curation.accept(engine, stored["r0_resection"], reviewer="bob")  # on the command line
    rows["r0_resection"]["events"] = "13"  # the sheet asks for something else
    path = save(tmp_path / "sheet.csv", list(rows.values()))
    with pytest.raises(StaleRecord, match=r"1 row changed since the export: row \d \(record"):
        import_csv(engine, path, reviewer="bob")


def test_a_row_may_add_a_record_of_the_protocols_custom_outcome(engine, stored, tmp_path,
                                                                 monkeypatch, paper):
    (tmp_path / "review.toml").write_text(
        '[[outcomes]]\nname = "functional_independence"\nmeasures = ["proportion"]\n'
        'terms = ["functional independence"]\n'
    )
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "review.toml"))
    rows = exported(engine)
    added = dict.fromkeys(rows[0], "")
    added.update(document="smith2020.pdf", outcome="functional_independence",
                 measure="proportion", events="9", total="18", value="50%")  # fmt: skip
    report = import_csv(engine, save(tmp_path / "sheet.csv", [*rows, added]), reviewer="bob")
    assert report.counts() == {"add": 1}
    rec = paper.get(engine, report.results[0].record_id)
    assert (rec.outcome, rec.value) == ("functional_independence", 0.5)
