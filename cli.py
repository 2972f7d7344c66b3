"""The ``casemeta`` command line: a thin layer over :mod:`extract`, :mod:`corpus` and :mod:`meta`.

Each command parses its options, calls one library function and renders the result. Library
errors are caught in one place (:func:`errors_to_exit`) and printed as ``Error: …`` on stderr
with exit code 1.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="casemeta",
    help="Extract, curate and pool outcomes from surgical and interventional case series.",
    no_args_is_help=True,
    add_completion=False,
    # paper text must never end up in a traceback
    pretty_exceptions_show_locals=False,
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $CASEMETA_DB, else sqlite:///casemeta.db)."),
]


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


@contextlib.contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn the library's own exceptions into ``Error: …`` on stderr and exit code 1."""
    from corpus.errors import CorpusError
    from extract.errors import ExtractError

    bases: tuple[type[Exception], ...] = (CorpusError, ExtractError)
    with contextlib.suppress(ImportError):
        from meta.errors import MetaError

        bases = (*bases, MetaError)
    try:
        yield
    except bases as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None


def open_db(url: str | None):
    """Open (and create or migrate) the database named by ``--db`` / ``$CASEMETA_DB``."""
    from corpus.db import open_engine

    return open_engine(url)


# ---------------------------------------------------------------- ingest


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.pdf .txt .md .html).")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes.")] = 1,
    force: Annotated[bool, typer.Option(help="Re-extract files already ingested.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(help="Extract on this Dask scheduler (tcp://host:port) instead of --workers."),
    ] = None,
) -> None:
    """Extract outcome records from papers and store them in the database."""
    from corpus.ingest import discover, ingest_paths

    with errors_to_exit():
        engine = open_db(db)
        total = len(discover(paths))
        with _progress(total) as advance:

            def on_file(result) -> None:
                # plain echo, not rich: one unwrapped line per file, whatever the terminal
                if result.status == "failed":
                    typer.echo(f"Error: {result.message}", err=True)
                elif result.status == "skipped":
                    typer.echo(f"Skipped: {result.message}", err=True)
                advance()

            report = ingest_paths(
                engine, paths, force=force, workers=workers, on_file=on_file, dask_address=dask
            )
    _console().print(_ingest_summary(report))
    if report.count("failed"):
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress(total: int):
    """A rich progress bar on a terminal; nothing when output is redirected."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task("Ingesting", total=total)
        yield lambda: progress.advance(task)


def _ingest_summary(report):
    from rich.table import Table

    table = Table(title="Ingest summary")
    for name in ("ok", "skipped", "failed", "studies", "records", "pages", "seconds", "pages/s"):
        table.add_column(name, justify="right")
    table.add_row(
        str(report.count("ok")),
        str(report.count("skipped")),
        str(report.count("failed")),
        str(sum(f.studies for f in report.files)),
        str(sum(f.records for f in report.files)),
        str(report.pages),
        f"{report.seconds:.1f}",
        f"{report.pages_per_second:.1f}",
    )
    return table


# ---------------------------------------------------------------- reading


@app.command()
def records(
    db: DbOption = None,
    document: Annotated[str | None, typer.Option(help="Only this document (file name).")] = None,
    outcome: Annotated[str | None, typer.Option(help="Only this outcome.")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
) -> None:
    """List outcome records."""
    from rich.table import Table

    from corpus.queries import record_rows

    with errors_to_exit():
        rows = record_rows(
            open_db(db),
            document=document,
            outcome=outcome,
            statuses=(status,) if status else None,
        )
    table = Table(title=f"{len(rows)} records")
    columns = ("id", "document", "outcome", "measure", "group", "events", "total", "value")
    for name in (*columns, "CI", "time (mo)", "page", "status"):
        table.add_column(name, overflow="fold")
    for row in rows:
        ci = "" if row["ci_low"] is None else f"{_fmt(row['ci_low'])}–{_fmt(row['ci_high'])}"
        cells = [_fmt(row[c]) for c in columns]
        table.add_row(*cells, ci, _fmt(row["timepoint_months"]), _fmt(row["page"]), row["status"])
    _console().print(table)


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


@app.command()
def studies(db: DbOption = None) -> None:
    """List documents and their studies, with failed ingests, their errors and any flags."""
    from rich.table import Table

    from corpus.queries import list_studies

    with errors_to_exit():
        views = list_studies(open_db(db))
    table = Table(title=f"{len(views)} documents")
    for name in ("document", "status", "type", "study", "n", "records", "flags / error"):
        table.add_column(name, overflow="fold")
    for view in views:
        doc, study = view.document, view.study
        label = ""
        if study is not None:
            label = " ".join(str(p) for p in (study.first_author, study.year) if p)
        notes = doc.error or "\n".join(f["message"] for f in (study.flags if study else []))
        table.add_row(
            doc.file_name,
            doc.status,
            doc.document_type or "",
            label,
            _fmt(study.n_patients if study else None),
            str(view.records),
            notes,
        )
    _console().print(table)


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
    output: Annotated[Path | None, typer.Option(help="File to write (default: stdout).")] = None,
) -> None:
    """Export all records with the field names of spec/records.md."""
    from corpus.export import FORMATS, export_text

    if format not in FORMATS:
        typer.echo(f"Error: unknown format {format!r} (expected json or csv)", err=True)
        raise typer.Exit(1)
    with errors_to_exit():
        text = export_text(open_db(db), format)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"Error: {output}: cannot be written ({exc.strerror})", err=True)
        raise typer.Exit(1) from None


# ---------------------------------------------------------------- demo


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo database and outputs.")] = Path(
        "casemeta-demo"
    ),
) -> None:
    """Run the whole job on the bundled example corpus and show what was found."""
    from corpus.demo import run_demo

    with errors_to_exit():
        result = run_demo(out)
    _console().print(_ingest_summary(result.report))
    records(db=result.url, document=None, outcome=None, status=None)
    typer.echo(f"Database: {result.db_path}")


def main() -> None:
    """Entry point of the ``casemeta`` console script."""
    app()


if __name__ == "__main__":
    main()
