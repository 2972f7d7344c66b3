"""Frozen, typed result objects of the meta-analysis engine.

Estimation functions return these; nothing here computes statistics. Every class has
``to_dict()`` returning plain JSON-serialisable values (NaN becomes ``None``). Other
packages (plots, tables, reports) build on these classes, so fields are only ever added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

from meta.display import pi_method


def _plain(value):
    """Convert a field value to JSON-friendly Python (NaN/inf -> None, tuples -> lists)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _AsDict:
    def to_dict(self) -> dict:
        """All fields as plain JSON-serialisable values."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class RmaResult(_AsDict):
    """A fitted intercept-only (random- or common-effect) model on the model scale.

    ``test`` is ``"z"`` (Wald), ``"knha"`` (Hartung-Knapp-Sidik-Jonkman, t with k-1 df) or
    ``"hk-adhoc"`` (HKSJ with the scale factor never below 1). ``i2`` is in percent and, as
    in metafor, uses the "typical" within-study variance. ``weights`` are percentages.
    """

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    stat: float
    p_value: float
    df: float  # NaN for Wald tests
    pi_low: float
    pi_high: float
    tau2: float
    se_tau2: float
    tau2_ci_low: float
    tau2_ci_high: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_pvalue: float
    k: int
    method: str
    test: str
    level: float
    weights: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlmmResult(_AsDict):
    """Binomial-normal random-intercept model for proportions (logit scale), fitted by ML."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    stat: float
    p_value: float
    tau2: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_pvalue: float
    k: int
    level: float
    deviance: float
    nagq: int
    method: str = "GLMM"
    test: str = "z"
    weights: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StudyRow(_AsDict):
    """One study as a reader sees it: its own estimate and CI on the natural scale.

    For proportions ``ci_low``/``ci_high`` are exact Clopper-Pearson limits; ``yi``/``vi`` are
    the model-scale effect and variance actually pooled; ``weight`` is in percent.
    """

    label: str
    estimate: float
    ci_low: float
    ci_high: float
    yi: float
    vi: float
    weight: float = float("nan")
    events: int | None = None
    total: int | None = None
    group: str | None = None
    events2: int | None = None  # two-arm studies: ``events``/``total`` are arm 1's
    total2: int | None = None


@dataclass(frozen=True)
class EggerResult(_AsDict):
    """Egger's regression test (metafor ``regtest(model="lm", predictor="sei")``)."""

    intercept: float
    stat: float
    p_value: float
    df: int
    k: int
    note: str = ""


@dataclass(frozen=True)
class LeaveOneOut(_AsDict):
    """Per-study leave-one-out refits on the model scale (index i = study i omitted)."""

    labels: tuple[str, ...]
    estimate: tuple[float, ...]
    se: tuple[float, ...]
    ci_low: tuple[float, ...]
    ci_high: tuple[float, ...]
    tau2: tuple[float, ...]
    i2: tuple[float, ...]
    q: tuple[float, ...]


@dataclass(frozen=True)
class GroupFit(_AsDict):
    """A subgroup's own pooled estimate (model scale and natural scale)."""

    group: str
    k: int
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    tau2: float
    i2: float
    natural: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SubgroupResult(_AsDict):
    """Test for subgroup differences.

    ``q_between`` compares the separately pooled subgroup estimates (df = groups - 1);
    ``qm`` is metafor's omnibus test of ``mods = ~ factor(group)`` in a mixed-effects model
    with a common tau^2 (REML by default).
    """

    groups: tuple[GroupFit, ...]
    q_between: float
    q_between_df: int
    q_between_p: float
    qm: float
    qm_df: int
    qm_p: float
    qm_tau2: float
    qm_method: str


