"""CSV round trip: export, edit in a spreadsheet, import as audited events, all or nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.csv_import import import_csv
from corpus.errors import InvalidEdit, StaleRecord, UnreadableImport
from corpus.export import export_text
from corpus.history import record_history

runner = CliRunner()


def exported(engine) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(engine, "csv"))))


def write(path, rows, extra=()):
    fields = list(rows[0]) + [c for c in extra if c not in rows[0]]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def by_outcome(rows):
    return {row["outcome"]: row for row in rows}


def test_round_trip_applies_edits_rejections_and_additions(engine, stored, tmp_path, paper):
    rows = exported(engine)
    rows_by = by_outcome(rows)
    rows_by["r0_resection"].update(events="15", note="recounted from table 2")
    rows_by["mortality"].update(status="rejected", note="not 30-day")
    rows_by["overall_survival"].update(status="accepted")
    added = dict.fromkeys(rows[0], "")
    added.update(document="smith2020.pdf", outcome="readmission", measure="proportion",
                 events="2", total="18")  # fmt: skip
    path = write(tmp_path / "edited.csv", [*rows, added], extra=("note",))
    report = import_csv(engine, path, reviewer="bob")
    assert report.counts() == {"edit": 1, "reject": 1, "accept": 1, "add": 1}
    r0 = paper.get(engine, stored["r0_resection"])
    assert (r0.events, r0.value, r0.status, r0.version) == (15, round(15 / 18, 4), "edited", 2)
    assert paper.get(engine, stored["mortality"]).status == "rejected"
    assert paper.get(engine, stored["overall_survival"]).status == "accepted"
    last = record_history(engine, r0.id)[-1]
    assert (last.reviewer, last.action, last.note) == ("bob", "edit", "recounted from table 2")
    # the same file again is a no-op: nothing is applied (or added) twice
    again = import_csv(engine, path, reviewer="bob")
    assert (again.results, again.unchanged) == ((), 4)


def test_unchanged_export_imports_as_no_change(engine, stored, tmp_path):
    path = write(tmp_path / "same.csv", exported(engine))
    report = import_csv(engine, path)
    assert (report.results, report.unchanged) == ((), 3)


def test_stale_row_is_refused_by_name_and_nothing_is_applied(engine, stored, tmp_path, paper):
    rows = by_outcome(exported(engine))
    rows["mortality"]["events"] = "1"
    rows["r0_resection"]["events"] = "13"
    path = write(tmp_path / "sheet.csv", list(rows.values()))
    curation.edit(engine, stored["r0_resection"], {"total": 19}, reviewer="carol")  # meanwhile
    with pytest.raises(StaleRecord) as info:
        import_csv(engine, path)
    rid = stored["r0_resection"]
    line = 2 + [r["outcome"] for r in rows.values()].index("r0_resection")
    assert str(info.value) == (
        f"sheet.csv: nothing imported; 1 row changed since the export: row {line} "
        f"(record {rid}, exported at version 1, now 2); export again"
    )
    assert paper.get(engine, stored["mortality"]).events == 0  # all or nothing
    assert paper.get(engine, rid).events == 14


def test_invalid_cells_are_all_listed_and_nothing_is_applied(engine, stored, tmp_path, paper):
    rows = by_outcome(exported(engine))
    rows["mortality"]["events"] = "1"  # valid, but must not be applied
    rows["r0_resection"]["events"] = "20"
    rows["overall_survival"]["value"] = "74"
    path = write(tmp_path / "bad.csv", list(rows.values()))
    with pytest.raises(InvalidEdit) as info:
        import_csv(engine, path)
    lines = {name: 2 + i for i, name in enumerate(rows)}
    assert str(info.value) == (
        f"bad.csv: nothing imported; row {lines['r0_resection']}: events (20) cannot exceed "
        f"total (18); row {lines['overall_survival']}: value 74 is outside 0 to 1 for a "
        "rate_at_time (71% is 0.71)"
    )
    assert paper.get(engine, stored["mortality"]).events == 0


def test_unparseable_cell_and_unknown_vocabulary(engine, stored, tmp_path):
    rows = exported(engine)
    rows[0]["total"] = "eighteen"
    rows[1]["measure"] = "percentage"
    path = write(tmp_path / "typo.csv", rows)
    with pytest.raises(InvalidEdit) as info:
        import_csv(engine, path)
    assert str(info.value) == (
        "typo.csv: nothing imported; row 2: total must be a whole number, not 'eighteen'; "
        "row 3: unknown measure 'percentage' (expected one of proportion, rate_at_time, median, "
        "mean, hazard_ratio)"
    )


def test_files_that_are_not_exports_are_refused(engine, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,score\nx,1\n")
    missing = r"^other.csv: no id, version, document or database column; import"
    with pytest.raises(UnreadableImport, match=missing):
        import_csv(engine, other)
    with pytest.raises(UnreadableImport, match=r"^missing.csv: cannot be read \(No such file"):
        import_csv(engine, tmp_path / "missing.csv")


def test_import_command(engine, db_url, stored, tmp_path):
    rows = exported(engine)
    rows[0]["status"] = "accepted"
    path = write(tmp_path / "sheet.csv", rows)
    result = runner.invoke(app, ["import", str(path), "--db", db_url, "--reviewer", "bob"])
    assert result.exit_code == 0
    assert result.stdout == "sheet.csv: 1 accept; 2 rows unchanged\n"
    again = runner.invoke(app, ["import", str(path), "--db", db_url])
    assert again.exit_code == 1 and again.stderr.startswith("Error: sheet.csv: nothing imported;")


def test_a_row_cannot_move_a_record_to_another_document(engine, stored, tmp_path):
    rows = exported(engine)
    rows[0]["document"] = "jones2021.pdf"
    with pytest.raises(InvalidEdit) as info:
        import_csv(engine, write(tmp_path / "moved.csv", rows))
    assert str(info.value) == (
        f"moved.csv: nothing imported; row 2: record {rows[0]['id']} belongs to "
        "'smith2020.pdf', not 'jones2021.pdf'"
    )


# ---------------------------------------------------------------- hostile spreadsheets (issue 11)


def other_database(tmp_path, paper):
    """A second database holding the same paper under another file name: same record ids."""
    from corpus.db import open_engine
    from corpus.store import store_extraction

    other = open_engine(f"sqlite:///{tmp_path / 'other.db'}")
    store_extraction(other, Path("jones2021.pdf"), "sha-jones", paper.extraction())
    return other


def test_an_export_of_another_database_is_refused_naming_it(engine, stored, tmp_path, paper):
    other = other_database(tmp_path, paper)
    rows = exported(other)
    for row in rows:
        row["events"] = "1"
    path = write(tmp_path / "theirs.csv", rows)
    with pytest.raises(UnreadableImport) as info:
        import_csv(engine, path)
    theirs, ours = rows[0]["database"], exported(engine)[0]["database"]
    assert theirs.startswith("other.db#") and theirs != ours
    assert str(info.value) == (
        f"theirs.csv: exported from another database ({theirs}), not this one ({ours}); "
        "nothing imported"
    )
    assert {paper.get(engine, rid).events for rid in stored.values()} == {14, 0, None}


def test_ids_alone_do_not_match_records(engine, stored, tmp_path, paper):
    # the database and document columns dropped: 'id' alone would overwrite these records
    rows = [{k: v for k, v in row.items() if k not in ("document", "database")}
            for row in exported(other_database(tmp_path, paper))]  # fmt: skip
    with pytest.raises(UnreadableImport) as info:
        import_csv(engine, write(tmp_path / "bare.csv", rows))
    assert str(info.value) == (
        "bare.csv: no document or database column; import a file made by "
        "`casemeta export --format csv`"
    )
    rows = exported(engine)
    rows[0]["document"] = ""
    rows[1]["database"] = ""  # a cell left empty: the others still name this database
    with pytest.raises(InvalidEdit) as info:
        import_csv(engine, write(tmp_path / "blank.csv", rows))
    assert str(info.value) == (
        f"blank.csv: nothing imported; row 2: record {rows[0]['id']} belongs to "
        "'smith2020.pdf', not ''"
    )
    for row in rows:
        row["database"] = ""
    with pytest.raises(UnreadableImport, match=r"^nameless.csv: no database named in the"):
        import_csv(engine, write(tmp_path / "nameless.csv", rows))


def test_spreadsheet_numbers_and_huge_ids(engine, stored, tmp_path, paper):
    rows = by_outcome(exported(engine))
    rows["r0_resection"].update(version="1.0", events="15")  # as a spreadsheet rewrites it
    path = write(tmp_path / "floats.csv", list(rows.values()))
    assert import_csv(engine, path).counts() == {"edit": 1}
    assert paper.get(engine, stored["r0_resection"]).events == 15
    rows = exported(engine)
    rows[0]["id"] = "99999999999999999999"
    with pytest.raises(InvalidEdit) as info:
        import_csv(engine, write(tmp_path / "huge.csv", rows))
    assert str(info.value) == (
        "huge.csv: nothing imported; row 2: id 99999999999999999999 is too large to be a "
        "record's"
    )


FORMULAS = ("=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
            "-2+3", "'quoted")  # fmt: skip


def test_csv_export_is_formula_safe_and_imports_back_unchanged(engine, tmp_path, paper):
    from corpus.store import store_extraction
    from extract.model import ExtractedRecord

    records = [
        ExtractedRecord("mortality", "proportion", group=f"g{i}", events=i, total=9, quote=text)
        for i, text in enumerate(FORMULAS)
    ]
    store_extraction(engine, Path("=1+1.txt"), "sha-formula", paper.extraction(*records))
    rows = exported(engine)
    assert {row["document"] for row in rows} == {"'=1+1.txt"}
    assert sorted(row["quote"] for row in rows) == sorted("'" + text for text in FORMULAS)
    report = import_csv(engine, write(tmp_path / "round.csv", rows))
    assert (report.results, report.unchanged) == ((), len(FORMULAS))


def test_tab_and_carriage_return_cells_are_neutralised_too():
    from corpus.csv_cells import restore_cell, safe_cell

    assert [safe_cell(c) for c in ("\tx", "\rx", "x=1", -0.5)] == ["'\tx", "'\rx", "x=1", -0.5]
    assert restore_cell(safe_cell("\tx")) == "\tx"
