"""Tables in, analysis inputs out: a spreadsheet or the curated records -> one row per study.

This is the only module of :mod:`meta` that imports pandas. A study table has a ``study``
column (the label) plus one of these column sets:

- ``events, total`` - proportions;
- ``events1, total1, events2, total2`` - two arms per study (``--effect OR|RR|RD``);
- ``yi, vi`` or ``yi, sei`` - generic effects on the model scale;
- ``value, ci_low, ci_high`` - ratios (``measure="hazard_ratio"``), medians in months
  (``"median"``) or rates at a time point (``"rate_at_time"``, 0-1 scale, ``total`` optional);

and optionally ``group``, ``ci_level``, ``status`` and numeric or categorical moderator
columns for a meta-regression (``mods``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from meta.analyses import STATUS_CHOICES
from meta.errors import InvalidInput, RecordConflict
from meta.results import PoolResult

RATIO_MEASURES = ("hazard_ratio", "ratio", "hr", "rr", "or")
VALUE_MEASURES = (*RATIO_MEASURES, "median", "rate_at_time")
TWO_ARM = ("events1", "total1", "events2", "total2")
LAYOUT_HELP = ("study plus events,total | events1,total1,events2,total2 | yi,vi | yi,sei | "
               "value,ci_low,ci_high")


def read_study_csv(path: str | Path) -> pd.DataFrame:
    """Read a study table, every cell as text (numbers are checked cell by cell later)."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        # pandas' tokenizer messages end with a newline; the error stays one line
        raise InvalidInput(f"cannot read {path}: {str(exc).strip()}") from exc
    df.columns = [str(c).strip().lower() for c in df.columns]
    return df


def detect_layout(columns, measure: str | None) -> str:
    """``proportion``, ``yi_vi``, ``yi_sei``, ``ratio``, ``median`` or ``rate_at_time``."""
    cols = set(columns)
    if "study" not in cols:
        raise InvalidInput(f"missing column 'study'; expected {LAYOUT_HELP}")
    m = (measure or "").lower()
    if set(TWO_ARM) <= cols:
        return "two_arm"
    if {"events", "total"} <= cols and m in ("", "proportion"):
        return "proportion"
    if {"yi", "vi"} <= cols:
        return "yi_vi"
    if {"yi", "sei"} <= cols:
        return "yi_sei"
    if {"value", "ci_low", "ci_high"} <= cols or ("value" in cols and m == "rate_at_time"):
        if m not in VALUE_MEASURES:
            raise InvalidInput("value,ci_low,ci_high columns need --measure hazard_ratio, "
                               "median or rate_at_time")
        return "ratio" if m in RATIO_MEASURES else m
    raise InvalidInput(f"missing columns: expected {LAYOUT_HELP}")


def _cell(raw) -> float:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return math.nan
    text = str(raw).strip()
    if text == "" or text.lower() in ("na", "nan", "nr", "none", "null"):
        return math.nan
    return float(text)


def numeric_column(df: pd.DataFrame, col: str, required: bool = True) -> np.ndarray:
    """Column ``col`` as floats; a non-numeric or (when required) empty cell raises
    ``InvalidInput`` naming the row and the study."""
    out = np.full(len(df), np.nan)
    if col not in df.columns:
        if required:
            raise InvalidInput(f"missing column {col!r}")
        return out
    for i, raw in enumerate(df[col].tolist()):
        where = f"row {i + 1} ({df['study'].iloc[i]})"
        try:
            out[i] = _cell(raw)
        except ValueError:
            raise InvalidInput(f"{where}: {col} is not a number ({str(raw).strip()!r})") from None
        if required and math.isnan(out[i]):
            raise InvalidInput(f"{where}: {col} is empty")
    return out


