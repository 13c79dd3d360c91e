"""The ``retold`` command line: parse, call one API function, render, map errors to exit codes.

Exit codes: 0 success; 1 unexpected failure; 2 usage error; 3 input not found or unreadable,
or a results folder that cannot be written; 4 input not usable as an article (binary,
undecodable, empty, too large); 5 the two texts share no passage; 6 ``retold doctor`` found a
required part missing, or the engine asked for (Spark) is not installed or did not start.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from retold import __version__
from retold.config import CompareConfig, FingerprintConfig, PairConfig, SketchConfig
from retold.errors import NothingInCommonError, RetoldError, UsageError

if TYPE_CHECKING:
    from retold.engines.spark.session import SparkOptions
    from retold.records import Comparison

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find news stories retold across outlets and show exactly what changed.",
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
]
AllOption = Annotated[
    bool, typer.Option("--all", help="List boilerplate and cosmetic changes one by one.")
]
"""The report options ``compare`` and ``pair`` share."""


class Engine(StrEnum):
    LOCAL = "local"
    SPARK = "spark"


class PairViewChoice(StrEnum):
    """``retold.report.corpus.model.PairViews``, as the command line offers it."""

    LINEAGE = "lineage"
    FAMILY = "family"
    ALL = "all"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"retold {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Find news stories retold across outlets and show exactly what changed."""


def _fail(error: RetoldError) -> typer.Exit:
    """Print the error on one line (never wrapped, never markup) and pick its exit code."""
    message = " ".join(str(error).split())
    sys.stderr.write(f"retold: error: {message}\n")
    return typer.Exit(error.exit_code)


@app.command("compare")
def compare_command(
    a: Annotated[
        str, typer.Argument(help="The first article: a text or HTML file, or - for stdin.")
    ],
    b: Annotated[
        str, typer.Argument(help="The second article: a text or HTML file, or - for stdin.")
    ],
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    show_all: AllOption = False,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse inputs larger than this many bytes.", min=1)
    ] = CompareConfig().max_bytes,
) -> None:
    """Align two articles and explain every difference.

    Example: retold compare examples/jpost-2019-06-24-iran-iraq-exercises.txt
    examples/kayhan-2019-06-24-iran-iraq-exercises.txt --format json
    """
    if a == "-" and b == "-":
        raise typer.BadParameter("only one of A and B can be read from stdin")
    from retold.api import compare

    try:
        comparison = compare(a, b, config=CompareConfig(max_bytes=max_bytes))
        if (error := _nothing_in_common(comparison, a, b)) is not None:
            raise error
    except RetoldError as error:
        raise _fail(error) from None
    for label, document in (("A", comparison.a), ("B", comparison.b)):
        if document.controls_replaced:
            sys.stderr.write(
                f"retold: warning: {label} ({document.path or 'stdin'}): "
                f"{document.controls_replaced} control character"
                f"{'s' if document.controls_replaced != 1 else ''} replaced by spaces\n"
            )
    _write_comparison(comparison, output_format, output, show_all=show_all)


def _nothing_in_common(comparison: Comparison, a: str, b: str) -> NothingInCommonError | None:
    if comparison.passages or comparison.rewritten:
        return None
    return NothingInCommonError(
        f"{a} and {b} share no passage of at least {CompareConfig().align.min_passage_words}"
        " words, and none retold in other words or in another language"
    )


def _write_comparison(
    comparison: Comparison, output_format: OutputFormat, output: Path | None, *, show_all: bool
) -> None:
    """Print or write one comparison as ``retold compare`` and ``retold pair`` report it."""
    if output_format is OutputFormat.JSON:
        from retold.report.json import comparison_to_json

        report = comparison_to_json(comparison)
        if output is None:
            sys.stdout.write(report + "\n")
        else:
            output.write_text(report + "\n", encoding="utf-8")
        return
    if output_format is OutputFormat.HTML:
        from retold.report.html import render_pair_html

        page = render_pair_html(comparison)
        if output is None:
            sys.stdout.write(page)
        else:
            output.write_text(page, encoding="utf-8")
        return
    from rich.console import Console

    from retold.report.terminal import render_comparison

    if output is None:
        render_comparison(comparison, Console(highlight=False), show_all=show_all)
        return
    with output.open("w", encoding="utf-8") as handle:
        console = Console(file=handle, highlight=False, width=100, no_color=True)
        render_comparison(comparison, console, show_all=show_all)


