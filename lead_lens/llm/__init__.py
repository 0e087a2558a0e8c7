"""Local-LLM lead summaries: grounded in the timeline, cached in the store, never networked.

Headless: no textual here. llama_cpp is imported only when a model is first loaded.
"""

from lead_lens.llm.context import Budget, PersonNotFound, find_person
from lead_lens.llm.model import (
    ChatModel,
    FakeModel,
    LlamaModel,
    ModelChoice,
    ModelError,
    resolve_model,
    shared_model,
)
from lead_lens.llm.prompt import PROMPT_VERSION
from lead_lens.llm.summarize import Summary, cached_summary, summarize

__all__ = [
    "PROMPT_VERSION", "Budget", "ChatModel", "FakeModel", "LlamaModel", "ModelChoice",
    "ModelError", "PersonNotFound", "Summary", "cached_summary", "find_person", "resolve_model",
    "shared_model", "summarize",
]
