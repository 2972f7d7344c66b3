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
        return {k: _plain(v) for k, v in out.items()}
