"""The DuckDB store: named queries, connection, schema migrations."""

from lead_lens.store.connection import Store, open_store
from lead_lens.store.queries import Query, load_queries, query

__all__ = ["Query", "Store", "load_queries", "open_store", "query"]
