"""Aggregate tables to candidates: ``Label  n (%)`` rows under ``Group N = k`` columns.

Tables reach us two ways: as tab-separated lines in text sources, and as
:class:`~extract.model.Table` rows from the PDF reader. Either way a row is a label followed by
value cells. A header such as ``No CT N = 29 | CT N = 12 | All N = 41`` names the columns: the
``All``/``Total`` column is the whole cohort, the others are subgroups with their own N. A row
is read only when *every* value cell is a count, ``n (%)``, ``n/N`` or a percentage (or, for a
median, a duration), so hazard-ratio and characteristics tables with other cells are skipped.

Rows come from :func:`extract.tables.table_lines.text_rows` (text) and
:func:`extract.tables.table_columns.table_to_rows` (reader tables, whose header is a
:class:`~extract.tables.cells.Header` of positional columns); cells and columns are
:mod:`extract.tables.cells`, category levels :mod:`extract.tables.row_labels`.
Per-case tables (one row per patient) are :mod:`extract.tables.patients`' business, not ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from extract.rules.candidates import composite_death
from extract.rules.findings import COMPLICATIONS, Candidate
from extract.rules.lexicon import Lexicon
from extract.rules.nlp import VETO, OutcomeNLP
from extract.rules.numbers import Stat
from extract.rules.timepoints import text_to_timepoints
from extract.tables.cells import (
    BARE_NUMBER,
    CAPTION,
    N_PERCENT_LINE,
    Column,
    Header,
    TableRow,
    cell_stat,
    comparison_cell,
    header_columns,
    is_all_column,
    is_n_percent_header,
)
from extract.tables.row_labels import (
    baseline_label,
    caption_time,
    is_level,
    level_label,
    other_studies_caption,
)

_OPERATIVE_WINDOW = re.compile(r"\b(?:peri|post)-?operative(?:ly)?\b", re.IGNORECASE)
_LABEL_CLEAN = re.compile(r"^[\s•\-–·*]+|\s*\((?:n|%|n,\s*%|n\s*\(%\))\)\s*$", re.IGNORECASE)
_MEDIAN = re.compile(r"\bmedian\b", re.IGNORECASE)
_WHOLE = re.compile(r"\d{1,5}")
_PERCENT_CELL = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%?")
# rows and blocks dated at the operation's stay (mortality only; gold-guide "Time points")
_AT_DISCHARGE = re.compile(r"\b(?:at|on|before)\s+(?:hospital\s+)?discharge\b|\bin-?hospital\b|"
                           r"\b(?:peri|intra)-?operative\b|\b[NP]?ICU\b", re.IGNORECASE)
_MEAN = re.compile(r"\b(?:mean|average)\b", re.IGNORECASE)
_PERCENT_LABEL = re.compile(r"(?:\(%\)|,\s*%|\brate\s*\(%\)|\s%)\s*$")
_PARENTHESIS = re.compile(r"\([^()]*\)|\([^()]*$")
_COUNT_PERCENT_CELL = re.compile(r"\s*(\d{1,5})\s*\(\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*\)\s*")
# a table of complications (or adverse events, morbidity): its other rows are recorded in the
# complications' window too
_COMPLICATION_CAPTION = re.compile(r"\b(?:complications?|morbidity|adverse\s+events?)\b",
                                   re.IGNORECASE)
# "All patients (n = 163)": a group's label with its size
_N_IN_LABEL = re.compile(r"[(\[]?\s*\b[Nn]\s*=\s*\d{1,5}\s*[)\]]?")
# rows of what a column counts, not a group's estimates
_COUNT_ROW = re.compile(r"\bat\s+risk\b|\bCI\b|\bconfidence\b|\bevents?\b|\bcensored\b|"
                        r"\bSE\b|\bstandard error\b|^\s*(?:n|no\.?|number)\s*$", re.IGNORECASE)
# "(376 procedures)", "(96 limbs)": a caption's count of what its rows are shares of
_CAPTION_UNITS = re.compile(r"\(\s*(\d{1,5})\s+(?:procedures|operations|interventions|sessions|"
                            r"limbs|lesions|vessels|arteries|veins|tumou?rs|nodules|eyes|kidneys|"
                            r"grafts|stents|patients|cases)\s*\)", re.IGNORECASE)
# "Readmission within 30 d": table labels abbreviate days to "d"
_DAYS_ABBREVIATED = re.compile(r"\b(\d{1,3})\s?d\b(?![.'])")
# a table of estimates in per cent: its bare numbers under time points are percentages
_ESTIMATES = re.compile(r"\bper\s?cent\b|\bpercent(?:age)?s?\b|\(%\)|\bKaplan|\bactuarial\b|"
                        r"\blife[- ]table\b", re.IGNORECASE)
# outcomes of the procedure itself: a table's window does not date them
_UNDATED = frozenset({"technical_success", "clinical_success"})
#: How many percentage points an ``n (x%)`` cell may be off the column size it is checked
#: against: tables round loosely and misprint by a point or so (5 of 40 printed as 11%).
SIZE_AGREEMENT = 2.0


@dataclass
class _Block:
    """What the rows read so far say about the next one: its columns, period, time, category
    and where it sits (caption and header, the records' ``context``)."""

    columns: list[Column] | None = None
    positional: bool = False  # one cell per column, empty where the row has no value
    period: str | None = None
    row_time: float | None = None
    table_time: float | None = None
    category: str | None = None
    n_percent: bool = False
    caption: str | None = None
    header: str | None = None
    window: float | None = None  # the paper's postoperative mortality window (months)
    complication_window: float | None = None  # the window the methods record complications in
    not_outcomes: bool = False  # a baseline table, or one of published series
    sized: dict[int, Column] = field(default_factory=dict)  # header columns by their N

    def context(self) -> str | None:
        parts = [self.caption, self.header]
        return " | ".join(dict.fromkeys(p for p in parts if p)) or None

    def read_line(self, line: str) -> None:
        """A caption or header line between rows; an empty one is running text after them."""
        if not line:
            self.caption = self.table_time = None
            self.not_outcomes = False
            return
        if CAPTION.match(line):
            self.caption, self.table_time = line, caption_time(line)
            self.not_outcomes = baseline_label(line) or other_studies_caption(line)
        cols = header_columns(line)
        if cols and CAPTION.match(line) and len(cols) == 1:
            # "Table 2 Adverse events (n = 88)": the caption's N is the table's population,
            # its words the table's title, not a group
            cols = [Column("all", cols[0].n)]
        counted = _CAPTION_UNITS.search(line) if CAPTION.match(line) else None
        if counted and not cols:
            # "Table 3 Early outcomes (376 procedures)": what the rows are shares of
            cols = [Column("all", int(counted.group(1)))]
        if cols:
            self.columns, self.positional, self.header = cols, False, line
            self.sized.update({c.n: c for c in cols if c.n})
        self.n_percent = self.n_percent or bool(N_PERCENT_LINE.search(line))

    def read_header(self, header: Header) -> None:
        """The named value columns of a reader table."""
        self.columns, self.positional, self.header = list(header.columns), True, header.text
        if CAPTION.match(header.text):
            self.caption = None  # the header text starts with the caption already
            caption = header.text.split(" | ")[0]
            self.table_time = caption_time(caption)
            self.not_outcomes = baseline_label(caption) or other_studies_caption(caption)
            counted = _CAPTION_UNITS.search(caption)
            if counted and len(self.columns) == 1 and self.columns[0].group == "all" \
                    and self.columns[0].n is None:
                self.columns = [replace(self.columns[0], n=int(counted.group(1)))]


def rows_to_candidates(rows: Sequence[TableRow | str | Header], outcome_nlp: OutcomeNLP,
                       cohort: int | None, mortality_window: float | None = None,
                       complication_window: float | None = None) -> list[Candidate]:
    """Candidates of consecutive table rows (one table or one block of tab-separated lines).

    Plain strings are caption or header lines between rows: they may set the columns, and a
    caption may date the table (``as of 1-month follow-up``) or mark it as one of baseline
    characteristics (no records). A :class:`Header` (from
    :func:`extract.tables.table_columns.table_to_rows`) names the columns of the rows after it,
    one cell per column. A row without values opens a period, a time or a category whose
    levels the next rows are (:func:`extract.tables.row_labels.level_label`).

    Parameters
    ----------
    rows : sequence of TableRow, str or Header
        From :func:`extract.tables.table_lines.text_rows` or
        :func:`extract.tables.table_columns.table_to_rows`.
    outcome_nlp : OutcomeNLP
        Finds the one outcome a row label names.
    cohort : int or None
        The size of a column that states none and is the whole series.
    mortality_window : float or None
        Months of the paper's definition of postoperative mortality, if it gives one.
    complication_window : float or None
        Months of the window the methods record complications in
        (:func:`extract.rules.findings.complication_window`), if they state one.

    Returns
    -------
    list of Candidate
        Rule ``table_row``; ``quote`` the row as printed, ``context`` caption and header.
    """
    block = _Block(window=mortality_window, complication_window=complication_window)
    out: list[Candidate] = []
    for row in columns_sized_by_rows(rows):
        if isinstance(row, Header):
            block.read_header(row)
            continue
        if isinstance(row, str):
            block.read_line(row)
            continue
        if not block.positional and _sets_columns(row, block):
            continue
        if not row.cells:
            block.period = _period(row.label, outcome_nlp.lexicon)
            block.row_time, block.category = _row_time(row.label, block.window), row.label
            continue
        label = level_label(block.category, row.label)
        cells = row.cells
        if _PERCENT_LABEL.search(row.label):  # "Overall survival (%) | 92 | 78": percentages
            cells = tuple(f"{c}%" if BARE_NUMBER.fullmatch(c) else c for c in cells)
        cells = _column_cells(cells, block)
        pairs = _row_pairs(cells, block, cohort)
        if block.not_outcomes or label is None or pairs is None:
            continue
        context = block.context()
        if block.category and is_level(row.label):
            context = " | ".join(filter(None, (context, block.category)))
        found = _row_candidates(row, label, pairs, block, outcome_nlp, context)
        out.extend(_dated(c, block.row_time, block.table_time, block.complication_window,
                          _COMPLICATION_CAPTION.search(block.context() or "") is not None)
                   for c in found)
    return out


def columns_sized_by_rows(rows: Sequence[TableRow | str | Header]
                          ) -> list[TableRow | str | Header]:
    """Give the columns of a reader table's header that print no N the size their rows show.

    A row printing ``40 (100%)`` in a column counts everyone in it, so the column has 40
    patients (``Died at last follow-up | 40 (100%) | 40 (100%)`` under ``Resection number (%)
    | Biopsy number (%)``). The size is taken only when it is unambiguous: every ``(100%)``
    cell of the column prints the same count, and every other ``n (x%)`` cell agrees with it
    within :data:`SIZE_AGREEMENT` percentage points (tables misprint by a point or so).
    """
    out = list(rows)
    for i, row in enumerate(out):
        if not isinstance(row, Header) or all(c.n is not None for c in row.columns):
            continue
        below = []
        for later in out[i + 1:]:
            if isinstance(later, Header):
                break
            if isinstance(later, TableRow) and len(later.cells) == len(row.columns):
                below.append(later.cells)
        columns = tuple(c if c.n is not None or c.months is not None
                        else replace(c, n=_column_size([cells[j] for cells in below]))
                        for j, c in enumerate(row.columns))
        out[i] = replace(row, columns=columns)
    return out


def _column_size(cells: list[str]) -> int | None:
    pairs = [(int(m[1]), float(m[2])) for m in map(_COUNT_PERCENT_CELL.fullmatch, cells) if m]
    sizes = {count for count, pct in pairs if pct == 100}
    if len(sizes) != 1:
        return None
    size = sizes.pop()
    if not size or any(count > size or abs(100 * count / size - pct) > SIZE_AGREEMENT
                       for count, pct in pairs):
        return None
    return size


def _sets_columns(row: TableRow, block: _Block) -> bool:
    """A row of text-table cells that is a header: column names with their N, or ``No. | %``."""
    cells = _without_comparison(row.cells, block.columns)
    if is_n_percent_header(cells):
        block.n_percent = True
        return True
    head = header_columns(" ".join((row.label, *row.cells)))
    if head and (len(head) == len(row.cells) + 1 or header_columns(row.label)):
        block.columns, block.header = head, " ".join((row.label, *row.cells))
        return True
    return False


def _row_pairs(cells: tuple[str, ...], block: _Block, cohort: int | None
               ) -> list[tuple[Column, Stat]] | None:
    """Each value of a row with the column it is in; ``None`` when any value is not one."""
    columns = block.columns
    if block.positional and columns and len(cells) == len(columns):
        pairs = [(col, cell_stat(c)) for col, c in zip(columns, cells, strict=True) if c]
        if not pairs or any(s is None for _, s in pairs):
            return None
        return pairs  # type: ignore[return-value]
    cells = _without_comparison(cells, columns)
    if block.n_percent and len(cells) == 2:
        stats = [_count_and_percent(*cells)]
    else:
        stats = [cell_stat(c) for c in cells]
    if any(s is None for s in stats):
        return None
    if columns and len(columns) == len(stats):
        return list(zip(columns, stats, strict=True))  # type: ignore[arg-type]
    if len(stats) > 1 and all(s.kind == "fraction" and s.total for s in stats):
        # "0.0% (0/219) | 2.6% (1/39)": each cell names its column's size; a header line
        # that gave that size gives the name
        return [(block.sized.get(s.total) or Column(f"n = {s.total}", s.total), s)
                for s in stats]  # type: ignore[misc]
    if len(stats) == 1:
        col = columns[-1] if columns and columns[-1].group == "all" else Column("all", cohort)
        return [(col, stats[0])]  # type: ignore[list-item]
    return None


def _column_cells(cells: tuple[str, ...], block: _Block) -> tuple[str, ...]:
    """Bare numbers read by their column: under a time point of a table of estimates
    (``Kaplan-Meier estimates (per cent)``, ``Survival, % | 1 year``) a percentage, under
    ``Median (months)`` a duration in that unit."""
    columns = block.columns
    if not (block.positional and columns and len(cells) == len(columns)):
        return cells
    estimates = bool(_ESTIMATES.search(block.context() or ""))
    out = []
    for col, cell in zip(columns, cells, strict=True):
        if BARE_NUMBER.fullmatch(cell) and not cell.endswith("%"):
            if col.months is not None and estimates and float(cell) <= 100:
                cell = f"{cell}%"
            elif col.median_unit:
                cell = f"{cell} {col.median_unit}"
        out.append(cell)
    return tuple(out)


def _without_comparison(cells: tuple[str, ...], columns: list[Column] | None
                        ) -> tuple[str, ...]:
    """The value cells of the named columns: ``9 (18.4) | 3 (7.0) | .162 | 3.0 (0.8-11.9)``
    under ``Group A (n = 49) | Group B (n = 43)`` are the two arms; the P value and the odds
    ratio after them are not counts."""
    k = len(columns) if columns else 0
    if k and len(cells) > k and all(comparison_cell(c) for c in cells[k:]):
        return cells[:k]
    return cells


def _count_and_percent(count: str, pct: str) -> Stat | None:
    """``Reoperation  6  18.8`` under ``No. %``: 6 patients, 18.8%."""
    n, p = _WHOLE.fullmatch(count.strip()), _PERCENT_CELL.fullmatch(pct.strip())
    if not n or not p or float(p.group(1)) > 100:
        return None
    return Stat("count", 0, len(count), count=int(n.group(0)), percent=float(p.group(1)) / 100)


def _row_time(label: str, window: float | None = None) -> float | None:
    """The time a row without values dates the rows under it (``Outcome at discharge``: 0,
    ``Outcome at 6 months``: 6), or a mortality row itself (``In-hospital death``); ``None``
    for follow-up and everything else. ``Perioperative`` and ``postoperative`` mean the
    paper's mortality window when it defines one (``death within 30 days``: 1), as in
    sentences; without a definition perioperative is 0."""
    if window is not None and _OPERATIVE_WINDOW.search(label):
        return window
    if _AT_DISCHARGE.search(label):
        return 0.0
    tps = text_to_timepoints(label)
    if len(tps) == 1 and len(tps[0].months) == 1 and not re.search(r"follow", label, re.I):
        return tps[0].months[0]
    return None


def _dated(c: Candidate, row_time: float | None, table_time: float | None = None,
           complication_window: float | None = None, of_complications: bool = False
           ) -> Candidate:
    """A mortality row keeps the time of the block it is printed in, else of its table's
    caption (``Adverse events as of 1-month follow-up``). A count of another outcome keeps
    its caption's window (``Outcomes within 90 days``: readmissions, reoperations), else, for
    complications and the rows of a table of complications (a return to theatre among
    them), the window the methods record complications in, as in sentences; technical success
    is the procedure's own and keeps none (gold-guide "Time points")."""
    if c.timepoint_months is not None:
        return c
    if c.outcome == "mortality":
        time = row_time if row_time is not None else table_time
    elif c.measure != "proportion" or c.outcome in _UNDATED:
        time = None
    else:
        time = table_time
        if time is None and (c.outcome in COMPLICATIONS or of_complications):
            time = complication_window
    return c if time is None else replace(c, timepoint_months=time)


def _period(label: str, lex: Lexicon) -> str | None:
    """A row without values that opens a late-period block (``Late postoperative course``)."""
    if lex.cue_regex("late").search(label) and not re.search(r"follow", label, re.IGNORECASE):
        # "Late postoperative course" opens a late period; "Long-term follow-up" does not
        window = re.search(r"\(([^)]*\d[^)]*)\)", label)
        return f"late ({window.group(1).strip()})" if window else "late"
    return None


def _row_candidates(row: TableRow, label: str, pairs: list[tuple[Column, Stat]],
                    block: _Block, outcome_nlp: OutcomeNLP, context: str | None
                    ) -> list[Candidate]:
    label = _LABEL_CLEAN.sub("", label).strip()
    found = _label_outcome(label, outcome_nlp)
    if found is None:
        return _stratum_candidates(row, label, pairs, block, outcome_nlp, context)
    outcome, complement = found
    if complement and outcome == "mortality":
        return []  # "Alive": the survivors' row, read in sentences where their time is said
    tps = text_to_timepoints(_DAYS_ABBREVIATED.sub(r"\1 days", label))
    tp = tps[0].months[0] if len(tps) == 1 and len(tps[0].months) == 1 else None
    if tp is None and outcome == "mortality":
        tp = _row_time(label, block.window)  # "In-hospital death | 4 (9.1) | 2 (5.0)"
    entry = outcome_nlp.lexicon.outcome(outcome)
    out = []
    for col, stat in pairs:
        group = block.period if (block.period and col.group == "all") else col.group
        at = tp if tp is not None else col.months  # "Overall survival | 92 | 78" by year
        cand = _cell_candidate(outcome, entry.measures, label, stat, col, at, group, row)
        if cand is not None and cand.timepoint_months is None and col.months is not None:
            cand = replace(cand, timepoint_months=col.months)  # the column says when
        if cand is not None and complement:
            cand = _complement(cand)
        if cand is not None:
            out.append(replace(cand, context=context))
    return out


def _stratum_candidates(row: TableRow, label: str, pairs: list[tuple[Column, Stat]],
                        block: _Block, outcome_nlp: OutcomeNLP, context: str | None
                        ) -> list[Candidate]:
    """Rows of groups under time-point columns, the outcome named by the caption::

        Table 3 Disease-free survival by stage
                    1 year    3 years
        All         91%       72%
        Stage II    88%       61%

    Each row is its group's estimates (``All``, ``Total``, ``Whole cohort`` the whole
    series); a row naming an outcome is read by its own label instead."""
    caption = _caption_of(block)
    timed = [(col, stat) for col, stat in pairs if col.months is not None]
    if caption is None or not timed or stated_rows(label):
        return []
    found = _label_outcome(CAPTION.sub("", caption), outcome_nlp)
    if found is None or found[1]:
        return []
    entry = outcome_nlp.lexicon.outcome(found[0])
    if "rate_at_time" not in entry.measures:
        return []
    name = _N_IN_LABEL.sub("", label).strip(" ,;:")
    group = "all" if is_all_column(name) else name
    out = []
    for col, stat in timed:
        if stat.count is not None or stat.percent is None:
            continue  # patients at risk, events: not the estimate
        out.append(Candidate(found[0], "rate_at_time", "percent", percent=stat.percent,
                             timepoint_months=col.months, ci_low=stat.ci_low,
                             ci_high=stat.ci_high, ci_level=stat.ci_level, group=group,
                             page=row.page, section="table", quote=row.quote, rule="table_row",
                             context=context))
    return out


def _caption_of(block: _Block) -> str | None:
    """The caption of the table a row is in (a reader table's header text begins with it)."""
    if block.caption:
        return block.caption
    first = (block.header or "").split(" | ")[0]
    return first if CAPTION.match(first) else None


def stated_rows(label: str) -> bool:
    """A row label of what the columns count rather than of a group: ``Patients at risk``,
    ``No. at risk``, ``95% CI``, ``Events``."""
    return bool(_COUNT_ROW.search(label))


def _complement(c: Candidate) -> Candidate:
    """A row of patients free of the outcome (``Freedom from reoperation, % | 96.0``) as the
    outcome's own finding: a count is of the patients without it, a percentage is flipped
    (gold-guide "Complements")."""
    if c.count is not None:
        return replace(c, basis="complement")
    if c.percent is None:
        return c

    def flip(x: float | None) -> float | None:
        return None if x is None else round(1 - x, 6)
    return replace(c, percent=flip(c.percent), ci_low=flip(c.ci_high), ci_high=flip(c.ci_low))


def _label_outcome(label: str, outcome_nlp: OutcomeNLP) -> tuple[str, bool] | None:
    """The one outcome a row label names, and whether the label names its opposite
    (``Freedom from reoperation``). A label naming two may name one outside brackets:
    ``Death (respiratory failure 9 days after the procedure)`` is a death with its cause."""
    for text in (label, _PARENTHESIS.sub(" ", label)):
        mentions = list(outcome_nlp.mentions(outcome_nlp.nlp.make_doc(text)))
        if not mentions or any(m.outcome == VETO for m in mentions):
            return None
        if any(m.outcome == "mortality" and composite_death(text, m.start, m.end)
               for m in mentions):
            return None  # "Stroke or death": a composite endpoint, as in sentences
        if len({m.outcome for m in mentions}) == 1:
            return mentions[0].outcome, any(m.complement for m in mentions)
    return None


def _cell_candidate(outcome: str, measures: tuple[str, ...], label: str, stat: Stat, col: Column,
                    tp: float | None, group: str, row: TableRow) -> Candidate | None:
    common = dict(ci_low=stat.ci_low, ci_high=stat.ci_high, ci_level=stat.ci_level,
                  range_low=stat.range_low, range_high=stat.range_high, group=group,
                  page=row.page, section="table", quote=row.quote, rule="table_row")
    if stat.kind == "duration":
        measure = "median" if _MEDIAN.search(label) or col.median_unit else \
            "mean" if _MEAN.search(label) else None
        if measure not in measures:
            return None
        return Candidate(outcome, measure, "stated", value=stat.value, **common)
    if stat.count is None and tp is not None and "rate_at_time" in measures:
        return Candidate(outcome, "rate_at_time", "percent", percent=stat.percent,
                         timepoint_months=tp, **common)
    if "proportion" not in measures:
        return None
    if stat.count is not None and col.n is not None and stat.count > (stat.total or col.n):
        return None  # more events than patients in the column: not a count of them
    return Candidate(outcome, "proportion", "stated" if stat.count is not None else "percent",
                     count=stat.count, total=stat.total, percent=stat.percent,
                     timepoint_months=tp, group_n=col.n,
                     **common)