def pool_frame(df: pd.DataFrame, measure: str | None = None, *, method: str | None = None,
               transform: str = "logit", ci: str = "hk", level: float = 0.95,
               by: str | None = None, effect: str | None = None,
               mods: Sequence[str] | None = None, diagnostics: bool = True,
               arms: tuple[str, str] | None = None, pi: str = "t") -> PoolResult:
    """Pool a one-row-per-study table (see the module docstring for the columns).

    ``by`` names the column holding each study's subgroup; ``effect`` (OR, RR or RD) and
    ``arms`` (the two arms' names) apply to two-arm tables; ``mods`` names moderator columns
    for a meta-regression. With ``diagnostics`` (and k >= 3) leave-one-out, influence and
    the small-study block are added (:func:`meta.diagnostics.add_diagnostics`). Notes from
    ``df.attrs["notes"]`` (set by :func:`records_to_study_frame`) and about unreviewed
    records are added. ``pi`` chooses the prediction interval
    (:func:`meta.prediction.with_prediction_interval`).
    """
    from meta import pool_generic, pool_medians, pool_proportions, pool_rates, pool_ratios
    from meta.comparative import pool_two_arm
    from meta.diagnostics import add_diagnostics, add_meta_regression

    df = df.rename(columns=lambda c: str(c).strip().lower())
    layout = detect_layout(df.columns, measure)
    if (effect is not None or arms is not None) and layout != "two_arm":
        option = "--effect" if effect is not None else "--compare"
        raise InvalidInput(f"{option} applies to two-arm tables ({', '.join(TWO_ARM)})")
    labels = [str(s).strip() for s in df["study"].tolist()]
    groups = _groups(df, by)
    moderators = moderator_columns(df, mods)
    common = {"labels": labels, "method": method, "ci": ci, "level": level, "groups": groups}
    if layout == "two_arm":
        res = pool_two_arm(*(numeric_column(df, c) for c in TWO_ARM), effect=effect or "OR",
                           where=[f"row {i + 1} ({s})" for i, s in enumerate(labels)],
                           arms=tuple(arms or df.attrs.get("arms", ("arm 1", "arm 2"))),
                           **common)
    elif layout == "proportion":
        res = pool_proportions(numeric_column(df, "events"), numeric_column(df, "total"),
                               transform=transform, **common)
    elif layout in ("yi_vi", "yi_sei"):
        var = "vi" if layout == "yi_vi" else "sei"
        kw = {var: numeric_column(df, var)}
        res = pool_generic(numeric_column(df, "yi"), **kw, **common)
    else:
        res = _pool_values(df, layout, common, pool_ratios, pool_medians, pool_rates)
    from meta.prediction import with_prediction_interval

    res = with_prediction_interval(res, pi)
    res = replace(res, notes=(*res.notes, *df.attrs.get("notes", ()), *_status_notes(df)))
    if moderators:
        res = add_meta_regression(res, moderators)
    return add_diagnostics(res) if diagnostics else res


def moderator_columns(df: pd.DataFrame, mods: Sequence[str] | None) -> dict[str, list]:
    """The moderator columns named in ``mods``: floats where every cell is a number, else
    the text of each cell (a categorical moderator).

    Raises
    ------
    InvalidInput
        For a column that is not in the table, or an empty cell (naming row and study).
    """
    out = {}
    for name in mods or ():
        col = name.strip().lower()
        if col not in df.columns:
            raise InvalidInput(f"moderator column {name!r} not found; columns: "
                               f"{', '.join(df.columns)}")
        cells = [str(v).strip() for v in df[col].tolist()]
        for i, v in enumerate(cells):
            if v.lower() in ("", "na", "nan", "nr", "none", "null"):
                raise InvalidInput(f"row {i + 1} ({df['study'].iloc[i]}): moderator {col} "
                                   f"is empty")
        try:
            out[col] = [float(v) for v in cells]
        except ValueError:
            out[col] = cells
    return out


