"""Forgetting a person (a data subject's erasure request): every row of theirs, everywhere.

Identity is resolved afresh first, so records imported since the last rebuild are found too; the
person is everyone identity resolution ties to the email (all their addresses and ids, anonymous
browsers they identified from, people merged into them). Their canonical rows, the verbatim raw
rows and rejects those came from, their derived rows and caches go in one transaction; shared
records keep existing without the person (docs/forget.md). Then the file is rewritten, because
DuckDB leaves deleted rows' bytes in free blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lead_lens.people.errors import PeopleError
from lead_lens.people.identity import prepare, resolve_people
from lead_lens.people.incremental import clear_watermark
from lead_lens.people.rebuild import drop_unfinished_timeline
from lead_lens.settings import Settings
from lead_lens.store import Store
from lead_lens.store.rewrite import rewrite_store

# Canonical tables, in the words the summary prints.
CANONICAL = {
    "person_records": "person records",
    "activities": "activities",
    "activity_links": "activity links",
    "web_events": "web events",
    "identity_links": "identify calls",
    "opportunity_roles": "opportunity contact roles",
    "campaign_members": "campaign memberships",
    "field_history": "field history rows",
    "sequence_memberships": "sequence memberships",
    "call_parties": "call parties",
    "call_transcripts": "transcript turns",
}
# Derived tables keyed by person id (person_keys goes by ref too).
DERIVED = {
    "people": "people",
    "timeline_events": "timeline events",
    "signals": "text signals",
    "verdicts": "verdicts",
    "llm_summaries": "cached summaries",
}


class ForgetCancelled(PeopleError):
    pass


@dataclass(frozen=True)
class Subject:
    """Who matched: shown before anything is removed."""

    names: list[str]
    emails: list[str]
    refs: list[str]


@dataclass
class ForgetResult:
    subject: Subject
    removed: dict[str, int] = field(default_factory=dict)  # what -> rows removed
    shared_kept: int = 0  # shared activities kept for other people, without the person's refs
    rewritten: bool = False


Confirm = Callable[[Subject], bool]


def forget(store: Store, settings: Settings, needle: str, confirm: Confirm | None = None,
           ) -> tuple[ForgetResult, Store]:
    """Remove everything of the person `needle` names (an email, a ref or a person id).

    `confirm` sees who matched and may refuse (nothing changes). Returns the result and the
    store to use afterwards: the file is replaced, so the handle passed in is closed.
    """
    with store.transaction():
        # A killed rebuild's half-written timeline would be copied into the rewritten file.
        drop_unfinished_timeline(store)
        # Rows change without an import: the next rebuild must see everyone again.
        clear_watermark(store)
        subject = _scope(store, settings, needle)
        if confirm is not None and not confirm(subject):
            raise ForgetCancelled("Nothing was removed.")
        result = ForgetResult(subject)
        _remove_raw(store, result)
        result.shared_kept = store.changed("forget_edit_shared_activities")
        for table, label in CANONICAL.items():
            result.removed[label] = store.changed(
                "forget_canonical_delete", {"table_name": table}, table=table)
        _remove_derived(store, result)
        # resolve_people rebuilt everyone's profile from their records; the systems seen on
        # their timelines come back as a rebuild leaves them.
        store.script("people_sources_update")
    store = rewrite_store(store)
    result.rewritten = store.path != ":memory:"
    return result, store


def _scope(store: Store, settings: Settings, needle: str) -> Subject:
    prepare(store)
    store.script("forget_snapshot_keys")
    resolve_people(store, settings)
    store.execute("forget_find", {"needle": needle})
    store.script("forget_scope")
    names, emails, refs = store.rows("forget_subject")[0]
    if not refs:
        raise PeopleError(
            f"No one in the store matches {needle!r} (checked every email, id and ref of every "
            "person). Nothing was removed.")
    store.script("forget_rows")
    store.script("forget_events")
    return Subject(list(names or []), list(emails or []), list(refs))


def _remove_raw(store: Store, result: ForgetResult) -> None:
    """The verbatim rows the person's rows came from, and rejects naming them."""
    raw_rows = rejects = 0
    for import_id, raw_table in store.rows("forget_raw_tables"):
        store.execute("forget_raw_lines", {"import_id": import_id}, raw_table=raw_table)
        raw_rows += store.changed("forget_raw_delete", raw_table=raw_table)
        rejects += store.changed("forget_rejects_delete", {"import_id": import_id})
    rejects += store.changed("forget_rejects_by_text")
    result.removed["verbatim source rows"] = raw_rows
    result.removed["rejected rows"] = rejects
    result.removed["record history rows"] = store.changed("forget_history_delete")


def _remove_derived(store: Store, result: ForgetResult) -> None:
    result.removed["cached signal sentences"] = store.changed("forget_signal_cache_delete")
    store.execute("forget_signal_scans_delete")
    result.removed["merge proposals"] = store.changed("forget_merge_proposals_delete")
    result.removed["merge decisions"] = store.changed("forget_merge_decisions_delete")
    for table, label in DERIVED.items():
        result.removed[label] = store.changed("forget_derived_delete", table=table)
    result.removed["person keys"] = store.changed("forget_person_keys_delete")
    store.script("forget_web_call_refs_clear")
