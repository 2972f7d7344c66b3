"""The HTML report: self-contained, complete (studies, table, plots, records, flags,
methods) and honest about unreviewed records."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pytest

from meta.errors import RenderError
from meta.report import analysis_slug, build_report, write_report

STAMP = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)


@pytest.fixture(scope="module")
def html_any(report_db):
    from corpus.db import open_engine

    return build_report(open_engine(report_db[0]), status="any", generated=STAMP)


@pytest.fixture(scope="module")
def html_accepted(report_db):
    from corpus.db import open_engine

    return build_report(open_engine(report_db[0]), status="accepted", generated=STAMP)


def test_report_needs_no_network(html_any):
    assert "<script" not in html_any
    assert not re.search(r'(src|href)="(https?:)?//', html_any)
    assert "<style>" in html_any and "<link" not in html_any


def test_one_embedded_svg_forest_plot_per_pooled_analysis(html_any):
    uris = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="Forest plot',
                      html_any)
    assert len(uris) == 3  # R0 resection, mortality, overall survival; patency has 1 study
    svg = base64.b64decode(uris[0]).decode("utf-8")
    assert "<svg" in svg and "</svg>" in svg


def test_small_study_block_funnel_and_leave_one_out_per_analysis_with_three_studies(html_any):
    funnels = re.findall(r'alt="Funnel plot: ([^"]+)"', html_any)
    tables = html_any.count('<table class="loo">')
    assert len(funnels) == tables >= 1
    assert "Egger&#39;s test:" in html_any and "Trim-and-fill:" in html_any
    assert "(&lt; 10 studies) have too little power" in html_any


def test_studies_and_the_document_without_a_study(html_any):
    for label in ("Smith 2020", "Jones 2021", "Lee 2022"):
        assert label in html_any
    assert "<code>blog.txt</code>: no study cohort reported" in html_any


def test_every_record_with_status_page_and_escaped_quote(html_any):
    assert "R0 in 14 of 18 &lt;b&gt;patients&lt;/b&gt;" in html_any
    assert "<b>patients</b>" not in html_any
    records = html_any.split('id="records"')[1].split("</table>")[0]
    assert records.count("<tr>") == 1 + 9  # header + every record, rejected ones included
    assert 'class="status-rejected">rejected' in records
    assert 'class="status-extracted">extracted' in records


def test_consistency_flags_are_listed_escaped(html_any):
    flags = html_any.split('id="flags"')[1].split("</section>")[0]
    assert "78% is not 14/18 &lt;check&gt;" in flags and "percent_mismatch" in flags


def test_methods_cover_prisma_items_9_and_10_with_the_curation_facts(html_any):
    methods = " ".join(html_any.split('id="methods"')[1].split())
    assert "PRISMA 2020 item 9" in methods and "PRISMA 2020 item 10" in methods
    assert "8 review decisions" in methods and "by 1 reviewer (accept: 7, reject: 1)" in methods
    assert "accepted 7" in methods and "extracted 1" in methods and "rejected 1" in methods


def test_unreviewed_pooling_is_announced_only_when_it_happens(html_any, html_accepted):
    assert 'id="unreviewed"' in html_any
    assert 'id="unreviewed"' not in html_accepted
    assert "Generated 2025-01-02 03:04 UTC" in html_accepted


def test_write_report_to_an_unwritable_path_is_a_render_error(report_db, tmp_path):
    from corpus.db import open_engine

    with pytest.raises(RenderError, match="cannot be written"):
        write_report(open_engine(report_db[0]), tmp_path / "no" / "report.html")


def test_analysis_slug_is_file_name_safe():
    from meta.analyses import Analysis

    a = Analysis("mortality", "proportion", 0.0, "No CT / IVC", 2, 40)
    assert analysis_slug(a) == "mortality_proportion_0m_no_ct_ivc"
