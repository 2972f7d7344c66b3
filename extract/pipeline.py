"""Pages to an extracted document: the chain of extraction stages.

``pages -> blocks (sections) -> sentences -> candidates -> records``, plus aggregate tables
(tab-separated rows in text, :class:`~extract.model.Table` rows from PDFs), per-case tables
(:mod:`extract.tables.patients`), the study fields (:mod:`extract.study.study`), the document type
(:mod:`extract.study.doctype`) and the consistency flags (:mod:`extract.assembly.consistency`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.assembly.arm_groups import candidates_to_arm_groups
from extract.assembly.arm_labels import with_paper_labels
from extract.assembly.arm_values import arm_value_candidates
from extract.assembly.clause_sums import coordinated_count_sums
from extract.assembly.consistency import consistency_flags
from extract.assembly.group_sums import group_sum_candidates
from extract.assembly.inline_arms import inline_arm_candidates
from extract.assembly.overall_values import overall_value_candidates
from extract.assembly.provenance import counted_provenance
from extract.assembly.records import candidates_to_records, deduplicate
from extract.assembly.vital_status import without_superseded_alive_counts
from extract.model import ExtractedDocument, ExtractedRecord, Page
from extract.reading.broken_sentences import pages_to_rejoined
from extract.reading.sections import Block, pages_to_blocks
from extract.rules.arm_lists import with_arm_lists
from extract.rules.assessed import (
    candidates_to_assessed,
    text_to_procedures,
    text_to_removals,
    text_to_treated,
    text_to_units,
)
from extract.rules.candidates import Candidate, DocumentContext, sentences_to_candidates
from extract.rules.clauses import SKIPPED_SECTIONS, title_span
from extract.rules.defined_terms import defined_outcomes
from extract.rules.findings import complication_window, early_window
from extract.rules.nlp import OutcomeNLP, outcome_nlp
from extract.rules.numbers import normalize
from extract.rules.own_condition import cohort_condition
from extract.rules.sentences import Sentence, blocks_to_sentences
from extract.rules.timepoints import text_to_timepoints
from extract.settings import ExtractSettings
from extract.study.abbreviations import text_to_abbreviations
from extract.study.arms import (
    sized_arm_list,
    text_to_arm_definitions,
    text_to_arm_lists,
    text_to_arms,
    text_to_listed_arms,
)
from extract.study.doctype import classify_document
from extract.study.population import population_groups, text_to_population
from extract.study.study import pages_to_study
from extract.tables.aligned_text import pages_with_aligned_tables
from extract.tables.cells import TableRow
from extract.tables.patients import pages_to_patient_rows
from extract.tables.table_columns import printed_rows, table_to_rows
from extract.tables.table_lines import text_rows
from extract.tables.text_tables import rows_to_candidates

_MORTALITY_DEFINITION = re.compile(
    r"\b(?:mortality|death)\b[^.]{0,60}?\bdefined\b[^.]{0,120}?\b(?:within|up to|<|before)\s*"
    r"(?:postoperative\s+day\s+)?\d+\s*(?:days?|months?)?",
    re.IGNORECASE,
)


_ASSESSMENT = re.compile(
    r"\b(?:outcomes?|status|rankin|mRS|GOS|glasgow outcome scale)\b[^.;]{0,80}?"
    r"(?:(?<![A-Za-z])at\s+(?:the\s+time\s+of\s+)?(?:hospital\s+)?discharge\b[^.;]{0,40}?\b(?:rated|assessed|"
    r"evaluated|determined|measured|recorded|scored|classified|graded)\b|\b(?:via|at|using|after)\b[^.;]{0,60}?"
    r"\b(?:one|two|three|six|twelve|\d+)[\s-](?:months?|years?)\s+(?:after|post|following))",
    re.IGNORECASE,
)


def pages_to_document(pages: list[Page], media_type: str, settings: ExtractSettings
                      ) -> ExtractedDocument:
    """Extract study fields, outcome records, patient rows and consistency flags.

    Parameters
    ----------
    pages : list of Page
        The document's text in reading order (from :func:`extract.reading.readers.read_pages`).
    media_type : str
        ``application/pdf``, ``text/plain``, ... (kept on the result).
    settings : ExtractSettings
        ``lexicon_path`` selects the outcome lexicon.

    Returns
    -------
    ExtractedDocument
    """
    nlp = outcome_nlp(settings.lexicon_path)
    patient_rows, patient_records = pages_to_patient_rows(pages)
    patient_records = counted_provenance(patient_records)
    study = pages_to_study(pages, case_rows=_case_count(patient_rows))
    records = pages_to_records(pages, nlp, study.n_patients, title=study.title)
    records = deduplicate([*patient_records, *records])
    document_type = classify_document(pages, study, records)
    if document_type != "study":
        # a page without a cohort has no findings; a review's pooled numbers describe other
        # studies' patients (gold-guide "Document type"): neither is exported as a record
        records = []
    flags = consistency_flags(records, study, patient_rows)
    return ExtractedDocument(
        media_type=media_type, page_count=len(pages), document_type=document_type,
        study=study, records=tuple(records), patient_rows=tuple(patient_rows),
        flags=tuple(flags), pages=tuple(pages),
    )


def _case_count(rows: Sequence) -> int | None:
    # tables of separate arms often both number their patients from 1: count per group
    labels = {(row.columns.get("group"), row.case_label) for row in rows}
    return len(labels) or None


def pages_to_records(pages: Sequence[Page], nlp: OutcomeNLP, cohort: int | None,
                     title: str | None = None) -> list[ExtractedRecord]:
    """Outcome records from the prose and aggregate tables of ``pages`` (not de-duplicated);
    the outcomes named in the document's ``title`` are not findings."""
    pages = pages_to_rejoined(pages)  # a sentence a page end or a float cuts is read whole
    pages = pages_with_aligned_tables(pages)  # text pasted from a PDF keeps tables by spaces
    blocks = pages_to_blocks(pages)
    text = normalize(" ".join(page.text for page in pages))
    context = DocumentContext(nlp.lexicon, mortality_window(pages), assessment_timepoint(pages),
                              early_window_months=early_window(text),
                              complication_window_months=complication_window(text),
                              cohort_condition=cohort_condition(title, text))
    sentences = [_without_title(s, title)
                 for s in blocks_to_sentences(blocks, nlp, skip_sections=SKIPPED_SECTIONS,
                                              defined=defined_outcomes(text, nlp))]
    arms = text_to_arms(text)
    candidates = with_arm_lists(sentences_to_candidates(sentences, context), sentences, arms,
                                context)
    candidates = candidates_to_arm_groups(candidates, arms)
    arm_lists = text_to_arm_lists(text)
    candidates = arm_value_candidates(sentences, candidates, context,
                                      [*arm_lists, *sized_arm_list(arms)])
    candidates = overall_value_candidates(sentences, candidates, context)
    candidates = inline_arm_candidates(sentences, candidates, context, arms)
    candidates = population_groups(coordinated_count_sums(candidates, cohort),
                                   text_to_population(text, cohort))
    in_tables = {(page.number, line) for page in pages for table in page.tables
                 for line in printed_rows(table)}
    windows = (context.mortality_window_months, context.complication_window_months)
    candidates += [c for c in blocks_to_table_candidates(blocks, nlp, cohort, *windows)
                   if (c.page, c.quote) not in in_tables]  # read with their table's header
    candidates += page_tables_to_candidates(pages, nlp, cohort, *windows)
    # an arm the paper names by an abbreviation is what the abbreviation stands for
    definitions = {**{abbr.lower(): f"{abbr} {long}"
                      for abbr, long in text_to_abbreviations(text).items()},
                   **text_to_arm_definitions(text)}
    analysed = {a.total for a in arm_lists if a.analysed}
    sums = group_sum_candidates(candidates, cohort, definitions, analysed=analysed)
    listed = sum(text_to_listed_arms(text).values())
    if not sums and listed and listed != cohort:
        # the arms one sentence of the methods lists make up the cohort that was compared,
        # when the cohort read is another (the population they were drawn from) or none
        sums = group_sum_candidates(candidates, listed, definitions, analysed=analysed)
    candidates += sums
    assessed = candidates_to_assessed(candidates, text_to_units(text),
                                      text_to_treated(text, cohort), text_to_removals(text),
                                      text_to_procedures(text))
    return with_paper_labels(candidates_to_records(without_superseded_alive_counts(assessed),
                                                   cohort), text)


