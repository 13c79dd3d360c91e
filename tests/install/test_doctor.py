"""``retold doctor`` on this installation, and on one whose HTML cleaner is missing (as a fresh
install with lxml 6 and no lxml_html_clean was)."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from retold.cli import app
from retold.doctor import run_checks


def test_everything_the_core_needs_is_here() -> None:
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for name in ("Python", "core libraries", "HTML extraction"):
        assert any(line.startswith("ok") and f" {name}:" in line for line in lines), lines
    assert "lxml_html_clean" in result.stdout


def test_every_required_check_passes_and_says_what_it_found() -> None:
    checks = run_checks()
    assert [check.name for check in checks if check.required] == [
        "Python",
        "core libraries",
        "HTML extraction",
    ]
    for check in checks:
        assert check.detail
        assert check.ok or check.fix, check


def test_a_missing_html_cleaner_is_reported_with_its_fix() -> None:
    # ``None`` in sys.modules makes ``import lxml.html.clean`` raise ImportError, exactly what
    # jusText met when lxml 6 no longer shipped the cleaner.
    script = (
        "import sys; sys.modules['lxml.html.clean'] = None\n"
        "from retold.cli import main\n"
        "sys.argv = ['retold', 'doctor']\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 6, result.stdout + result.stderr
    assert (
        "MISSING  HTML extraction: ModuleNotFoundError: import of lxml.html.clean" in result.stdout
    )
    assert "fix: pip install --upgrade trafilatura lxml lxml_html_clean" in result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "retold: error: required parts missing: HTML extraction"
