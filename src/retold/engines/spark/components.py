"""Connected components of a graph of documents, in DataFrame iterations (no GraphFrames).

GraphFrames needs a jar from a Maven repository that many clusters cannot reach. Components
here are min-label propagation with pointer jumping: every document starts with the smallest
of itself and its neighbours, then repeatedly takes its label's label and the smallest label of
its neighbours, until nothing changes. Labels only decrease and stay inside the component, so
the fixed point labels each component with its smallest document; pointer jumping makes the
number of rounds grow with the logarithm of a chain's length, not its length.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["connected_components"]


def connected_components(edges: DataFrame) -> DataFrame:
    """``doc, component`` for every document of ``edges`` (columns ``a``, ``b``); a
    component is named by its smallest document."""
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).union(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst"))
    )
    both = both.localCheckpoint()
    labels = (
        both.groupBy(F.col("src").alias("doc"))
        .agg(F.min("dst").alias("smallest"))
        .select("doc", F.least("doc", "smallest").alias("label"))
        .localCheckpoint()
    )
    while True:
        jumped = (
            labels.alias("x")
            .join(labels.alias("y"), F.col("x.label") == F.col("y.doc"))
            .select(F.col("x.doc").alias("doc"), F.least("x.label", "y.label").alias("label"))
        )
        spread = (
            both.join(jumped, both.dst == jumped.doc)
            .groupBy("src")
            .agg(F.min("label").alias("neighbours"))
        )
        updated = (
            jumped.join(spread, jumped.doc == spread.src, "left")
            .select("doc", F.least("label", F.coalesce("neighbours", "label")).alias("label"))
            .localCheckpoint()
        )
        changed = (
            updated.alias("new")
            .join(labels.alias("old"), "doc")
            .where(F.col("new.label") != F.col("old.label"))
            .count()
        )
        labels = updated
        if changed == 0:
            return labels.select("doc", F.col("label").alias("component"))
