"""Forest plots draw under Agg for every layout case, into a given Axes, reproducibly."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from meta.errors import RenderError  # noqa: E402
from meta.forest import (  # noqa: E402
    draw_forest,
    forest_frame,
    forest_size,
    forest_svg,
    save_forest,
)

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.stem for p in CASES.glob("*.json"))


def load(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_case_renders_to_png(name, tmp_path):
    path = save_forest(load(name), tmp_path / f"{name}.png", dpi=60)
    assert path.read_bytes().startswith(b"\x89PNG")


def test_svg_bytes_are_identical_across_runs(tmp_path):
    data = load("hazard_ratios_subgroups")
    first = save_forest(data, tmp_path / "a.svg").read_bytes()
    second = save_forest(data, tmp_path / "b.svg").read_bytes()
    assert first == second
    assert b"<dc:date>" not in first


def test_pdf_bytes_are_identical_across_runs(tmp_path):
    data = load("proportions_zero_and_all_events")
    first = save_forest(data, tmp_path / "a.pdf").read_bytes()
    assert first == save_forest(data, tmp_path / "b.pdf").read_bytes()


def test_draws_into_a_given_axes_without_replacing_the_figure():
    width, height = forest_size(load("medians_months"))
    fig = Figure(figsize=(width, 2 * height))
    ax = fig.add_subplot(2, 1, 1)
    assert draw_forest(load("medians_months"), ax=ax) is fig
    assert len(fig.axes) == 1 and len(ax.child_axes) == 1  # the plot region is an inset
    assert not ax.axison


def test_figure_height_grows_with_the_number_of_studies():
    small = draw_forest(load("single_study_not_pooled"))
    large = draw_forest(load("proportions_sixty_studies_long_label"))
    assert large.get_figheight() > 10 * small.get_figheight()
    assert forest_size(load("single_study_not_pooled"))[1] == small.get_figheight()


def test_long_labels_are_shortened_in_the_drawing_but_whole_in_the_frame():
    data = load("proportions_sixty_studies_long_label")
    long_label = data["studies"][3]["label"]
    fig = draw_forest(data)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert long_label not in texts and any(t.endswith("\u2026") for t in texts)
    assert long_label in set(forest_frame(data)["label"])


def test_zero_event_square_and_pooled_diamond_are_drawn():
    fig = draw_forest(load("proportions_all_zero_ci_touching_0"))
    plot = fig.axes[0].child_axes[0]
    squares = [c for c in plot.collections if len(c.get_offsets())]
    assert len(squares) == 4
    assert min(float(c.get_offsets()[0][0]) for c in squares) == 0.0
    assert len(plot.patches) == 2  # the diamond and the prediction bar


def test_svg_text_is_inlined_for_the_report():
    svg = forest_svg(load("medians_months"))
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


def test_unknown_suffix_is_a_render_error(tmp_path):
    with pytest.raises(RenderError, match=r"plot\.gif: forest plots are written as"):
        save_forest(load("medians_months"), tmp_path / "plot.gif")


def test_unwritable_path_is_a_render_error(tmp_path):
    with pytest.raises(RenderError, match="cannot be written"):
        save_forest(load("medians_months"), tmp_path / "missing" / "plot.svg")