def _without_title(sentence: Sentence, title: str | None) -> Sentence:
    span = title_span(sentence.text, title)
    if span is None:
        return sentence
    kept = tuple(m for m in sentence.mentions if not span[0] <= m.start < span[1])
    return replace(sentence, mentions=kept)


def blocks_to_table_candidates(blocks: Sequence[Block], nlp: OutcomeNLP, cohort: int | None,
                               window: float | None = None,
                               complication_window: float | None = None) -> list[Candidate]:
    """Candidates of the tab-separated table rows of text sources (references excluded)."""
    out: list[Candidate] = []
    for block in blocks:
        if block.section in ("references", "introduction"):
            continue
        rows = text_rows(block.text, block.page)
        if any(isinstance(r, TableRow) for r in rows):
            out.extend(rows_to_candidates(rows, nlp, cohort, window, complication_window))
    return out


def page_tables_to_candidates(pages: Sequence[Page], nlp: OutcomeNLP, cohort: int | None,
                              window: float | None = None,
                              complication_window: float | None = None) -> list[Candidate]:
    """Candidates of the tables the PDF reader recovered."""
    out: list[Candidate] = []
    for page in pages:
        for table in page.tables:
            out.extend(rows_to_candidates(table_to_rows(table, page.number, cohort), nlp,
                                          cohort, window, complication_window))
    return out


def assessment_timepoint(pages: Sequence[Page]) -> float | None:
    """When the paper assesses its outcomes, if it says so once: at discharge (0) or ``three
    months post-stroke`` (3). It dates mortality statements that give no time of their own."""
    for page in pages:
        text = normalize(page.text).replace("\n", " ")
        m = _ASSESSMENT.search(text)
        if not m:
            continue
        if re.search(r"discharge", m.group(0), re.IGNORECASE):
            return 0.0
        months = [mo for tp in text_to_timepoints(m.group(0)) for mo in tp.months]
        if len(months) == 1:  # "assessed at 1, 3 and 6 months" names no single time
            return months[0]
    return None


def mortality_window(pages: Sequence[Page]) -> float | None:
    """The window of ``postoperative mortality`` when the paper defines it (``within 90 days``).

    Returns months (90 days is 3), or ``None`` when the paper gives no definition.
    """
    for page in pages:
        m = _MORTALITY_DEFINITION.search(normalize(page.text))
        if m:
            tps = text_to_timepoints(m.group(0))
            if tps:
                return tps[-1].months[-1]
    return None
