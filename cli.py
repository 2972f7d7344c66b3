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

from extract.reading.printable import printable

app = typer.Typer(
    name="casemeta",
    help="Extract, curate and pool outcomes from surgical and interventional case series.",
    no_args_is_help=True,
    add_completion=False,
    # paper text must never end up in a traceback
    pretty_exceptions_show_locals=False,
    # click's plain help: no `<bool>` beside flags, no frames or bold (NO_COLOR), and it
    # wraps to the terminal like git's
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", metavar="URL",
        help="Database URL or SQLite file (default: $CASEMETA_DB, else casemeta.db).",
    ),
]


ListFormatOption = Annotated[
    str, typer.Option("--format", help="table, json or csv (machine-readable, to stdout).")
]


ReaderOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        help="Who reads (default: $CASEMETA_REVIEWER, never the login name). In dual review a "
        "record waiting for its second reviewer shows its values before any decision, and "
        "only your own decisions.",
    ),
]


def _blinded_note(hidden: int) -> None:
    """Say on stderr that records under dual review are shown without decisions."""
    if hidden:
        typer.echo(
            f"Note: {hidden} record{'s wait' if hidden != 1 else ' waits'} for a second "
            "reviewer; shown before any decision, as every reviewer decides them",
            err=True,
        )


def _print_listing(rows: list[dict], format: str, fields) -> bool:
    """Write ``rows`` as JSON or CSV and return True; False for ``table`` (drawn by the caller)."""
    if format == "table":
        return False
    from corpus.listings import rows_to_text

    sys.stdout.write(rows_to_text(rows, format, fields))
    return True


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"casemeta {version('casemeta')}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: DbOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_show_version,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    if db is not None:
        # --db before the command (casemeta --db x.db records) becomes the default of the
        # command's own --db, through click's default_map: given after the command, it wins
        ctx.default_map = {name: {"db": db} for name in ctx.command.commands}


#: Width of tables written to a pipe or file (no terminal to fit), unless $COLUMNS says.
PIPE_WIDTH = 160


def _console(stderr: bool = False):
    import os

    from corpus.terminal_text import safe_console

    stream = sys.stderr if stderr else sys.stdout
    # rich assumes 80 columns off a terminal; records tables are wider and are read in files
    width = None if stream.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
    # rich's own NO_COLOR support drops colour but keeps bold and italic; no-color.org asks
    # for plain text, which color_system=None gives
    plain = {"color_system": None} if os.environ.get("NO_COLOR") else {}
    # every string shown passes the sanitiser: papers and reviewers write what is printed
    return safe_console(stderr=stderr, highlight=False, soft_wrap=False, width=width, **plain)


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
        typer.echo(f"Error: {printable(str(exc))}", err=True)
        raise typer.Exit(1) from None


def open_db(url: str | None, *, create: bool = False):
    """Open (and migrate) the database named by ``--db`` / ``$CASEMETA_DB``; only
    ``create=True`` (ingest) makes a missing one."""
    from corpus.db import open_engine

    return open_engine(url, create=create)


# ---------------------------------------------------------------- ingest


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.pdf .txt .md .html).")],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Extraction processes (default: the CPUs available, at most 8)."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-extract files already ingested.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(help="Extract on this Dask scheduler (tcp://host:port) instead of --workers."),
    ] = None,
    max_memory: Annotated[
        float,
        typer.Option(min=0.01, help="Memory (GB, resident) one document may use; killed beyond."),
    ] = 1.5,
) -> None:
    """Extract outcome records from papers and store them in the database."""
    from corpus.ingest import discover, ingest_paths, protocol_settings
    from corpus.workers import default_workers

    with errors_to_exit():
        engine = open_db(db, create=True)
        settings = protocol_settings(engine, max_memory_bytes=int(max_memory * 1e9))
        total = len(discover(paths))
        with _progress(total) as advance:

            def on_file(result) -> None:
                # plain echo, not rich: one unwrapped line per file, whatever the terminal
                if result.status == "failed":
                    typer.echo(f"Error: {printable(result.message)}", err=True)
                elif result.status == "skipped":
                    typer.echo(f"Skipped: {printable(result.message)}", err=True)
                advance()

            report = ingest_paths(
                engine, paths, settings=settings, force=force, workers=workers or default_workers(),
                on_file=on_file, dask_address=dask,
            )  # fmt: skip
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
    format: ListFormatOption = "table",
    reviewer: ReaderOption = None,
) -> None:
    """List outcome records.

    In dual review a record still waiting for its second reviewer is listed as every
    reviewer decides it (as extracted or last settled), with a note on stderr; to the
    reviewer who decided it (--reviewer), as they decided it.
    """
    from rich.table import Table

    from corpus.blinding import reader_name, visible_record_rows
    from corpus.listings import check_format
    from corpus.queries import EXPORT_FIELDS

    with errors_to_exit():
        check_format(format)
        rows, hidden = visible_record_rows(
            open_db(db),
            reader_name(reviewer),
            document=document,
            outcome=outcome,
            statuses=(status,) if status else None,
        )
    _blinded_note(hidden)
    if _print_listing(rows, format, EXPORT_FIELDS):
        return
    from rich import box

    # a compact frame (the box's one space between columns, no padding); numbers never wrap
    # and names fold, so every column still fits 80 terminal columns
    table = Table(title=f"{len(rows)} records", box=box.SIMPLE_HEAD, show_edge=False,
                  padding=0)
    widths = {"id": 3, "document": 7, "outcome": 8, "measure": 6, "group": 5}
    for name, width in widths.items():
        table.add_column(name, overflow="fold", min_width=width, no_wrap=name == "id")
    for name in ("n/N", "value", "CI", "months", "page", "status"):
        table.add_column(name, no_wrap=True)
    from corpus.provenance import WEAK_MARK, weak_fields

    for row in rows:
        weak = weak_fields(row)
        counts = "" if row["events"] is None else f"{row['events']}/{_fmt(row['total'])}"
        ci = "" if row["ci_low"] is None else f"{_fmt(row['ci_low'])}–{_fmt(row['ci_high'])}"
        names = [_fmt(row[c]) for c in ("id", "document", "outcome", "measure", "group")]
        extra = (_marked(_fmt(row["value"]), weak, "value"), ci,
                 _marked(_fmt(row["timepoint_months"]), weak, "timepoint_months"),
                 _fmt(row["page"]))  # fmt: skip
        table.add_row(*names, _marked(counts, weak, "events", "total"), *extra, row["status"])
    if any(weak_fields(row) for row in rows):
        table.caption = (f"{WEAK_MARK} derived or taken from the document's context, not stated "
                         "in the quote (--format json says from what)")
    _console().print(table)


