"""Extraction records, per field, how it came by each number: stated by the quote, derived from
other numbers of the finding, or defaulted from the document's context (a cohort size, an
earlier sentence, the paper's mortality window). Nothing the quote does not print is stated."""

from __future__ import annotations

import pytest

from extract.assembly.provenance import timepoint_in_quote
from extract.assembly.records import deduplicate
from extract.model import Page, Provenance
from extract.pipeline import pages_to_document, pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.settings import ExtractSettings


def records(text: str, cohort: int | None = 40):
    return deduplicate(pages_to_records([Page(None, text)], outcome_nlp(), cohort))


def provenance(text: str, cohort: int | None = 40, outcome: str | None = None):
    found = [r for r in records(text, cohort) if outcome in (None, r.outcome)]
    assert found, f"no record in {text!r}"
    return {name: (p.kind, p.source) for name, p in found[0].provenance.items()}


@pytest.mark.parametrize(
    "text",
    ["Results\nComplications occurred in 5 patients.",
     "Results\nThree patients developed a local recurrence.",
     "Results\nTwo patients died."],
)  # fmt: skip
def test_a_count_without_a_total_takes_the_cohort_size(text):
    got = provenance(text)
    assert got["events"] == ("stated", "")
    assert got["total"] == ("defaulted", "the cohort size of the study")
    assert got["value"][0] == "derived" and got["value"][1].startswith("from ")


@pytest.mark.parametrize(
    ("text", "source"),
    [("Results\nTen patients (23.3%) died within 30 days.", "from 10 events and 23.3%"),
     ("Results\nSeven patients (17.5%) had a recurrence.", "from 7 events and 17.5%")],
)  # fmt: skip
def test_a_total_back_calculated_from_a_percentage_is_derived(text, source):
    got = provenance(text, cohort=None)
    assert got["total"] == ("derived", source)
    assert got["events"] == got["value"] == ("stated", "")


@pytest.mark.parametrize(
    ("text", "source"),
    [("Results\nThe overall complication rate was 30%.", "from 30% of 40"),
     ("Results\nRecurrence occurred in 25% of patients.", "from 25% of 40")],
)  # fmt: skip
def test_events_from_a_percentage_of_the_cohort_are_derived(text, source):
    got = provenance(text)
    assert got["events"] == ("derived", source)
    assert got["total"] == ("defaulted", "the cohort size of the study")
    assert got["value"] == ("stated", "")


@pytest.mark.parametrize(
    ("text", "outcome"),
    [("Results\nThe 3- and 5-year disease-free survival rates were 34% and 17%. Overall "
      "survival at the same time points was 74% and 50%.", "overall_survival"),
     ("Results\nPrimary patency at 6 and 12 months was 90% and 80%. Secondary patency at the "
      "same time points was 95% and 92%.", "secondary_patency"),
     ("Results\nThe patients were treated on the intensive care unit after surgery. During "
      "this phase, two patients died.", "mortality")],
)  # fmt: skip
def test_a_time_point_from_the_sentence_before_is_defaulted(text, outcome):
    got = provenance(text, outcome=outcome)
    assert got["timepoint_months"] == ("defaulted", "the sentence before")


@pytest.mark.parametrize(
    "text",
    ["Methods\nPostoperative mortality was defined as death within 90 days of surgery.\n"
     "Results\nNo postoperative death occurred.",
     "Methods\nPerioperative mortality was defined as any death within 30 days after the "
     "operation.\nResults\nThere were no postoperative deaths."],
)  # fmt: skip
def test_a_time_point_from_the_papers_mortality_window_is_defaulted(text):
    got = provenance(text)
    assert got["timepoint_months"][0] == "defaulted"
    assert got["events"] == ("derived", "none reported: 0 of the total")
    assert got["total"] == ("defaulted", "the cohort size of the study")


