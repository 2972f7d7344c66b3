"""The nearest valid value offered for a typo in a filter."""

from __future__ import annotations

from corpus.vocabulary import MEASURES, OUTCOMES, did_you_mean, nearest, unknown_value


def test_nearest_finds_the_intended_name_case_insensitively():
    assert nearest("mortalty", OUTCOMES) == "mortality"
    assert nearest("Overall_Survival", OUTCOMES) == "overall_survival"
    assert nearest("hazard ratio", MEASURES) == "hazard_ratio"
    assert nearest("banana", OUTCOMES) is None


def test_messages_name_the_nearest_value_or_every_value():
    assert did_you_mean("al", ["all", "EVAR"]) == " (did you mean 'all'?)"
    assert did_you_mean("zzz", ["all"]) == ""
    assert unknown_value("group", "zzz", ["EVAR", "all", "all"]) == (
        "unknown group 'zzz' (expected one of EVAR, all)"
    )
    assert unknown_value("document", "x", []) == "unknown document 'x' (expected one of none)"
