"""The number grammar: every stock form of a case series, and properties of the parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.rules.numbers import (
    Stat,
    normalize,
    parse_integer,
    text_to_stats,
)
from extract.rules.timepoints import text_to_timepoints, timepoint_months

_WORDS = {1: "one", 2: "two", 7: "seven", 12: "twelve", 20: "twenty", 29: "twenty-nine",
          41: "forty-one", 99: "ninety-nine"}


def only(text: str) -> Stat:
    stats = text_to_stats(text)
    assert len(stats) == 1, stats
    return stats[0]


@pytest.mark.parametrize(
    ("text", "count", "total", "percent"),
    [
        ("26/37 (70%)", 26, 37, 0.70),
        ("29/37(78%)", 29, 37, 0.78),
        ("1/26 [4%]", 1, 26, 0.04),
        ("11 (27%)", 11, None, 0.27),
        ("29 (71)", 29, None, 0.71),
        ("27 (67.5)", 27, None, 0.675),
        ("8 [17%]", 8, None, 0.17),
        ("21 of 52 patients", 21, 52, None),
        ("Four of the 30 patients", 4, 30, None),
        ("12 out of 40", 12, 40, None),
    ],
)
def test_counts_fractions_and_percentages(text, count, total, percent):
    stat = only(text)
    assert (stat.count, stat.total) == (count, total)
    assert stat.percent == (pytest.approx(percent) if percent is not None else None)


@pytest.mark.parametrize(
    "text",
    ["78% (95% CI 62–90%)", "78% (95%CI 62-90%)", "78% (95 % CI 62—90%)", "78% (95% Cl 62–90%)",
     "78%, 95% CI 62% to 90%", "78% (95% confidence interval 62-90%)"],
)
def test_confidence_interval_forms(text):
    stat = only(text)
    assert stat.percent == pytest.approx(0.78)
    assert (stat.ci_low, stat.ci_high, stat.ci_level) == (pytest.approx(0.62),
                                                           pytest.approx(0.90), 0.95)


def test_median_with_ci_and_with_range_in_months():
    ci = only("4.7 months (95% CI 3.58–5.99)")
    assert (ci.kind, ci.value, ci.ci_low, ci.ci_high) == ("duration", 4.7, 3.58, 5.99)
    rng = only("94 months (range, 25 to 144 months)")
    assert (rng.value, rng.range_low, rng.range_high, rng.ci_low) == (94, 25, 144, None)
    days = only("49 days (range 4-68 days)")
    assert days.value == pytest.approx(49 / 30.44, abs=1e-3)
    assert days.range_high == pytest.approx(68 / 30.44, abs=1e-3)


def test_hazard_ratio_with_ci_and_p_value():
    stat = only("HR = 0.38 [95% CI 0.2-0.92], p = 0.026")
    assert (stat.kind, stat.value, stat.ci_low, stat.ci_high, stat.p_value) == (
        "ratio", 0.38, 0.2, 0.92, 0.026)


def test_p_values_and_number_words_are_read():
    assert text_to_stats("grade (p < 0.001) and chemotherapy (p = 0.026)") == []
    assert only("Twenty-nine patients").count == 29
    assert only("Sixty-three percent").percent == pytest.approx(0.63)


def test_a_percentage_in_brackets_after_a_time_point_is_not_its_range():
    """Regression: ``by 1 year (77.4%)`` attached the percentage to the duration."""
    stats = text_to_stats("Twenty-four patients were deceased by 1 year (77.4%)")
    assert [s.kind for s in stats] == ["count", "duration", "percent"]
    assert stats[-1].percent == pytest.approx(0.774)


def test_a_duration_span_starts_at_its_number():
    """Regression: a leading space made ``3 years`` escape the time point around it."""
    stat = only("x, 3 years")
    assert stat.start == 3


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("30-day mortality", [(1.0,)]),
        ("1 year mortality", [(12.0,)]),
        ("The 3- and 5-year survival rates", [(36.0, 60.0)]),
        ("the 3 and 5-year DFS rates", [(36.0, 60.0)]),
        ("at 1, 3 and 6 months was 93%", [(1.0, 3.0, 6.0)]),
        ("The 30-day and 90-day mortality rate", [(1.0, 3.0)]),
        ("3 years overall survival and 5 years OS", [(36.0,), (60.0,)]),
        ("deceased by 1 year", [(12.0,)]),
        ("died within a week", [(0.23,)]),
        ("Six months after the infarction", [(6.0,)]),
        ("the median survival was 94 months", []),
        ("(range: 1 to 11 years)", []),
    ],
)
def test_time_points(text, months):
    assert [tp.months for tp in text_to_timepoints(text)] == months


def test_timepoint_conventions_of_the_spec():
    assert timepoint_months(30, "days") == 1
    assert timepoint_months(90, "day") == 3
    assert timepoint_months(7, "days") == 0.23
    assert timepoint_months(2, "years") == 24


def test_normalize_keeps_offsets():
    text = "62–90% \\geq 3 (cid:1)4 95% Cl"
    assert len(normalize(text)) == len(text)
    assert "62-90%" in normalize(text) and "95% CI" in normalize(text)


def test_parse_integer_words_and_digits():
    assert [parse_integer(t) for t in ("41", "1,024", "Forty-one", "six", "lots")] == [
        41, 1024, 41, 6, None]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ./%()[]-–,;=<>CIHRpatiensofmy")),
               max_size=60))
def test_parser_never_crashes(text):
    for stat in text_to_stats(text):
        assert 0 <= stat.start <= stat.end <= len(text)
    for tp in text_to_timepoints(text):
        assert all(m >= 0 for m in tp.months)


@settings(max_examples=150, deadline=None)
@given(total=st.integers(1, 999), data=st.data())
def test_fraction_with_percent_round_trips(total, data):
    events = data.draw(st.integers(0, total))
    pct = round(100 * events / total)
    form = data.draw(st.sampled_from(["{n}/{d} ({p}%)", "{n}/{d}({p}%)", "{n}/{d} [{p}%]",
                                      "{n} of {d} ({p}%)"]))
    stat = only(form.format(n=events, d=total, p=pct))
    assert (stat.count, stat.total) == (events, total)
    assert stat.percent == pytest.approx(pct / 100)


@settings(max_examples=100, deadline=None)
@given(count=st.sampled_from(sorted(_WORDS)), pct=st.integers(0, 100),
       lo=st.integers(0, 50), width=st.integers(1, 49))
def test_words_percent_and_ci_round_trip(count, pct, lo, width):
    text = f"{_WORDS[count].capitalize()} patients ({pct}%, 95% CI {lo}–{lo + width}%)"
    stats = text_to_stats(text)
    assert stats[0].count == count
    assert stats[1].percent == pytest.approx(pct / 100)
    assert (stats[1].ci_low, stats[1].ci_high) == (pytest.approx(lo / 100),
                                                   pytest.approx((lo + width) / 100))


@settings(max_examples=100, deadline=None)
@given(value=st.integers(1, 300), lo=st.integers(0, 100), hi=st.integers(101, 400),
       unit=st.sampled_from(["months", "days", "years"]))
def test_duration_with_range_round_trips(value, lo, hi, unit):
    stat = only(f"{value} {unit} (range, {lo} to {hi} {unit})")
    factor = {"months": 1, "days": 1 / 30.44, "years": 12}[unit]
    assert stat.value == pytest.approx(value * factor, abs=1e-3)
    assert (stat.range_low, stat.range_high) == (pytest.approx(lo * factor, abs=1e-3),
                                                 pytest.approx(hi * factor, abs=1e-3))


# -- "one of the most ...": an idiom of rank, not a count ---------------------------------------

@pytest.mark.parametrize("text", [
    "Septal rupture remains one of the most lethal complications of infarction.",
    "Anastomotic leak is one of the commonest complications after colectomy.",
    "Pancreatic fistula is one of the leading causes of death after resection.",
])
def test_one_of_the_most_is_no_count(text):
    assert [s for s in text_to_stats(text) if s.count == 1] == []


@pytest.mark.parametrize("text", ["One of the two patients died.",
                                  "One of the 40 patients needed reoperation."])
def test_one_of_a_group_is_still_a_count(text):
    # regression: "one of the two", "one of the 40 patients" count one patient
    assert [s.count for s in text_to_stats(text)][0] == 1
