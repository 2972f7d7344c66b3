"""Binomial-normal random-intercept model for single proportions (metafor
``rma.glmm(measure = "PLO")``, which fits lme4 ``glmer(cbind(x, n - x) ~ 1 + (1 | study),
family = binomial, nAGQ = 7)`` by maximum likelihood).

The marginal likelihood of each study integrates the binomial likelihood over the random
intercept by adaptive Gauss-Hermite quadrature centred on the conditional mode, which always
exists (the N(0, 1) prior on the spherical random effect keeps the log integrand strictly
concave), so studies with 0% or 100% events need no continuity correction.

References
----------
Stijnen, T., Hamza, T. H., & Ozdemir, P. (2010). Random effects meta-analysis of event
outcome in the framework of the generalized linear mixed model with applications in sparse
data. *Statistics in Medicine*, 29(29), 3046-3067.
Pinheiro, J. C., & Bates, D. M. (1995). Approximations to the log-likelihood function in the
nonlinear mixed-effects model. *Journal of Computational and Graphical Statistics*, 4(1),
12-35.
Bates, D., Machler, M., Bolker, B., & Walker, S. (2015). Fitting linear mixed-effects models
using lme4. *Journal of Statistical Software*, 67(1), 1-48.
Schwarzer, G., Chemaitelly, H., Abu-Raddad, L. J., & Rucker, G. (2019). Seriously
misleading results using inverse of Freeman-Tukey double arcsine transformation in
meta-analysis of single proportions. *Research Synthesis Methods*, 10(3), 476-483.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from meta.distributions import Reference, norm_isf
from meta.effect_sizes import check_counts, proportion_effects
from meta.errors import ConvergenceError, TooFewStudies
from meta.heterogeneity import cochran_q, i2_h2
from meta.results import GlmmResult

NAGQ = 7  # lme4/metafor default number of adaptive Gauss-Hermite nodes
HESSIAN_STEP = 1e-4  # lme4 deriv12() central-difference step for the Hessian of the deviance
MODE_TOL = 1e-12  # conditional-mode Newton stopping rule (|step| in spherical units)
# Beyond these the ML estimates are running off to infinity (all studies 0%, or only 0% and
# 100% studies: quasi-separation), so report failure and let the caller fall back.
DIVERGED_TAU2 = 100.0  # same bound as metafor's tau2.max
DIVERGED_LOGIT = 15.0  # |beta| > 15 means a pooled proportion below 3e-7 or above 1 - 3e-7
_NODES, _W = np.polynomial.hermite_e.hermegauss(NAGQ)
_W = _W / np.sqrt(2 * np.pi)  # weights of the standard-normal rule (they sum to 1)


def _conditional_modes(x, n, beta, theta):
    """Mode of h(u) = x*eta - n*log(1+e^eta) - u^2/2, eta = beta + theta*u, per study.

    h is strictly concave, so Newton's method with step halving (needed when theta is
    large and the logistic curve is steep) converges from u = 0.
    """
    u = np.zeros_like(x)
    h = _log_integrand(x, n, beta, theta, u)
    for _ in range(200):
        mu = special.expit(beta + theta * u)
        step = (theta * (x - n * mu) - u) / (theta**2 * n * mu * (1 - mu) + 1)
        for _ in range(60):
            h_new = _log_integrand(x, n, beta, theta, u + step)
            worse = h_new < h - 1e-12 * np.abs(h)
            if not worse.any():
                break
            step = np.where(worse, step / 2, step)
        u, h = u + step, h_new
        if np.max(np.abs(step)) < MODE_TOL:
            return u
    raise ConvergenceError("GLMM: conditional modes of the random effects did not converge")


def _log_integrand(x, n, beta, theta, u):
    eta = beta + theta * u
    return x * eta - n * np.logaddexp(0, eta) - 0.5 * u**2


def deviance(params, x, n) -> float:
    """-2 x adaptive-GHQ marginal log-likelihood, up to a constant (lme4's AGQ deviance)."""
    beta, theta = params[0], abs(params[1])  # the likelihood is even in theta
    u_hat = _conditional_modes(x, n, beta, theta)
    mu = special.expit(beta + theta * u_hat)
    s = 1 / np.sqrt(theta**2 * n * mu * (1 - mu) + 1)
    z = u_hat[:, None] + s[:, None] * _NODES[None, :]
    h = _log_integrand(x[:, None], n[:, None], beta, theta, z) + 0.5 * _NODES[None, :] ** 2
    log_int = np.log(s) + special.logsumexp(h, b=_W[None, :], axis=1)
    return float(-2 * np.sum(log_int))


def _hessian(f, p, step=HESSIAN_STEP):
    d = len(p)
    H = np.empty((d, d))
    f0 = f(p)
    for i in range(d):
        ei = np.eye(d)[i] * step
        H[i, i] = (f(p + ei) - 2 * f0 + f(p - ei)) / step**2
        for j in range(i):
            ej = np.eye(d)[j] * step
            H[i, j] = H[j, i] = (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej)
                                 + f(p - ei - ej)) / (4 * step**2)
    return H


