"""Pool every outcome x measure x time point x group that has at least one study.

This is what the pooled-estimate table and the report are built from: one
:class:`Analysis` per cell, pooled when it has two or more studies, else holding the single
study's own estimate ("not pooled"), or the reason nothing could be pooled (a conflict
between records of one document, unusable numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from meta.errors import InvalidInput, MetaError, RecordConflict, TooFewStudies
from meta.results import StudyRow

if TYPE_CHECKING:
    import pandas as pd

    from meta.results import PoolResult

#: ``--status`` choices and the record statuses each pools. Rejected records never are.
STATUS_CHOICES = {
    "accepted": ("accepted", "edited"),
    "reviewed": ("accepted", "edited"),
    "any": ("extracted", "accepted", "edited"),
    "extracted": ("extracted",),
    "edited": ("edited",),
}


def statuses_for(status: str) -> tuple[str, ...]:
    """Record statuses pooled for a ``--status`` value (``accepted`` = accepted or edited).

    Raises
    ------
    InvalidInput
        For an unknown value.
    """
    try:
        return STATUS_CHOICES[status.strip().lower()]
    except KeyError:
        from corpus.vocabulary import did_you_mean

        allowed = ", ".join(STATUS_CHOICES)
        hint = did_you_mean(status, STATUS_CHOICES)
        raise InvalidInput(f"unknown status {status!r}{hint}; allowed: {allowed}") from None


def check_options(*, level: float = 0.95, forest: Any = None, pi: str = "t") -> None:
    """Refuse option values before any work is done (a typo must not cost a pooling run).

    Parameters
    ----------
    level : float
        Confidence level, strictly between 0 and 1.
    forest : str or Path, optional
        Forest-plot file to write; its suffix must be one :func:`meta.forest.save_forest`
        draws.
    pi : {"t", "hts"}
        Prediction-interval method (:mod:`meta.prediction`).

    Raises
    ------
    InvalidInput
        ``level must be between 0 and 1, not 95 (95% is 0.95)``.
    RenderError
        A forest-plot suffix other than ``.png``, ``.svg`` or ``.pdf``.
    """
    if not 0 < level < 1:
        raise InvalidInput(f"level must be between 0 and 1, not {level:g} (95% is 0.95)")
    from meta.prediction import check_pi

    check_pi(pi)
    if forest is not None:
        from meta.forest import forest_format

        forest_format(forest)


@dataclass(frozen=True)
class Analysis:
    """One cell of the pooled-estimate table.

    Exactly one of ``result`` (k >= 2, pooled) and ``single`` (k = 1) is set, or neither
    when nothing could be pooled; ``note`` then says why.
    """

    outcome: str
    measure: str
    timepoint: float | None
    group: str
    k: int
    patients: int | None
    result: PoolResult | None = None
    single: StudyRow | None = None
    note: str = ""
    #: The protocol's name of a planned analysis and its time-point window (else empty).
    name: str = ""
    timepoint_label: str = ""

    @property
    def pooled(self) -> bool:
        """True when two or more studies were pooled."""
        return self.result is not None


def cells(records: pd.DataFrame) -> list[tuple[str, str, float | None, str]]:
    """Distinct (outcome, measure, time point, group) of ``records``, in reading order:
    outcome, measure, time point (unspecified last), the whole cohort before subgroups."""
    seen = set()
    for row in records.itertuples(index=False):
        tp = None if _missing(row.timepoint_months) else float(row.timepoint_months)
        group = str(row.group or "all").strip()
        seen.add((str(row.outcome), str(row.measure), tp, group))
    return sorted(seen, key=lambda c: (c[0], c[1], c[2] is None, c[2] or 0.0,
                                       c[3].lower() != "all", c[3].lower()))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def pool_records(records: pd.DataFrame, *, method: str | None = None,
                 transform: str = "logit", ci: str = "hk", level: float = 0.95,
                 cohort_sizes: dict[str, int] | None = None, pi: str = "t") -> list[Analysis]:
    """One :class:`Analysis` per cell of ``records`` (see :func:`cells`).

    Parameters
    ----------
    records : DataFrame
        As :func:`corpus.queries.records_frame` returns (already filtered by status).
    method, transform, ci, level
        As for ``casemeta pool``; ``method="GLMM"`` applies to proportions only, other
        measures then use their default (REML).
    cohort_sizes : dict, optional
        Document file name -> number of patients, for counting patients in cells whose
        records give no total (medians, hazard ratios).
    pi : {"t", "hts"}
        Prediction interval (:func:`meta.prediction.with_prediction_interval`).
    """
    from meta.prediction import with_prediction_interval

    analyses = [_analyse(records, cell, method, transform, ci, level, cohort_sizes or {})
                for cell in cells(records)]
    return [a if a.result is None else replace(a, result=with_prediction_interval(a.result, pi))
            for a in analyses]


def _cell_records(records, outcome, measure, timepoint, group):
    from meta.inputs import group_keys

    tp = records["timepoint_months"]
    same_tp = tp.isna() if timepoint is None else tp.astype(float).sub(timepoint).abs() < 1e-9
    groups = group_keys(records)
    keep = (records["outcome"] == outcome) & (records["measure"] == measure) & same_tp
    return records[keep & (groups == group.lower())]


def _analyse(records, cell, method, transform, ci, level, sizes) -> Analysis:
    from meta.inputs import pool_frame, records_to_study_frame

    outcome, measure, timepoint, group = cell
    sub = _cell_records(records, *cell)
    base = {"outcome": outcome, "measure": measure, "timepoint": timepoint, "group": group}
    try:
        studies = records_to_study_frame(sub, outcome, measure, None, group)
    except RecordConflict as exc:
        return Analysis(**base, k=sub["document"].nunique(), patients=None, note=str(exc))
    except InvalidInput as exc:
        return Analysis(**base, k=0, patients=None, note=str(exc))
    k, patients = len(studies), _patients(studies, sizes)
    if measure == "rate_at_time":
        studies = _cohort_as_total(studies, sizes)
    if method and method.upper() == "GLMM" and measure != "proportion":
        method = None
    if method and method.upper() in ("MH", "PETO"):  # two-arm methods: --compare rows only
        method = None
    try:
        result = pool_frame(studies, measure, method=method, transform=transform, ci=ci,
                            level=level)
    except TooFewStudies as exc:
        note = "not pooled (1 study)" if exc.single is not None else str(exc)
        return Analysis(**base, k=exc.k, patients=patients, single=exc.single, note=note)
    except MetaError as exc:
        if k == 1:  # nothing to weigh it against: show the study's own value as stated
            return Analysis(**base, k=1, patients=patients, single=_stated(studies),
                            note="not pooled (1 study)")
        return Analysis(**base, k=k, patients=patients, note=str(exc))
    return Analysis(**base, k=result.k, patients=patients, result=result)


def _stated(studies) -> StudyRow:
    """The single study of a cell as stated in its record (value and CI, or events/total)."""
    row = studies.iloc[0]
    value, events, total = (_number(row.get(c)) for c in ("value", "events", "total"))
    if value is None and events is not None and total:
        value = events / total
    nan = float("nan")
    low, high = _number(row.get("ci_low")), _number(row.get("ci_high"))
    return StudyRow(label=str(row["study"]), estimate=nan if value is None else value,
                    ci_low=nan if low is None else low, ci_high=nan if high is None else high,
                    yi=nan, vi=nan,
                    events=None if events is None else int(events),
                    total=None if total is None else int(total))


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _cohort_as_total(studies, sizes: dict[str, int]):
    """Rates without a CI are weighted by the number at risk; where the record gives none,
    use the study's cohort size (an upper bound of those at risk) and say so."""
    import pandas as pd

    total = pd.to_numeric(studies.get("total"), errors="coerce")
    cohort = studies["document"].map(lambda d: sizes.get(d))
    fill = total.isna() & cohort.notna()
    if not fill.any():
        return studies
    out = studies.assign(total=total.where(~fill, cohort).astype(object))
    out.attrs = dict(studies.attrs)
    out.attrs["notes"] = [*studies.attrs.get("notes", []),
                          "Cohort size used as the number at risk for: "
                          + ", ".join(studies.loc[fill, "study"]) + "."]
    return out


