"""``casemeta pool`` on two-arm tables: the JSON field names of issue 14, moderators, the
small-study block, leave-one-out, the funnel plot, database pairing and bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import cli
from meta.comparative import pool_two_arm
from meta.diagnostics import add_diagnostics
from meta.funnel import funnel_frame
from meta.inputs import pool_frame, read_study_csv

runner = CliRunner()

# metafor's dat.bcg (BCG vaccine trials) with absolute latitude: the reference data set of
# tests/data/metafor/metafor_comparative_cases.json ("dat.bcg", "dat.bcg_ablat").
BCG = [(4, 123, 11, 139, 44), (6, 306, 29, 303, 55), (3, 231, 11, 220, 42),
       (62, 13598, 248, 12867, 52), (33, 5069, 47, 5808, 13), (180, 1541, 372, 1451, 44),
       (8, 2545, 10, 629, 19), (505, 88391, 499, 88391, 13), (29, 7499, 45, 7277, 27),
       (17, 1716, 65, 1665, 42), (186, 50634, 141, 27338, 18), (5, 2498, 3, 2341, 33),
       (27, 16913, 29, 17854, 33)]
REFERENCE = json.loads((__import__("pathlib").Path(__file__).parents[1] / "data" / "metafor"
                        / "metafor_comparative_cases.json").read_text())["cases"]


def case(case_id: str) -> dict:
    return next(c for c in REFERENCE if c["id"] == case_id)


def bcg_csv(tmp_path, rows=BCG, extra="") -> str:
    lines = ["study,events1,total1,events2,total2,ablat,era" + extra]
    lines += [f"T{i + 1},{a},{n1},{c},{n2},{lat},{'early' if i < 4 else 'late'}"
              for i, (a, n1, c, n2, lat) in enumerate(rows)]
    path = tmp_path / "bcg.csv"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run(*args):
    return runner.invoke(cli.app, ["pool", *map(str, args)])


def run_json(*args) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_the_issue_fields_with_metafor_numbers(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path), "--effect", "OR", "--method", "REML",
                 "--ci", "z")
    ref = case("dat.bcg/OR/REML/z")["result"]
    t = d["transformed"]
    for ours, theirs in (("estimate", "estimate"), ("ci_low", "ci_low"),
                         ("ci_high", "ci_high"), ("pi_low", "pi_low"), ("pi_high", "pi_high")):
        assert t[ours] == pytest.approx(ref[theirs], rel=1e-6)
    assert d["estimate"] == pytest.approx(2.718281828459045 ** ref["estimate"], rel=1e-9)
    assert (d["tau2"], d["I2"], d["Q"]) == pytest.approx((ref["tau2"], ref["I2"], ref["Q"]),
                                                         rel=1e-6)
    assert d["effect"] == "OR" and d["kind"] == "two_arm" and d["transform"] == "log"
    assert [s["events2"] for s in d["studies"]][:2] == [11, 29]


def test_risk_difference_is_on_the_raw_scale(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path), "--effect", "RD", "--method", "DL", "--ci",
                 "hk")
    ref = case("dat.bcg/RD/DL/knha")["result"]
    assert d["transformed"]["estimate"] == pytest.approx(ref["estimate"], rel=1e-6)
    assert d["estimate"] == d["transformed"]["estimate"] and d["transform"] == "none"


@pytest.mark.parametrize("method,effect", [("MH", "OR"), ("MH", "RR"), ("MH", "RD"),
                                           ("PETO", "OR")])
def test_mantel_haenszel_and_peto(tmp_path, method, effect):
    d = run_json("--input", bcg_csv(tmp_path), "--effect", effect, "--method", method)
    ref = case(f"dat.bcg/{effect}/MH" if method == "MH" else "dat.bcg/PETO")["result"]
    assert d["transformed"]["estimate"] == pytest.approx(ref["estimate"], rel=1e-9)
    assert d["method"] == method and d["ci"] == "z"
    assert any("--ci hk does not apply" in n for n in d["notes"])


def test_meta_regression_on_a_moderator_column(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path), "--effect", "RR", "--method", "REML",
                 "--ci", "hk", "--mods", "ablat")
    reg, ref = d["meta_regression"], case("dat.bcg_ablat/mods/REML/knha")["result"]
    assert set(reg) >= {"coefficients", "QM", "QM_p", "QE", "QE_p", "tau2", "I2", "R2"}
    assert [c["term"] for c in reg["coefficients"]] == ["intrcpt", "ablat"]
    assert set(reg["coefficients"][0]) >= {"term", "estimate", "se", "ci_low", "ci_high", "p"}
    assert [c["estimate"] for c in reg["coefficients"]] == pytest.approx(ref["coef"], rel=1e-6)
    assert [c["p"] for c in reg["coefficients"]] == pytest.approx(ref["pval"], rel=1e-6)
    assert (reg["QM"], reg["QM_p"], reg["QE"], reg["R2"]) == pytest.approx(
        (ref["QM"], ref["QM_p"], ref["QE"], ref["R2"]), rel=1e-6)
    assert reg["QM_dist"] == "F"


def test_categorical_moderator_gets_indicator_columns(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path), "--effect", "RR", "--mods", "ablat,era")
    assert [c["term"] for c in d["meta_regression"]["coefficients"]] == [
        "intrcpt", "ablat", "eralate"]


def test_small_study_block_and_leave_one_out(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path), "--effect", "OR", "--method", "REML",
                 "--ci", "z")
    ref = case("dat.bcg/OR/REML/extras")["result"]
    s = d["small_study"]
    assert s["egger"]["stat"] == pytest.approx(ref["egger"]["z_or_t"], rel=1e-6)
    assert s["rank_correlation"]["tau"] == pytest.approx(ref["ranktest"]["tau"], rel=1e-6)
    tf = s["trim_and_fill"]
    assert (tf["k0"], tf["side"]) == (ref["trimfill"]["k0"], ref["trimfill"]["side"])
    assert set(tf) >= {"k0", "side", "estimate", "ci_low", "ci_high", "tau2"}
    assert len(d["leave_one_out"]["estimate"]) == 13 and d["influential"] == []


def test_small_study_notes_below_ten_studies(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path, BCG[:5]), "--effect", "OR")
    assert d["small_study"]["notes"][0].startswith("Small-study tests with k = 5 (< 10")


def test_two_studies_have_no_small_study_block(tmp_path):
    d = run_json("--input", bcg_csv(tmp_path, BCG[:2]), "--effect", "OR")
    assert "small_study" not in d and "leave_one_out" not in d


def test_influential_study_is_named():
    rows = [(10, 100, 20, 100)] * 4 + [(300, 1000, 150, 1000)]  # E: large, opposite
    res = add_diagnostics(pool_two_arm(*zip(*rows, strict=True), labels=list("ABCDE"),
                                       method="FE", ci="z"))
    assert res.influential == ("E",)


def test_zero_cells_are_corrected_and_named(tmp_path):
    rows = [(0, 20, 3, 21, 1), (0, 15, 0, 14, 2), (4, 30, 6, 31, 3)]
    d = run_json("--input", bcg_csv(tmp_path, rows), "--effect", "OR")
    assert ("1/2 added to every cell of 2 studies with an empty cell: T1, T2. Kept although "
            "no arm differs (no events, or only events, in both arms): T2.") in d["notes"]


def test_funnel_plot_is_written_and_its_data_hold_the_filled_studies(tmp_path):
    path = tmp_path / "funnel.svg"
    result = run("--input", bcg_csv(tmp_path), "--effect", "RR", "--ci", "z", "--funnel", path)
    assert result.exit_code == 0, result.output
    assert path.read_text().startswith("<?xml")
    res = pool_frame(read_study_csv(bcg_csv(tmp_path)), effect="RR", ci="z")
    data = funnel_frame(res)
    k0 = res.small_study.trim_and_fill.k0
    assert sum(data["filled"]) == k0 == 1  # dat.bcg log RR: one study filled on the right
    assert data["contour"]["low"][0] == data["contour"]["high"][0] == data["estimate"]


@pytest.mark.parametrize("rows,mods,message", [
    ([(4, 12, 13, 10, 1)] + BCG[1:3], "",
     "Error: row 1 (T1), arm 2: events (13) exceed total (10)"),
    (BCG[:4], "era", "Error: moderator era is constant ('early' in every study): it cannot "
                     "explain differences between studies"),
    (BCG[:3], "ablat,era", "Error: moderator era is constant ('early' in every study): it "
                           "cannot explain differences between studies"),
    (BCG[:2], "ablat", "Error: meta-regression with 2 coefficients needs more than 2 "
                       "studies, got 2"),
    (BCG[:4], "size", "Error: moderator column 'size' not found; columns: study, events1, "
                      "total1, events2, total2, ablat, era"),
])
def test_bad_input_is_one_line(tmp_path, rows, mods, message):
    args = ["--input", bcg_csv(tmp_path, rows), "--effect", "OR"]
    result = run(*args, *(["--mods", mods] if mods else []))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [message]


def test_empty_moderator_cell_names_the_row(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("study,events1,total1,events2,total2,year\nA,1,10,2,10,2001\n"
                    "B,2,10,3,10,\nC,3,10,1,10,2005\nD,4,12,2,11,2007\n")
    result = run("--input", path, "--mods", "year")
    assert result.stderr.strip() == "Error: row 2 (B): moderator year is empty"


def test_effect_needs_a_two_arm_table(tmp_path):
    path = tmp_path / "single.csv"
    path.write_text("study,events,total\nA,1,10\nB,2,10\n")
    result = run("--input", path, "--effect", "RR")
    assert result.stderr.strip() == ("Error: --effect applies to two-arm tables (events1, "
                                     "total1, events2, total2)")


def _records():
    rows = []
    arms = {"d0.pdf": {"stent": (3, 20), "surgery": (6, 22)},
            "d1.pdf": {"stent": (1, 15), "surgery": (4, 16)},
            "d2.pdf": {"stent": (5, 30), "surgery": (9, 28)},
            "d3.pdf": {"stent": (2, 12)}}
    for i, (doc, groups) in enumerate(arms.items()):
        for j, (grp, (ev, tot)) in enumerate(groups.items()):
            rows.append({"document": doc, "study_label": f"Author {i}", "outcome": "mortality",
                         "measure": "proportion", "group": grp, "events": ev, "total": tot,
                         "value": None, "ci_low": None, "ci_high": None, "ci_level": 0.95,
                         "timepoint_months": None, "status": "accepted", "id": 10 * i + j})
    return pd.DataFrame(rows)


def test_compare_pairs_arms_per_document_and_lists_the_rest(monkeypatch, tmp_path):
    import corpus.queries

    mods = tmp_path / "chars.csv"
    mods.write_text("document,era\nd0.pdf,early\nd1.pdf,late\nd2.pdf,late\n")
    monkeypatch.setattr(cli, "open_db", lambda url: object())
    monkeypatch.setattr(corpus.queries, "records_frame", lambda engine, statuses=None: _records())
    monkeypatch.setattr(corpus.queries, "list_studies", lambda engine: [])
    d = run_json("mortality", "--compare", "stent", "surgery", "--effect", "RR", "--method",
                 "DL", "--moderators", mods)
    assert [(s["label"], s["events"], s["total"], s["events2"], s["total2"])
            for s in d["studies"]] == [("Author 0", 3, 20, 6, 22), ("Author 1", 1, 15, 4, 16),
                                       ("Author 2", 5, 30, 9, 28)]
    assert d["arms"] == ["stent", "surgery"]
    assert "Left out, reporting 'stent' but not the other arm: d3.pdf." in d["notes"]
    reference = pool_two_arm([3, 1, 5], [20, 15, 30], [6, 4, 9], [22, 16, 28], effect="RR",
                             method="DL")
    assert d["estimate"] == pytest.approx(reference.estimate, rel=1e-12)


def test_compare_needs_two_different_arms(monkeypatch):
    import corpus.queries

    monkeypatch.setattr(cli, "open_db", lambda url: object())
    monkeypatch.setattr(corpus.queries, "records_frame", lambda engine, statuses=None: _records())
    monkeypatch.setattr(corpus.queries, "list_studies", lambda engine: [])
    result = run("mortality", "--compare", "stent", "Stent")
    assert result.stderr.strip() == ("Error: --compare needs two different groups (got "
                                     "'stent' twice)")


@pytest.mark.parametrize("method", ["MH", "PETO", "REML"])
def test_subgroups_are_pooled_by_the_analysis_method(method):
    cols = list(zip(*[r[:4] for r in BCG], strict=True))
    groups = ["early" if lat > 40 else "late" for *_, lat in BCG]
    res = pool_two_arm(*cols, effect="OR", method=method, ci="z", groups=groups)
    for g in res.subgroups.groups:
        keep = [i for i, x in enumerate(groups) if x == g.group]
        alone = pool_two_arm(*[[c[i] for i in keep] for c in cols], effect="OR",
                             method=method, ci="z")
        assert g.natural["estimate"] == pytest.approx(alone.estimate, rel=1e-9)


def test_moderator_file_cannot_overwrite_study_columns(monkeypatch, tmp_path):
    import corpus.queries

    mods = tmp_path / "chars.csv"
    mods.write_text("document,total1\nd0.pdf,99\n")
    monkeypatch.setattr(cli, "open_db", lambda url: object())
    monkeypatch.setattr(corpus.queries, "records_frame", lambda engine, statuses=None: _records())
    monkeypatch.setattr(corpus.queries, "list_studies", lambda engine: [])
    result = run("mortality", "--compare", "stent", "surgery", "--moderators", mods)
    assert result.stderr.strip() == ("Error: moderator column 'total1' clashes with a column "
                                     "of the study table; rename it")
