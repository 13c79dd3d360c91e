"""``retold doctor``: check the parts a user's installation may lack, and say how to get them.

A fresh install can look fine and still be broken: in 2026 a new lxml stopped providing the
HTML cleaner that jusText (through trafilatura) imports, and every HTML page was then rejected
as "extraction failed" while plain-text inputs worked. Each check here runs the real thing (an
import, a tiny extraction, a version query), not a guess from package metadata.

``required`` checks are what the core needs (reading text, HTML and WARC, comparing, scanning,
reporting); the others are for optional parts and only inform.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Check", "run_checks"]

_CORE_MODULES = (
    # import name, distribution name
    ("numpy", "numpy"),
    ("regex", "regex"),
    ("rapidfuzz", "RapidFuzz"),
    ("xxhash", "xxhash"),
    ("ftfy", "ftfy"),
    ("charset_normalizer", "charset-normalizer"),
    ("pyarrow", "pyarrow"),
    ("duckdb", "duckdb"),
    ("fastwarc", "FastWARC"),
    ("jinja2", "Jinja2"),
    ("markupsafe", "MarkupSafe"),
    ("rich", "rich"),
    ("typer", "typer"),
)

_TINY_PAGE = (
    "<html><head><title>Doctor</title></head><body><article><h1>A headline</h1>"
    + "<p>The doctor reads this paragraph to check that article extraction works end to end, "
    "from the parsed page to the text of its body.</p>" * 3 + "</article></body></html>"
)


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one check: what it is for, whether it passed, and how to fix it."""

    name: str
    required: bool
    ok: bool
    detail: str
    fix: str = ""


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _check_python() -> Check:
    ok = sys.version_info >= (3, 11)
    return Check(
        "Python",
        required=True,
        ok=ok,
        detail=f"{platform.python_version()} ({sys.executable})",
        fix="" if ok else "retold needs Python 3.11 or newer",
    )


def _check_core() -> Check:
    found, missing = [], []
    for module, distribution in _CORE_MODULES:
        try:
            importlib.import_module(module)
        except ImportError as error:
            missing.append(f"{distribution} ({error})")
        else:
            found.append(f"{distribution} {_version(distribution)}")
    if missing:
        return Check(
            "core libraries",
            required=True,
            ok=False,
            detail="cannot import " + "; ".join(missing),
            fix="reinstall retold: pip install --force-reinstall retold",
        )
    return Check("core libraries", required=True, ok=True, detail=", ".join(found))


def _check_html() -> Check:
    """Import trafilatura and extract a tiny page, as reading any HTML page or WARC record does."""
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("trafilatura", "lxml", "lxml_html_clean")
    )
    try:
        from retold.ingest.html import extract_html

        document = extract_html(_TINY_PAGE, name="doctor.html")
    except Exception as error:  # any failure here means pages cannot be read: report it all
        return Check(
            "HTML extraction",
            required=True,
            ok=False,
            detail=f"{type(error).__name__}: {error} ({versions})",
            fix="pip install --upgrade trafilatura lxml lxml_html_clean",
        )
    if "article extraction works end to end" not in document.text:
        return Check(
            "HTML extraction",
            required=True,
            ok=False,
            detail=f"a test page gave the wrong text: {document.text[:80]!r} ({versions})",
            fix="pip install --upgrade trafilatura lxml lxml_html_clean",
        )
    return Check("HTML extraction", required=True, ok=True, detail=versions)


def _check_chromium() -> Check:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    return Check(
        "Chromium (browser tests of the HTML reports; developers only)",
        required=False,
        ok=path is not None,
        detail=path or "not found on PATH",
        fix="" if path else "apt-get install chromium (Debian) or your system's package",
    )


def _check_playwright() -> Check:
    try:
        importlib.import_module("playwright")
    except ImportError:
        return Check(
            "Playwright (browser tests; developers only)",
            required=False,
            ok=False,
            detail="not installed",
            fix="pip install -e '.[dev]' in a checkout of retold",
        )
    return Check(
        "Playwright (browser tests; developers only)",
        required=False,
        ok=True,
        detail=f"playwright {_version('playwright')}",
    )


def _check_pyspark() -> Check:
    name = "pyspark (scan --engine spark)"
    try:
        importlib.import_module("pyspark")
    except ImportError:
        return Check(name, False, False, "not installed", "pip install 'retold[spark]'")
    return Check(name, False, True, f"pyspark {_version('pyspark')}, pandas {_version('pandas')}")


def _java_version(java: str) -> str | None:
    """The first line ``java -version`` prints (on standard error), or None if it fails."""
    try:
        found = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (found.stderr or found.stdout).strip().splitlines()
    return lines[0] if lines else None


def _check_java() -> Check:
    """Spark runs on a JVM: Java 17 or newer, from ``JAVA_HOME`` or the ``PATH``."""
    name = "Java 17+ (scan --engine spark)"
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    fix = "apt-get install openjdk-17-jre-headless (Debian) or set JAVA_HOME"
    if java is None:
        return Check(name, False, False, "java not found on PATH", fix)
    version = _java_version(java)
    major = re.search(r'version "(\d+)', version or "")
    if version is None or major is None:
        return Check(name, False, False, f"{java} -version failed", fix)
    ok = int(major.group(1)) >= 17
    return Check(name, False, ok, f"{version} ({java})", "" if ok else fix)


CHECKS: tuple[Callable[[], Check], ...] = (
    _check_python,
    _check_core,
    _check_html,
    _check_chromium,
    _check_playwright,
    _check_pyspark,
    _check_java,
)


def run_checks() -> list[Check]:
    """Run every check, in order; none raises."""
    return [check() for check in CHECKS]
