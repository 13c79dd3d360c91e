"""The Spark engine: the local engine's stages on a Spark session, with the same results.

Stage by stage, what runs where:

- *ingest*: the driver lists the input files (``inputs``: paths of this machine, or URIs of
  any Hadoop file system), each file is read in a task (``mapInArrow``); the duplicate-id check
  and the document numbers follow reading order (file, then record), so they are the local
  engine's.
- *outlet boilerplate*, *candidates*: the local engine's SQL, as Spark SQL.
- *fingerprints*, *sketches*, *align*: ``mapInArrow`` over documents or candidate pairs,
  calling the plain functions (``retold.engines.spark.tasks``).
- *families*: connected components in DataFrame iterations, then the family model
  (``build_families``) on each component in a grouped ``applyInArrow``; a family's number
  is its rank by smallest member, as the local engine numbers them.

Each stage saves its Spark tables under ``RESULTS/.work/spark/`` (written under a temporary
name, then renamed: a stage's output is whole or absent), then the stage marker, so a rerun
skips finished stages as the local engine does. The results folder gets the local engine's
files (``passages.parquet``, ``pairs.parquet``…, ``.work/texts.arrow`` for the report),
written by the driver in the local engine's row order.

The results folder is a ``ResultsFolder``: a path of this machine, or a URI of a Hadoop file
system (``HadoopFolder``: the driver's files are staged and uploaded). Alignment reads the
texts from the text store when the folder is on this machine (in local mode, or a file system
the executors share at the same path); on a Hadoop file system, each batch of pairs is
shipped its documents' texts instead (``_align_shipping_texts``). Local paths given on a
cluster must be absolute and shared: executors open them by the path given, which is also
what ids derived from paths are made of.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import reduce

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from retold.candidates import plan_candidates, sketch_pairs_query
from retold.clean.outlet_boilerplate import read_outlet_boilerplate
from retold.engines.rows import (
    ALIGNED_SCHEMAS,
    DUPLICATE_DOCUMENT,
    FAMILY_PASSAGE_KINDS,
    derived_pairs,
    prepare_aligned_tables,
)
from retold.engines.spark import tasks
from retold.engines.spark.components import connected_components
from retold.engines.spark.inputs import files_to_read, list_input_files
from retold.engines.stages import ScanConfig, ScanReport, StageLog, stage_parameters
from retold.family_gaps import FamilyGaps, family_gaps, with_family_relations
from retold.ingest.corpus.inputs import DUPLICATE_ID
from retold.locations import Location
from retold.pairs import Relation
from retold.representatives import BASIS_COLUMNS
from retold.sketches import CAUGHT_SENTENCES
from retold.store import schemas
from retold.store.documents import read_document_fields
from retold.store.files import write_table
from retold.store.folders import ResultsFolder, fetched
from retold.store.texts import TextStoreWriter

__all__ = ["run_spark_scan"]

_TEXTS_PER_CHUNK = 512
"""Texts per chunk of ``texts.arrow``, as the local engine writes it."""

PAIRS_PER_TASK = 20_000
"""Candidate pairs per alignment task, about: a minute of work, small enough to retry."""

_CANDIDATES = pa.schema(
    [("a_doc", pa.int64()), ("b_doc", pa.int64()), ("shared_fingerprints", pa.int64())]
)
_DERIVED = pa.schema([(name, pa.int64()) for name in ("a_doc", "b_doc", *BASIS_COLUMNS)])
_REGIONS = pa.schema(
    [
        ("pair", pa.int64()),
        (
            "regions",
            pa.list_(
                pa.struct(
                    [("pos", pa.int32())]
                    + [(name, pa.int64()) for name in ("a_start", "a_end", "b_start", "b_end")]
                )
            ),
        ),
    ]
)
"""The families stage's passage spans of each pair, in passage order (``pos``)."""
_TABLES = ".work/spark"
"""Where the stage tables are, in the results folder."""

_LEARNED_BOILERPLATE = pa.schema(
    [
        pa.field("outlet", pa.string(), nullable=False),
        pa.field("line_hash", pa.uint64(), nullable=False),
        ("documents", pa.int64()),
        ("outlet_documents", pa.int64()),
    ]
)
"""``outlet_boilerplate.parquet`` as DuckDB writes it for the local engine."""


