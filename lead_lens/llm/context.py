"""The context builder: for one person, the most useful material that fits the token budget.

`gather` reads everything the summarizer may use from the store (`Material`, hashed for the cache
without needing the model). `build_context` ranks it by relevance and recency, cuts it to the
budget with the model's own tokenizer, and gives every chosen item a short id ([E1]) that maps to
its timeline event.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from lead_lens.errors import LeadLensError
from lead_lens.llm.model import ChatModel, truncate_to_tokens
from lead_lens.signals.clean import author_sentences
from lead_lens.store import Store


class PersonNotFound(LeadLensError):
    title = "Unknown person"


@dataclass(frozen=True)
class Budget:
    """How much material goes in. The default model evaluates ~160 prompt tokens/s on 2 cores
    (measured: 5-6 s to the first token with 720 tokens of material), so the material stays
    near 440 tokens and the whole prompt near 650, for a summary under 8 seconds."""

    tokens: int = 440         # all items together, counted with the model's tokenizer
    item_tokens: int = 90     # one item at most (a long note or call is cut)
    web_visits: int = 3       # only the latest web activity matters


# Relevance of a timeline kind to "what does this lead want": what the lead said weighs most.
KIND_WEIGHT: dict[str, float] = {
    "reply": 1.0, "note": 0.85, "sales_call": 0.6, "meeting_held": 0.6, "meeting_booked": 0.6,
    "form_submit": 0.55, "content_download": 0.5, "campaign_response": 0.45,
    "sequence_finished": 0.5, "sequence_state": 0.45, "sequence_enrolled": 0.35,
    "opt_out": 0.7, "bounce": 0.4, "opportunity_opened": 0.55, "opportunity_closed": 0.55,
    "mql": 0.35, "status_change": 0.35, "converted": 0.35, "sales_email": 0.3,
    "web_visit": 0.3, "email_click": 0.3, "marketing_email": 0.15, "campaign_added": 0.15,
    "owner_change": 0.15,
}
# At most this many of a kind, newest first (the rest says little new).
KIND_LIMIT: dict[str, int] = {"sales_email": 3, "email_click": 2, "marketing_email": 2,
                              "campaign_added": 2, "owner_change": 1}
LABELS: dict[str, str] = {
    "reply": "email from the lead", "note": "CRM note", "sales_call": "call",
    "meeting_held": "meeting", "sales_email": "sales email to the lead",
}
CALL_KINDS = ("sales_call", "meeting_held")
HALF_LIFE_DAYS = 60.0
SIGNAL_BOOST = 0.35


@dataclass(frozen=True)
class Person:
    person_id: str
    email: str | None
    name: str | None
    company: str | None
    title: str | None
    owner: str | None


@dataclass(frozen=True)
class Candidate:
    """One piece of material before ranking: a timeline event and the text worth reading."""

    event_id: str
    ts: datetime | None
    kind: str
    label: str
    text: str
    weight: float


@dataclass(frozen=True)
class Verdict:
    verdict: str
    ok_to_market: bool | None
    warm: bool | None
    snooze_until: date | None
    handoff_at: datetime | None
    last_sales_touch_at: datetime | None
    last_engagement_at: datetime | None
    priority: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Material:
    """Everything the summary may draw on, read from the store; no model involved."""

    person: Person
    candidates: tuple[Candidate, ...]
    verdict: Verdict | None
    sequences: tuple[tuple[str, str, datetime | None], ...]   # (name, state, changed_at)
    open_deals: tuple[tuple[str, str | None, float | None], ...]  # (name, stage, amount)
    latest: dict[str, tuple[datetime | None, str]] = field(default_factory=dict)  # family -> ts, id
    event_ids: frozenset[str] = frozenset()
    last_words: tuple[datetime | None, str] | None = None  # the lead's latest own message

    def fingerprint(self, budget: Budget) -> str:
        """The context hash: changes whenever the material (or the budget) does."""
        payload = {"person": asdict(self.person), "budget": asdict(budget),
                   "candidates": [asdict(c) for c in self.candidates],
                   "verdict": asdict(self.verdict) if self.verdict else None,
                   "sequences": self.sequences, "deals": self.open_deals}
        text = json.dumps(payload, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class ContextItem:
    ref: str        # "E3"
    event_id: str
    ts: datetime | None
    label: str
    text: str

    def line(self) -> str:
        when = self.ts.strftime("%Y-%m-%d") if self.ts else "undated"
        return f"[{self.ref}] {when} {self.label}: {self.text}"


@dataclass(frozen=True)
class Context:
    material: Material
    items: tuple[ContextItem, ...]
    tokens: int
    left_out: int

    @property
    def refs(self) -> dict[str, str]:
        """Short id -> timeline event_id."""
        return {item.ref: item.event_id for item in self.items}


# -- reading the store ----------------------------------------------------------------------------

def find_person(store: Store, key: str) -> Person:
    """The person with this id or email, else (through lead_lens.people) any other person ref."""
    rows = store.rows("llm_person", {"key": key})
    if not rows:
        try:
            from lead_lens.people.identity import find_person as resolve_ref
        except ImportError:  # the people package is optional for the summarizer
            resolved = None
        else:
            resolved = resolve_ref(store, key)
        rows = store.rows("llm_person", {"key": resolved}) if resolved else []
    if not rows:
        raise PersonNotFound(f"No person with id or email '{key}' in the store {store.path}.")
    if len(rows) > 1 and rows[0][0] != key and rows[0][1] != key.strip().lower():
        ids = ", ".join(r[0] for r in rows)
        raise PersonNotFound(f"'{key}' belongs to several people ({ids}); give a person id.")
    return Person(*rows[0])


def gather(store: Store, person: Person, budget: Budget | None = None) -> Material:
    """Everything about the person the summary may use (only the latest web visits)."""
    web_visits = (budget or Budget()).web_visits
    pid = {"person_id": person.person_id}
    timeline = store.rows("llm_timeline", pid)
    signals = _signals_by_event(store.rows("llm_signals", pid))
    passages = _passages_by_event(store.rows("llm_call_passages", pid))
    candidates: list[Candidate] = []
    seen_per_kind: Counter[str] = Counter()
    latest: dict[str, tuple[datetime | None, str]] = {}
    last_words: tuple[datetime | None, str] | None = None
    for event_id, ts, _system, kind, family, actor, title, body, direction, _key in timeline:
        if family and family not in latest:
            latest[family] = (ts, event_id)
        if last_words is None and _from_the_lead(kind, direction) and body:
            words = " ".join(author_sentences(body))
            last_words = (ts, words) if words else None
        candidate = _candidate(event_id, ts, kind or "", actor, title, body, direction,
                               passages.get(event_id), signals.pop(event_id, None))
        if candidate is None:
            continue
        limit = KIND_LIMIT.get(candidate.kind)
        if candidate.kind == "web_visit":
            limit = web_visits
        if limit is not None and seen_per_kind[candidate.kind] >= limit:
            continue
        seen_per_kind[candidate.kind] += 1
        candidates.append(candidate)
    for event_id, texts in signals.items():  # signals whose event had no text of its own
        when = texts[0][1]
        candidates.append(Candidate(event_id, when, "signal", "text signal",
                                    "; ".join(t for t, _ in texts), 0.5 + SIGNAL_BOOST))
    return Material(
        person=person, candidates=tuple(candidates), verdict=_verdict(store, pid),
        sequences=tuple((name or "(unnamed sequence)", state or "unknown", changed)
                        for _rk, _sys, name, state, changed
                        in store.rows("llm_sequence_states", pid)),
        open_deals=tuple((name or "(unnamed deal)", stage, amount)
                         for _rk, name, stage, amount, _close in store.rows("llm_open_deals", pid)),
        latest=latest, event_ids=frozenset(row[0] for row in timeline), last_words=last_words)


def _from_the_lead(kind: str | None, direction: str | None) -> bool:
    """A message the lead wrote: a reply, or an email logged as inbound."""
    return kind == "reply" or (kind == "sales_email" and (direction or "").lower() == "inbound")


def _signals_by_event(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[str, datetime]]]:
    found: dict[str, list[tuple[str, datetime]]] = {}
    for event_id, signal, cue, sentence, resolved, ts in rows:
        what = (signal or "signal").replace("_", " ") + (f" ({cue})" if cue else "")
        if resolved:
            what += f", resolves to {resolved:%Y-%m-%d}"
        if sentence:
            what += f': "{sentence}"'
        found.setdefault(event_id, []).append((what, ts))
    return found


def _passages_by_event(rows: list[tuple[Any, ...]]) -> dict[str, str]:
    """Per call: the lead's side first (what they said matters most), in turn order."""
    turns: dict[str, list[tuple[bool, int, str]]] = {}
    for event_id, turn_no, speaker, affiliation, text in rows:
        internal = (affiliation or "").lower() == "internal"
        side = f"{speaker} (our rep)" if internal else speaker
        turns.setdefault(event_id, []).append((internal, turn_no or 0, f"{side}: {text}"))
    return {event_id: " / ".join(t for _i, _n, t in sorted(found))
            for event_id, found in turns.items()}