def _pool_values(df, layout, common, pool_ratios, pool_medians, pool_rates):
    value = numeric_column(df, "value")
    lo = numeric_column(df, "ci_low", required=layout == "ratio")
    hi = numeric_column(df, "ci_high", required=layout == "ratio")
    level_col = numeric_column(df, "ci_level", required=False)
    ci_level = np.where(np.isnan(level_col), 0.95, level_col)
    ci_level = np.where(ci_level > 1, ci_level / 100, ci_level)  # "95" means 0.95
    if layout == "ratio":
        return pool_ratios(value, lo, hi, ci_level=ci_level, **common)
    if layout == "median":
        return pool_medians(value, lo, hi, ci_level=ci_level, **common)
    return pool_rates(value, lo, hi, numeric_column(df, "total", required=False),
                      ci_level=ci_level, **common)


def _groups(df: pd.DataFrame, by: str | None):
    if by is None:
        return None
    col = by.strip().lower()
    if col not in df.columns:
        raise InvalidInput(f"--by column {by!r} not found; columns: {', '.join(df.columns)}")
    values = [str(v).strip() for v in df[col].tolist()]
    for i, v in enumerate(values):
        if v in ("", "nan", "None"):
            raise InvalidInput(f"row {i + 1} ({df['study'].iloc[i]}): {col} is empty")
    return values


def _status_notes(df: pd.DataFrame) -> list[str]:
    if "status" not in df.columns:
        return []
    status = [str(s).strip().lower() for s in df["status"].tolist()]
    raw = [s for s in status if s not in STATUS_CHOICES["reviewed"]]
    if not raw:
        return []
    return [f"The estimate rests on unreviewed extraction: {len(raw)} of {len(status)} "
            f"studies have records not accepted or edited by a reviewer."]


def records_to_study_frame(records: pd.DataFrame, outcome: str, measure: str | None = None,
                           timepoint: float | None = None, group: str | None = "all"
                           ) -> pd.DataFrame:
    """Select the records to pool and return one row per study.

    Parameters
    ----------
    records : DataFrame
        Columns document, study_label, outcome, measure, group, events, total, value,
        ci_low, ci_high, ci_level, timepoint_months, status, id.
    outcome : str
    measure : str, optional
        Needed when the outcome has records of several measures.
    timepoint : float, optional
        Months; needed when the selected records have several time points.
    group : str or None
        Patient group (case- and space-insensitive), ``"all"`` by default; None takes every
        group except ``all`` (one row per document and group, for ``--by group``).

    Records with status ``rejected`` are never used.

    Raises
    ------
    InvalidInput
        Nothing to pool, or an ambiguous measure/timepoint.
    RecordConflict
        A document has several records for the same outcome/measure/timepoint/group:
        reported, never double counted.
    """
    status = records["status"].fillna("").astype(str).str.strip().str.lower()
    sel = records[(records["outcome"] == outcome) & (status != "rejected")]  # never pooled
    if sel.empty:
        outcomes = sorted(set(records["outcome"].dropna()))
        hint = _did_you_mean(outcome, outcomes)
        raise InvalidInput(f"no records for outcome {outcome!r}{hint} "
                           f"(outcomes: {', '.join(outcomes) or 'none'})")
    measure = _choose(sel, "measure", measure, outcome)
    sel = sel[sel["measure"] == measure]
    sel = _select_timepoint(sel, timepoint, f"{outcome}/{measure}")
    norm = group_keys(sel)
    groups = sorted(set(norm))
    sel = sel[norm != "all"] if group is None else sel[norm == group.strip().lower()]
    if sel.empty:
        hint = "" if group is None else _did_you_mean(group.strip(), groups)
        raise InvalidInput(f"no {outcome}/{measure} records for group {group or 'subgroups'!r}"
                           f"{hint} (groups: {', '.join(groups)})")
    _check_conflicts(sel, f"{outcome}/{measure}")
    return _study_rows(sel, measure, group is None)


def _did_you_mean(value: str, allowed) -> str:
    from corpus.vocabulary import did_you_mean  # lazily, so ``import meta`` stays light

    return did_you_mean(value, allowed)


