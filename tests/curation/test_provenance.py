"""Provenance per field: stated only when the quote prints it; derived (and from what) or
defaulted otherwise; shown on the review card, in the spreadsheet, the report, and unchanged by
an export -> spreadsheet -> import round trip."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from cli import app
from corpus.csv_import import import_csv
from corpus.export import export_text
from corpus.provenance import provenance_counts, provenance_text, record_provenance
from meta.report import build_report

runner = CliRunner()


def kinds(record) -> dict[str, str]:
    return {name: p.kind for name, p in record_provenance(record).items()}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"measure": "proportion", "events": 14, "total": 18, "value": 0.78,
          "quote": "R0 was achieved in 14 of 18 patients (78%)."},
         {"events": "stated", "total": "stated", "value": "stated"}),
        ({"measure": "proportion", "events": 14, "total": 18, "value": 0.7778,
          "quote": "R0 was achieved in 14 of 18 patients."},
         {"events": "stated", "total": "stated", "value": "derived"}),
        # a total back-calculated from a percentage is not stated
        ({"measure": "proportion", "events": 10, "total": 43, "value": 0.233,
          "timepoint_months": 1, "quote": "Ten patients (23.3%) died within 30 days."},
         {"events": "stated", "total": "derived", "value": "stated",
          "timepoint_months": "stated"}),
        # a time point from the document, not the sentence
        ({"measure": "rate_at_time", "value": 0.74, "timepoint_months": 36,
          "quote": "Overall survival was 74%."},
         {"value": "stated", "timepoint_months": "defaulted"}),
        ({"measure": "proportion", "events": 0, "total": 18, "value": 0.0, "timepoint_months": 0,
          "quote": "There was no perioperative death."},
         {"events": "defaulted", "total": "defaulted", "value": "defaulted",
          "timepoint_months": "stated"}),
        # the words extraction dates to 0 months state that time (ICU, during the procedure)
        ({"measure": "proportion", "events": 1, "total": 18, "value": 0.0556,
          "timepoint_months": 0, "quote": "One patient died in the ICU."},
         {"events": "stated", "total": "defaulted", "value": "defaulted",
          "timepoint_months": "stated"}),
        ({"measure": "proportion", "events": 0, "total": 18, "value": 0.0,
          "timepoint_months": 0, "quote": "No patient died during the procedure."},
         {"events": "defaulted", "total": "defaulted", "value": "defaulted",
          "timepoint_months": "stated"}),
        # a percentage in words is printed too
        ({"measure": "proportion", "events": 25, "total": 40, "value": 0.63,
          "quote": "Sixty-three percent of patients presented a complication."},
         {"events": "derived", "total": "derived", "value": "stated"}),
        ({"measure": "proportion", "events": 8, "total": 40, "value": 0.2,
          "quote": "Twenty per cent of the patients had a recurrence."},
         {"events": "derived", "total": "derived", "value": "stated"}),
        # a number word that is not a percentage does not state one
        ({"measure": "proportion", "events": 20, "total": 100, "value": 0.2,
          "quote": "Twenty patients had a recurrence."},
         {"events": "stated", "total": "defaulted", "value": "defaulted"}),
        ({"measure": "proportion", "events": 2, "total": 18, "rule": "manual", "quote": ""},
         {"events": "entered", "total": "entered"}),
    ],
)  # fmt: skip
def test_a_field_is_stated_only_when_the_quote_prints_it(record, expected):
    assert kinds(record) == expected


def test_derived_fields_say_from_what():
    record = {"measure": "proportion", "events": 10, "total": 43, "value": 0.233,
              "quote": "Ten patients (23.3%) died."}  # fmt: skip
    assert provenance_text(record) == "total derived (from 10 events and 23.3%)"
    assert provenance_counts([record]) == {"stated": 2, "derived": 1, "defaulted": 0, "entered": 0}


def test_the_review_card_shows_provenance(engine, db_url, stored):
    result = runner.invoke(app, ["review", "--outcome", "overall_survival", "--db", db_url],
                           input="q\n", env={"COLUMNS": "200"})  # fmt: skip
    assert "provenance: all stated" in result.stdout  # "3-year overall survival was 74%."
    result = runner.invoke(app, ["review", "--outcome", "mortality", "--db", db_url],
                           input="q\n", env={"COLUMNS": "200"})  # fmt: skip
    assert "provenance: total defaulted (not in the quote: from the document's context)" in (
        result.stdout
    )


def test_provenance_round_trips_through_the_spreadsheet(engine, stored, tmp_path):
    first = list(csv.DictReader(io.StringIO(export_text(engine, "csv"))))
    before = {row["id"]: row["provenance"] for row in first}
    assert set(before.values()) == {"all stated", "total defaulted (not in the quote: from the "
                                    "document's context)"}  # fmt: skip
    for row in first:
        row["status"] = "accepted"
        row["provenance"] = "all stated"  # read-only: a changed cell changes nothing
    path = tmp_path / "sheet.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(first[0]))
        writer.writeheader()
        writer.writerows(first)
    assert import_csv(engine, path, reviewer="alice").counts() == {"accept": 3}
    after = {row["id"]: row["provenance"]
             for row in csv.DictReader(io.StringIO(export_text(engine, "csv")))}  # fmt: skip
    assert after == before


def test_the_report_counts_and_lists_provenance(engine, stored):
    html = build_report(engine, status="any")
    assert "Of the numbers of these records, 8 are stated in their quote" in html
    assert "1 taken from the document's context" in html
    assert "except 1 number taken from the\ndocument's context rather than the sentence" in html
    assert "<td>total defaulted (not in the quote: from the document&#39;s context)</td>" in html