def _candidate(event_id: str, ts: datetime | None, kind: str, actor: str | None,
               title: str | None, body: str | None, direction: str | None,
               passages: str | None,
               signals: list[tuple[str, datetime]] | None) -> Candidate | None:
    inbound = (direction or "").lower() == "inbound"
    weight = KIND_WEIGHT.get(kind, 0.3)
    if inbound and kind != "reply":
        weight = max(weight, 0.95)  # an inbound email is the lead talking
    label = "email from the lead" if inbound else LABELS.get(kind, kind.replace("_", " "))
    if actor and kind in ("note", "sales_call", "meeting_held", "sales_email"):
        label += f" by {actor}"
    parts = [p.strip() for p in (title, body) if p and p.strip()]
    if len(parts) == 2 and parts[1].startswith(parts[0]):
        parts = parts[1:]
    if passages:
        parts.append("transcript: " + passages)
        weight = max(weight, 0.9)
    if signals:
        parts.insert(0, "signals: " + "; ".join(t for t, _ in signals))
        weight += SIGNAL_BOOST
    if not parts:
        parts = [kind.replace("_", " ")]
    return Candidate(event_id, ts, kind, label, " ".join(parts), weight)


def _verdict(store: Store, pid: dict[str, str]) -> Verdict | None:
    rows = store.rows("llm_verdict", pid)
    if not rows:
        return None
    verdict, ok, warm, snooze, handoff, sales, engaged, priority, reasons, _as_of = rows[0]
    texts: list[str] = []
    for reason in json.loads(reasons) if isinstance(reasons, str) else (reasons or []):
        text = reason.get("text") if isinstance(reason, dict) else str(reason)
        if text:
            texts.append(text)
    return Verdict(verdict, ok, warm, snooze, handoff, sales, engaged, priority, tuple(texts))