def group_keys(records: pd.DataFrame) -> pd.Series:
    """Each record's group as compared when selecting: stripped, lower case, missing = all."""
    return records["group"].fillna("all").astype(str).str.strip().str.lower()


def _choose(sel, col, wanted, outcome):
    values = sorted(set(sel[col].dropna()))
    if wanted is not None:
        if wanted not in values:
            raise InvalidInput(f"no {outcome} records with {col} {wanted!r}"
                               f"{_did_you_mean(wanted, values)} (available: {', '.join(values)})")
        return wanted
    if len(values) > 1:
        raise InvalidInput(f"{outcome} has records of several measures ({', '.join(values)}); "
                           f"choose one with --measure")
    return values[0]


def _select_timepoint(sel, timepoint, what):
    tp = pd.to_numeric(sel["timepoint_months"], errors="coerce")
    if timepoint is not None:
        return sel[np.isclose(tp, float(timepoint))]
    distinct = sorted({None if pd.isna(t) else float(t) for t in tp}, key=lambda t: (t is None, t))
    if len(distinct) > 1:
        shown = ", ".join("unspecified" if t is None else f"{t:g}" for t in distinct)
        raise InvalidInput(f"{what} has records at several time points ({shown} months); "
                           f"choose one with --timepoint")
    return sel


def _check_conflicts(sel, what):
    key = group_keys(sel)
    counts = sel.groupby([sel["document"], key]).size()
    bad = counts[counts > 1]
    if bad.empty:
        return
    conflicts = []
    for doc, grp in bad.index:
        ids = sel[(sel["document"] == doc) & (key == grp)]["id"].tolist()
        conflicts.append((doc, ids))
    shown = "; ".join(f"{doc} (records {', '.join(str(i) for i in ids)})"
                      for doc, ids in conflicts)
    raise RecordConflict(f"conflicting {what} records (one study may count once): {shown}; "
                         f"accept one and reject the others", conflicts)


def _study_rows(sel, measure, by_group) -> pd.DataFrame:
    labels = sel["study_label"].fillna(sel["document"]).astype(str)
    if by_group:
        labels = labels + " (" + sel["group"].astype(str) + ")"
    dup = labels.duplicated(keep=False)
    labels = labels.where(~dup, labels + " [" + sel["document"].astype(str) + "]")
    out = pd.DataFrame({
        "study": labels.to_numpy(), "document": sel["document"].to_numpy(),
        "group": sel["group"].fillna("all").to_numpy(), "events": sel["events"].to_numpy(),
        "total": sel["total"].to_numpy(), "value": sel["value"].to_numpy(),
        "ci_low": sel["ci_low"].to_numpy(), "ci_high": sel["ci_high"].to_numpy(),
        "ci_level": sel["ci_level"].to_numpy(), "status": sel["status"].to_numpy(),
        "record_id": sel["id"].to_numpy(),
    })
    out.attrs["notes"] = []
    if measure == "proportion":
        out = _events_from_values(out)
    out.attrs["measure"] = measure
    return out


def _events_from_values(out: pd.DataFrame) -> pd.DataFrame:
    """Proportion records stated only as a percentage of a known total get
    events = round(value x total); records with neither are left out, and the notes say so."""
    ev = pd.to_numeric(out["events"], errors="coerce")
    tot = pd.to_numeric(out["total"], errors="coerce")
    val = pd.to_numeric(out["value"], errors="coerce")
    derive = ev.isna() & tot.notna() & val.notna()
    notes = list(out.attrs.get("notes", []))
    if derive.any():
        ev = ev.where(~derive, (val * tot).round())
        notes.append("Events derived as round(proportion x total) for: "
                     + ", ".join(out.loc[derive, "study"]) + ".")
    unusable = ev.isna() | tot.isna()
    if unusable.any():
        notes.append("Left out (no events/total): " + ", ".join(out.loc[unusable, "study"]) + ".")
    out = out.assign(events=ev, total=tot)[~unusable].reset_index(drop=True)
    out.attrs["notes"] = notes
    return out