def _numbered(frame: DataFrame, keys: Sequence[str], name: str) -> DataFrame:
    """``frame`` with ``name``: 0, 1, 2… in the order of ``keys`` (unique), without moving
    every row to one task: only the keys are numbered (``zipWithIndex``), then joined back."""
    index = (
        frame.select(*keys)
        .orderBy(*keys)
        .rdd.zipWithIndex()
        .map(lambda numbered: (*numbered[0], numbered[1]))
        .toDF([*keys, name])
    )
    return frame.join(index, list(keys))


def _as_uint64(column: pa.ChunkedArray) -> pa.Array:
    return pa.array(column.to_numpy().astype(np.int64, copy=False).view(np.uint64))


class _SparkStages:
    """The stages of one scan on a Spark session."""

    def __init__(
        self,
        spark: SparkSession,
        inputs: Sequence[Location],
        folder: ResultsFolder,
        config: ScanConfig,
    ) -> None:
        self.spark = spark
        self.inputs = inputs
        self.folder = folder
        self.config = config
        self.work = folder.local / ".work"
        self.work.mkdir(parents=True, exist_ok=True)
        self.report = ScanReport(results=folder.location)
        self.log = StageLog(self.work, self.report)

    # -- storage -----------------------------------------------------------------------------

    def _save(self, frame: DataFrame, name: str) -> int:
        """Write ``frame`` as the stage table ``name`` (whole or absent); its row count."""
        target, temporary = f"{_TABLES}/{name}", f"{_TABLES}/{name}.tmp"
        self.folder.remove(temporary)
        frame.write.parquet(self.folder.uri(temporary))
        self.folder.replace(temporary, target)
        return self._table_rows(name)

    def _table_rows(self, name: str) -> int:
        return self.folder.rows(f"{_TABLES}/{name}")

    def _table(self, name: str) -> DataFrame:
        return self.spark.read.parquet(self.folder.uri(f"{_TABLES}/{name}"))

    def _write(self, relative: str, table: pa.Table) -> None:
        """A final file of the results folder, written by the driver."""
        write_table(self.folder.local / relative, table)
        self.folder.publish(relative)

    @staticmethod
    def _collect(frame: DataFrame, schema: pa.Schema, order: Sequence[str | Column]) -> pa.Table:
        """``frame`` in ``order``, as an Arrow table of ``schema``."""
        return frame.orderBy(*order).select(*schema.names).toArrow().cast(schema)

    # -- stages ------------------------------------------------------------------------------

    def ingest(self) -> dict[str, int]:
        files = files_to_read(self.spark, list_input_files(self.spark, self.inputs))
        frames = []
        if files.frames:
            read = tasks.read_files(self.config.fields, self.config.max_bytes)
            records = reduce(
                DataFrame.unionByName,
                (frame.mapInArrow(read, from_arrow_schema(tasks.RAW)) for frame in files.frames),
            )
            spread = records.repartition(self.spark.sparkContext.defaultParallelism * 4)
            convert = tasks.convert_records(self.config.paragraph_separator)
            frames.append(spread.mapInArrow(convert, from_arrow_schema(tasks.INGESTED)))
        if files.rejected or not frames:
            unreadable = [
                {"file": number, "record": 0, **tasks.rejection_row(rejection)}
                for number, rejection in files.rejected
            ]
            table = pa.Table.from_pylist(unreadable, schema=tasks.INGESTED)
            frames.append(self.spark.createDataFrame(table))
        ingested = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1])
        read_count = self._save(ingested, "ingested")
        rows = self._table("ingested")
        # iter_records's check: a record whose id an earlier record has is rejected.
        first_raw = Window.partitionBy("raw_id").orderBy("file", "record")
        rows = rows.withColumn(
            "duplicate",
            F.col("raw_id").isNotNull() & (F.row_number().over(first_raw) > 1),
        )
        converted = rows.where(~F.col("duplicate") & F.col("reason").isNull())
        first_id = Window.partitionBy("doc_id").orderBy("file", "record")
        converted = converted.withColumn("id_rank", F.row_number().over(first_id))
        rejected = self._save(
            rows.where("duplicate")
            .select(
                "file",
                "record",
                F.col("raw_source").alias("source"),
                F.col("raw_locator").alias("locator"),
                F.col("raw_id").alias("doc_id"),
                F.lit(DUPLICATE_ID).alias("reason"),
            )
            .unionByName(
                rows.where(~F.col("duplicate") & F.col("reason").isNotNull()).select(
                    "file", "record", *schemas.REJECTED.names
                )
            )
            .unionByName(
                converted.where("id_rank > 1").select(
                    "file",
                    "record",
                    "source",
                    "locator",
                    "doc_id",
                    F.lit(DUPLICATE_DOCUMENT).alias("reason"),
                )
            ),
            "rejected",
        )
        kept = converted.where("id_rank = 1").drop("id_rank", "duplicate")
        processed = self._save(_numbered(kept, ["file", "record"], "doc"), "documents")
        documents = self._table("documents")
        self._write(".work/documents.parquet", self._collect(documents, schemas.DOCUMENTS, ["doc"]))
        self._write(
            ".work/rejected.parquet",
            self._collect(self._table("rejected"), schemas.REJECTED, ["file", "record"]),
        )
        self._write_texts(documents)
        lines = documents.select(F.sum(F.size("line_hashes"))).first()
        self.folder.remove(f"{_TABLES}/ingested")
        return {
            "read": read_count,
            "processed": processed,
            "rejected": rejected,
            "lines": int(lines[0] or 0) if lines else 0,
        }

    def _write_texts(self, documents: DataFrame) -> None:
        """``.work/texts.arrow``, the text store the report reads, in document order."""
        writer = TextStoreWriter(self.work / "texts.arrow")
        texts = documents.orderBy("doc").select("text").toArrow().column("text")
        for start in range(0, len(texts), _TEXTS_PER_CHUNK):
            writer.write(texts.slice(start, _TEXTS_PER_CHUNK).to_pylist())
        writer.close()
        self.folder.publish(".work/texts.arrow")

    def outlet_boilerplate(self) -> dict[str, int]:
        config = self.config.outlet_boilerplate
        lines = (
            self._table("documents")
            .where(F.col("outlet").isNotNull())
            .select("doc", "outlet", F.explode("line_hashes").alias("line_hash"))
        )
        sizes = lines.groupBy("outlet").agg(F.countDistinct("doc").alias("outlet_documents"))
        counts = lines.groupBy("outlet", "line_hash").agg(F.countDistinct("doc").alias("documents"))
        learned = (
            counts.join(sizes, "outlet")
            .where(
                (F.col("documents") >= config.min_documents)
                & (F.col("documents") >= F.lit(config.min_share) * F.col("outlet_documents"))
            )
            .select("outlet", "line_hash", "documents", "outlet_documents")
            .toArrow()
        )
        # Sorted here, on the unsigned hashes the local engine sorts (Spark's are signed).
        table = learned.set_column(1, "line_hash", _as_uint64(learned.column("line_hash")))
        table = table.sort_by([("outlet", "ascending"), ("line_hash", "ascending")]).cast(
            _LEARNED_BOILERPLATE
        )
        self._write(".work/outlet_boilerplate.parquet", table)
        return {
            "boilerplate_lines": table.num_rows,
            "outlets_with_boilerplate": len(set(table.column("outlet").to_pylist())),
        }

    def _keys(
        self, name: str, function: tasks.BatchFunction, schema: pa.Schema = tasks.KEYS
    ) -> int:
        """Run ``function`` over the documents' ``KEYS_OF`` columns and save its rows."""
        documents = self._table("documents").select(*tasks.KEYS_OF)
        return self._save(documents.mapInArrow(function, from_arrow_schema(schema)), name)

    def fingerprints(self) -> dict[str, int]:
        config = self.config.fingerprints
        learned = fetched(self.folder, ".work/outlet_boilerplate.parquet")
        boilerplate = read_outlet_boilerplate(learned)
        rows = self._keys("fingerprints", tasks.document_keys(config, boilerplate))
        return {"fingerprints": rows, "guaranteed_words": config.guaranteed_words}

    def sketches(self) -> dict[str, int]:
        config = self.config.sketches
        rows = self._keys("sentence_sketches", tasks.document_keys(config))
        windows = self._keys(
            "sketch_windows", tasks.document_windows(config), schemas.SKETCH_WINDOWS
        )
        return {"sketch_keys": rows, "sketch_windows": windows}

    def candidates(self) -> dict[str, int]:
        limit = self.config.candidates.max_document_frequency
        fingerprints = self._table("fingerprints")
        postings = fingerprints.select("hash", "doc").distinct()
        frequencies = postings.groupBy("hash").agg(F.count("*").alias("documents")).cache()
        frequent = F.col("documents") > limit
        totals = frequencies.agg(
            F.count("*"),
            F.count(F.when(frequent, 1)),
            F.coalesce(F.sum(F.when(frequent, F.col("documents"))), F.lit(0)),
        ).first()
        usable = postings.join(
            frequencies.where(F.col("documents").between(2, limit)).select("hash"), "hash"
        )
        # A frequent fingerprint pairs its holders with its earliest holder only (a star).
        published = self._table("documents").select("doc", "published")
        earliest = Window.partitionBy("hash").orderBy(
            F.col("published").isNull(), "published", "doc"
        )
        holders = (
            postings.join(frequencies.where(frequent).select("hash"), "hash")
            .join(published, "doc")
            .withColumn("rank", F.row_number().over(earliest))
        )
        centers = holders.where("rank = 1").select("hash", F.col("doc").alias("center"))
        stars = (
            holders.where("rank > 1")
            .join(centers, "hash")
            .select(
                F.least("center", "doc").alias("a_doc"), F.greatest("center", "doc").alias("b_doc")
            )
        )
        exact = (
            _pairs_sharing(usable, "hash")
            .select("a_doc", "b_doc")
            .unionByName(stars)
            .groupBy("a_doc", "b_doc")
            .agg(F.count("*").alias("shared_fingerprints"))
            .where(F.col("shared_fingerprints") >= self.config.candidates.min_shared_fingerprints)
        )
        printed = postings.groupBy("doc").agg(F.count("*").alias("printed")).toArrow()
        counts = {
            "fingerprints": self._table_rows("fingerprints"),
            "distinct_fingerprints": int(totals[0]) if totals else 0,
            "frequent_fingerprints": int(totals[1]) if totals else 0,
            "frequent_postings": int(totals[2]) if totals else 0,
        }
        frequencies.unpersist()
        if not self.config.sketches.enabled:
            counts["candidate_pairs"] = self._save(exact, "candidates")
            counts["derived_pairs"] = self._plan(printed)
            return counts
        exact_pairs = self._save(exact, "candidates_exact")
        sketched = self._save(self._sketch_pairs(), "candidates_sketches")
        exact, sketched_frame = self._table("candidates_exact"), self._table("candidates_sketches")
        merged = exact.join(sketched_frame, ["a_doc", "b_doc"], "full_outer").select(
            "a_doc",
            "b_doc",
            F.coalesce("shared_fingerprints", F.lit(0)).alias("shared_fingerprints"),
            F.coalesce("shared_sentences", F.lit(0)).alias("shared_sentences"),
        )
        total = self._save(merged, "candidates")
        counts["candidate_pairs"] = total
        counts["sketch_pairs"] = sketched
        counts["sketch_only_pairs"] = total - exact_pairs
        counts["derived_pairs"] = self._plan(printed)
        return counts

    def _plan(self, printed: pa.Table) -> int:
        """The stage table ``derived``: the candidate pairs derived through a representative,
        planned on the driver as the local engine plans them; returns their number."""
        counts = np.zeros(self._table_rows("documents"), dtype=np.int64)
        counts[printed.column("doc").to_numpy()] = printed.column("printed").to_numpy()
        candidates = self._collect(self._table("candidates"), _CANDIDATES, ["a_doc", "b_doc"])
        planned = plan_candidates(candidates, counts, self.config.copy_share)
        derived = planned.filter(pc.is_valid(planned.column(BASIS_COLUMNS[0])))
        frame = self.spark.createDataFrame(
            derived.select(["a_doc", "b_doc", *BASIS_COLUMNS]), schema=from_arrow_schema(_DERIVED)
        )
        return self._save(frame, "derived")

    def _sketch_pairs(self) -> DataFrame:
        config = self.config.sketches
        sketches = self._table("sentence_sketches").withColumnRenamed("position", "sentence")
        shared = (
            sketches.groupBy("hash")
            .agg(F.countDistinct("doc").alias("documents"))
            .where(F.col("documents").between(2, config.max_document_frequency))
            .select("hash")
        )
        usable = sketches.join(shared, "hash")
        a, b = usable.alias("a"), usable.alias("b")
        caught = (
            a.join(b, (F.col("a.hash") == F.col("b.hash")) & (F.col("a.doc") < F.col("b.doc")))
            .select(
                F.col("a.doc").alias("a_doc"),
                F.col("a.sentence").alias("a_sentence"),
                F.col("b.doc").alias("b_doc"),
                F.col("b.sentence").alias("b_sentence"),
            )
            .distinct()
        )
        windows = self._table("sketch_windows")
        for side in ("a", "b"):
            caught = caught.join(
                windows.select(
                    F.col("doc").alias(f"{side}_doc"),
                    F.col("sentence").alias(f"{side}_sentence"),
                    F.col("signature").alias(f"{side}_signature"),
                ),
                [f"{side}_doc", f"{side}_sentence"],
            )
        passed = caught.mapInArrow(
            tasks.checked_sentences(config), from_arrow_schema(CAUGHT_SENTENCES)
        )
        passed.createOrReplaceTempView("passed_sentences")
        return self.spark.sql(sketch_pairs_query("passed_sentences", config))

    def align(self) -> dict[str, int]:
        candidates = (
            self._table("candidates")
            .select("a_doc", "b_doc")
            .join(self._table("derived"), ["a_doc", "b_doc"], "left_anti")
        )
        self._save(self._aligned(candidates, self._table_rows("candidates")), "aligned")
        pairs = self._save(_numbered(self._table("aligned"), ["a", "b"], "pair"), "pairs_aligned")
        self.folder.remove(f"{_TABLES}/aligned")
        aligned = self._table("pairs_aligned")
        aligned_pairs = self._table_rows("candidates") - self._table_rows("derived")
        counts = {"aligned_pairs": aligned_pairs, "pairs": pairs}
        for name in prepare_aligned_tables(self.config, self.folder.remove):
            counts[name] = self._write_nested(aligned, name)
        return counts

    def _aligned(self, candidates: DataFrame, count: int) -> DataFrame:
        """The ``ALIGNED`` rows of the kept pairs among ``candidates`` (``a_doc, b_doc``,
        about ``count`` of them)."""
        cores = self.spark.sparkContext.defaultParallelism
        parts = max(cores * 4, count // PAIRS_PER_TASK)
        # A document's pairs side by side (each task reads each text once per batch), and
        # tasks of like size.
        ordered = candidates.repartitionByRange(parts, "a_doc", "b_doc").sortWithinPartitions(
            "a_doc", "b_doc"
        )
        if self.folder.on_this_machine:
            align = tasks.align_pairs(str(self.work), self.config)
            return ordered.mapInArrow(align, from_arrow_schema(tasks.ALIGNED))
        return self._align_shipping_texts(ordered)

    def _align_shipping_texts(self, ordered: DataFrame) -> DataFrame:
        """The ``ALIGNED`` rows when executors share no text store: each batch of pairs
        (a range of ``a_doc``) is grouped with its documents, each text shipped once per batch
        that needs it, not once per pair."""
        self._save(ordered.withColumn("batch", F.spark_partition_id()), "align_batches")
        batches = self._table("align_batches")
        # Read again, for the other side of the cogroup: one frame on both sides is ambiguous.
        needed = self._table("align_batches").select(
            "batch", F.explode(F.array("a_doc", "b_doc")).alias("doc")
        )
        documents = self._table("documents").select(*tasks.SHIPPED_OF)
        shipped = needed.distinct().join(documents, "doc")
        return (
            batches.groupBy("batch")
            .cogroup(shipped.groupBy("batch"))
            .applyInArrow(tasks.align_shipped(self.config), from_arrow_schema(tasks.ALIGNED))
        )

    def _write_nested(self, aligned: DataFrame, name: str) -> int:
        """``RESULTS/<name>.parquet``: the rows nested in ``<name>_rows``, in pair order."""
        table = self._nested(aligned, name)
        self._write(f"{name}.parquet", table)
        return int(table.num_rows)

    def _nested(self, aligned: DataFrame, name: str) -> pa.Table:
        """The rows of table ``name`` nested in ``<name>_rows`` of ``aligned``, in pair order."""
        schema = ALIGNED_SCHEMAS[name]
        rows = aligned.select("pair", "a_id", "b_id", F.posexplode(f"{name}_rows")).select(
            "pair", "a_id", "b_id", "pos", "col.*"
        )
        return self._collect(rows, schema, ["pair", "pos"])

    def _align_family_gaps(self, gaps: FamilyGaps, first: int) -> pa.Table:
        """The ``PAIRS`` rows (with ``a`` and ``b``) of the ``gaps`` that share a passage,
        numbered from ``first`` in pair order, with the relation a pair inside a family gets;
        their rows of the aligned tables are added to those the align stage wrote (the local
        engine's ``_align_family_gaps``)."""
        if not len(gaps.a):
            return schemas.PAIRS.empty_table()
        wanted = pa.table({"a_doc": gaps.a, "b_doc": gaps.b})
        candidates = self.spark.createDataFrame(wanted, schema=from_arrow_schema(wanted.schema))
        if not self._save(self._aligned(candidates, wanted.num_rows), "family_gaps"):
            return schemas.PAIRS.empty_table()
        found = _numbered(self._table("family_gaps"), ["a", "b"], "gap").withColumn(
            "pair", F.col("gap") + F.lit(first)
        )
        for name in prepare_aligned_tables(self.config, self.folder.remove):
            kept = pq.read_table(fetched(self.folder, f"{name}.parquet"))
            kept = kept.filter(pc.less(kept.column("pair"), first))
            self._write(f"{name}.parquet", pa.concat_tables([kept, self._nested(found, name)]))
        return with_family_relations(self._collect(found, schemas.PAIRS, ["pair"]))

    def _with_derived(
        self, pairs: DataFrame, regions: DataFrame
    ) -> tuple[DataFrame, DataFrame, int]:
        """``pairs`` and their ``regions`` with the derived pairs (``retold.representatives``),
        derived on the driver as the local engine derives them; and how many there are."""
        plan = self._collect(self._table("derived"), _DERIVED, ["a_doc", "b_doc"])
        if not plan.num_rows:
            return pairs, regions, 0
        rows = self._collect(pairs, schemas.PAIRS, ["pair"])
        spans = {row["pair"]: tasks.passage_spans(row) for row in regions.toArrow().to_pylist()}
        fields = read_document_fields(fetched(self.folder, ".work/documents.parquet").parent)
        derived, derived_spans = derived_pairs(plan, rows, spans, fields)
        derived_regions = pa.table(
            {
                "pair": list(derived_spans),
                "regions": [
                    [
                        {"pos": pos, "a_start": a[0], "a_end": a[1], "b_start": b[0], "b_end": b[1]}
                        for pos, (a, b) in enumerate(zip(*passages, strict=True))
                    ]
                    for passages in derived_spans.values()
                ],
            },
            schema=_REGIONS,
        )
        return (
            pairs.unionByName(
                self.spark.createDataFrame(derived, schema=from_arrow_schema(schemas.PAIRS))
            ),
            regions.unionByName(
                self.spark.createDataFrame(derived_regions, schema=from_arrow_schema(_REGIONS))
            ),
            derived.num_rows,
        )

    def families(self) -> dict[str, int]:
        aligned = self._table("pairs_aligned")
        pairs = aligned.select(*(field.name for field in schemas.PAIRS))
        regions = (
            aligned.select("pair", F.posexplode("passages_rows"))
            .where(F.col("col.kind").isin(*FAMILY_PASSAGE_KINDS))
            .groupBy("pair")
            .agg(
                F.array_sort(
                    F.collect_list(
                        F.struct("pos", "col.a_start", "col.a_end", "col.b_start", "col.b_end")
                    )
                ).alias("regions")
            )
        )
        pairs, regions, derived = self._with_derived(pairs, regions)
        published = self._table("documents").select("doc", "published", "live_file")
        # A shared quote stays one whatever the family model decides (it is never attached,
        # merged or upgraded), so components are made without them: on one event's coverage
        # everyone quotes the same speech, and those edges would chain the coverage into one
        # component, modelled in one task. The model still reads the shared quotes inside a
        # component (two stories a roundup holds are not separate if linked at all).
        components = connected_components(
            pairs.where(F.col("relation") != Relation.SHARED_QUOTE).select("a", "b")
        )
        placed = pairs.join(components.toDF("a", "component"), "a", "left").join(
            components.toDF("b", "b_component"), "b", "left"
        )
        inside = F.coalesce(F.col("component") == F.col("b_component"), F.lit(False))
        edges = (
            placed.where(inside)
            .drop("b_component")
            .join(regions, "pair", "left")
            .join(published.toDF("a", "a_published", "a_live_file"), "a")
            .join(published.toDF("b", "b_published", "b_live_file"), "b")
        )
        passing = placed.where(~inside)
        self._save(
            edges.groupBy("component").applyInArrow(
                tasks.family_rows, from_arrow_schema(tasks.FAMILY_ROWS)
            ),
            "family_rows",
        )
        found = self._table("family_rows")
        relations = (
            found.where(F.col("pair").isNotNull())
            .select("pair", "relation")
            .unionByName(passing.select("pair", "relation"))
        )
        final = pairs.drop("relation").join(relations, "pair")
        paired = self._collect(final, schemas.PAIRS, ["pair"])
        members = found.where(F.col("doc").isNotNull())
        numbered = _numbered(members.select("family_first").distinct(), ["family_first"], "family")
        documents = self._table("documents").select("doc", "doc_id", "outlet", "published")
        families = (
            members.drop("family")
            .join(numbered, "family_first")
            .join(documents, "doc")
            .withColumnRenamed("family", "family_id")
        )
        table = self._collect(
            families, schemas.FAMILIES, ["family_id", "doc", F.col("role") == "compilation"]
        )
        self._write("families.parquet", table)
        gaps = family_gaps(
            table.column("family_id").to_pylist(),
            table.column("doc").to_pylist(),
            table.column("role").to_pylist(),
            paired.column("a").to_numpy(),
            paired.column("b").to_numpy(),
            self.config.pairs.family_gap_pairs,
        )
        filled = self._align_family_gaps(gaps, first=paired.num_rows)
        paired = pa.concat_tables([paired, filled]).drop_columns(["a", "b"])
        self._write("pairs.parquet", paired)
        relation_counts = Counter(paired.column("relation").to_pylist())
        return {
            "families": len(set(table.column("family_id").to_pylist())),
            "family_members": table.num_rows,
            "derived_pairs": derived,
            "family_gap_pairs": len(gaps.a),
            "family_gap_pairs_kept": filled.num_rows,
            "family_gap_families_skipped": gaps.skipped_families,
            **{f"pairs_{name}": count for name, count in sorted(relation_counts.items())},
        }


def _pairs_sharing(usable: DataFrame, key: str) -> DataFrame:
    """``a_doc, b_doc`` for every two documents (``a_doc < b_doc``) holding the same ``key``."""
    a = usable.select(F.col(key), F.col("doc").alias("a_doc"))
    b = usable.select(F.col(key), F.col("doc").alias("b_doc"))
    return a.join(b, key).where(F.col("a_doc") < F.col("b_doc"))


def run_spark_scan(
    spark: SparkSession, inputs: Sequence[Location], folder: ResultsFolder, config: ScanConfig
) -> ScanReport:
    """Run (or resume) every stage of a scan on ``spark``; the final files are written by the
    caller, as for the local engine. A stage's marker is published after its files: on a
    Hadoop file system too, a rerun skips only what is there whole."""
    stages = _SparkStages(spark, inputs, folder, config)
    bodies = {
        "ingest": stages.ingest,
        "outlet_boilerplate": stages.outlet_boilerplate,
        "fingerprints": stages.fingerprints,
        "sketches": stages.sketches,
        "candidates": stages.candidates,
        "align": stages.align,
        "families": stages.families,
    }
    for stage, parameters in stage_parameters(inputs, config).items():
        marker = f".work/{stage}.done.json"
        folder.fetch(marker)
        stages.log.run(stage, {**parameters, "engine": "spark"}, bodies[stage])
        if stage not in stages.report.skipped:
            folder.publish(marker)
    return stages.report