def _marked(cell: str, weak: set[str], *fields: str) -> str:
    """A records-table cell with the provenance mark when one of its fields is weak."""
    from corpus.provenance import WEAK_MARK

    return cell + WEAK_MARK if cell and weak.intersection(fields) else cell


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


@app.command()
def studies(db: DbOption = None, format: ListFormatOption = "table") -> None:
    """List documents and their studies, with failed ingests, their errors and any flags."""
    from rich.table import Table

    from corpus.listings import STUDY_FIELDS, check_format, study_rows
    from corpus.queries import list_studies

    with errors_to_exit():
        check_format(format)
        views = list_studies(open_db(db))
    if _print_listing(study_rows(views), format, STUDY_FIELDS):
        return
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


OverwriteOption = Annotated[
    bool, typer.Option(help="Replace the output file if it exists (never the database).")
]


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
    output: Annotated[Path | None, typer.Option(help="File to write (default: stdout).")] = None,
    overwrite: OverwriteOption = False,
    reviewer: ReaderOption = None,
) -> None:
    """Export all records with the field names of spec/records.md.

    In dual review a record still waiting for its second reviewer is written as every
    reviewer decides it, without another reviewer's name or note (to the reviewer who
    decided it, as they decided it).
    """
    from corpus.blinding import blinded_count, reader_name
    from corpus.export import FORMATS, export_text
    from corpus.output_files import check_output, write_output

    if format not in FORMATS:
        typer.echo(f"Error: unknown format {format!r} (expected json or csv)", err=True)
        raise typer.Exit(1)
    with errors_to_exit():
        if output is not None:  # before the database is opened: it may be the database
            check_output(output, database_url=db, overwrite=overwrite)
        engine = open_db(db)
        text = export_text(engine, format, reader_name(reviewer))
        hidden = blinded_count(engine)
        if output is not None:
            write_output(output, text, database_url=db, overwrite=overwrite)
    _blinded_note(hidden)
    if output is None:
        sys.stdout.write(text)


# ---------------------------------------------------------------- protocol


@app.command()
def init(
    db: DbOption = None,
    reviewers: Annotated[
        int, typer.Option(min=1, max=2, help="1: decisions apply at once; 2: blinded dual review.")
    ] = 1,
    question: Annotated[str, typer.Option(help="The review question.")] = "",
    fraction: Annotated[
        float, typer.Option(help="With 2 reviewers: the share of records both review (0-1].")
    ] = 1.0,
) -> None:
    """Start a review: write the protocol review.toml next to the database."""
    from corpus.protocol_template import init_protocol

    with errors_to_exit():
        path = init_protocol(open_db(db, create=True), question=question, reviewers=reviewers,
                             fraction=fraction)
    typer.echo(f"Protocol: {path} (edit it: outcomes, analyses, exclusion reasons)")


# ---------------------------------------------------------------- study selection

DocumentArg = Annotated[str, typer.Argument(help="File name of the document (see `studies`).")]
SelectionReviewerOption = Annotated[
    str | None,
    typer.Option("--reviewer", help="Who decides (default: $CASEMETA_REVIEWER, else login)."),
]


@app.command()
def include(
    document: DocumentArg,
    db: DbOption = None,
    reviewer: SelectionReviewerOption = None,
    note: Annotated[str | None, typer.Option(help="Why (kept in the audit trail).")] = None,
) -> None:
    """Include a document's study in the review (audited).

    In dual review (reviewers = 2) it counts once a second reviewer agrees.
    """
    from corpus.inclusion import include as include_study

    with errors_to_exit():
        chosen = include_study(open_db(db), document, reviewer=reviewer, note=note)
    typer.echo(printable(chosen.summary("include")))


@app.command()
def exclude(
    document: DocumentArg,
    reason: Annotated[str, typer.Option(help="Why the study is excluded (PRISMA reason).")],
    db: DbOption = None,
    reviewer: SelectionReviewerOption = None,
) -> None:
    """Exclude a document from the review with a reason; its records and history stay.

    In dual review (reviewers = 2) it counts once a second reviewer excludes it for the same
    reason; a disagreement is listed by `conflicts` and settled by `resolve --document`.
    """
    from corpus.inclusion import exclude as exclude_study

    with errors_to_exit():
        chosen = exclude_study(open_db(db), document, reason=reason, reviewer=reviewer)
    typer.echo(printable(chosen.summary("exclude")))


@app.command()
def remove(
    document: DocumentArg,
    db: DbOption = None,
    reviewer: SelectionReviewerOption = None,
    note: Annotated[str | None, typer.Option(help="Why (kept in the audit trail).")] = None,
) -> None:
    """Delete a document nobody decided on (a failed ingest), with what ingest stored for it.

    Audited; the file can be ingested again afterwards. A document with a reviewer's decision
    (on its records or its selection) is refused: exclude it instead.
    """
    from corpus.removal import remove_document

    with errors_to_exit():
        gone = remove_document(open_db(db), document, reviewer=reviewer, note=note)
    what = "failed ingest" if gone.status == "failed" else f"{gone.records} records"
    typer.echo(f"{printable(gone.document)}: removed ({what}) by {printable(gone.reviewer)}")


