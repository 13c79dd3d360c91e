"""Where results live: atomic Parquet and JSON writes, the text store, the DuckDB views."""