@pytest.mark.parametrize(
    "text",
    ["Results\nThirty-day mortality was 2 of 40 patients (5%).",
     "Results\nNo patient died in hospital.",
     "Results\nOverall survival at 3 years was 74%."],
)  # fmt: skip
def test_a_time_point_the_quote_prints_is_stated(text):
    assert provenance(text)["timepoint_months"] == ("stated", "")


@pytest.mark.parametrize(
    "text",
    ["Results\nTechnical success was achieved in all patients.",
     "Results\nThe overall complication rate was 30%.",
     "Results\nTwo patients died.",
     "Methods\nPostoperative mortality was defined as death within 90 days of surgery.\n"
     "Results\nNo postoperative death occurred."],
)  # fmt: skip
def test_nothing_the_quote_does_not_print_is_stated(text):
    """The false positive this replaces: a total from the cohort or a time point from the
    methods shown as if the sentence gave it."""
    found = records(text)
    assert found
    for record in found:
        assert record.total is not None and str(record.total) not in record.quote
        assert record.provenance["total"].kind != "stated"
        if record.timepoint_months is not None:
            stated = record.provenance["timepoint_months"].kind == "stated"
            assert stated == timepoint_in_quote(record.timepoint_months, record.quote)


def test_every_number_of_a_record_has_its_provenance():
    for record in records("Results\nTen patients (23.3%) died within 30 days. Median overall "
                          "survival was 26 months (95% CI 14-41)."):  # fmt: skip
        numbers = {name for name in ("events", "total", "value", "ci_low", "ci_high",
                                     "timepoint_months") if getattr(record, name) is not None}
        assert set(record.provenance) == numbers


def test_a_provenance_kind_is_checked():
    with pytest.raises(ValueError, match=r"unknown provenance kind 'guessed' \(expected stated"):
        Provenance("guessed")


@pytest.mark.parametrize(
    ("text", "outcome"),
    [("Table 3. Outcomes of each patient\n\nPt\tAge\tMargin\tComplication\n1\t61\tR0\tNone\n"
      "2\t58\tR1\tBile leak\n3\t70\tNegative\tNo\n", "r0_resection"),
     ("Case\tAge\tOutcome at discharge\n1\t50\tDead\n2\t61\tMD\n3\t70\tgood\n", "mortality")],
)  # fmt: skip
def test_counts_from_a_per_case_table_are_derived_not_stated(text, outcome):
    """The false positive this replaces: "2 of 3 patients" in a summary casemeta composed
    read as if the paper printed it."""
    found = [r for r in pages_to_document([Page(None, text)], "text/plain",
                                          ExtractSettings()).records if r.outcome == outcome]
    assert found, text
    kinds = {name: p.kind for name, p in found[0].provenance.items()}
    assert kinds["events"] == kinds["total"] == kinds["value"] == "derived"
    assert found[0].provenance["total"].source == "the rows of the per-case table"
    if found[0].timepoint_months is not None:  # "at discharge" is in the header it quotes
        assert kinds["timepoint_months"] == "stated"


@pytest.mark.parametrize(
    ("text", "converted"),
    [("Results\nThe median patient survival time was 159 days (95% confidence interval "
      "102-216 days).", True),  # (its CI stays in days today: stated as printed)
     ("Results\nMedian overall survival was 2.5 years.", True),
     ("Results\nMedian overall survival was 26 months (95% CI 14-41).", False)],
)  # fmt: skip
def test_a_duration_in_other_units_is_derived_by_conversion(text, converted):
    got = provenance(text, outcome="overall_survival")
    expected = ("derived", "converted to months from the unit the quote uses") if converted else (
        "stated", "")
    assert got["value"] == expected


@pytest.mark.parametrize(
    ("text", "outcome", "source"),
    [("Results\nFreedom from reintervention was 88%.", "reintervention", "from the 88% free of it"),
     ("Results\nFreedom from major adverse events through 30 days was 93.5%.",
      "complications_major", "from the 93.5% free of it")],
)  # fmt: skip
def test_a_share_free_of_the_outcome_is_derived_not_stated(text, outcome, source):
    got = provenance(text, outcome=outcome)
    assert got["value"] == ("derived", source)
