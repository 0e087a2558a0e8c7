"""Summaries cached in the store (table llm_summaries), keyed by person, model, prompt version
and context hash; a cached summary whose hash differs from the current material is stale."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from lead_lens.store import Store


@dataclass(frozen=True)
class CachedSummary:
    context_hash: str
    sections: tuple[tuple[str, str], ...]
    citations: dict[str, str]
    prompt_tokens: int | None
    completion_tokens: int | None
    seconds: float | None
    created_at: datetime


def load(store: Store, person_id: str, model_id: str, prompt_version: str) -> CachedSummary | None:
    """The newest cached summary for this person, model and prompt version, fresh or not."""
    rows = store.rows("llm_summary_latest", {"person_id": person_id, "model_id": model_id,
                                             "prompt_version": prompt_version})
    if not rows:
        return None
    context_hash, sections, citations, prompt_tokens, completion_tokens, seconds, created = rows[0]
    return CachedSummary(
        context_hash=context_hash,
        sections=tuple((s["heading"], s["text"]) for s in json.loads(sections)),
        citations=dict(json.loads(citations)), prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens, seconds=seconds, created_at=created)


def save(store: Store, person_id: str, model_id: str, prompt_version: str,
         entry: CachedSummary) -> None:
    """Replace the person's cached summary for this model and prompt version."""
    key = {"person_id": person_id, "model_id": model_id, "prompt_version": prompt_version}
    with store.transaction():
        store.execute("llm_summary_forget", key)
        store.execute("llm_summary_save", {
            **key, "context_hash": entry.context_hash,
            "sections": json.dumps([{"heading": h, "text": t} for h, t in entry.sections]),
            "citations": json.dumps(entry.citations), "prompt_tokens": entry.prompt_tokens,
            "completion_tokens": entry.completion_tokens, "seconds": entry.seconds,
            "created_at": entry.created_at})


def utc_now() -> datetime:
    """Naive UTC, as every timestamp in the store."""
    return datetime.now(UTC).replace(tzinfo=None)