@app.command()
def selection(
    db: DbOption = None,
    document: Annotated[
        str | None, typer.Option(help="Show this document's decisions, oldest first.")
    ] = None,
    reviewer: ReaderOption = None,
) -> None:
    """Study selection: each document's category and reason, then the PRISMA 2020 counts.

    Documents deleted with `remove` follow, from the audit trail. In dual review a document
    waiting for its second reviewer keeps its place from before and shows only your own
    decision.
    """
    from rich.table import Table

    from corpus.blinding import reader_name
    from corpus.inclusion import prisma_counts, selections, visible_document_decisions
    from corpus.removal import removals

    with errors_to_exit():
        reader = reader_name(reviewer)
        engine = open_db(db)
        if document is not None:
            trail = visible_document_decisions(engine, document, reader)
        else:
            chosen, removed = selections(engine, reader), removals(engine)
    console = _console()
    if document is not None:
        table = Table(title=f"Selection decisions on {document}")
        for name in ("when (UTC)", "who", "decision", "reason"):
            table.add_column(name, overflow="fold")
        for event in trail:
            when = event.at.strftime("%Y-%m-%d %H:%M:%S")
            table.add_row(when, event.reviewer, event.action, event.reason or "")
        console.print(table)
        return
    table = Table(title=f"Study selection: {len(chosen)} documents")
    for name in ("document", "selection", "reason", "by", "pending"):
        table.add_column(name, overflow="fold")
    for item in chosen:
        pending = f"{item.pending} (yours: {item.mine})" if item.mine else item.pending
        table.add_row(item.document, item.category, item.reason, item.reviewer, pending)
    console.print(table)
    counts = prisma_counts(chosen).to_dict()
    reasons = "; ".join(f"{r}: {n}" for r, n in counts.pop("excluded").items()) or "none"
    console.print(", ".join(f"{k} {v}" for k, v in counts.items()) + f"; excluded: {reasons}",
                  markup=False)  # fmt: skip
    for gone in removed:  # deleted with `remove`: not identified, but kept in the audit trail
        note = f" ({gone.note})" if gone.note else ""
        console.print(f"removed: {gone.file_name} ({gone.status}) by {gone.reviewer} "
                      f"{gone.at:%Y-%m-%d %H:%M}{note}", markup=False)  # fmt: skip


# ---------------------------------------------------------------- pool

POOL_FORMATS = ("table", "json", "csv", "md")

MethodOption = Annotated[
    str | None,
    typer.Option(help="REML|DL|PM|ML|HS|SJ|EB|HE|FE|GLMM (default GLMM for proportions); "
                      "MH|PETO for two arms."),
]
TransformOption = Annotated[
    str, typer.Option(help="logit|freeman-tukey|arcsine|raw|log (or PLO, PFT, PAS, PR, PLN).")
]
CiOption = Annotated[str, typer.Option("--ci", help="hk (Hartung-Knapp), z or hk-adhoc.")]
PiOption = Annotated[
    str,
    typer.Option("--pi", help="Prediction interval: t (metafor: t, k-1 df) or hts "
                              "(Higgins-Thompson-Spiegelhalter: t, k-2 df, as R meta)."),
]


@app.command()
def pool(
    outcome: Annotated[
        str | None, typer.Argument(help="Outcome to pool (optional with --input).")
    ] = None,
    db: DbOption = None,
    input: Annotated[
        Path | None,
        typer.Option(
            "--input", help="CSV: study plus events,total | yi,vi | yi,sei | value,ci_low,ci_high."
        ),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(help="proportion, rate_at_time, median or hazard_ratio."),
    ] = None,
    timepoint: Annotated[float | None, typer.Option(help="Time point in months.")] = None,
    group: Annotated[str, typer.Option(help="Patient group to pool.")] = "all",
    status: Annotated[
        str, typer.Option(help="accepted (accepted or edited records) or any.")
    ] = "accepted",
    method: MethodOption = None,
    transform: TransformOption = "logit",
    ci: CiOption = "hk",
    pi: PiOption = "t",
    by: Annotated[str | None, typer.Option(help="Column defining subgroups.")] = None,
    level: Annotated[float, typer.Option(help="Confidence level.")] = 0.95,
    format: Annotated[str, typer.Option("--format", help="table, json, csv or md.")] = "table",
    forest: Annotated[
        Path | None, typer.Option("--forest", help="Also draw the forest plot (.png, .svg, .pdf).")
    ] = None,
    effect: Annotated[
        str | None, typer.Option("--effect", help="Two-arm effect: OR, RR or RD (default OR).")
    ] = None,
    compare: Annotated[
        tuple[str, str] | None,
        typer.Option("--compare", help='Two groups to compare per document: "ARM A" "ARM B" '
                     "(with --input: the names of arm 1 and arm 2)."),
    ] = None,
    mods: Annotated[
        str | None, typer.Option("--mods", help="Moderator columns for a meta-regression: COL,COL.")
    ] = None,
    moderators: Annotated[
        Path | None,
        typer.Option("--moderators", help="CSV of study characteristics keyed by document."),
    ] = None,
    funnel: Annotated[
        Path | None, typer.Option("--funnel", help="Also draw the funnel plot (.png, .svg, .pdf).")
    ] = None,
) -> None:
    """Pool studies into a random-effects estimate (from the database or a CSV file)."""
    if format not in POOL_FORMATS:
        typer.echo(f"Error: unknown format {format!r} (expected table, json, csv or md)", err=True)
        raise typer.Exit(1)
    if status not in ("accepted", "any"):
        typer.echo(f"Error: unknown status {status!r} (expected accepted or any)", err=True)
        raise typer.Exit(1)
    if outcome is None and input is None:
        typer.echo("Error: give an OUTCOME or --input FILE.csv", err=True)
        raise typer.Exit(1)
    options = {"method": method, "transform": transform, "ci": ci, "level": level, "by": by,
               "effect": effect, "mods": [m for m in (mods or "").split(",") if m.strip()],
               "pi": pi}
    with errors_to_exit():
        from meta.analyses import check_options
        from meta.inputs import pool_frame, read_study_csv

        check_options(level=level, forest=forest, pi=pi)

        if input is not None:
            result = pool_frame(read_study_csv(input), measure, arms=compare, **options)
        else:
            from meta.arm_pairs import frame_from_db

            engine = open_db(db)
            planned = None if compare else _planned_analysis(engine, outcome)
            if planned is not None:
                from corpus.queries import records_frame
                from meta.analyses import statuses_for
                from meta.protocol_analyses import planned_study_frame

                records = records_frame(engine, statuses_for(status))
                frame = planned_study_frame(records, planned, None if by else group)
                measure = frame.attrs.get("measure")
            else:
                frame = frame_from_db(
                    engine, outcome, status=status, measure=measure, timepoint=timepoint,
                    group=None if (by or "").lower() == "group" else group, compare=compare,
                    moderators=moderators,
                )
                measure = None if compare else frame.attrs.get("measure")
            result = pool_frame(frame, measure, **options)
    _print_pool(result, format)
    for path, module, name in ((forest, "forest", "Forest"), (funnel, "funnel", "Funnel")):
        if path is not None:
            import importlib

            with errors_to_exit():
                getattr(importlib.import_module(f"meta.{module}"), f"save_{module}")(result, path)
            typer.echo(f"{name} plot: {path}", err=True)


