"""The analyses a review protocol plans, pooled from the records that qualify for them.

A record qualifies for an analysis when its outcome and measure match, its time point lies
in the analysis's window and its group label maps to one of the analysis's arms. When several
records of one study qualify for the same arm (two time points in the window, two labels of
one arm), the analysis's rule picks one, and the pooled result says which. Each arm becomes one
:class:`~meta.analyses.Analysis` named after the protocol's analysis, its time point shown as
the window.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from meta.analyses import Analysis, pool_records

if TYPE_CHECKING:
    import pandas as pd

    from corpus.protocol import AnalysisSpec

#: Sort key (column, ascending) of each choice rule; ties go to the lowest record id.
_ORDER = {
    "longest_follow_up": ("timepoint_months", False),
    "shortest_follow_up": ("timepoint_months", True),
    "largest_sample": ("total", False),
}


def qualifying_records(records: pd.DataFrame, spec: AnalysisSpec) -> pd.DataFrame:
    """The records of ``spec``: one per study and arm, ``group`` set to the arm.

    Returns a frame with the columns of ``records`` plus ``arm``, ``chosen_from`` (how many
    records of that study and arm qualified) and ``timepoint_months`` emptied, since the
    window, not one time point, describes the analysis (the record's own is ``record_months``).
    """
    import pandas as pd

    status = records["status"].fillna("").astype(str).str.lower()
    sel = records[(records["outcome"] == spec.outcome) & (records["measure"] == spec.measure)
                  & (status != "rejected")]  # fmt: skip
    months = pd.to_numeric(sel["timepoint_months"], errors="coerce")
    if spec.window is not None:
        sel = sel[months.between(*spec.window)]
    arms = sel["group"].map(spec.arm_of)
    sel = sel.assign(arm=arms)[arms.notna()]
    column, ascending = _ORDER[spec.choose]
    key = pd.to_numeric(sel[column], errors="coerce")
    ordered = sel.assign(_key=key).sort_values(
        ["_key", "id"], ascending=[ascending, True], na_position="last"
    )
    grouped = ordered.groupby(["document", "arm"], sort=False)
    chosen = grouped.head(1).assign(chosen_from=grouped["id"].transform("size"))
    return chosen.drop(columns="_key").assign(
        group=chosen["arm"], record_months=chosen["timepoint_months"], timepoint_months=None
    )


def pool_protocol(records: pd.DataFrame, specs: tuple[AnalysisSpec, ...],
                  **options: Any) -> list[Analysis]:
    """One :class:`Analysis` per planned analysis and arm, in the protocol's order.

    ``options`` are those of :func:`meta.analyses.pool_records`. An analysis no record
    qualifies for is kept, with k = 0 and a note, so the table shows what was planned.
    """
    out: list[Analysis] = []
    for spec in specs:
        chosen = qualifying_records(records, spec)
        label = {"name": spec.name, "timepoint_label": spec.window_text()}
        if chosen.empty:
            out.append(Analysis(spec.outcome, spec.measure, None, "all", 0, None,
                                note="no qualifying records", **label))  # fmt: skip
            continue
        for analysis in pool_records(chosen, **options):
            note = choice_note(chosen[chosen["arm"] == analysis.group], spec)
            out.append(dataclasses.replace(_with_note(analysis, note), **label))
    return out


def choice_note(chosen: pd.DataFrame, spec: AnalysisSpec) -> str:
    """Which records were chosen where several of one study qualified (``""``: none)."""
    several = chosen[chosen["chosen_from"] > 1]
    if several.empty:
        return ""
    rule = spec.choose.replace("_", " ")
    picks = ", ".join(f"{row.study_label} (record {row.id} of {row.chosen_from})"
                      for row in several.itertuples(index=False))  # fmt: skip
    return f"One record per study by {rule}: {picks}."


def _with_note(analysis: Analysis, note: str) -> Analysis:
    if not note:
        return analysis
    if analysis.result is not None:
        result = dataclasses.replace(analysis.result, notes=(*analysis.result.notes, note))
        return dataclasses.replace(analysis, result=result)
    return dataclasses.replace(analysis, note=" ".join(p for p in (analysis.note, note) if p))


def planned_study_frame(records: pd.DataFrame, spec: AnalysisSpec, arm: str | None = None):
    """The study frame ``casemeta pool`` pools for one planned analysis (one arm, or all).

    ``arm`` ``None`` (or ``"all"`` when no arm is called so) takes every arm, one row per
    study and arm, as ``--by group`` pools them.
    """
    from meta.inputs import records_to_study_frame

    chosen = qualifying_records(records, spec)
    arms = set(chosen["arm"])
    if arm == "all" and "all" not in arms and arms:
        arm = None  # the default group of `pool`: every arm of the analysis (use --by group)
    return records_to_study_frame(chosen, spec.outcome, spec.measure, None, arm)
