"""The corpus view's two pages: ``index.html`` (families, reuse matrix) and ``pairs.html``.

Both are shells: a Jinja template (autoescaped) for what is fixed, the data as JSON inside
``<script type="application/json">`` (with ``<``, ``>``, ``&`` escaped, so no title can close the
element), and one inline script, named in the Content Security Policy by its hash, that draws the
tables and SVGs from that JSON with ``textContent`` and ``setAttribute`` only: no string from the
data is ever parsed as HTML, and only http(s) URLs become links. The pages load nothing else, so
they work from ``file://`` and offline; each pair opens its own file under ``pairs/``.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from retold import __version__
from retold.report.corpus.model import CorpusModel, ReportDocument, ReportPair
from retold.report.html.pair import script_json

__all__ = [
    "content_security_policy",
    "index_data",
    "pairs_data",
    "render_credit",
    "render_index",
    "render_pairs",
]

_PACKAGE = "retold.report.corpus"
PAIRS_FOLDER = "pairs"


def _asset(name: str) -> str:
    return files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FunctionLoader(_asset),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def _script(name: str) -> tuple[Markup, str]:
    """An inline script (the shared helpers, then ``name``) and its CSP hash source (refused if
    it could end its element)."""
    script = _asset("common.js") + "\n" + _asset(name)
    if "</" in script or "<!--" in script:
        raise ValueError(f"{name} must not contain '</' or '<!--' (it is inlined)")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return Markup(script), f"'sha256-{digest}'"


@cache
def _css() -> Markup:
    css = _asset("corpus.css")
    if "</" in css or "<!--" in css:
        raise ValueError("corpus.css must not contain '</' or '<!--' (it is inlined)")
    return Markup(css)


def content_security_policy(script: str) -> str:
    """Nothing from the network, no inline script but the page's own, named by hash."""
    _, script_hash = _script(script)
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash}; img-src data:; base-uri 'none'; form-action 'none'"
    )


def _time(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _share(value: float) -> float:
    return round(float(value), 3)


class _Positions:
    """Documents and pairs numbered in the order the JSON lists them (compact references)."""

    def __init__(self, model: CorpusModel, docs: list[int], pairs: list[int]) -> None:
        self.model = model
        self.docs = docs
        self.pairs = pairs
        self.doc_at = {doc: index for index, doc in enumerate(docs)}
        self.pair_at = {pair: index for index, pair in enumerate(pairs)}
        self.paged = frozenset(model.paged)

    def doc_json(self, document: ReportDocument) -> dict[str, Any]:
        return {
            "id": document.doc_id,
            "outlet": document.outlet or "",
            "title": document.headline,
            "titled": document.title is not None,
            "url": document.url or "",
            "href": document.href,
            "time": _time(document.published),
            "chars": document.chars,
        }

    def pair_json(self, pair: ReportPair) -> dict[str, Any]:
        return {
            "pair": pair.pair,
            "a": self.doc_at[pair.a],
            "b": self.doc_at[pair.b],
            "rel": pair.relation,
            "src": pair.source,
            "conf": _share(pair.source_confidence),
            "ab": _share(pair.a_in_b),
            "ba": _share(pair.b_in_a),
            "words": pair.shared_words,
            "wire": pair.wire,
            "page": pair.pair in self.paged,
        }


def _summary(model: CorpusModel) -> dict[str, Any]:
    return {
        "inputs": [name.rsplit("/", 1)[-1] for name in model.inputs],
        "finished": model.finished,
        "documents": model.documents_scanned,
        "pairs": sum(model.relations.values()),
        "relations": model.relations,
        "families": len(model.families),
        "paged": len(model.paged),
        "results": model.results,
        "credit": model.credit is not None,
        "pagesFolder": PAIRS_FOLDER,
        "version": __version__,
    }


def index_data(model: CorpusModel) -> dict[str, Any]:
    """The index page's JSON: family documents and pairs only, so the page stays small."""
    docs = sorted({member.doc for family in model.families for member in family.members})
    pairs = sorted({pair for family in model.families for pair in family.pairs})
    positions = _Positions(model, docs, pairs)
    matrix = model.matrix
    return {
        "summary": _summary(model),
        "docs": [positions.doc_json(model.documents[doc]) for doc in docs],
        "pairs": [positions.pair_json(model.pairs[pair]) for pair in pairs],
        "families": [
            {
                "id": family.family_id,
                "members": [
                    [positions.doc_at[m.doc], m.role, _share(m.share)] for m in family.members
                ],
                "pairs": [positions.pair_at[pair] for pair in family.pairs],
                "lineage": [
                    [positions.doc_at[doc], positions.pair_at[pair]] for doc, pair in family.lineage
                ],
                "outlets": family.outlets,
                "first": _time(family.earliest),
                "last": _time(family.latest),
                "lead": positions.doc_at[family.lead],
                "headline": family.headline,
            }
            for family in model.families
        ],
        "matrix": {
            "outlets": list(matrix.outlets),
            "counts": [list(row) for row in matrix.counts],
            "sources": list(matrix.sources),
            "copies": list(matrix.copies),
            "pairs": matrix.pairs,
            "allOutlets": matrix.all_outlets,
        },
    }


def pairs_data(model: CorpusModel) -> dict[str, Any]:
    """The pair list's JSON: every pair with a page, and its documents."""
    pairs = list(model.paged)
    docs = sorted({doc for pair in pairs for doc in (model.pairs[pair].a, model.pairs[pair].b)})
    positions = _Positions(model, docs, pairs)
    return {
        "summary": _summary(model),
        "docs": [positions.doc_json(model.documents[doc]) for doc in docs],
        "pairs": [positions.pair_json(model.pairs[pair]) for pair in pairs],
    }


def _render(template: str, script: str, data: dict[str, Any], title: str, **context: Any) -> str:
    code, _ = _script(script)
    return (
        _environment()
        .get_template(template)
        .render(
            title=title,
            css=_css(),
            script=code,
            csp=content_security_policy(script),
            data=script_json(data),
            summary=data["summary"],
            version=__version__,
            **context,
        )
    )


def render_index(model: CorpusModel) -> str:
    """``index.html``: the families table, each family's timeline and graph, the reuse matrix."""
    return _render("index.html.j2", "corpus.js", index_data(model), "corpus view")


def render_credit(model: CorpusModel) -> str:
    """``credit.html``: how each outlet's retellings credit their source, and what copies cut
    (only for a scan with stories)."""
    assert model.credit is not None
    return _render(
        "credit.html.j2",
        "credit.js",
        {"summary": _summary(model)},
        "credit",
        credit=model.credit,
    )


def render_pairs(model: CorpusModel) -> str:
    """``pairs.html``: every pair that has a pair view, filterable."""
    return _render("pairs.html.j2", "pairs.js", pairs_data(model), "pair views")
