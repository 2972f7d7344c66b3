"""Random-effects meta-analysis that agrees with R's metafor, for small case series.

Pure numpy/scipy; results are frozen dataclasses with ``to_dict()``; nothing prints.

High-level entry points (natural-scale results, notes, study rows):

- :func:`pool_proportions` (events/totals; GLMM by default),
- :func:`pool_generic` (yi with vi or sei), :func:`pool_ratios` (HR etc. with CIs),
- :func:`pool_medians`, :func:`pool_rates` (survival rate at a time point, cloglog),
- :func:`pool_frame` (a pandas DataFrame, one row per study),
- :func:`records_to_study_frame` (curated records -> one row per study, conflicts refused),
- :func:`pool_two_arm` (events/totals of two arms: OR, RR, RD; MH and Peto).

Comparative and diagnostic engine functions (issue 14): :func:`meta_regression`,
:func:`small_study_effects` (:func:`regression_test`, :func:`rank_test`,
:func:`trim_and_fill`), :func:`add_diagnostics`, :func:`mantel_haenszel`, :func:`peto`.

Engine functions: :func:`fit_rma`, :func:`fit_glmm`, :func:`estimate_tau2`,
:func:`proportion_effects`, :func:`egger_test`, :func:`leave_one_out`,
:func:`subgroup_analysis`. Errors derive from :class:`MetaError`.
"""

from __future__ import annotations

from meta.bias import egger_test
from meta.comparative import pool_two_arm
from meta.diagnostics import add_diagnostics, add_meta_regression
from meta.effect_sizes import back_transform, clopper_pearson, proportion_effects
from meta.errors import ConvergenceError, InvalidInput, MetaError, RecordConflict, TooFewStudies
from meta.glmm import fit_glmm
from meta.influence import leave_one_out
from meta.mantel_haenszel import mantel_haenszel, peto
from meta.medians import pool_medians
from meta.model import fit_rma
from meta.pooling import pool_generic, pool_ratios
from meta.proportions import pool_proportions
from meta.regression import meta_regression
from meta.results import (
    EggerResult,
    GlmmResult,
    GroupFit,
    LeaveOneOut,
    ModelScale,
    PoolResult,
    RmaResult,
    StudyRow,
    SubgroupResult,
)
from meta.small_study import rank_test, regression_test, small_study_effects, trim_and_fill
from meta.subgroups import subgroup_analysis
from meta.survival import pool_rates
from meta.tau2 import METHODS, estimate_tau2

__all__ = [
    "METHODS", "ConvergenceError", "EggerResult", "GlmmResult", "GroupFit", "InvalidInput",
    "LeaveOneOut", "MetaError", "ModelScale", "PoolResult", "RecordConflict", "RmaResult",
    "StudyRow", "SubgroupResult", "TooFewStudies", "back_transform", "clopper_pearson",
    "egger_test", "estimate_tau2", "fit_glmm", "fit_rma", "leave_one_out", "pool_frame",
    "pool_generic", "pool_medians", "pool_proportions", "pool_rates", "pool_ratios",
    "proportion_effects", "records_to_study_frame", "subgroup_analysis",
    "add_diagnostics", "add_meta_regression", "mantel_haenszel", "meta_regression", "peto",
    "pool_two_arm", "rank_test", "regression_test", "small_study_effects", "trim_and_fill",
]


def __getattr__(name: str):
    # pandas is imported only when a DataFrame entry point is used, to keep `import meta` fast
    if name in ("pool_frame", "records_to_study_frame", "read_study_csv"):
        from meta import inputs

        return getattr(inputs, name)
    raise AttributeError(f"module 'meta' has no attribute {name!r}")
