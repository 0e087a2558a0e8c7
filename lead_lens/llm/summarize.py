"""One lead's summary: facts header from the data, four model-written sections, checked citations.

The summarizer writes each section heading itself and lets the model continue under it, so the
structure holds even for a 135M model; llama.cpp reuses the evaluated prefix between sections.
Citations to ids that are not in the context are removed, while streaming and in the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from lead_lens.llm import cache
from lead_lens.llm.citations import (
    CitationStream,
    cited_refs,
    content_words,
    filter_citations,
    supporting_refs,
)
from lead_lens.llm.context import (
    Budget,
    Context,
    ContextItem,
    Material,
    Person,
    build_context,
    find_person,
    gather,
)
from lead_lens.llm.facts import Facts, facts_from
from lead_lens.llm.model import ChatModel, GenerationStats
from lead_lens.llm.prompt import (
    PROMPT_VERSION,
    SECTIONS,
    STOP,
    first_messages,
    next_question,
    section_opening,
)
from lead_lens.store import Store

TokenCallback = Callable[[str], None]

NOT_STATED = "Not stated."


@dataclass
class Summary:
    person: Person
    facts: Facts
    sections: tuple[tuple[str, str], ...]
    citations: dict[str, str]          # cited short id -> timeline event_id
    model_id: str
    context_hash: str
    stale: bool = False                # cached from material that has changed since
    from_cache: bool = False
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    seconds: float | None = None
    first_token_seconds: float | None = None
    items: tuple[ContextItem, ...] = field(default_factory=tuple)  # when generated in this run
    prompt_version: str = PROMPT_VERSION

    def body(self) -> str:
        return "\n\n".join(f"## {heading}\n{text}" for heading, text in self.sections)

    def render(self) -> str:
        """Facts header, the sections, and where each citation points."""
        name = self.person.name or self.person.email or self.person.person_id
        parts = [f"# {name}" + (f" ({self.person.company})" if self.person.company else ""),
                 self.facts.render()]
        if self.stale:
            parts.append("(stale: written before the latest data; run with --refresh)")
        parts.append(self.body())
        if self.citations:
            sources = [f"[{ref}] event {event}" for ref, event in
                       sorted(self.citations.items(), key=lambda kv: int(kv[0][1:]))]
            parts.append("Sources:\n" + "\n".join(sources))
        return "\n\n".join(parts)


def _person(store: Store, who: str | Person) -> Person:
    return who if isinstance(who, Person) else find_person(store, who)


def cached_summary(store: Store, who: str | Person, model_id: str,
                   budget: Budget | None = None) -> Summary | None:
    """The cached summary without generating anything; `stale` if the material changed."""
    budget = budget or Budget()
    material = gather(store, _person(store, who), budget)
    return _from_cache(store, material, model_id, material.fingerprint(budget))


def _from_cache(store: Store, material: Material, model_id: str,
                context_hash: str) -> Summary | None:
    entry = cache.load(store, material.person.person_id, model_id, PROMPT_VERSION)
    if entry is None:
        return None
    return Summary(material.person, facts_from(material), entry.sections, entry.citations,
                   model_id, entry.context_hash, stale=entry.context_hash != context_hash,
                   from_cache=True, prompt_tokens=entry.prompt_tokens,
                   completion_tokens=entry.completion_tokens, seconds=entry.seconds)


def summarize(store: Store, who: str | Person, model: ChatModel, *, budget: Budget | None = None,
              refresh: bool = False, on_token: TokenCallback | None = None) -> Summary:
    """The person's summary: from the cache when it is fresh, else generated (streamed to
    `on_token`) and cached."""
    budget = budget or Budget()
    person = _person(store, who)
    material = gather(store, person, budget)
    context_hash = material.fingerprint(budget)
    if not refresh:
        cached = _from_cache(store, material, model.model_id, context_hash)
        if cached is not None and not cached.stale:
            return cached
    summary = generate(material, model, budget=budget, on_token=on_token)
    cache.save(store, person.person_id, model.model_id, PROMPT_VERSION, cache.CachedSummary(
        summary.context_hash, summary.sections, summary.citations, summary.prompt_tokens,
        summary.completion_tokens, summary.seconds, cache.utc_now()))
    return summary


def generate(material: Material, model: ChatModel, *, budget: Budget | None = None,
             on_token: TokenCallback | None = None) -> Summary:
    """Run the model over the person's context: one question per section, in one conversation."""
    budget = budget or Budget()
    emit = on_token or (lambda _text: None)
    started = time.perf_counter()
    first_token: float | None = None
    prompt_tokens = completion_tokens = 0
    sections: list[tuple[str, str]] = []
    with model.exclusive():
        context = build_context(material, model, budget)
        valid = frozenset(context.refs)
        names = _name_words(material)
        messages = first_messages(context)
        for index, (heading, _question, max_tokens) in enumerate(SECTIONS):
            if index:
                messages.append(next_question(index))
            emit(section_opening(index))
            stats = GenerationStats()
            live = CitationStream(valid)
            raw: list[str] = []
            for piece in model.stream(model.render_chat(messages), max_tokens=max_tokens,
                                      stop=STOP, stats=stats):
                if first_token is None:
                    first_token = time.perf_counter() - started
                raw.append(piece)
                shown = live.feed(piece.lstrip("\n") if len(raw) == 1 else piece)
                if shown:
                    emit(shown)
            emit(live.flush())
            answer = filter_citations("".join(raw), valid).strip()
            suffix = ""  # what the summarizer adds to the answer; streamed like the rest
            if not answer:
                answer = suffix = NOT_STATED
            else:
                if stats.finish_reason == "length":
                    suffix += "…"
                if not cited_refs(answer):
                    refs = supporting_refs(answer, context.items, names)
                    suffix += f" [{', '.join(refs)}]" if refs else ""
            emit(suffix)
            sections.append((heading, answer if suffix == NOT_STATED else answer + suffix))
            messages.append({"role": "assistant", "content": answer})
            prompt_tokens = prompt_tokens or stats.prompt_tokens
            completion_tokens += stats.completion_tokens
    emit("\n")
    cited = {ref for _h, text in sections for ref in cited_refs(text)}
    return Summary(
        material.person, facts_from(material), tuple(sections),
        {ref: event for ref, event in context.refs.items() if ref in cited},
        model.model_id, material.fingerprint(budget), prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens, seconds=time.perf_counter() - started,
        first_token_seconds=first_token, items=context.items)


def _name_words(material: Material) -> frozenset[str]:
    """The lead's own name and company: in every item, so they prove nothing."""
    person = material.person
    return frozenset(content_words(" ".join(p for p in (person.name, person.company,
                                                        person.title) if p)))


def context_for(store: Store, who: str | Person, model: ChatModel,
                budget: Budget | None = None) -> Context:
    """The context a summary would be written from (for benchmarks and debugging)."""
    return build_context(gather(store, _person(store, who), budget), model, budget)


def cited_events(store: Store, summary: Summary) -> list[tuple[str, str, str]]:
    """(short id, event_id, 'date kind: title') for every citation, to jump to its event."""
    ids = list(summary.citations.values())
    found = {event_id: f"{ts:%Y-%m-%d} {kind}: {what or ''}".rstrip(": ") if ts
             else f"undated {kind}: {what or ''}".rstrip(": ")
             for event_id, ts, kind, what in store.rows("llm_events_by_id", {
                 "person_id": summary.person.person_id, "event_ids": ids})}
    return [(ref, event_id, found.get(event_id, "(event no longer in the timeline)"))
            for ref, event_id in sorted(summary.citations.items(), key=lambda kv: int(kv[0][1:]))]