def _planned_analysis(engine, name: str):
    """The protocol's analysis of ``name`` (said on stderr), or ``None`` without one."""
    from corpus.protocol import protocol_for

    protocol = protocol_for(engine)
    spec = protocol.analysis(name) if protocol is not None else None
    if spec is not None:
        typer.echo(f"Analysis {spec.name!r} of the protocol {protocol.path.name}: "
                   f"{spec.outcome} {spec.measure}, {spec.window_text()}", err=True)  # fmt: skip
    return spec


def _say_protocol_analyses(engine) -> None:
    """Say on stderr that the protocol's planned analyses are the ones pooled."""
    from corpus.protocol import protocol_for

    protocol = protocol_for(engine)
    if protocol is not None and protocol.analyses:
        names = "; ".join(a.name for a in protocol.analyses)
        typer.echo(f"Analyses of the protocol {protocol.path.name}: {names}", err=True)


def _print_pool(result, format: str) -> None:
    if format == "json":
        import json

        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    rows = _pool_rows(result, raw=format == "csv")
    if format == "csv":
        from corpus.csv_cells import csv_text

        sys.stdout.write(csv_text(list(rows[0]), rows))
        return
    summary = _pool_summary(result)
    if format == "md":
        typer.echo("| " + " | ".join(rows[0]) + " |")
        typer.echo("|" + "---|" * len(rows[0]))
        for r in rows:
            typer.echo("| " + " | ".join(str(v) for v in r.values()) + " |")
        typer.echo("\n" + "\n".join(f"- {line}" for line in summary))
        return
    from rich.table import Table

    table = Table(title=f"{result.kind}: k = {result.k}, {result.method}, {result.transform}")
    for name in rows[0]:
        table.add_column(name, justify="left" if name in ("study", "group") else "right")
    for r in rows:
        table.add_row(*[str(v) for v in r.values()])
    console = _console()
    console.print(table)
    for line in summary:
        console.print(line)


def _pool_value(result, value, raw: bool = False) -> str:
    if value is None or value != value:  # NaN: not available
        return "" if raw else "n/a"
    if raw:
        return repr(float(value))
    if result.kind in ("proportion", "rate_at_time"):
        return f"{100 * value:.1f}%"
    return f"{value:.4g}"


def _pool_rows(result, raw: bool = False) -> list[dict]:
    """One row per study, then the pooled row(s) (per subgroup, then overall)."""
    from meta.display import weight

    v = lambda x: _pool_value(result, x, raw)  # noqa: E731
    # weights in percent; none (""), not nan, where the method has none (medians)
    w = lambda x: ("" if x is None or x != x else repr(float(x))) if raw else weight(x)  # noqa: E731
    rows = [{"study": s.label, "group": s.group or "", "n": _counts(s),
             "estimate": v(s.estimate), "ci_low": v(s.ci_low),
             "ci_high": v(s.ci_high), "weight": w(s.weight)} for s in result.studies]
    for g in result.subgroups.groups if result.subgroups else ():
        nat = g.natural
        rows.append({"study": f"Pooled {g.group} (k = {g.k})", "group": g.group, "n": "",
                     "estimate": v(nat.get("estimate")), "ci_low": v(nat.get("ci_low")),
                     "ci_high": v(nat.get("ci_high")), "weight": ""})
    rows.append({"study": f"Pooled ({result.method})", "group": "", "n": "",
                 "estimate": v(result.estimate), "ci_low": v(result.ci_low),
                 "ci_high": v(result.ci_high),
                 "weight": w(100.0) if any(_finite(s.weight) for s in result.studies) else ""})
    return rows


def _counts(s) -> str:
    if s.events is None:
        return ""
    own = f"{s.events}/{s.total}"
    return own if s.events2 is None else f"{own} vs {s.events2}/{s.total2}"


def _finite(value) -> bool:
    return value is not None and value == value and abs(value) != float("inf")


def _pool_summary(result) -> list[str]:
    from meta.display import percent, pi_method, tau2

    v = lambda x: _pool_value(result, x)  # noqa: E731
    n = lambda x: "n/a" if x != x else _fmt(float(x))  # noqa: E731
    t = lambda x: tau2(x) or "n/a"  # noqa: E731
    how = f" ({pi_method(result.ci, result.k, result.pi)})" if _finite(result.pi_low) else ""
    lines = [f"Prediction interval: {v(result.pi_low)} to {v(result.pi_high)}{how}",
             f"tau2 = {t(result.tau2)} (CI {t(result.tau2_ci_low)} to "
             f"{t(result.tau2_ci_high)}), I2 = {percent(result.i2) or 'n/a'}, H2 = {n(result.h2)}, "
             f"Q = {n(result.q)} (df {result.q_df}, p = {n(result.q_p)})"]
    if result.subgroups:
        s = result.subgroups
        lines.append(f"Subgroup differences: Q between = {n(s.q_between)} (df "
                     f"{s.q_between_df}, p = {n(s.q_between_p)}); QM = {n(s.qm)} (df "
                     f"{s.qm_df}, p = {n(s.qm_p)})")
    from meta.summary_lines import diagnostic_lines

    return lines + diagnostic_lines(result) + [f"Note: {note}" for note in result.notes]


# ---------------------------------------------------------------- evaluate


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files.")],
    db: DbOption = None,
) -> None:
    """Score the database's records against gold files: recall, precision, F1 and misses."""
    from corpus.export import export_records
    from extract.evaluate import score_records

    def database_records():
        # read only once the gold folder is known to be good: options before any work
        yield from export_records(open_db(db))

    with errors_to_exit():
        report = score_records(gold, database_records())
    console = _console()
    console.print(_evaluation_table(report))
    for line in _evaluation_misses(report):
        console.print(line, markup=False, soft_wrap=True)


def _evaluation_table(report):
    from rich.table import Table

    table = Table(title=f"Extraction against {len(report.documents)} gold documents")
    for name in ("document", "recall", "precision", "F1"):
        table.add_column(name, overflow="fold")

    def ratio(part: int, whole: int, value) -> str:
        return "–" if value is None else f"{value:.3f} ({part}/{whole})"

    for doc in report.documents:
        table.add_row(doc.document, ratio(doc.found, doc.required, doc.recall),
                      ratio(doc.correct, doc.exported, doc.precision),
                      "–" if doc.f1 is None else f"{doc.f1:.3f}")
    table.add_section()
    table.add_row("overall", ratio(report.found, report.required, report.recall),
                  ratio(report.correct, report.exported, report.precision), f"{report.f1:.3f}")
    return table


