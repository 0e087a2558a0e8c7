"""Identity (spec section 2): explicit links -> cores -> people, in SQL.

Connected components by min-label propagation with pointer jumping (identity_label_step),
repeated until no label changes. It runs twice: over the explicit links (giving "cores", the
people the data itself proves) and over the cores joined by accepted fuzzy merges (giving people).
Consent is judged per core, so it never crosses a fuzzy merge (spec 2.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from lead_lens.settings import Settings
from lead_lens.store import Store

MAX_ROUNDS = 200


@dataclass
class IdentityStats:
    link_rounds: int
    merge_rounds: int
    people: int
    refs: int


def prepare(store: Store) -> None:
    """Create the people helper macros on this connection."""
    store.script("people_macros")


def propagate_labels(store: Store) -> int:
    """Run label steps over cc_edges/cc_labels until stable; return the number of rounds."""
    for round_no in range(1, MAX_ROUNDS + 1):
        store.script("identity_label_step")
        changed = store.scalar("identity_label_changes")
        store.script("identity_label_accept")
        if not changed:
            return round_no
    raise RuntimeError("identity label propagation did not converge")  # pragma: no cover


def resolve_people(store: Store, settings: Settings, *, scoped: bool = False) -> IdentityStats:
    """Fill person_keys and people from the canonical tables and the merge decisions.

    `scoped`: an incremental rebuild's run over copies of the rows in scope (incremental.py);
    the people out of scope it meets, with only some of their rows, are dropped."""
    prepare(store)
    store.script("identity_identifies")
    store.script("identity_activity_refs")
    store.script("identity_links_build")
    store.script("identity_nodes_build")
    store.script("identity_graph_from_links")
    link_rounds = propagate_labels(store)
    store.script("identity_cores_save")
    store.script("identity_graph_from_merges")
    merge_rounds = propagate_labels(store)
    store.script("identity_person_keys_save")
    store.script("identity_anonymous_keys")
    if scoped:
        store.script("incremental_keep_scope")
    store.execute("people_build", {"free_mail_domains": list(settings.free_mail_domains)})
    people, refs, _events, _signals = store.rows("people_counts")[0]
    return IdentityStats(link_rounds, merge_rounds, int(people), int(refs))


def find_person(store: Store, needle: str) -> str | None:
    """A person id from a person id, an email, or any ref ('sf:00Q...', 'outreach:12')."""
    prepare(store)
    value = needle.strip()
    if value.startswith("sf:"):
        value = value[:18]
    return store.scalar("person_find", {"needle": value})
