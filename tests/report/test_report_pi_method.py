"""The report's methods section and the pooled table name how prediction intervals were made."""

from __future__ import annotations

from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def test_methods_section_names_the_prediction_interval(report_db, tmp_path):
    for ci, method in (("hk", "from a t distribution with k − 1 degrees of freedom"),
                       ("z", "from the normal quantile")):
        out = tmp_path / f"{ci}.html"
        result = runner.invoke(app, ["report", "--db", report_db[0], "--out", str(out),
                                     "--ci", ci])
        assert result.exit_code == 0, result.output
        html = " ".join(out.read_text().split())
        assert f"with prediction intervals {method} (as metafor's <code>predict</code>)" in html


def test_table_method_column_names_the_prediction_interval(report_db):
    hk = runner.invoke(app, ["table", "--db", report_db[0], "--format", "csv"]).stdout
    z = runner.invoke(app, ["table", "--db", report_db[0], "--format", "csv", "--ci", "z"]).stdout
    assert "HK CI, PI t(k-1)" in hk and "PI t(k-1)" not in z and "z PI" in z


def test_pi_hts_in_table_and_report(report_db, tmp_path):
    table = runner.invoke(app, ["table", "--db", report_db[0], "--format", "csv", "--pi", "hts"])
    assert "HK CI, PI HTS t(k-2)" in table.stdout
    out = tmp_path / "hts.html"
    runner.invoke(app, ["report", "--db", report_db[0], "--out", str(out), "--pi", "hts"])
    html = " ".join(out.read_text().split())
    assert ("with prediction intervals by Higgins, Thompson and Spiegelhalter (a t distribution "
            "with k − 2 degrees of freedom") in html
