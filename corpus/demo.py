"""``casemeta demo``: the main job on the bundled example corpus, into a folder of its own."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from corpus.db import open_engine
from corpus.errors import CorpusError
from corpus.ingest import IngestReport, ingest_paths

#: The bundled synthetic case-series reports: package data (``corpus/examples``), so an
#: installed wheel carries them as a clone does.
EXAMPLES = files("corpus") / "examples"


@dataclass(frozen=True)
class DemoResult:
    """Where the demo wrote its database, and what ingest found."""

    db_path: Path
    url: str
    report: IngestReport
    html_report: Path | None = None
    forest_plots: tuple[Path, ...] = ()


def run_demo(out_dir: Path, examples=EXAMPLES) -> DemoResult:
    """Ingest the example corpus into ``out_dir/casemeta.db`` (created if needed), then write
    ``out_dir/report.html`` and ``out_dir/forest/*.png``. Nobody has reviewed the demo's
    records, so it pools records of any status and the report says so.

    Raises
    ------
    CorpusError
        When the example corpus is missing or ``out_dir`` cannot be created.
    meta.errors.MetaError
        When the report or a plot cannot be written.
    """
    if not examples.is_dir():
        raise CorpusError(f"example corpus not found at {examples}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"{out_dir}: cannot create the demo folder ({exc.strerror})") from exc
    db_path = out_dir / "casemeta.db"
    url = f"sqlite:///{db_path}"
    engine = open_engine(url)
    # as_file: a real folder even if the package were imported from a zip
    with as_file(examples) as folder:
        report = ingest_paths(engine, [Path(folder)], force=True)
    from meta.report import write_report_and_plots

    html, plots = write_report_and_plots(
        engine, out_dir, status="any", title="casemeta demo: the bundled example corpus"
    )
    return DemoResult(db_path, url, report, html_report=html, forest_plots=tuple(plots))
