"""The errors retold raises on purpose, each with the exit code the command line maps it to.

Every error is a ``RetoldError``: the CLI prints its message on one line and exits with its
``exit_code``; no traceback reaches the user.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "EmptyInputError",
    "EngineUnavailableError",
    "InputError",
    "InputNotFoundError",
    "InputTooLargeError",
    "NothingInCommonError",
    "ResultsError",
    "RetoldError",
    "UndecodableInputError",
    "UsageError",
]


class RetoldError(Exception):
    """Base of all deliberate retold errors."""

    exit_code = 1


class InputError(RetoldError):
    """An input could not be read as an article."""

    exit_code = 3


class InputNotFoundError(InputError):
    """The path does not exist, is a directory, or cannot be opened."""

    exit_code = 3


class BinaryInputError(InputError):
    """The input looks like a binary file (NUL bytes, control characters)."""

    exit_code = 4


class UndecodableInputError(InputError):
    """The bytes are not text in any encoding retold could recognise."""

    exit_code = 4


class EmptyInputError(InputError):
    """The input holds no words (empty file, whitespace, or HTML with no article text)."""

    exit_code = 4


class InputTooLargeError(InputError):
    """The input is over the size limit (``--max-bytes``)."""

    exit_code = 4


class NothingInCommonError(RetoldError):
    """The two texts share no passage long enough to count."""

    exit_code = 5


class ResultsError(RetoldError):
    """A scan's results folder is missing, unfinished (no ``manifest.json``) or incomplete, or
    cannot be written."""

    exit_code = 3


class UsageError(RetoldError):
    """Options that cannot go together (the command line's own checks)."""

    exit_code = 2


class EngineUnavailableError(RetoldError):
    """The scan engine asked for is not installed or did not start (Spark: pyspark, Java)."""

    exit_code = 6