# -- ranking and the budget ---------------------------------------------------------------------

_CONTROL = re.compile(r"<\|[^|>\n]{0,40}\|>|<{3,}|>{3,}|</?s>|\[/?INST\]", re.IGNORECASE)
_FAKE_REF = re.compile(r"\[\s*E\s*\d+\s*\]", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def clean_source_text(text: str) -> str:
    """Source text made inert: no chat-control tokens, no data delimiters, no fake citations."""
    text = _CONTROL.sub(" ", text)
    text = _FAKE_REF.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def score(candidate: Candidate, newest: datetime | None) -> float:
    """Relevance of the kind, decayed with age relative to the person's newest event."""
    if candidate.ts is None or newest is None:
        return candidate.weight * 0.35
    age_days = max((newest - candidate.ts).total_seconds() / 86400.0, 0.0)
    return candidate.weight * (0.35 + 0.65 * 0.5 ** (age_days / HALF_LIFE_DAYS))


def build_context(material: Material, model: ChatModel, budget: Budget | None = None) -> Context:
    """The best-scoring items that fit `budget.tokens`, in time order, numbered E1, E2, ..."""
    budget = budget or Budget()
    stamps = [c.ts for c in material.candidates if c.ts is not None]
    newest = max(stamps) if stamps else None
    ranked = sorted(material.candidates, key=lambda c: (-score(c, newest), c.event_id))
    chosen: list[tuple[Candidate, str, int]] = []
    used = misses = 0
    for candidate in ranked:
        if budget.tokens - used < 12 or misses >= 20:
            break  # full, or only long items left: stop tokenizing the rest
        text = truncate_to_tokens(model, clean_source_text(candidate.text), budget.item_tokens)
        probe = ContextItem("E00", candidate.event_id, candidate.ts, candidate.label, text)
        cost = len(model.tokenize(probe.line() + "\n"))
        if used + cost > budget.tokens:
            misses += 1
            continue
        chosen.append((candidate, text, cost))
        used += cost
    chosen.sort(key=lambda c: (c[0].ts or datetime.min, c[0].event_id))
    items = tuple(ContextItem(f"E{i}", c.event_id, c.ts, c.label, text)
                  for i, (c, text, _cost) in enumerate(chosen, start=1))
    return Context(material, items, used, len(material.candidates) - len(items))
