"""Comparative analyses from a database (SQLite and PostgreSQL): ``pool OUTCOME --compare``,
``table --compare`` and ``report --compare``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from meta.comparative import pool_two_arm

runner = CliRunner()

ARMS = {  # document -> (first author, year, {group: (events, total)})
    "a.txt": ("Abe", 2015, {"stent": (3, 20), "surgery": (7, 22)}),
    "b.txt": ("Bell", 2017, {"stent": (1, 15), "surgery": (4, 16)}),
    "c.txt": ("Cruz", 2019, {"stent": (5, 30), "surgery": (9, 28)}),
    "d.txt": ("Diaz", 2021, {"stent": (2, 25), "surgery": (6, 24)}),
    "e.txt": ("Endo", 2022, {"stent": (2, 12)}),
}


def _populate(engine) -> None:
    from corpus.store import store_extraction
    from extract.model import ExtractedDocument, ExtractedRecord, StudyInfo

    for i, (name, (author, year, groups)) in enumerate(ARMS.items()):
        records = tuple(ExtractedRecord("mortality", "proportion", quote=f"{ev}/{tot} died",
                                        page=1, events=ev, total=tot, group=grp,
                                        timepoint_months=0)
                        for grp, (ev, tot) in groups.items())
        info = StudyInfo(first_author=author, year=year, n_patients=sum(
            t for _, t in groups.values()))
        doc = ExtractedDocument(media_type="text/plain", page_count=1, study=info,
                                records=records)
        store_extraction(engine, Path(name), f"sha-{i}", doc)


@pytest.fixture
def compare_db(engine, db_url):
    _populate(engine)
    return db_url


def _expected(effect="OR", method=None):
    paired = [g for _, _, g in ARMS.values() if len(g) == 2]
    cols = [[g["stent"][0] for g in paired], [g["stent"][1] for g in paired],
            [g["surgery"][0] for g in paired], [g["surgery"][1] for g in paired]]
    return pool_two_arm(*cols, effect=effect, method=method)


def test_pool_compare_pairs_documents_and_regresses_on_year(compare_db):
    result = runner.invoke(app, ["pool", "mortality", "--db", compare_db, "--status", "any",
                                 "--compare", "stent", "surgery", "--effect", "RR",
                                 "--mods", "year", "--format", "json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert [s["label"] for s in d["studies"]] == ["Abe 2015", "Bell 2017", "Cruz 2019",
                                                  "Diaz 2021"]
    assert d["estimate"] == pytest.approx(_expected("RR").estimate, rel=1e-12)
    assert "Left out, reporting 'stent' but not the other arm: e.txt." in d["notes"]
    assert [c["term"] for c in d["meta_regression"]["coefficients"]] == ["intrcpt", "year"]


def test_table_compare_adds_the_comparative_row(compare_db):
    result = runner.invoke(app, ["table", "--db", compare_db, "--status", "any", "--compare",
                                 "stent", "surgery", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    compared = [r for r in rows if r["group"] == "stent vs surgery"]
    assert len(compared) == 1 and compared[0]["measure"] == "odds_ratio"
    assert compared[0]["k"] == 4
    assert compared[0]["estimate"] == pytest.approx(_expected().estimate, rel=1e-12)


def test_report_compare_has_two_arm_forest_funnel_and_leave_one_out(compare_db, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", compare_db, "--out", str(out), "--status",
                                 "any", "--compare", "stent", "surgery", "--effect", "RR"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Mortality \u2013 risk ratio" in html and "group stent vs surgery" in html
    assert len(re.findall(r'alt="Funnel plot: Mortality \u2013 risk ratio', html)) == 1
    assert "Omitted study" in html and "Bell 2017" in html
    assert "Comparative analyses of\nstent vs surgery pair the two groups" in html
    assert "pool the\nrisk ratio" in html


def test_table_method_mh_applies_to_the_comparison_only(compare_db):
    result = runner.invoke(app, ["table", "--db", compare_db, "--status", "any", "--compare",
                                 "stent", "surgery", "--method", "MH", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["group"]: r for r in json.loads(result.stdout)}
    assert rows["stent vs surgery"]["estimate"] == pytest.approx(
        _expected(method="MH").estimate, rel=1e-12)
    assert rows["stent"]["k"] == 5 and rows["stent"]["estimate"] is not None