@app.command("pair")
def pair_command(
    results: Annotated[Path, typer.Argument(help="A results folder written by retold scan.")],
    a: Annotated[str, typer.Argument(help="The first document's id (doc_id).")],
    b: Annotated[str, typer.Argument(help="The second document's id (doc_id).")],
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    show_all: AllOption = False,
) -> None:
    """Compare two documents of a scan in full, every change explained, kept or not.

    As retold compare does, with the scan's metadata (outlets, dates, credits).

    Example: retold pair results/ 1579 7887
    """
    from retold.api import compare_pair

    try:
        comparison = compare_pair(results, a, b)
        if (error := _nothing_in_common(comparison, a, b)) is not None:
            raise error
    except RetoldError as error:
        raise _fail(error) from None
    _write_comparison(comparison, output_format, output, show_all=show_all)


_FINGERPRINTS = FingerprintConfig()
_PAIRS = PairConfig()


@app.command("scan")
def scan_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders: .txt/.html, JSONL, CSV, Parquet, WARC/ARC (.gz);"
            " with --engine spark also URIs of Hadoop file systems (hdfs://, s3a://).",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="The results folder (with --engine spark also a hdfs://, s3a://… URI).",
        ),
    ],
    text_field: Annotated[str | None, typer.Option(help="Field holding the article text.")] = None,
    id_field: Annotated[str | None, typer.Option(help="Field holding a document id.")] = None,
    title_field: Annotated[str | None, typer.Option(help="Field holding the title.")] = None,
    url_field: Annotated[str | None, typer.Option(help="Field holding the URL.")] = None,
    date_field: Annotated[
        str | None, typer.Option(help="Field holding the publication time.")
    ] = None,
    outlet_field: Annotated[str | None, typer.Option(help="Field holding the outlet.")] = None,
    paragraph_separator: Annotated[
        str | None,
        typer.Option(help='A marker standing for a paragraph break in the texts, e.g. " ### ".'),
    ] = None,
    shingle: Annotated[int, typer.Option("-k", help="Words per shingle.", min=2)] = _FINGERPRINTS.k,
    window: Annotated[
        int, typer.Option("-w", help="Winnowing window (shingles).", min=1)
    ] = _FINGERPRINTS.w,
    max_document_frequency: Annotated[
        int,
        typer.Option(
            help="A fingerprint found in more documents than this pairs them with the earliest"
            " only.",
            min=2,
        ),
    ] = 100,
    min_words: Annotated[
        int, typer.Option(help="Keep a pair only with a shared passage of this many words.", min=1)
    ] = _PAIRS.min_passage_words,
    family_gaps: Annotated[
        int,
        typer.Option(
            help="Once the families are made, align two members of one family that no"
            " candidate path paired, at most this many pairs per member (a family with more is"
            " left as it is); 0 aligns none.",
            min=0,
        ),
    ] = _PAIRS.family_gap_pairs,
    all_pairs: Annotated[
        bool,
        typer.Option(
            "--all-pairs",
            help="Align every candidate pair, copies of one text too (by default the pairs of"
            " near-identical copies are derived from one aligned pair: pairs.derived_from).",
        ),
    ] = False,
    workers: Annotated[int, typer.Option(help="Worker processes (default: all cores).", min=1)] = (
        os.cpu_count() or 1
    ),
    max_bytes: Annotated[int, typer.Option(help="Reject records larger than this.", min=1)] = (
        50_000_000
    ),
    memory_limit: Annotated[str, typer.Option(help="DuckDB memory limit.")] = "4GB",
    changes: Annotated[
        bool,
        typer.Option(
            "--changes",
            help="Also explain every change of every pair into changes.parquet (slower;"
            " `retold report` explains the pairs it shows either way).",
        ),
    ] = False,
    rewritten: Annotated[
        bool,
        typer.Option(
            "--rewritten",
            help="Also find copies rewritten in other words (slower: sentence sketches,"
            " checked by their neighbours, as a second candidate path, and every pair aligned"
            " by sentences too).",
        ),
    ] = False,
    weak_partners: Annotated[
        int | None,
        typer.Option(
            help="With --rewritten: a pair resting on one caught sentence is kept only among"
            " this many best sketch pairs of one of its documents (default 8); 0 keeps every"
            " pair.",
            min=0,
        ),
    ] = None,
    story: Annotated[
        bool,
        typer.Option(
            "--story",
            help="Also tell the story of every retelling whose source is known: whether the"
            " copy credits its source, the names it cut or renamed (stories.parquet,"
            " story_names.parquet; per outlet in results.duckdb and the report).",
        ),
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            help="Where the stages run: processes on this machine, or Spark"
            " (pip install 'retold[spark]'; the same results).",
        ),
    ] = Engine.LOCAL,
    master: Annotated[
        str | None,
        typer.Option(help="Spark master (local[2], yarn, spark://host:7077); --engine spark."),
    ] = None,
    spark_conf: Annotated[
        list[str] | None,
        typer.Option(
            "--spark-conf",
            help="A Spark setting KEY=VALUE (repeatable), e.g. spark.driver.memory=8g.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Find every pair of articles that share text, explain each, and group them into families.

    Guarantee: any passage of at least t = w + k - 1 words (40 with the defaults k=12, w=29)
    shared by two documents yields a candidate pair and is aligned; shorter ones may be found.
    A fingerprint held by more than --max-document-frequency documents pairs each of them with
    the earliest only (counted in the manifest): then the guarantee holds for pairs of that
    document. With --rewritten, a passage of five sentences rewritten so that each keeps
    half of its content words (Jaccard 0.5) yields a candidate with probability 0.93 (0.999 at
    0.6); a pair resting on one caught sentence is kept only among the 8 best of one of its
    documents. Rerunning a scan resumes it.

    Example: retold scan articles.jsonl crawl.warc.gz -o results/
    """
    if engine is Engine.LOCAL and workers > 1:
        from retold.engines.fork_server import start_fork_server

        start_fork_server()  # its imports run while this process imports the scan's
    from rich.console import Console

    from retold.api import scan
    from retold.config import CandidateConfig
    from retold.engines.stages import ScanConfig
    from retold.ingest.corpus import FieldMap
    from retold.report.summary import render_scan_summary

    overrides = {
        "id": id_field,
        "text": text_field,
        "title": title_field,
        "url": url_field,
        "published": date_field,
        "outlet": outlet_field,
    }
    fields = FieldMap(**{name: value for name, value in overrides.items() if value is not None})
    try:
        config = ScanConfig(
            fields=fields,
            fingerprints=FingerprintConfig(k=shingle, w=window),
            candidates=CandidateConfig(
                max_document_frequency=max_document_frequency,
                copy_share=None if all_pairs else CandidateConfig().copy_share,
            ),
            pairs=PairConfig(min_passage_words=min_words, family_gap_pairs=family_gaps),
            sketches=_sketch_config(rewritten, weak_partners),
            changes=changes,
            story=story,
            max_bytes=max_bytes,
            paragraph_separator=paragraph_separator,
            workers=workers,
            memory_limit=memory_limit,
        )
        spark = _spark_options(engine, master, spark_conf or [])
        result = scan(inputs, output, config=config, engine=engine.value, spark=spark)
    except RetoldError as error:
        raise _fail(error) from None
    render_scan_summary(result, Console(highlight=False))


def _sketch_config(rewritten: bool, weak_partners: int | None) -> SketchConfig:
    """The second candidate path's settings; ``--weak-partners`` only applies to it."""
    if weak_partners is None:
        return SketchConfig(enabled=rewritten)
    if not rewritten:
        raise UsageError("--weak-partners needs --rewritten")
    return SketchConfig(enabled=True, max_partners=weak_partners or None)


def _spark_options(engine: Engine, master: str | None, settings: list[str]) -> SparkOptions | None:
    """The Spark options the command line gives, refused when they cannot apply."""
    from retold.engines.spark.session import SparkOptions

    if engine is Engine.LOCAL:
        if master is not None or settings:
            raise UsageError("--master and --spark-conf need --engine spark")
        return None
    pairs = []
    for setting in settings:
        key, equals, value = setting.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"--spark-conf {setting!r}: expected KEY=VALUE")
        pairs.append((key.strip(), value))
    return SparkOptions(master=master, conf=tuple(pairs))


@app.command("eval")
def eval_command(
    full: Annotated[bool, typer.Option("--full", help="Many more pairs (minutes).")] = False,
    data: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared/data"),
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the report.")
    ] = Path("docs/accuracy.md"),
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic pairs.")] = 2024,
) -> None:
    """Measure accuracy on real news text, print the tables and write docs/accuracy.md.

    Example: retold eval --full
    """
    from dataclasses import replace

    from retold.evaluate.harness import (
        EvalConfig,
        command_line,
        evaluate_accuracy,
        stderr_progress,
    )

    config = EvalConfig(data_dir=data, full=full, seed=seed)
    config = replace(config, command=command_line("retold eval", config))
    try:
        markdown = evaluate_accuracy(config, output=output, progress=stderr_progress)
    except RetoldError as error:
        raise _fail(error) from None
    sys.stdout.write(markdown)


