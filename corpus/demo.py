"""``casemeta demo``: the main job on the bundled example corpus, into a folder of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.db import open_engine
from corpus.errors import CorpusError
from corpus.ingest import IngestReport, ingest_paths

#: The bundled synthetic case-series reports (``examples/papers`` in the repository).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "papers"


@dataclass(frozen=True)
class DemoResult:
    """Where the demo wrote its database, and what ingest found."""

    db_path: Path
    url: str
    report: IngestReport


def run_demo(out_dir: Path, examples: Path = EXAMPLES) -> DemoResult:
    """Ingest the example corpus into ``out_dir/casemeta.db`` (created if needed).

    Raises
    ------
    CorpusError
        When the example corpus is missing or ``out_dir`` cannot be created.
    """
    if not examples.is_dir():
        raise CorpusError(f"example corpus not found at {examples}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"{out_dir}: cannot create the demo folder ({exc.strerror})") from exc
    db_path = out_dir / "casemeta.db"
    url = f"sqlite:///{db_path}"
    report = ingest_paths(open_engine(url), [examples], force=True)
    return DemoResult(db_path=db_path, url=url, report=report)
