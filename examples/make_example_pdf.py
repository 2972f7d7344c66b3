"""Build ``papers/endovascular_aneurysm_series.pdf``, the demo corpus's synthetic PDF.

Run once with fpdf2 installed (a test extra); the PDF is committed so the demo needs nothing.
"""

from pathlib import Path

from fpdf import FPDF

TITLE = (
    "Fenestrated endovascular repair of juxtarenal aneurysms: a retrospective series of 40 patients"
)
AUTHORS = "Elena Rossi, James Okoye, Mei Tanaka"
JOURNAL = "Example Journal of Endovascular Therapy, 2020. doi:10.9999/ejet.2020.051"
ABSTRACT = (
    "Methods: Retrospective single-centre case series of 40 consecutive patients treated between "
    "2011 and 2018. Results: Technical success was achieved in 38 of 40 patients (95%). "
    "Major complications occurred in 6 patients (15%). The 30-day mortality was 2.5% (1/40). "
    "After a median follow-up of 36 months, the 1- and 3-year overall survival rates were 92% "
    "and 80%, respectively."
)
RESULTS = (
    "Forty patients were treated. Reintervention was required in 7 patients (18%) during "
    "follow-up. Type I or III endoleak occurred in 3 patients. Readmission within 30 days was "
    "needed in 4 of 40 patients (10%)."
)


def build(out: Path) -> None:
    """Write the example PDF to ``out``."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, AUTHORS, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, JOURNAL, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "Abstract", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, ABSTRACT, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "Results", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, RESULTS, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


if __name__ == "__main__":
    build(Path(__file__).parent / "papers" / "endovascular_aneurysm_series.pdf")