def _evaluation_misses(report) -> list[str]:
    lines = []
    for doc in report.documents:
        for miss in doc.misses:
            count = "" if miss.events is None else f" {miss.events}/{miss.total}"
            value = "" if miss.value is None else f" value={miss.value:g}"
            lines.append(f"{miss.kind}: {doc.document} {miss.outcome} {miss.measure} "
                         f"group={miss.group} t={_fmt(miss.timepoint_months) or '–'}{count}{value}"
                         f"  «{miss.quote[:90]}»")
    return lines


# ---------------------------------------------------------------- curation

ReviewerOption = Annotated[
    str | None,
    typer.Option(help="Who decides (default: $CASEMETA_REVIEWER, else the login name)."),
]
NoteOption = Annotated[str | None, typer.Option(help="A note kept in the audit trail.")]
IfVersionOption = Annotated[
    int | None,
    typer.Option("--if-version", help="Refuse if the record is no longer at this version."),
]
RecordId = Annotated[int, typer.Argument(help="Record id (see `casemeta records`).")]


def _field_option(name: str):
    return typer.Option(help=f"New {name} (an empty string clears it).")


#: Record-field options shared by ``edit`` and ``add`` (text: parsed and validated by corpus).
EventsOption = Annotated[str | None, _field_option("events")]
TotalOption = Annotated[str | None, _field_option("total")]
ValueOption = Annotated[str | None, _field_option("value (0-1 or 71%)")]
CiLowOption = Annotated[str | None, _field_option("ci_low")]
CiHighOption = Annotated[str | None, _field_option("ci_high")]
TimepointOption = Annotated[str | None, _field_option("timepoint in months")]


#: ``edit``/``add``/``resolve`` option name -> record field.
_EDIT_FIELDS = {"timepoint": "timepoint_months"}


def _changes(**options: str | None) -> dict:
    """Parse the field options that were given into typed record values."""
    from corpus.validation import parse_field

    return {
        _EDIT_FIELDS.get(name, name): parse_field(_EDIT_FIELDS.get(name, name), text)
        for name, text in options.items()
        if text is not None
    }


