"""Render one comparison as a single self-contained HTML page (the pair view).

The page has no external resource at all: CSS and the script are inlined, the Content Security
Policy allows nothing but inline styles, ``data:`` images and the one script whose hash it names.
All article text, titles, paths and evidence pass through Jinja's autoescaping; the data the
script needs (ids and flags only) is JSON inside ``<script type="application/json">`` with
``<``, ``>`` and ``&`` escaped, so no string from an article can end that element or become
markup. The script reads ids and ``data-*`` attributes and never builds HTML.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from retold import __version__
from retold.records import Comparison
from retold.report.html.view import PairView, build_pair_view

__all__ = ["render_pair_html", "render_view_html", "script_json"]

_PACKAGE = "retold.report.html"


def _asset(name: str) -> str:
    return files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def keep_text(text: str) -> Markup:
    """Escape article text so the browser's DOM holds exactly these characters.

    Escaping alone is not enough: the HTML parser turns a carriage return into a line feed, so
    CR is written as a character reference. NUL cannot exist in an HTML document at all and is
    shown as U+FFFD (``read_document`` rejects such binary input anyway).
    """
    escaped = str(escape(text))
    if "\r" in escaped:
        escaped = escaped.replace("\r", "&#13;")
    if "\x00" in escaped:
        escaped = escaped.replace("\x00", "&#65533;")
    return Markup(escaped)


def script_json(data: object) -> Markup:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``, no
    ``<!--``): ``<``, ``>`` and ``&`` are written as ``\\u003c`` and friends, which
    ``JSON.parse`` reads back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@cache
def _pair_template() -> Template:
    """The pair page's template, compiled once per process: compiling it took two thirds of
    the time of a corpus report's pair views (py-spy, Helsinki, 1,662 pages)."""
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    environment.filters["keep"] = keep_text
    return environment.from_string(_asset("pair.html.j2"))


@cache
def _page_assets() -> tuple[Markup, Markup, str]:
    """The inline CSS, the inline script and the script's CSP hash source."""
    css = _asset("pair.css")
    script = _asset("pair.js")
    for name, content in (("pair.css", css), ("pair.js", script)):
        if "</" in content or "<!--" in content:
            raise ValueError(f"{name} must not contain '</' or '<!--' (it is inlined)")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return Markup(css), Markup(script), f"'sha256-{digest}'"


def content_security_policy() -> str:
    """The page's CSP: nothing from the network, only the one inline script named by hash."""
    _, _, script_hash = _page_assets()
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash}; img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_view_html(view: PairView) -> str:
    """Render an already built view (a corpus report can build views itself, e.g. in workers)."""
    css, script, _ = _page_assets()
    return _pair_template().render(
        view=view,
        css=css,
        script=script,
        csp=content_security_policy(),
        data=script_json(view.script_data()),
        version=__version__,
    )


def render_pair_html(comparison: Comparison) -> str:
    """The pair view of one comparison: a complete HTML document, one self-contained file.

    Example: ``Path("pair.html").write_text(render_pair_html(retold.compare(a, b)))``
    """
    return render_view_html(build_pair_view(comparison))