def _start(x, n):
    beta0 = float(special.logit((x.sum() + 0.5) / (n.sum() + 1)))
    return np.array([beta0, 0.5])


def fit_glmm(events, totals, level: float = 0.95, labels=None) -> GlmmResult:
    """ML fit of logit(p_i) = beta + b_i, b_i ~ N(0, tau^2), x_i ~ Bin(n_i, p_i).

    Parameters
    ----------
    events, totals : array_like, shape (k,)
    level : float
        Level of the Wald CI of beta.

    Returns
    -------
    GlmmResult
        On the logit scale; ``se`` from the inverse Hessian of the deviance in
        (beta, tau) (lme4's default ``vcov``); Q, I^2 and H^2 as metafor reports them for
        ``rma.glmm`` (Q from the logit inverse-variance fit, I^2 from tau^2 and the typical
        within-study variance of the continuity-corrected logits).

    Raises
    ------
    TooFewStudies
        For k < 2.
    ConvergenceError
        When the optimiser fails or the information matrix is not positive definite.
    """
    x, n = check_counts(events, totals, labels)
    k = x.size
    if k < 2:
        raise TooFewStudies(k, f"need at least 2 studies to pool, got {k}")
    f = lambda p: deviance(p, x, n)  # noqa: E731 - closure over the data
    from scipy import optimize  # slow to import; only needed here

    res = optimize.minimize(f, _start(x, n), method="Nelder-Mead",
                            options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 4000})
    if not res.success:
        raise ConvergenceError(f"GLMM: optimiser failed ({res.message})")
    beta, theta = float(res.x[0]), abs(float(res.x[1]))
    if theta**2 > DIVERGED_TAU2 or abs(beta) > DIVERGED_LOGIT:
        raise ConvergenceError(f"GLMM: ML estimates diverge (logit {beta:.3g}, tau2 "
                               f"{theta**2:.3g}); the data do not identify the model")
    p_hat = np.array([beta, theta])
    se = _beta_se(f, p_hat)
    z = norm_isf((1 - level) / 2)
    es = proportion_effects(x, n, "PLO")
    het = cochran_q(es.yi, es.vi, np.ones((k, 1)))
    i2, h2 = i2_h2(het, theta**2, "GLMM")
    stat = beta / se
    return GlmmResult(
        estimate=beta, se=se, ci_low=beta - z * se, ci_high=beta + z * se, stat=stat,
        p_value=float(2 * Reference().sf(abs(stat))), tau2=theta**2, i2=i2, h2=h2, q=het.q,
        q_df=het.df, q_pvalue=het.p_value, k=k, level=level, deviance=float(res.fun),
        nagq=NAGQ, weights=_weights(x, n, beta, theta),
    )


def _beta_se(f, p_hat) -> float:
    H = _hessian(f, p_hat)
    try:
        inv = np.linalg.inv(H)
    except np.linalg.LinAlgError:
        inv = None
    if inv is not None and np.all(np.linalg.eigvalsh(inv) > 0):
        return float(np.sqrt(2 * inv[0, 0]))
    if H[0, 0] > 0:  # lme4 also falls back to the conditional (beta-only) information
        return float(np.sqrt(2 / H[0, 0]))
    raise ConvergenceError("GLMM: information matrix is not positive definite")


def _weights(x, n, beta, theta) -> tuple[float, ...]:
    """Approximate study weights (percent): inverse of the binomial variance of the logit at
    the fitted mean plus tau^2. The GLMM has no inverse-variance weights; these are for
    display only."""
    mu = special.expit(beta)
    w = 1 / (1 / (n * mu * (1 - mu)) + theta**2)
    return tuple(float(v) for v in 100 * w / w.sum())