@app.command()
def accept(
    record_id: RecordId,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Accept a record as it stands."""
    from corpus import curation

    with errors_to_exit():
        result = curation.accept(
            open_db(db), record_id, reviewer=reviewer, note=note, expected_version=if_version
        )
    typer.echo(printable(result.summary()))


@app.command()
def reject(
    record_id: RecordId,
    reason: Annotated[str, typer.Option(help="Why this is not a finding (kept in the trail).")],
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Reject a record that is not a finding of the paper."""
    from corpus import curation

    with errors_to_exit():
        result = curation.reject(
            open_db(db), record_id, reason=reason, reviewer=reviewer, expected_version=if_version
        )
    typer.echo(printable(result.summary()))


@app.command()
def edit(
    record_id: RecordId,
    events: EventsOption = None,
    total: TotalOption = None,
    value: ValueOption = None,
    ci_low: CiLowOption = None,
    ci_high: CiHighOption = None,
    timepoint: TimepointOption = None,
    group: Annotated[str | None, _field_option("group")] = None,
    outcome: Annotated[str | None, _field_option("outcome")] = None,
    measure: Annotated[str | None, _field_option("measure")] = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Correct fields of a record (any subset); invalid values change nothing."""
    from corpus import curation

    with errors_to_exit():
        changes = _changes(
            events=events, total=total, value=value, ci_low=ci_low, ci_high=ci_high,
            timepoint=timepoint, group=group, outcome=outcome, measure=measure,
        )  # fmt: skip
        result = curation.edit(
            open_db(db), record_id, changes, reviewer=reviewer, note=note,
            expected_version=if_version,
        )  # fmt: skip
    typer.echo(printable(result.summary()))


@app.command()
def add(
    document: Annotated[str, typer.Option(help="File name of the ingested document.")],
    outcome: Annotated[str, typer.Option(help="Outcome name (spec/records.md).")],
    measure: Annotated[str, typer.Option(help="proportion, rate_at_time, median, mean, ...")],
    group: Annotated[str | None, _field_option("group (default all)")] = None,
    events: EventsOption = None,
    total: TotalOption = None,
    value: ValueOption = None,
    ci_low: CiLowOption = None,
    ci_high: CiHighOption = None,
    timepoint: TimepointOption = None,
    page: Annotated[str | None, _field_option("page")] = None,
    quote: Annotated[str | None, _field_option("quote")] = None,
    own_wording: Annotated[
        bool, typer.Option(help="The quote is your own wording, not printed on the page.")
    ] = False,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
) -> None:
    """Add a record extraction missed (status accepted, rule manual); its quote is checked."""
    from corpus import curation

    with errors_to_exit():
        values = _changes(
            outcome=outcome, measure=measure, group=group, events=events, total=total,
            value=value, ci_low=ci_low, ci_high=ci_high, timepoint=timepoint, page=page,
            quote=quote,
        )  # fmt: skip
        result = curation.add(
            open_db(db), document=document, values=values, reviewer=reviewer, note=note,
            own_wording=own_wording,
        )  # fmt: skip
    typer.echo(f"record {result.record_id}: added to {printable(document)} (accepted)")


@app.command()
def unreview(
    record_id: RecordId,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    note: NoteOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Return a record to extracted, with its extracted values, to review it again (audited)."""
    from corpus.unreview import unreview as unreview_record

    with errors_to_exit():
        result = unreview_record(
            open_db(db), record_id, reviewer=reviewer, note=note, expected_version=if_version
        )
    typer.echo(result.summary())


@app.command()
def history(
    record_id: RecordId,
    db: DbOption = None,
    format: ListFormatOption = "table",
    reviewer: ReaderOption = None,
) -> None:
    """Show every event on a record, oldest first: who, when, what changed, and where each
    new value came from (stated, derived, defaulted, entered by whom).

    A 'protocol' entry marks when the protocol changed how many reviewers the record needs;
    each decision says whether it applied alone (one reviewer), with a second reviewer's, or
    is not applied yet (waiting for a second reviewer, or in conflict).
    In dual review, the history of a record still waiting for its second reviewer shows only
    your own decisions, and without --reviewer (or $CASEMETA_REVIEWER) it is refused.
    """
    from rich.table import Table

    from corpus.blinding import reader_name, visible_history
    from corpus.listings import HISTORY_FIELDS, check_format, history_rows

    with errors_to_exit():
        check_format(format)
        entries = visible_history(open_db(db), record_id, reader_name(reviewer))
    if _print_listing(history_rows(record_id, entries), format, HISTORY_FIELDS):
        return
    table = Table(title=f"History of record {record_id}")
    for name in ("when (UTC)", "who", "action", "changes", "note", "provenance"):
        table.add_column(name, overflow="fold")
    for entry in entries:
        changes = "\n".join(f"{c.field}: {_fmt(c.before)} → {_fmt(c.after)}" for c in entry.changes)
        action = _history_action(entry)
        when = entry.at.strftime("%Y-%m-%d %H:%M:%S")
        origin = "\n".join(p.text() for p in entry.provenance.values())
        table.add_row(when, entry.reviewer, action, changes, entry.note or "", origin)
    _console().print(table)


#: How the history table words a decision's standing (corpus.history.HistoryEntry.standing).
_STANDING_WORDS = {"alone": "one reviewer", "paired": "with a second reviewer",
                   "waiting": "not applied yet"}  # fmt: skip


def _history_action(entry) -> str:
    """A history entry's action, with how a decision stood: applied alone, with a second
    reviewer's, or not applied yet (marked when inferred from an old trail)."""
    words = _STANDING_WORDS.get(entry.standing or "")
    if words is None:
        return entry.action if entry.applied else f"{entry.action} (not applied yet)"
    return f"{entry.action} ({words}{', inferred' if entry.reviewers_inferred else ''})"


@app.command("import")
def import_records(
    file: Annotated[Path, typer.Argument(help="CSV from `casemeta export --format csv`, edited.")],
    db: DbOption = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Apply a reviewer's spreadsheet edits as audited events, all or nothing."""
    from corpus.csv_import import import_csv

    with errors_to_exit():
        report = import_csv(open_db(db), file, reviewer=reviewer)
    counts = report.counts()
    done = ", ".join(f"{n} {action}" for action, n in sorted(counts.items())) or "no changes"
    waiting = sum(1 for r in report.results if not r.applied)
    typer.echo(f"{printable(file.name)}: {done}; {report.unchanged} rows unchanged")
    for note in report.notes:
        typer.echo(f"Note: {printable(note)}", err=True)
    if waiting:
        typer.echo(f"{waiting} decisions wait for a second reviewer or conflict")


@app.command()
def conflicts(
    db: DbOption = None,
    format: ListFormatOption = "table",
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            help="Also list the records and studies waiting for a second reviewer: those you "
            "still owe a decision (shown as every reviewer decides them) and those where you "
            "decided and the other reviewer has not (default: $CASEMETA_REVIEWER, never the "
            "login name).",
        ),
    ] = None,
) -> None:
    """List records and documents where reviewers' decisions disagree, side by side.

    Only decisions two reviewers have both made are listed as conflicts, so nothing there is
    blinded; each value says where it comes from (stated, derived, defaulted, entered by
    whom). With --reviewer, records waiting for a second reviewer follow, blinded as
    `records` is.
    """
    from corpus.blinding import blinded_count, reader_name
    from corpus.dual_review import conflicts as find_conflicts
    from corpus.listings import (
        CONFLICT_FIELDS,
        check_format,
        conflict_rows,
        selection_conflict_rows,
        waiting_document_rows,
        waiting_rows,
    )
    from corpus.selection_review import selection_conflicts
    from corpus.waiting_records import waiting_documents, waiting_records

    with errors_to_exit():
        check_format(format)
        engine = open_db(db)
        found, documents = find_conflicts(engine), selection_conflicts(engine)
        reader = reader_name(reviewer)
        waiting = waiting_records(engine, reader) if reader is not None else []
        studies = waiting_documents(engine, reader) if reader is not None else []
        unnamed = blinded_count(engine) if reader is None else 0
    if unnamed:
        typer.echo(
            f"Note: {unnamed} record{'s wait' if unnamed != 1 else ' waits'} for a second "
            "reviewer; give --reviewer NAME to see which you owe",
            err=True,
        )
    rows = [*conflict_rows(found), *selection_conflict_rows(documents),
            *waiting_rows(waiting), *waiting_document_rows(studies)]  # fmt: skip
    if _print_listing(rows, format, CONFLICT_FIELDS):
        return
    if documents:
        _print_selection_conflicts(documents)
    if found or not documents:
        _print_record_conflicts(found)
    if waiting:
        _print_waiting(waiting)
    if studies:
        _print_waiting_documents(studies)


def _print_record_conflicts(found) -> None:
    from rich.table import Table

    table = Table(title=f"Conflicts between reviewers: {len(found)}")
    for name in ("id", "document", "record", "reviewer", "decision", "values", "note",
                 "provenance"):  # fmt: skip
        table.add_column(name, overflow="fold")
    for conflict in found:
        v = conflict.values
        label = f"{v['outcome']} {v['measure']} {v['group']}"
        fields = conflict.differing_fields() or conflict.changed_fields()
        base = ", ".join(f"{f}={_fmt(conflict.base.get(f))}" for f in fields)
        table.add_row(str(conflict.record_id), conflict.document, label, "(extracted)", "",
                      base, "the base both decided from",
                      _provenance_cell(conflict.provenance, fields))  # fmt: skip
        for decision in conflict.decisions:
            shown = "" if decision.rejects else ", ".join(
                f"{f}={_fmt(decision.values[f])}" for f in fields
            )  # fmt: skip
            origin = "" if decision.rejects else _provenance_cell(
                conflict.decision_provenance(decision), fields)  # fmt: skip
            table.add_row(
                str(conflict.record_id), conflict.document, label, decision.reviewer,
                decision.action, shown, decision.note or "", origin,
            )  # fmt: skip
    _console().print(table)


def _print_waiting(waiting) -> None:
    """The records waiting for a second reviewer, as the reader may see them."""
    from rich.table import Table

    owed = sum(1 for item in waiting if item.mine is None)
    table = Table(title=f"Waiting for a second reviewer: {len(waiting)} ({owed} yours to decide)")
    for name in ("id", "document", "record", "state", "your decision", "values", "provenance"):
        table.add_column(name, overflow="fold")
    for item in waiting:
        v = item.values
        label = f"{v['outcome']} {v['measure']} {v['group']}"
        if item.mine is None:
            table.add_row(str(item.record_id), item.document, label, "you owe a decision", "",
                          "", _provenance_cell(item.provenance, item.provenance))  # fmt: skip
            continue
        fields = item.changed_fields()
        shown = ", ".join(f"{f}={_fmt(item.mine.values[f])}" for f in fields)
        table.add_row(str(item.record_id), item.document, label, "waits for the other reviewer",
                      item.mine.action, shown,
                      _provenance_cell(item.mine_provenance(), fields))  # fmt: skip
    _console().print(table)


def _print_waiting_documents(studies) -> None:
    from rich.table import Table

    owed = sum(1 for item in studies if item.mine is None)
    table = Table(title=f"Selection waiting for a second reviewer: {len(studies)} "
                  f"({owed} yours to decide)")  # fmt: skip
    for name in ("document", "state", "your decision", "reason"):
        table.add_column(name, overflow="fold")
    for item in studies:
        if item.mine is None:
            table.add_row(item.document, "you owe a decision", "", "")
        else:
            table.add_row(item.document, "waits for the other reviewer", item.mine.action,
                          item.mine.reason or "")  # fmt: skip
    _console().print(table)


def _provenance_cell(provenance, fields) -> str:
    """``events entered (edited by bob); value derived (from 6/46)`` for ``fields``."""
    return "; ".join(provenance[f].text() for f in fields if f in provenance)


def _print_selection_conflicts(documents) -> None:
    from rich.table import Table

    table = Table(title=f"Selection conflicts between reviewers: {len(documents)}")
    for name in ("document", "reviewer", "decision", "reason"):
        table.add_column(name, overflow="fold")
    for conflict in documents:
        for event in conflict.decisions:
            table.add_row(conflict.document, event.reviewer, event.action, event.reason or "")
    _console().print(table)


@app.command()
def resolve(
    record_id: Annotated[
        int | None, typer.Argument(help="Record id (see `casemeta conflicts`); or --document.")
    ] = None,
    decision: Annotated[
        str,
        typer.Option(help="accept, reject, edit, or a reviewer whose decision to adopt; for "
                     "--document: include, exclude or a reviewer."),
    ] = "",
    document: Annotated[
        str | None, typer.Option(help="Settle this document's selection instead of a record.")
    ] = None,
    reason: Annotated[
        str | None, typer.Option(help="Why (required to reject, and to include or exclude).")
    ] = None,
    events: EventsOption = None,
    total: TotalOption = None,
    value: ValueOption = None,
    ci_low: CiLowOption = None,
    ci_high: CiHighOption = None,
    timepoint: TimepointOption = None,
    group: Annotated[str | None, _field_option("group")] = None,
    outcome: Annotated[str | None, _field_option("outcome")] = None,
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Settle a record (or with --document, a study's selection) reviewers disagree on.

    Audited; a selection is resolved with a reason (the exclusion reason to exclude).
    """
    from corpus.dual_review import resolve as settle
    from corpus.errors import InvalidOption

    with errors_to_exit():
        if (record_id is None) == (document is None) or not decision:
            raise InvalidOption("give a record id or --document DOC, and --decision")
        if document is not None:
            _resolve_selection(db, document, decision, reason, reviewer)
            return
        changes = _changes(
            events=events, total=total, value=value, ci_low=ci_low, ci_high=ci_high,
            timepoint=timepoint, group=group, outcome=outcome,
        )  # fmt: skip
        result = settle(
            open_db(db), record_id, decision, changes=changes, reviewer=reviewer, note=reason,
            expected_version=if_version,
        )  # fmt: skip
    typer.echo(f"record {record_id}: resolved as {result.status} (version {result.version})")


def _resolve_selection(db, document: str, decision: str, reason, reviewer) -> None:
    from corpus.inclusion import resolve_selection

    chosen = resolve_selection(open_db(db), document, decision, reason=reason, reviewer=reviewer)
    typer.echo(printable(f"{chosen.document}: resolved as {chosen.category} ({chosen.reason})"))


@app.command()
def review(
    db: DbOption = None,
    document: Annotated[str | None, typer.Option(help="Only this document (file name).")] = None,
    outcome: Annotated[str | None, typer.Option(help="Only this outcome.")] = None,
    reviewer: ReviewerOption = None,
) -> None:
    """Go through unreviewed records with their evidence: accept, edit, reject, skip, back."""
    from corpus.review_queue import ReviewQueue

    out = _console()
    with errors_to_exit():
        queue = ReviewQueue(open_db(db), reviewer, document=document, outcome=outcome)
    if not queue.total:
        typer.echo(f"Nothing left to review for {queue.reviewer}.")
        return
    interrupted = False
    try:
        while _review_step(queue, out):
            pass
    except KeyboardInterrupt:
        # each decision is its own transaction: those made are kept, none is half-written
        interrupted = True
    left = queue.total - len(queue.decided)
    typer.echo(f"{len(queue.decided)} decided, {left} left in this pass; `casemeta review` resumes")
    if interrupted:
        raise typer.Exit(130)


def _review_step(queue, out) -> bool:
    """Show the current record, read one key and act on it; ``False`` to stop."""
    from corpus.errors import CorpusError

    try:
        item = queue.current()
        if item is None:
            ended = _ask("End of the queue: [b]ack [q]uit", "q").lower()[:1]
            return ended == "b" and queue.back()
        out.print(_review_panel(item, queue))
        # no default: a stray Enter must never decide a record (it repeats the prompt)
        key = _ask("[a]ccept [e]dit [r]eject [s]kip [b]ack [q]uit").lower()[:1]
        if key == "q":
            return False
        result = _review_action(queue, key, item)
        if result is not None:
            out.print(result.summary(), markup=False)
    except CorpusError as exc:
        typer.echo(f"Error: {printable(str(exc))}", err=True)
        queue.reload()
    return True


def _review_action(queue, key: str, item):
    if key == "a":
        return queue.accept()
    if key == "r":
        return queue.reject(_ask("Reason"))
    if key == "e":
        changes = _prompt_fields(item.record)
        return queue.edit(changes) if changes else None
    if key == "s":
        queue.skip()
    elif key == "b" and not queue.back():
        typer.echo("Already at the first record.")
    elif key not in ("s", "b"):
        typer.echo(f"Unknown key {key!r}.")
    return None


#: Fields offered one by one when editing in ``casemeta review``.
_REVIEW_FIELDS = (
    "outcome", "measure", "group", "events", "total", "value", "ci_low", "ci_high",
    "timepoint_months", "page",
)  # fmt: skip


def _prompt_fields(record: dict) -> dict:
    """Ask for each field (Enter keeps it, '-' clears it), re-asking until the value parses."""
    from corpus.errors import InvalidEdit
    from corpus.validation import parse_field

    changes = {}
    for name in _REVIEW_FIELDS:
        shown = printable(_fmt(record[name]))  # the prompt shows the default: sanitised
        while True:
            text = _ask(f"  {name}", shown)
            if text == shown and isinstance(record[name], str):
                value = record[name]  # Enter keeps the stored text, even where shown cleaned
                break
            try:
                value = parse_field(name, "" if text == "-" else text)
                break
            except InvalidEdit as exc:
                typer.echo(f"Error: {printable(str(exc))}", err=True)
        if value != record[name]:
            changes[name] = value
    return changes


def _ask(prompt: str, default: str | None = None) -> str:
    """Read one answer; end of input counts as quit, Ctrl-C is a KeyboardInterrupt."""
    try:
        return typer.prompt(prompt, default=default, show_default=bool(default))
    except typer.Abort as exc:
        # click turns Ctrl-C and end of input alike into Abort; only the latter is a quit
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        return "q"
    except EOFError:
        return "q"


def _review_panel(item, queue):
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from extract.reading.printable import blank_controls

    # Text objects are not rendered from strings by the console: sanitised here (offsets of
    # the highlighted numbers kept)
    rec = {k: blank_controls(v) if isinstance(v, str) else v for k, v in item.record.items()}
    dash = lambda value: _fmt(value) or "–"  # noqa: E731
    no_ci = rec["ci_low"] is None and rec["ci_high"] is None
    ci = "–" if no_ci else f"{dash(rec['ci_low'])} to {dash(rec['ci_high'])}"
    head = Text(f"{rec['outcome']} · {rec['measure']} · group {rec['group']}", style="bold")
    numbers = (
        f"events {dash(rec['events'])} / total {dash(rec['total'])} · value {dash(rec['value'])}"
        f" · CI {ci}"
        f" · time {dash(rec['timepoint_months'])} mo · status {rec['status']} · rule {rec['rule']}"
    )
    quote = Text(rec["quote"] or "(no quote)")
    for start, end in item.spans:
        quote.stylize("bold black on yellow", start, end)
    from corpus.provenance import provenance_text

    parts = [head, Text(numbers), Text(f"provenance: {provenance_text(rec)}", style="dim"),
             Text("")]  # fmt: skip
    if item.context is None:
        parts += [quote, Text("(page text not available: quote only)", style="dim")]
    else:
        ctx = item.context
        shown = Text(blank_controls(ctx.before), style="dim")
        quoted = Text(blank_controls(ctx.quote), style="underline")
        for start, end in item.context_spans:
            quoted.stylize("bold black on yellow", start, end)
        shown.append_text(quoted)
        shown.append(ctx.after, style="dim")
        parts.append(shown)
    if rec.get("context"):  # a table's caption and header: what the quoted row means
        parts.append(Text(f"context: {rec['context']}", style="dim"))
    page = f" · page {rec['page']}" if rec["page"] else ""
    title = (
        f"record {rec['id']} · {rec['document']}{page} · {queue.position + 1} of {queue.total}"
        f" · {len(queue.decided)} decided · reviewer {queue.reviewer}"
    )
    return Panel(Group(*parts), title=title, title_align="left")


# ---------------------------------------------------------------- table and report

StatusOption = Annotated[
    str, typer.Option(help="accepted (accepted or edited records) or any (all but rejected).")
]
CompareOption = Annotated[
    tuple[str, str] | None,
    typer.Option("--compare", help='Also compare two groups per document: "ARM A" "ARM B".'),
]
EffectOption = Annotated[
    str | None, typer.Option("--effect", help="Effect of --compare: OR, RR or RD (default OR).")
]


@app.command()
def table(
    db: DbOption = None,
    status: StatusOption = "accepted",
    method: MethodOption = None,
    transform: TransformOption = "logit",
    ci: CiOption = "hk",
    pi: PiOption = "t",
    level: Annotated[float, typer.Option(help="Confidence level.")] = 0.95,
    format: Annotated[
        str, typer.Option("--format", help="table, csv, md, html or json.")
    ] = "table",
    compare: CompareOption = None,
    effect: EffectOption = None,
) -> None:
    """Pooled-estimate table: one row per outcome, measure and time point with a study."""
    from meta.summary_table import FORMATS, render_table, table_rows

    if format not in FORMATS:
        typer.echo(f"Error: unknown format {format!r} (expected {', '.join(FORMATS)})", err=True)
        raise typer.Exit(1)
    with errors_to_exit():
        from meta.analyses import analyses_from_db

        engine = open_db(db)
        analyses = analyses_from_db(
            engine, status, method=method, transform=transform, ci=ci, level=level,
            compare=compare, effect=effect, pi=pi,
        )
        text = render_table(analyses, format) if format != "table" else None
        _say_protocol_analyses(engine)
    if text is not None:
        sys.stdout.write(text)
        return
    from rich.table import Table

    rows = table_rows(analyses)
    if not rows:
        typer.echo(f"No records to pool with --status {status} (--status any includes "
                   "unreviewed records).")
        return
    shown = Table(title=f"Pooled estimates ({len(rows)} rows, --status {status})")
    for name in rows[0]:
        shown.add_column(name, overflow="fold")
    for row in rows:
        shown.add_row(*row.values())
    _console().print(shown)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")],
    db: DbOption = None,
    status: StatusOption = "accepted",
    method: MethodOption = None,
    transform: TransformOption = "logit",
    ci: CiOption = "hk",
    pi: PiOption = "t",
    level: Annotated[float, typer.Option(help="Confidence level.")] = 0.95,
    title: Annotated[str, typer.Option(help="Title of the report.")] = "casemeta report",
    overwrite: OverwriteOption = False,
    compare: CompareOption = None,
    effect: EffectOption = None,
) -> None:
    """Write a self-contained HTML report: studies, pooled table, forest plots, records."""
    from corpus.output_files import check_output
    from meta.report import write_report

    with errors_to_exit():
        check_output(out, database_url=db, overwrite=overwrite)
        path = write_report(
            open_db(db), out, status=status, title=title, method=method,
            transform=transform, ci=ci, level=level, compare=compare, effect=effect, pi=pi,
        )
    typer.echo(f"Report: {path}")


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
    typer.echo(f"Report (pools unreviewed records: --status any): {result.html_report}")
    for path in result.forest_plots:
        typer.echo(f"Forest plot: {path}")


def main() -> None:
    """Entry point of the ``casemeta`` console script."""
    app()


if __name__ == "__main__":
    main()
