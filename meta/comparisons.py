"""Comparative analyses for the pooled table and the report: for each outcome and time point
with events/total records of both named groups, the two arms paired per document and pooled
as a two-arm analysis (:func:`meta.arm_pairs.records_to_two_arm_frame`)."""

from __future__ import annotations

import pandas as pd

from meta.analyses import Analysis, cells
from meta.arm_pairs import records_to_two_arm_frame
from meta.errors import MetaError, TooFewStudies
from meta.inputs import group_keys
from meta.two_arm import EFFECT_NAMES, effect_code


def compare_records(records: pd.DataFrame, arms: tuple[str, str], *, effect: str = "OR",
                    method: str | None = None, ci: str = "hk", level: float = 0.95,
                    **_ignored) -> list[Analysis]:
    """One :class:`Analysis` per outcome x time point where either arm has proportion records.

    ``measure`` of each analysis is the effect's name (``odds ratio`` ...), ``group`` is
    ``"A vs B"``; an outcome where no document reports both arms gets a note, not a result.
    Options other than ``method``, ``ci`` and ``level`` (``transform``) do not apply.
    """
    from meta.inputs import pool_frame

    effect = effect_code(effect)
    wanted = {a.strip().lower() for a in arms}
    sel = records[(records["measure"] == "proportion") & group_keys(records).isin(wanted)]
    seen = sorted({(o, tp) for o, _, tp, _ in cells(sel)},
                  key=lambda c: (c[0], c[1] is None, c[1] or 0.0))
    out = []
    for outcome, timepoint in seen:
        base = {"outcome": outcome, "measure": EFFECT_NAMES[effect].replace(" ", "_"),
                "timepoint": timepoint, "group": f"{arms[0]} vs {arms[1]}"}
        sub = sel[sel["outcome"] == outcome]
        tp = sub["timepoint_months"]
        sub = sub[tp.isna()] if timepoint is None else sub[tp.astype(float) == timepoint]
        try:
            frame = records_to_two_arm_frame(sub, outcome, arms, "proportion")
            res = pool_frame(frame, effect=effect, method=method, ci=ci, level=level)
        except TooFewStudies as exc:
            out.append(Analysis(**base, k=exc.k, patients=None, single=exc.single,
                                note="not pooled (1 study)" if exc.single else str(exc)))
            continue
        except MetaError as exc:
            out.append(Analysis(**base, k=0, patients=None, note=str(exc)))
            continue
        patients = int(sum(s.total + s.total2 for s in res.studies))
        out.append(Analysis(**base, k=res.k, patients=patients, result=res))
    return out
