"""Figure legends and tables printed after the reference list are read; the list is not."""

from __future__ import annotations

from fpdf import FPDF

from extract.model import Page
from extract.pipeline import pages_to_document
from extract.reading.readers import read_pages
from extract.reading.sections import pages_to_blocks
from extract.settings import ExtractSettings

# Layout 1: numbered references, then a legend whose label starts its first line of text.
NUMBERED = (
    "Results\nWe retrospectively reviewed 40 consecutive patients who underwent resection.\n"
    "References\n1. Smith J, Jones K. Outcomes of resection. J Surg 2010;12:45-9.\n"
    "2. Brown A, Green B. Survival was 50% at one year. Ann Surg 2012;255:101-8.\n"
    "Figure 1. Kaplan-Meier curve of overall survival of the whole cohort. The 1-year overall "
    "survival rate was 72% and the 3-year overall survival rate was 41%.\n"
)
# Layout 2: paragraphs, unnumbered references, acknowledgements between the list and a
# "FIGURE 2 |" legend, funding after it.
PARAGRAPHS = (
    "Results\nForty-two patients were treated with stent placement.\n\nReferences\n\n"
    "Lee K, Park S. Patency after stenting. Radiology 2015; 276(2): 412-20.\n\n"
    "Acknowledgements\nWe thank the 12 nurses of the unit; 95% of them helped.\n\n"
    "FIGURE 2 | Kaplan-Meier estimate. Primary patency at 12 months was 81%.\n\n"
    "Funding\nGrant 2019-04 covered 30% of costs.\n"
)


def records(text: str) -> set[tuple]:
    doc = pages_to_document([Page(None, text)], "text/plain", ExtractSettings())
    return {(r.outcome, r.value, r.timepoint_months) for r in doc.records}


def body(text: str) -> str:
    return " ".join(b.text for b in pages_to_blocks([Page(None, text)]) if b.section != "back")


def test_a_legend_after_numbered_references_is_read():
    blocks = pages_to_blocks([Page(4, NUMBERED)])
    assert [b.section for b in blocks] == ["results", "legends"]
    assert blocks[1].text.startswith("Figure 1. Kaplan-Meier")  # the label line is kept
    assert records(NUMBERED) >= {("overall_survival", 0.72, 12.0),
                                 ("overall_survival", 0.41, 36.0)}


def test_a_legend_after_acknowledgements_is_read_and_back_matter_is_not():
    assert [b.section for b in pages_to_blocks([Page(None, PARAGRAPHS)])] == [
        "results", "back", "legends", "back"]
    assert "nurses" not in body(PARAGRAPHS) and "Grant" not in body(PARAGRAPHS)
    got = records(PARAGRAPHS)
    assert ("primary_patency", 0.81, 12.0) in got
    assert not any(value in (0.95, 0.3) for _, value, _ in got)


def test_a_reference_list_with_numbers_gives_nothing():
    text = ("Results\nWe treated 30 patients.\nReferences\n"
            "Smith J, Jones K, et al. Stenting of the iliac vein. J Vasc 2010;12:45-9. "
            "Survival was 50% at 1 year and mortality was 10%.\n"
            "3. Tanaka H, Ito M. Recurrence in 12 of 40 patients (30%). Surgery 2008;143:12-8.\n")
    assert "Survival" not in body(text) and "Recurrence" not in body(text)
    assert records(text) == set()


def test_references_between_legends_stay_dropped():
    text = ("Results\nWe treated 30 patients.\nReferences\n1. Ito M. Old series. Surg 2001;5:1-9.\n"
            "Fig. 1. Overall survival at 2 years was 64%.\n"
            "12. Smith J, Brown K. Survival was 50% at 1 year. J Surg 2010;12:45-9.\n"
            "Figure 2. Mortality at 30 days was 3%.\n")
    kinds = [b.section for b in pages_to_blocks([Page(None, text)])]
    assert kinds == ["results", "legends", "legends"]
    assert "Smith" not in body(text)
    got = records(text)
    assert ("overall_survival", 0.64, 24.0) in got
    assert not any(value == 0.5 for _, value, _ in got)


def test_a_table_after_references_is_read():
    text = ("Results\nWe treated 20 patients.\nReferences\n1. Ito M. Series. Surg 2001;5:1-9.\n"
            "Table 3 Complications\nReintervention\t4 (20)\n")
    assert [b.section for b in pages_to_blocks([Page(None, text)])] == ["results", "legends"]
    doc = pages_to_document([Page(None, text)], "text/plain", ExtractSettings())
    assert {(r.outcome, r.events, r.total) for r in doc.records} >= {("reintervention", 4, 20)}


def legend_pdf(path):
    """Page 1: results; page 2: a reference list; page 3: a figure legend on its own page."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    pages = (
        ("Results", "We retrospectively reviewed 36 consecutive patients treated with",
         "percutaneous ablation at one centre between 2012 and 2020."),
        ("References", "1. Smith J, Jones K. Ablation outcomes. J Surg 2010;12:45-9.",
         "2. Brown A. Local recurrence was 25% at 2 years. Radiology 2013;4:1-8."),
        ("Fig. 1.", "Kaplan-Meier estimate of overall survival after ablation. The 2-year",
         "overall survival rate was 58%."),
    )
    for lines in pages:
        pdf.add_page()
        for i, line in enumerate(lines):
            pdf.text(20, 30 + i * 6, line)
    pdf.output(str(path))
    return path


def test_a_legend_page_after_references_in_a_pdf_is_read(tmp_path):
    _, pages = read_pages(legend_pdf(tmp_path / "legend-after-references.pdf"), ExtractSettings())
    blocks = pages_to_blocks(pages)
    assert [(b.page, b.section) for b in blocks] == [(1, "results"), (3, "legends")]
    doc = pages_to_document(pages, "application/pdf", ExtractSettings())
    got = {(r.outcome, r.value, r.timepoint_months, r.page) for r in doc.records}
    assert ("overall_survival", 0.58, 24.0, 3) in got
    assert not any(r.value == 0.25 for r in doc.records)  # the cited study's rate


def test_the_corpus_legend_after_references_is_read(shared):
    path = shared / "corpus" / "pdf" / "neuroonc__Chaichana2011.pdf"
    _, pages = read_pages(path, ExtractSettings())
    doc = pages_to_document(pages, "application/pdf", ExtractSettings())
    got = {(r.outcome, r.value, r.timepoint_months) for r in doc.records
           if r.outcome == "overall_survival"}
    assert got >= {("overall_survival", v, t) for v, t in ((0.63, 3.0), (0.33, 6.0),
                                                           (0.21, 9.0), (0.14, 12.0))}


def test_numbered_rows_of_a_table_after_references_are_no_reference_entries():
    text = ("Results\nWe treated 20 patients.\nReferences\n1. Ito M. Series. Surg 2001;5:1-9.\n"
            "Table 2 Complications by grade\n1 Grade II\t3 (15)\n2 Grade IIIb\t1 (5)\n"
            "3 Reintervention\t4 (20)\n")
    blocks = pages_to_blocks([Page(None, text)])
    assert [b.section for b in blocks] == ["results", "legends"]
    assert blocks[1].text.endswith("3 Reintervention\t4 (20)")