def _patients(studies, sizes: dict[str, int]) -> int | None:
    """Patients in the cell: each study's total, else its cohort size; None if unknown."""
    counts = []
    for row in studies.itertuples(index=False):
        total = getattr(row, "total", None)
        if not _missing(total) and total is not None:
            counts.append(int(float(total)))
        elif sizes.get(row.document):
            counts.append(int(sizes[row.document]))
        else:
            return None
    return sum(counts) if counts else None


def analyses_from_db(engine: Any, status: str = "accepted", *,
                     compare: tuple[str, str] | None = None, effect: str | None = None,
                     **options) -> list[Analysis]:
    """:func:`pool_records` over the records of a database with the given ``--status``,
    then, with ``compare``, the comparative analyses of the two named groups
    (:func:`meta.comparisons.compare_records`, effect ``OR`` by default).

    When the database has a protocol with analyses (:mod:`corpus.protocol`), those analyses
    are pooled instead of every outcome (:func:`meta.protocol_analyses.pool_protocol`).
    """
    from corpus.protocol import protocol_for
    from corpus.queries import list_studies, records_frame

    check_options(level=options.get("level", 0.95), pi=options.get("pi", "t"))
    records = records_frame(engine, statuses_for(status))
    sizes = {v.document.file_name: v.study.n_patients for v in list_studies(engine)
             if v.study is not None and v.study.n_patients}
    protocol = protocol_for(engine)
    if protocol is not None and protocol.analyses:  # the review's planned analyses only
        from meta.protocol_analyses import pool_protocol

        analyses = pool_protocol(records, protocol.analyses, cohort_sizes=sizes, **options)
    else:
        analyses = pool_records(records, cohort_sizes=sizes, **options)
    if compare is None:
        return analyses
    from meta.comparisons import compare_records

    return analyses + compare_records(records, compare, effect=effect or "OR", **options)
