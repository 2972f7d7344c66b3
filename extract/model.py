"""Plain data passed between the extraction stages and to the corpus layer.

Every stage of :mod:`extract` takes and returns these frozen dataclasses, so each stage can be
tested on plain data without a PDF (``path -> pages -> sentences -> candidates -> records``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Outcome measures of ``spec/records.md``.
MEASURES = ("proportion", "rate_at_time", "median", "mean", "hazard_ratio")

#: Document types of ``spec/records.md``.
DOCUMENT_TYPES = ("study", "review", "not_a_study")

#: How extraction came by a field: the quote prints it, it is computed from numbers of the
#: finding, or it is taken from the document's context (a cohort size, an earlier sentence).
PROVENANCE_KINDS = ("stated", "derived", "defaulted")


@dataclass(frozen=True)
class Provenance:
    """Where extraction took one field of a record from.

    Parameters
    ----------
    kind : str
        One of :data:`PROVENANCE_KINDS`.
    source : str
        Unless stated, from what: ``from 23.3% of 43``, ``the cohort size of the study``.

    Raises
    ------
    ValueError
        For another kind (a programming error in an extraction stage).
    """

    kind: str
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in PROVENANCE_KINDS:
            raise ValueError(
                f"unknown provenance kind {self.kind!r} (expected {', '.join(PROVENANCE_KINDS)})"
            )


@dataclass(frozen=True)
class Table:
    """A table recovered from a page: rows of cell strings (``None`` for an empty cell)."""

    rows: tuple[tuple[str | None, ...], ...]
    page: int | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Page:
    """The text of one page in reading order.

    Parameters
    ----------
    number : int or None
        1-based page number for PDFs; ``None`` for plain-text sources (no pages).
    text : str
        Body text in reading order: columns followed one after the other, running headers,
        footers and margin stamps removed, line-end hyphenation undone.
    tables : tuple of Table
        Tables found on the page (their text may also appear in ``text``).
    """

    number: int | None
    text: str
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class ExtractedRecord:
    """One reported number about one group of patients (``spec/records.md``)."""

    outcome: str
    measure: str
    group: str = "all"
    events: int | None = None
    total: int | None = None
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float = 0.95
    range_low: float | None = None
    range_high: float | None = None
    timepoint_months: float | None = None
    comparison: str | None = None
    adjusted: bool | None = None
    p_value: float | None = None
    page: int | None = None
    quote: str = ""
    #: where a table record's row sits: the caption and the column header(s), e.g.
    #: ``Table 2. Outcomes | Group A (n = 28) | Group B (n = 56)``; ``quote`` stays the row
    #: as printed. ``None`` for sentences.
    context: str | None = None
    rule: str = ""
    #: per field, how extraction came by it (fields it cannot speak for are left out)
    provenance: dict[str, Provenance] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a plain dict with the field names of the spec.

        ``provenance`` becomes ``{field: {"kind": ..., "source": ...}}``.
        """
        return asdict(self)


@dataclass(frozen=True)
class StudyInfo:
    """Study-level fields of ``spec/records.md``; any of them may be unknown (``None``)."""

    title: str | None = None
    first_author: str | None = None
    year: int | None = None
    doi: str | None = None
    design: str | None = None
    n_patients: int | None = None
    n_procedures: int | None = None
    median_follow_up_months: float | None = None
    mean_follow_up_months: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as a plain dict."""
        return asdict(self)


@dataclass(frozen=True)
class PatientRowData:
    """One row of a per-case table (individual patient data)."""

    case_label: str
    columns: dict[str, str | None]
    page: int | None = None


@dataclass(frozen=True)
class ConsistencyFlag:
    """Something a careful reviewer would query, with the evidence for it."""

    kind: str
    message: str
    quote: str = ""
    page: int | None = None


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything extraction found in one source document."""

    media_type: str
    page_count: int
    document_type: str = "study"
    study: StudyInfo = field(default_factory=StudyInfo)
    records: tuple[ExtractedRecord, ...] = ()
    patient_rows: tuple[PatientRowData, ...] = ()
    flags: tuple[ConsistencyFlag, ...] = ()
    #: the text of each page (reading order), kept so reviewers see a record's context
    pages: tuple[Page, ...] = ()