@dataclass(frozen=True)
class ModelScale(_AsDict):
    """The pooled estimate on the model scale (logit, FT, log, cloglog, ...) exactly as metafor
    reports it; ``df`` is NaN for Wald (z) intervals."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    pi_low: float
    pi_high: float
    stat: float
    p_value: float
    df: float


@dataclass(frozen=True)
class PoolResult:
    """Everything a reader needs about one pooled analysis.

    Natural-scale values (``estimate``, ``ci_low``, ... ``pi_high``) are proportions for
    proportions and rates, ratios for hazard ratios, months for medians. ``method`` is the
    estimator actually used (after any fallback, see ``notes``); ``method_requested`` is what
    was asked for. ``kind`` is one of ``proportion``, ``rate_at_time``, ``median``,
    ``ratio``, ``generic``.
    """

    kind: str
    k: int
    method: str
    method_requested: str
    transform: str
    ci: str
    level: float
    estimate: float
    ci_low: float
    ci_high: float
    pi_low: float
    pi_high: float
    tau2: float
    se_tau2: float
    tau2_ci_low: float
    tau2_ci_high: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_p: float
    transformed: ModelScale
    studies: tuple[StudyRow, ...]
    subgroups: SubgroupResult | None = None
    notes: tuple[str, ...] = ()
    effect: str | None = None  # OR, RR or RD for two-arm analyses
    arms: tuple[str, str] | None = None  # names of the two arms compared
    meta_regression: MetaRegression | None = None
    small_study: SmallStudy | None = None
    leave_one_out: LeaveOneOut | None = None
    influential: tuple[str, ...] = ()  # studies whose omission moves the estimate out of the CI
    #: How the prediction interval was made: ``t`` (metafor: t with k - 1 df with a
    #: Hartung-Knapp CI, else normal) or ``hts`` (Higgins-Thompson-Spiegelhalter, t with k - 2
    #: df, as R meta); see :mod:`meta.prediction`.
    pi: str = "t"
    #: Model scale -> natural scale, kept to recompute intervals (never serialised).
    back: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        """The JSON object of ``casemeta pool --format json`` (issue 4)."""
        out = {
            "k": self.k, "kind": self.kind, "method": self.method,
            "method_requested": self.method_requested, "transform": self.transform,
            "ci": self.ci, "level": self.level,
            "estimate": self.estimate, "ci_low": self.ci_low, "ci_high": self.ci_high,
            "pi_low": self.pi_low, "pi_high": self.pi_high,
            "pi_method": (pi_method(self.ci, self.k, self.pi) if math.isfinite(self.pi_low)
                          else None),
            "tau2": self.tau2, "se_tau2": self.se_tau2, "tau2_ci_low": self.tau2_ci_low,
            "tau2_ci_high": self.tau2_ci_high, "I2": self.i2, "H2": self.h2, "Q": self.q,
            "Q_df": self.q_df, "Q_p": self.q_p,
            "transformed": self.transformed, "studies": list(self.studies),
            "subgroups": self.subgroups, "notes": list(self.notes),
        }
        optional = {"effect": self.effect, "arms": self.arms,
                    "meta_regression": self.meta_regression, "small_study": self.small_study,
                    "leave_one_out": self.leave_one_out}
        out.update({k: v for k, v in optional.items() if v is not None})
        if self.leave_one_out is not None:
            out["influential"] = list(self.influential)
        return {k: _plain(v) for k, v in out.items()}


@dataclass(frozen=True)
class Coefficient(_AsDict):
    """One meta-regression coefficient with its Wald (z) or t test."""

    term: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    stat: float
    p: float


@dataclass(frozen=True)
class MetaRegression:
    """A mixed-effects meta-regression (metafor ``rma(yi, vi, mods = ...)``).

    ``qm`` is the omnibus test of every coefficient but the intercept: chi^2 on ``qm_df``
    df for Wald tests, F on (``qm_df``, ``qm_df2``) with Hartung-Knapp (``qm_dist``).
    ``qe`` tests residual heterogeneity; ``r2`` is the pseudo-R^2 in percent (0 when the
    intercept-only tau^2 is 0, as in metafor; NaN for FE); ``i2`` is residual I^2.
    """

    coefficients: tuple[Coefficient, ...]
    qm: float
    qm_df: int
    qm_df2: float
    qm_p: float
    qm_dist: str
    qe: float
    qe_df: int
    qe_p: float
    tau2: float
    i2: float
    r2: float
    k: int
    method: str
    test: str
    level: float

    def to_dict(self) -> dict:
        """The ``meta_regression`` object of ``casemeta pool --mods ... --format json``."""
        out = {"coefficients": [c.to_dict() for c in self.coefficients], "QM": self.qm,
               "QM_df": self.qm_df, "QM_df2": self.qm_df2, "QM_p": self.qm_p,
               "QM_dist": self.qm_dist, "QE": self.qe, "QE_df": self.qe_df, "QE_p": self.qe_p,
               "tau2": self.tau2, "I2": self.i2, "R2": self.r2, "k": self.k,
               "method": self.method, "test": self.test, "level": self.level}
        return {k: _plain(v) for k, v in out.items()}


@dataclass(frozen=True)
class RankTest(_AsDict):
    """Begg and Mazumdar's rank-correlation test (metafor ``ranktest``): Kendall's tau-b."""

    tau: float
    p: float
    exact: bool
    k: int


@dataclass(frozen=True)
class TrimFill(_AsDict):
    """Duval and Tweedie's trim-and-fill (metafor ``trimfill``, estimator L0), model scale.

    ``filled_yi``/``filled_vi`` are the imputed studies; ``estimate`` ... ``tau2`` are those
    of the model refitted with them (the original model when ``k0`` is 0).
    """

    k0: int
    side: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    tau2: float
    filled_yi: tuple[float, ...]
    filled_vi: tuple[float, ...]


@dataclass(frozen=True)
class SmallStudy:
    """The small-study-effect block of an analysis; ``notes`` say when k < 10."""

    egger: EggerResult
    rank_correlation: RankTest
    trim_and_fill: TrimFill
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """``egger`` (``stat``, ``p``), ``rank_correlation`` (``tau``, ``p``),
        ``trim_and_fill`` (``k0``, ``side``, ``estimate``, ``ci_low``, ``ci_high``, ``tau2``)."""
        eg = self.egger
        out = {"egger": {"stat": eg.stat, "p": eg.p_value, "coefficient": eg.intercept,
                         "df": eg.df, "k": eg.k},
               "rank_correlation": self.rank_correlation.to_dict(),
               "trim_and_fill": self.trim_and_fill.to_dict(), "notes": list(self.notes)}
        return _plain(out)
