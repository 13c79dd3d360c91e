"""HTML reports: the pair view, one self-contained file per comparison.

``render_pair_html(comparison)`` is the whole page for one pair; ``build_pair_view`` and
``render_view_html`` split it in two so a corpus report can write one such file per pair.
"""

from __future__ import annotations

from retold.report.html.pair import render_pair_html, render_view_html
from retold.report.html.view import PairView, build_pair_view

__all__ = ["PairView", "build_pair_view", "render_pair_html", "render_view_html"]