@app.command("report")
def report_command(
    results: Annotated[
        Path, typer.Argument(help="A results folder written by retold scan.", show_default=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The report folder (created if needed).")
    ],
    pair_views: Annotated[
        PairViewChoice,
        typer.Option(
            "--pair-views",
            help="Which pairs get a pair view: lineage (for each family member, the pair it "
            "most likely came from: one page per member), family (every pair inside a family: "
            "grows with the square of family sizes), all (every pair).",
        ),
    ] = PairViewChoice.LINEAGE,
    all_pairs: Annotated[
        bool,
        typer.Option("--all-pairs", hidden=True, help="Before --pair-views: --pair-views all."),
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Worker processes rendering pair views (default: all cores).", min=1)
    ] = (os.cpu_count() or 1),
) -> None:
    """Write the corpus view of a scan: a folder of HTML pages that opens offline, from disk.

    index.html lists the story families (sortable, searchable), each with a timeline and a
    who-copied-whom graph, and an outlet x outlet reuse matrix; each family member's likely
    source opens a pair view in pairs/ (every pair of a family with --pair-views family; any
    pair with retold pair). Rerunning on the same results only renders the pair views still
    missing.

    Example: retold report results/ -o report/
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from retold.report.corpus import write_corpus_report

    if all_pairs:  # the option --pair-views replaced; scripts that pass it keep working
        typer.echo("retold report: --all-pairs is now --pair-views all", err=True)
        pair_views = PairViewChoice.ALL
    progress = Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True, highlight=False),
        transient=True,
    )
    task = progress.add_task("pair views", total=None)

    def advance(done: int, total: int) -> None:
        if total and not progress.live.is_started and progress.console.is_terminal:
            progress.start()  # only when there are pages to render: errors stay one line
        progress.update(task, completed=done, total=total)

    try:
        stats = write_corpus_report(
            results, output, pair_views=pair_views.value, workers=workers, progress=advance
        )
    except RetoldError as error:
        raise _fail(error) from None
    finally:
        if progress.live.is_started:
            progress.stop()
    typer.echo(
        f"wrote {stats.index}: {stats.families:,} families, {stats.documents:,} articles, "
        f"{stats.pair_pages:,} pair views ({stats.pages_written:,} new, "
        f"{stats.pages_reused:,} kept) in {stats.seconds:.1f} s"
    )
    typer.echo(f"open {stats.index.resolve().as_uri()}")


@app.command("doctor")
def doctor_command() -> None:
    """Check what retold needs and the optional parts, and say how to get what is missing.

    Exits with 0 when everything the core needs works (reading text, HTML and WARC,
    comparing, scanning, reporting), 6 otherwise; optional parts only inform.
    """
    from retold.doctor import run_checks

    checks = run_checks()
    for check in checks:
        status = "ok" if check.ok else ("MISSING" if check.required else "absent")
        typer.echo(f"{status:<8} {check.name}: {check.detail}")
        if not check.ok and check.fix:
            typer.echo(f"{'':<8} fix: {check.fix}")
    broken = [check.name for check in checks if check.required and not check.ok]
    if broken:
        sys.stderr.write(f"retold: error: required parts missing: {', '.join(broken)}\n")
        raise typer.Exit(6)


def main() -> None:
    """Entry point of the ``retold`` script."""
    app()


if __name__ == "__main__":
    main()
