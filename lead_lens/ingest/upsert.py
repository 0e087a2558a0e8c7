"""Landing one mapping's rows in a canonical table: new, changed (with history), or unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lead_lens.ingest.readers import Reject
from lead_lens.store import Query, Store, query

CANONICAL_TABLES = frozenset({
    "person_records", "activities", "web_events", "identity_links", "accounts", "opportunities",
    "opportunity_roles", "campaigns", "campaign_members", "field_history", "sequences",
    "sequence_memberships", "call_parties", "call_transcripts", "activity_links",
})
# Bookkeeping and identity columns: not content, so a re-import (even one spelling a
# Salesforce id in 15 characters instead of 18) does not count as a change.
_NOT_CONTENT = ("import_id", "raw_line", "row_hash", "source_id")


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)


def table_columns(store: Store, table: str) -> list[str]:
    return [row[0] for row in store.rows("table_columns", {"table": table})]


def stage(store: Store, mapping: Query, params: dict[str, Any], staged: str) -> None:
    """Run a mapping block over `src` into the temporary table `staged`.

    This runs before the import's transaction, so the mapping scans committed rows in
    parallel; `land` then writes them inside it.
    """
    store.execute(query("map_staged").compose(mapping, staged=staged), params)


def drop_staged(store: Store, staged: str) -> None:
    store.script("drop_staged", staged=staged)  # a big file's mapped rows need not linger


def land(store: Store, table: str, staged: str, import_id: int) -> UpsertCounts:
    """Land a staged mapping's rows in `table`.

    New records that appear once go straight in; a file that repeats a key or touches records
    the store already holds goes through the upsert, which keeps the history of what changed.
    """
    if table not in CANONICAL_TABLES:
        raise ValueError(f"not a canonical table: {table}")
    columns = [c for c in table_columns(store, table) if c not in ("row_hash", "import_id")]
    content = [c for c in columns if c not in _NOT_CONTENT]
    names = {"table": table, "staged": staged, "columns": ", ".join(columns),
             "hash_columns": ", ".join(content)}
    counts = UpsertCounts(rejects=[
        Reject(line, None, "mapping", reason, None)
        for line, reason in store.rows("staged_mapping_rejects", **names)])
    duplicates = store.rows("staged_duplicates", **names)
    if not duplicates and not store.scalar("count_existing_keys", **names):
        # Every record is new and appears once: straight in, nothing to compare.
        counts.new = int(store.rows("insert_staged_new", {"import_id": import_id}, **names)[0][0])
        return counts
    for line, key in duplicates:
        counts.rejects.append(Reject(line, None, "duplicate",
                                     f"record {key} appears again later in the file; "
                                     "the later line was kept", None))
    store.execute("build_incoming", **names)
    store.execute("classify_incoming", **names)
    status = dict(store.rows("count_status"))
    store.execute("record_changes", {"import_id": import_id}, **names)
    store.execute("delete_changed", **names)
    store.execute("insert_incoming", {"import_id": import_id}, **names)
    counts.new = int(status.get("new", 0))
    counts.updated = int(status.get("changed", 0))
    counts.unchanged = int(status.get("same", 0)) + int(status.get("older", 0))
    return counts
