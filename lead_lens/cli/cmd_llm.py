"""`lead-lens summarize` (one lead, streamed; or a batch) and `lead-lens doctor`."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from lead_lens.cli.context import db_path, settings_from, store_from
from lead_lens.llm.context import Budget, find_person, gather
from lead_lens.llm.facts import facts_from
from lead_lens.llm.model import LlamaModel, ModelChoice, resolve_model, shared_model
from lead_lens.llm.summarize import Summary, cached_summary, cited_events, summarize
from lead_lens.settings import Settings
from lead_lens.store import Store

CHECKED_IMPORTS = ("duckdb", "polars", "pyarrow", "textual", "llama_cpp")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "summarize", parents=[common], help="summarize a lead with the local model",
        description="Summarize one lead (streamed as it is written), or a batch of leads by "
                    "verdict. Summaries are cached in the store; a batch skips cached ones, so "
                    "it resumes where Ctrl-C stopped it.")
    parser.add_argument("who", nargs="?", metavar="EMAIL|PERSON_ID")
    parser.add_argument("--model", metavar="PATH", help="a GGUF file (or a name in models/)")
    parser.add_argument("--refresh", action="store_true", help="write it again even if cached")
    parser.add_argument("--cached", action="store_true",
                        help="show the cached summary (marked stale if the data changed)")
    parser.add_argument("--verdict", metavar="VERDICT", help="batch: leads with this verdict")
    parser.add_argument("--warm", action="store_true", help="batch: only warm leads")
    parser.add_argument("--limit", type=int, metavar="N", help="batch: at most N leads")
    parser.add_argument("--budget", type=int, metavar="TOKENS",
                        help=f"context budget in model tokens (default {Budget().tokens})")
    parser.set_defaults(run=run_summarize)

    doctor = subparsers.add_parser(
        "doctor", parents=[common], help="check the model, its speed and the installation")
    doctor.add_argument("--model", metavar="PATH", help="a GGUF file (or a name in models/)")
    doctor.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    doctor.set_defaults(run=run_doctor)


def _model(args: argparse.Namespace, settings: Settings) -> tuple[ModelChoice, LlamaModel]:
    choice = resolve_model(args.model, settings.model_path)
    return choice, shared_model(choice.path, n_ctx=settings.model_context,
                                n_threads=settings.model_threads)


def _budget(args: argparse.Namespace) -> Budget:
    return Budget(tokens=args.budget) if args.budget else Budget()


def run_summarize(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.who is None and args.verdict is None and not args.warm:
        print("lead-lens: give an EMAIL or PERSON_ID, or --verdict/--warm for a batch.",
              file=sys.stderr)
        return 2
    choice, model = _model(args, settings)
    with store_from(args) as store:
        if args.who is None:
            return _batch(store, model, args)
        return _one(store, model, choice, args)


def _one(store: Store, model: LlamaModel, choice: ModelChoice, args: argparse.Namespace) -> int:
    out, err = Console(highlight=False), Console(stderr=True, highlight=False)
    budget = _budget(args)
    person = find_person(store, args.who)
    title = person.name or person.email or person.person_id
    out.print(f"[bold]{title}[/bold]" + (f" ({person.company})" if person.company else ""))
    out.print(facts_from(gather(store, person)).render(), markup=False)
    out.print()
    cached = cached_summary(store, person, model.model_id, budget)
    if args.cached:
        if cached is None:
            err.print("No cached summary for this lead and model.")
            return 1
        _print_cached(out, cached)
        _print_sources(out, store, cached)
        return 0
    if cached is not None and cached.stale and not args.refresh:
        err.print("[yellow]The cached summary predates the latest data; writing a new one.[/]")
    status = err.status(f"Reading the timeline with {choice.path.name} ...")
    status.start()

    def show(piece: str) -> None:
        status.stop()
        sys.stdout.write(piece)
        sys.stdout.flush()

    try:
        summary = summarize(store, person, model, budget=budget, refresh=args.refresh,
                            on_token=show)
    finally:
        status.stop()
    if summary.from_cache:
        _print_cached(out, summary)
    else:
        err.print(f"[dim]{summary.prompt_tokens} prompt tokens, {summary.completion_tokens} "
                  f"written in {summary.seconds:.1f} s (first token after "
                  f"{summary.first_token_seconds or 0:.1f} s); cached.[/]")
    _print_sources(out, store, summary)
    return 0


def _print_cached(out: Console, summary: Summary) -> None:
    if summary.stale:
        out.print("[yellow](stale: written before the latest data; --refresh writes it again)[/]")
    out.print(summary.body(), markup=False)


def _print_sources(out: Console, store: Store, summary: Summary) -> None:
    events = cited_events(store, summary)
    if events:
        out.print("\n[bold]Sources[/bold]")
        for ref, event_id, what in events:
            out.print(escape(f"[{ref}] {what}") + f"  [dim]event {escape(event_id)}[/]")


def _batch(store: Store, model: LlamaModel, args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    budget = _budget(args)
    people = [row[0] for row in store.rows("llm_batch_people", {
        "verdict": args.verdict, "warm": True if args.warm else None, "limit": args.limit})]
    if not people:
        err.print("No leads match.")
        return 0
    written = skipped = 0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[who]}"))
    try:
        with Progress(*columns, console=err) as progress:
            task = progress.add_task("Summarizing", total=len(people), who="")
            for person_id in people:
                progress.update(task, who=person_id)
                cached = None if args.refresh else cached_summary(store, person_id,
                                                                  model.model_id, budget)
                if cached is not None and not cached.stale:
                    skipped += 1
                else:
                    summarize(store, person_id, model, budget=budget, refresh=True)
                    written += 1  # saved as soon as written: Ctrl-C loses at most one lead
                progress.advance(task)
    except KeyboardInterrupt:
        err.print(f"Stopped: {written} written, {skipped} already cached. Run the same command "
                  "again to continue where it stopped.")
        return 130
    err.print(f"{written} summaries written, {skipped} already cached.")
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    out = Console(highlight=False)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    store = db_path(args)
    table.add_row("Store", f"{store} ({'exists' if store.exists() else 'not created yet'})")
    status = 0
    try:
        choice, model = _model(args, settings)
    except Exception as error:  # doctor reports every problem instead of stopping at one
        table.add_row("Model", f"[red]{error}[/]")
        status = 1
    else:
        size_mb = choice.path.stat().st_size / 1e6
        table.add_row("Model", f"{choice.path} (from {choice.source})")
        table.add_row("File size", f"{size_mb:,.0f} MB")
        started = time.perf_counter()
        llama = model.llama()
        table.add_row("Load time", f"{time.perf_counter() - started:.2f} s")
        trained = next((v for k, v in model.metadata().items() if k.endswith(".context_length")),
                       "?")
        table.add_row("Context length", f"{model.n_ctx} tokens in use (trained for {trained})")
        table.add_row("Threads", f"{model.n_threads} (physical cores)"
                      if settings.model_threads is None else f"{model.n_threads} (settings)")
        table.add_row("Chat template", model.template_source)
        if not args.no_speed:
            prompt_rate, gen_rate = measure_speed(model)
            table.add_row("Speed", f"prompt {prompt_rate:,.0f} tokens/s, "
                                   f"generation {gen_rate:,.1f} tokens/s")
        del llama
    for name, version in installed(CHECKED_IMPORTS).items():
        if version is None:
            status = 1
        table.add_row(f"import {name}", version or "[red]missing or broken[/]")
    out.print(table)
    return status


def measure_speed(model: LlamaModel) -> tuple[float, float]:
    """Prompt evaluation and generation speed on a short prompt, in tokens per second."""
    text = ("Lead replied that pricing is above budget and asked to reconnect after the next "
            "planning cycle; the team visited the pricing page twice. ") * 4
    prompt = model.render_chat([{"role": "user", "content": text + "Summarize in one line."}])
    with model.exclusive():
        llama = model.llama()
        llama.reset()
        tokens = llama.tokenize(prompt.encode("utf-8"), special=True)
        started = time.perf_counter()
        llama.eval(tokens)
        evaluated = time.perf_counter() - started
        llama.reset()
        first: float | None = None
        produced = 0
        for _piece in model.stream(prompt, max_tokens=32):
            first = first or time.perf_counter()
            produced += 1
        generating = time.perf_counter() - (first or time.perf_counter())
        llama.reset()
    return len(tokens) / evaluated, (produced - 1) / generating if generating > 0 else 0.0


def installed(names: tuple[str, ...]) -> dict[str, str | None]:
    """Which packages import, tried in a child process (the CLI itself never imports textual)."""
    script = ("import importlib, json, sys\nfound = {}\n"
              f"for name in {list(names)!r}:\n"
              "    try:\n        module = importlib.import_module(name)\n"
              "        found[name] = str(getattr(module, '__version__', 'ok'))\n"
              "    except Exception:\n        found[name] = None\n"
              "print(json.dumps(found))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, cwd=Path.cwd())
    try:
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        return dict.fromkeys(names)
