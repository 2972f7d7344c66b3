"""Bad input gives one clear line naming the study and the problem."""

from __future__ import annotations

import re

import pytest

from meta import (
    InvalidInput,
    TooFewStudies,
    egger_test,
    fit_rma,
    pool_generic,
    pool_medians,
    pool_proportions,
    pool_rates,
    pool_ratios,
)


def test_no_studies():
    with pytest.raises(TooFewStudies, match=r"^no studies to pool$") as err:
        pool_proportions([], [], method="REML")
    assert err.value.k == 0


def test_single_study_is_reported_not_pooled():
    with pytest.raises(TooFewStudies) as err:
        pool_proportions([12], [41], labels=["Smith 2020"])
    assert str(err.value) == ("only one study (Smith 2020): no pooling; its own estimate is "
                              "0.2927 (CI 0.1613 to 0.4554)")
    assert err.value.k == 1
    assert err.value.single.events == 12 and err.value.single.total == 41


def test_events_exceed_total():
    with pytest.raises(InvalidInput, match=re.escape("B: events (7) exceed total (5)")):
        pool_proportions([1, 7], [10, 5], labels=["A", "B"])


@pytest.mark.parametrize("total", [0, -3])
def test_total_not_positive(total):
    msg = f"study 2: total must be > 0 (got {total})"
    with pytest.raises(InvalidInput, match=re.escape(msg)):
        pool_proportions([1, 0], [10, total])


def test_negative_events():
    with pytest.raises(InvalidInput, match=re.escape("A: events must be >= 0 (got -1)")):
        pool_proportions([-1, 2], [10, 5], labels=["A", "B"])


@pytest.mark.parametrize("vi", [0.0, -0.1])
def test_variance_not_positive(vi):
    msg = f"study 2: variance must be > 0 (got {vi:g})"
    with pytest.raises(InvalidInput, match=re.escape(msg)):
        pool_generic([0.1, 0.2, 0.3], [0.1, vi, 0.2])


def test_ci_not_containing_estimate():
    msg = "Jones 2019: CI 0.9 to 1.5 does not contain the estimate 0.7"
    with pytest.raises(InvalidInput, match=re.escape(msg)):
        pool_ratios([0.8, 0.7], [0.5, 0.9], [1.2, 1.5], labels=["Lee 2018", "Jones 2019"])


def test_median_ci_not_containing_estimate():
    with pytest.raises(InvalidInput, match=re.escape("study 1: CI 30 to 40 does not contain")):
        pool_medians([20, 25], [30, 10], [40, 40])


def test_rate_needs_ci_or_size():
    msg = "study 2: a rate needs a CI or the cohort size to be weighted"
    with pytest.raises(InvalidInput, match=re.escape(msg)):
        pool_rates([0.7, 0.5], [0.6, None], [0.8, None])


def test_unknown_method_lists_allowed():
    with pytest.raises(InvalidInput, match=r"unknown method 'XX'; allowed: DL, HE, .*GLMM"):
        pool_proportions([1, 2], [10, 10], method="xx")


def test_glmm_needs_logit():
    with pytest.raises(InvalidInput, match="method GLMM works on the logit scale"):
        pool_proportions([1, 2], [10, 10], method="GLMM", transform="PFT")


def test_egger_needs_three_studies():
    with pytest.raises(TooFewStudies, match="Egger's test needs at least 3 studies, got 2"):
        egger_test([0.1, 0.2], [0.1, 0.1])


def test_egger_with_equal_precision_is_a_clear_error_not_a_linalg_one():
    with pytest.raises(InvalidInput, match=r"^Egger's test needs studies of different "
                       r"precision; all 3 have se = 0\.2$"):
        egger_test([0.1, 0.2, 0.3], [0.04, 0.04, 0.04])


def test_fit_rma_rejects_unknown_test():
    with pytest.raises(InvalidInput, match="unknown test 'wald'"):
        fit_rma([0.1, 0.2], [0.1, 0.1], test="wald")
