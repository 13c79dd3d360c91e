"""The table a scan ends with: documents, rejections, pairs, families, the largest families."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from retold.api import ScanResult

__all__ = ["render_scan_summary"]


def render_scan_summary(result: ScanResult, console: Console) -> None:
    manifest = result.manifest
    counts = manifest["counts"]
    documents = manifest["documents"]
    table = Table(title=f"retold scan → {result.results}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents read", f"{documents['read']:,}")
    table.add_row("  processed", f"{documents['processed']:,}")
    table.add_row("  rejected", f"{documents['rejected']:,}")
    table.add_row("candidate pairs", f"{counts.get('candidates', {}).get('candidate_pairs', 0):,}")
    planned = counts.get("candidates", {}).get("derived_pairs", 0)
    aligned = counts.get("align", {}).get("pairs", 0)
    derived = counts.get("families", {}).get("derived_pairs", 0)
    filled = counts.get("families", {}).get("family_gap_pairs_kept", 0)
    if planned:
        table.add_row("  aligned", f"{counts.get('align', {}).get('aligned_pairs', 0):,}")
        table.add_row("  derived from a copy's pair", f"{planned:,}")
    table.add_row("pairs sharing a passage", f"{aligned + derived + filled:,}")
    if filled:
        table.add_row("  of one family, found after it", f"{filled:,}")
    for name, count in sorted(counts.get("families", {}).items()):
        if name.startswith("pairs_"):  # the family model's relations, derived pairs too
            table.add_row(f"  {name.removeprefix('pairs_')}", f"{count:,}")
    table.add_row("families", f"{counts.get('families', {}).get('families', 0):,}")
    table.add_row("guaranteed passage length (words)", str(manifest.get("guaranteed_words")))
    console.print(table)
    if not isinstance(result.results, Path):
        console.print(
            "The results are on a Hadoop file system: no results.duckdb there (its views would"
            " name local paths). Copy the folder here (hadoop fs -get, aws s3 cp --recursive)"
            " to run retold report on it."
        )
    if result.largest_families:
        families = Table(title="largest families")
        for column in ("family", "members", "outlets", "earliest", "first document"):
            families.add_column(column)
        for family in result.largest_families:
            earliest = family["earliest"]
            families.add_row(
                str(family["family_id"]),
                str(family["members"]),
                str(family["outlets"]),
                earliest.isoformat(" ", "minutes") if earliest else "unknown",
                str(family["first_doc"]),
            )
        console.print(families)
