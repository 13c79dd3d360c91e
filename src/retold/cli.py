"""The ``retold`` command line: parse, call one API function, render, map errors to exit codes.

Exit codes: 0 success; 1 unexpected failure; 2 usage error; 3 input not found or unreadable;
4 input not usable as an article (binary, undecodable, empty, too large); 5 the two texts share
no passage.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from retold import __version__
from retold.api import CompareConfig, compare
from retold.errors import NothingInCommonError, RetoldError
from retold.report.json import comparison_to_json
from retold.report.terminal import render_comparison

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
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List boilerplate and cosmetic changes one by one.")
    ] = False,
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
    try:
        comparison = compare(a, b, config=CompareConfig(max_bytes=max_bytes))
        if not comparison.passages:
            raise NothingInCommonError(
                f"{a} and {b} share no passage of at least "
                f"{CompareConfig().align.min_passage_words} words"
            )
    except RetoldError as error:
        raise _fail(error) from None
    if output_format is OutputFormat.JSON:
        report = comparison_to_json(comparison)
        if output is None:
            sys.stdout.write(report + "\n")
        else:
            output.write_text(report + "\n", encoding="utf-8")
        return
    if output is None:
        render_comparison(comparison, Console(highlight=False), show_all=show_all)
        return
    with output.open("w", encoding="utf-8") as handle:
        console = Console(file=handle, highlight=False, width=100, no_color=True)
        render_comparison(comparison, console, show_all=show_all)


def main() -> None:
    """Entry point of the ``retold`` script."""
    app()
