"""``python -m retold.evaluate``: the accuracy evaluation without the ``retold`` command.

The same run as ``retold eval`` (see ``harness``): prints the tables and writes
``docs/accuracy.md``. Run it from the project root so that ``../shared/data`` is found.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from retold.errors import RetoldError
from retold.evaluate.harness import (
    DEFAULT_DATA_DIR,
    DEFAULT_OUTPUT,
    DEFAULT_SEED,
    EvalConfig,
    command_line,
    evaluate_accuracy,
    stderr_progress,
)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the evaluation, print the report; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m retold.evaluate",
        description="Measure retold's accuracy on real news text and write docs/accuracy.md.",
    )
    parser.add_argument("--full", action="store_true", help="many more pairs (minutes)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared data")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the report file")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed of the pairs")
    args = parser.parse_args(argv)
    config = EvalConfig(data_dir=args.data, full=args.full, seed=args.seed)
    config = replace(config, command=command_line("python -m retold.evaluate", config))
    try:
        markdown = evaluate_accuracy(config, output=args.output, progress=stderr_progress)
    except RetoldError as error:
        sys.stderr.write(f"retold: error: {' '.join(str(error).split())}\n")
        return error.exit_code
    sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
