"""Bad input to the comparative, regression and small-study functions: one clear message
naming the study or option, a :class:`meta.MetaError`, never a numpy error."""

from __future__ import annotations

import numpy as np
import pytest

from meta import (
    InvalidInput,
    TooFewStudies,
    add_diagnostics,
    add_meta_regression,
    meta_regression,
    pool_two_arm,
    regression_test,
    trim_and_fill,
)
from meta.regression import design_matrix

ARMS = ([2, 1, 4, 5], [24, 18, 41, 40], [7, 5, 9, 8], [26, 20, 38, 41])


def test_negative_events_name_study_and_arm():
    with pytest.raises(InvalidInput, match=r"^B, arm 1: events must be >= 0 \(got -1\)$"):
        pool_two_arm([2, -1], [10, 10], [1, 1], [10, 10], labels=["A", "B"])


def test_peto_gives_only_odds_ratios():
    with pytest.raises(InvalidInput, match="Peto's method gives an odds ratio; use --effect OR"):
        pool_two_arm(*ARMS, effect="RR", method="PETO")


def test_unknown_effect_and_method_list_the_allowed_ones():
    with pytest.raises(InvalidInput, match="unknown effect 'HR'; allowed: OR, RR, RD"):
        pool_two_arm(*ARMS, effect="HR")
    with pytest.raises(InvalidInput, match=r"unknown method 'GLMM'; allowed: DL, .*, MH, PETO"):
        pool_two_arm(*ARMS, method="GLMM")


def test_mantel_haenszel_risk_ratio_without_events_in_an_arm():
    with pytest.raises(InvalidInput, match="risk ratio undefined: an arm has no events"):
        pool_two_arm([0, 0, 0], [10, 12, 9], [1, 2, 0], [11, 10, 9], effect="RR", method="MH")


def test_meta_regression_refuses_common_effect_counts_methods():
    res = pool_two_arm(*ARMS, method="MH")
    with pytest.raises(InvalidInput, match="needs an inverse-variance method, not MH"):
        add_meta_regression(res, {"year": [2001, 2005, 2010, 2015]})


def test_collinear_moderators():
    yi, vi = np.array([0.1, 0.3, 0.2, 0.5, 0.4]), np.full(5, 0.05)
    year = [2001, 2003, 2005, 2007, 2009]
    with pytest.raises(InvalidInput, match="moderators are collinear"):
        meta_regression(yi, vi, {"year": year, "twice": [2 * y for y in year]})


def test_categorical_levels_sorted_first_is_reference():
    X, terms = design_matrix({"era": ["late", "early", "late"], "n": [10, 20, 35]})
    assert terms == ["intrcpt", "eralate", "n"]
    assert X[:, 1].tolist() == [1.0, 0.0, 1.0]


def test_small_study_methods_need_three_studies_and_different_precision():
    with pytest.raises(TooFewStudies, match="Egger's test needs at least 3 studies, got 2"):
        regression_test([0.1, 0.2], [0.1, 0.2])
    with pytest.raises(TooFewStudies, match="Trim-and-fill needs at least 3 studies, got 2"):
        trim_and_fill([0.1, 0.2], [0.1, 0.2])
    with pytest.raises(InvalidInput, match=r"^Egger's test needs studies of different "
                                           r"precision; all 3 have se = 0.2$"):
        regression_test([0.1, 0.2, 0.4], [0.04, 0.04, 0.04])


def test_pseudo_r2_is_zero_when_there_is_no_heterogeneity_to_explain():
    yi = [0.10, 0.12, 0.11, 0.09, 0.13]  # far less spread than their variances allow
    reg = meta_regression(yi, [0.04] * 5, {"year": [2001, 2003, 2005, 2007, 2009]})
    assert reg.tau2 == 0 and reg.r2 == 0.0


def test_a_median_of_medians_gets_no_diagnostics():
    from meta import pool_medians

    res = add_diagnostics(pool_medians([26.0, 18.5, 41.0, 5.1], labels=["A", "B", "C", "D"]))
    assert res.small_study is None and res.leave_one_out is None
    assert not any("not computed" in n for n in res.notes)
