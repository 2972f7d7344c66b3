"""Extraction accuracy on the gold sets, in one table.

For each shared set (``seeds``, ``text``, ``pdf``) every document of ``../shared/corpus/<set>``
is extracted through the library (the same reader and pipeline as ``casemeta ingest``), its
records and study fields are written as ``casemeta export --format json`` and ``casemeta studies
--format json`` write them, and the shared scorers (``tools/score_extraction.py``,
``tools/score_studies.py``) score them against ``../shared/gold/<set>``.

Eighteen more sets are our own check sets, ``benchmarks/heldout`` and ``benchmarks/heldout2``
to ``benchmarks/heldout9`` (invented documents written blind to the rules, by nine different
hands; their READMEs say which may be tuned on and which stay blind): ``heldout`` scores set
1's texts against ``heldout/gold``, and ``heldout-pdf`` first typesets them as journal PDFs with
headless Chromium (``benchmarks/typeset.py``, into a temporary directory) and scores those
against the same gold with pages set; ``heldout2``/``heldout2-pdf`` to ``heldout9``/
``heldout9-pdf`` do the same for sets 2 to 9. Without Chromium, the ``-pdf`` sets are skipped
with a message. They run only when asked for, e.g. ``--sets heldout,heldout-pdf,heldout2``.

``--half tune`` or ``--half check`` scores one of two fixed halves of each set (documents are
assigned by a hash of their file name), so a rule tuned on one half can be checked on the other.

``--arms`` adds two columns: recall on the gold's arm records (every record whose group is not
``all``, required or not, matched as the scorer matches) and how many of the arm records not
found have their value exported under another group label (same outcome, measure, time point
and value). The record scorer counts only required records and whole-cohort precision, and most
arm records are optional, so without it the table does not show how arms are read. With
``--show-misses`` as well, the arm records missed are listed per document.

Usage::

    .venv/bin/python benchmarks/extraction.py [--sets seeds,text,pdf,heldout,heldout-pdf,...]
                                              [--half tune|check]
                                              [--workers 2] [--show-misses] [--arms]

Targets (issue 10): seeds recall and precision >= 0.95; text and pdf F1 >= 0.90;
document_type >= 95% and n_patients >= 90% right on every set.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: Our own check sets by name; ``<name>-pdf`` is the same set typeset as PDFs.
HELDOUT_SETS = {"heldout": ROOT / "benchmarks" / "heldout",
                "heldout2": ROOT / "benchmarks" / "heldout2",
                "heldout3": ROOT / "benchmarks" / "heldout3",
                "heldout4": ROOT / "benchmarks" / "heldout4",
                "heldout5": ROOT / "benchmarks" / "heldout5",
                "heldout6": ROOT / "benchmarks" / "heldout6",
                "heldout7": ROOT / "benchmarks" / "heldout7",
                "heldout8": ROOT / "benchmarks" / "heldout8",
                "heldout9": ROOT / "benchmarks" / "heldout9"}
sys.path.insert(0, str(ROOT))


def half_of(name: str) -> str:
    """``tune`` or ``check``: a fixed split of documents by a hash of the file name."""
    return "tune" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "check"


def extract_one(path: Path) -> tuple[list[dict], dict]:
    """Records (export-style dicts) and the study row of one document."""
    from extract.model import Page
    from extract.pipeline import pages_to_document
    from extract.reading.readers import read_pages
    from extract.settings import ExtractSettings

    settings = ExtractSettings()
    if path.parent.name == "seeds":  # the seeds are text converted from PDFs, read as plain text
        media_type, pages = "text/plain", [Page(None, path.read_text())]
    else:
        media_type, pages = read_pages(path, settings)
    doc = pages_to_document(pages, media_type, settings)
    records = [{**r.to_dict(), "document": path.name, "status": "extracted"}
               for r in doc.records]
    study = {**doc.study.to_dict(), "document": path.name, "document_type": doc.document_type}
    return records, study


def shared_scorer():
    """The shared record scorer as a module, for its own ``norm``/``same_key``/``same_value``."""
    spec = importlib.util.spec_from_file_location("score_extraction",
                                                  SHARED / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def arm_scores(gold_dir: Path, results: list[tuple[list[dict], dict]],
               show: bool) -> tuple[int, int, int, list[str]]:
    """Arm records found, arm records in the gold, values under another label, miss lines.

    An arm record is a gold record whose group is not ``all``, required or not. One not found
    counts as "under another label" when an exported record has its outcome, measure, time
    point and value but another group (``all`` included: an arm's value read as the cohort's).
    """
    sc = shared_scorer()
    by_doc: dict[str, list[dict]] = {}
    for recs, _ in results:
        for r in recs:
            by_doc.setdefault(Path(r["document"]).stem, []).append(r)
    found = total = elsewhere = 0
    lines: list[str] = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text())
        stem = Path(gold["document"]).stem
        if stem not in {Path(s["document"]).stem for _, s in results}:
            continue
        got = by_doc.get(stem, [])
        for g in gold["records"]:
            if sc.norm(g.get("group")) == "all":
                continue
            total += 1
            if any(sc.same_key(g, r) and sc.same_value(g, r) for r in got):
                found += 1
                continue
            other = [r for r in got if sc.same_key(g, {**r, "group": g.get("group")})
                     and sc.same_value(g, r)]
            elsewhere += bool(other)
            if show:
                under = f"  under {sorted({str(r.get('group')) for r in other})}" if other else ""
                lines.append(f"   {stem}: arm missed: [{g.get('group')}] {g['outcome']} "
                             f"{g['measure']} t={g.get('timepoint_months')} "
                             f"{g.get('events')}/{g.get('total')} value={g.get('value')}{under}"
                             f"  «{g.get('quote', '')[:90]}»")
    return found, total, elsewhere, lines


def score(kind: str, gold_dir: Path, paths: list[Path], workers: int,
          show: bool, arms: bool = False) -> tuple[str, str, str]:
    """The record scorer's last line, the study scorer's output and the arm cells of one set."""
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(extract_one, paths))
    names = {p.stem for p in paths}
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for g in gold_dir.glob("*.json"):
            if Path(json.loads(g.read_text())["document"]).stem in names:
                (gold / g.name).write_text(g.read_text())
        rec_file, study_file = Path(tmp) / "records.json", Path(tmp) / "studies.json"
        rec_file.write_text(json.dumps([r for recs, _ in results for r in recs]))
        study_file.write_text(json.dumps([s for _, s in results]))
        flag = ["--show-misses"] if show else []
        tools = SHARED / "tools"
        rec = subprocess.run([sys.executable, str(tools / "score_extraction.py"), str(gold),
                              str(rec_file), *flag], capture_output=True, text=True).stdout
        stu = subprocess.run([sys.executable, str(tools / "score_studies.py"), str(gold),
                              str(study_file), *flag], capture_output=True, text=True).stdout
    arm_cells = ""
    if arms:
        found, total, elsewhere, lines = arm_scores(gold_dir, results, show)
        recall = found / total if total else 0.0
        arm_cells = f" {recall:.3f} ({found}/{total}) | {elsewhere} |"
        if show:
            stu += "".join(f"{line}\n" for line in lines)
    if show:
        print(f"--- {kind}\n{rec}{stu}")
    return rec.strip().splitlines()[-1], stu, arm_cells


def set_sources(kind: str, tmp: Path) -> tuple[Path, Path] | str:
    """``(corpus_dir, gold_dir)`` of one set, or the reason it is skipped.

    A ``-pdf`` check set (``heldout-pdf``, ``heldout2-pdf``, ``heldout3-pdf``) is typeset into
    ``tmp`` first; its gold is written beside the PDFs.
    """
    if kind in HELDOUT_SETS:
        return HELDOUT_SETS[kind] / "text", HELDOUT_SETS[kind] / "gold"
    if kind.removesuffix("-pdf") in HELDOUT_SETS:
        heldout = HELDOUT_SETS[kind.removesuffix("-pdf")]
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import typeset

        chromium = typeset.find_chromium()
        if not chromium:
            return "no Chromium to typeset with ($CASEMETA_TEST_CHROMIUM or chromium on PATH)"
        typeset.typeset_set(heldout / "text", heldout / "gold", tmp, chromium)
        return tmp, tmp
    if kind in ("seeds", "text", "pdf"):
        return SHARED / "corpus" / kind, SHARED / "gold" / kind
    known = ", ".join(["seeds", "text", "pdf", *(f"{h}, {h}-pdf" for h in HELDOUT_SETS)])
    return f"unknown set {kind!r} ({known})"


def set_row(kind: str, corpus: Path, gold_dir: Path, args: argparse.Namespace) -> str:
    """The table row of one set."""
    gold_names = {Path(json.loads(g.read_text())["document"]).name
                  for g in gold_dir.glob("*.json")}
    paths = sorted(p for p in corpus.iterdir() if p.name in gold_names
                   and (args.half is None or half_of(p.name) == args.half))
    overall, studies, arm_cells = score(kind, gold_dir, paths, args.workers, args.show_misses,
                                        args.arms)
    m = re.search(r"recall ([\d.]+) \((\d+/\d+)\)\s+precision ([\d.]+) \((\d+/\d+)\)\s+"
                  r"F1 ([\d.]+)", overall)
    dt = re.search(r"document_type: (\d+/\d+)", studies)
    npat = re.search(r"n_patients: (\d+/\d+)", studies)
    cells = (f"{m[1]} ({m[2]})", f"{m[3]} ({m[4]})", m[5]) if m else (overall, "", "")
    return (f"| {kind} | {len(paths)} | {' | '.join(cells)} | {dt[1] if dt else '?'} "
            f"| {npat[1] if npat else '?'} |{arm_cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="seeds,text,pdf")
    parser.add_argument("--half", choices=["tune", "check"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--arms", action="store_true",
                        help="also score the gold's arm records (group not 'all')")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is missing: nothing to score", file=sys.stderr)
        return 1
    arm_head = (" arm recall | arm values under another label |", "---|---|") if args.arms \
        else ("", "")
    print(f"| set | docs | recall | precision | F1 | document_type | n_patients |{arm_head[0]}")
    print(f"|---|---|---|---|---|---|---|{arm_head[1]}")
    for kind in args.sets.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            sources = set_sources(kind, Path(tmp))
            if isinstance(sources, str):
                print(f"| {kind} | skipped: {sources} | | | | | |{' | |' if args.arms else ''}")
                continue
            print(set_row(kind, *sources, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
