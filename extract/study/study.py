"""Study-level fields of a case series (``spec/records.md``): ``pages -> StudyInfo``."""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import Page, StudyInfo
from extract.reading.document_text import (
    FRONT_MATTER_CHARS,
    front_matter,
    pages_to_section_sentences,
    pages_to_text,
    text_without_references,
)
from extract.study.cohort import mentions_to_cohort_size, pairs_to_count_mentions
from extract.study.design import (
    sentences_to_design,
    sentences_to_follow_up,
    sentences_to_procedures,
)
from extract.study.first_author import front_to_first_author
from extract.study.front_matter import (
    front_to_doi,
    front_to_title_lines,
    front_to_year,
)
from extract.study.name_glyphs import rejoin_name_glyphs
from extract.tables.case_tables import case_count, pages_to_case_tables


def pages_to_study(pages: Sequence[Page], case_rows: int | None = None) -> StudyInfo:
    """Read title, first author, year, DOI, design, cohort size and follow-up.

    Parameters
    ----------
    pages : sequence of Page
        The document in reading order.
    case_rows : int, optional
        Number of patients in the per-case tables; it supports the same count among the
        candidate cohort sizes. Counted from the pages' per-case tables when omitted.

    Returns
    -------
    StudyInfo
        Fields that could not be found are ``None``.
    """
    if not pages:
        return StudyInfo()
    text = text_without_references(pages_to_text(pages))
    front = front_matter(pages)
    title, first_author = _title_and_first_author(pages, front, text)
    # journal citation, copyright and DOI lines sit anywhere on a PDF's first page
    first_page = text[:FRONT_MATTER_CHARS] if pages[0].number is None else pages[0].text
    pairs = pages_to_section_sentences(pages)
    if title:
        pairs = [("title", title), *pairs]
    median, mean = sentences_to_follow_up(pairs)
    if case_rows is None:
        case_rows = case_count(pages_to_case_tables(pages))
    return StudyInfo(
        title=title,
        first_author=first_author,
        year=front_to_year(first_page),
        doi=front_to_doi(first_page, text),
        design=sentences_to_design(pairs),
        n_patients=mentions_to_cohort_size(pairs_to_count_mentions(pairs), case_rows),
        n_procedures=sentences_to_procedures(pairs),
        median_follow_up_months=median,
        mean_follow_up_months=mean,
    )


def _title_and_first_author(pages: Sequence[Page], front: str, text: str
                            ) -> tuple[str | None, str | None]:
    """Title and first author from the front matter; past a repository's cover page (a PDF
    whose first page has no author line) from the article's own first page; names the glyph
    layer split apart are read whole."""
    front = rejoin_name_glyphs(front)
    title, author_line = front_to_title_lines(front)
    first_author = front_to_first_author(front, author_line, text)
    if author_line is not None or len(pages) < 2 or pages[0].number is None:
        return title, first_author
    inner = rejoin_name_glyphs(front_matter(pages[1:]))
    inner_title, inner_line = front_to_title_lines(inner)
    if inner_line is not None:
        return inner_title or title, front_to_first_author(inner, inner_line, text)
    return title, first_author or front_to_first_author(inner, None, text)
