"""Benchmark the people core on generated data.

    lead-lens sample --leads N -o DIR && lead-lens ingest DIR --db bench.duckdb
    .venv/bin/python bench/verdicts.py --db bench.duckdb [--people 200]

Times a full rebuild, then p50/p95 of `timeline` and `explain` for random people, and prints a
small table. Run it once per size (100k, 1M leads).

Then the rebuild after an import, on a copy of the store: `--slice` percent of the leads again
(`lead-lens sample` with another seed: new people, and records whose ids or emails match stored
ones, with all their activity) is imported, and the incremental rebuild that follows is timed,
then the lookups again, as the touched people's events now sit after the sorted timeline. On
other copies the same import is rebuilt at the stored as_of (an import whose events are not the
latest: only the touched people are judged) and a week after it (`--later DAYS`: everyone's
verdict moves to the new as_of; those whose verdict may read differently by then are judged
again, and those whose priority may are scored again; a week is how often a marketer might
import).

The baseline, measured in the same run (the machine is shared and noisy): DuckDB alone writing
the rebuilt timeline, sorted as the rebuild stores it, into a fresh database file. A full rebuild
writes at least that, so `rebuild / baseline` says how much of its time is work beyond it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

from lead_lens.ingest.pipeline import ingest_paths
from lead_lens.people import RebuildStats, explain, rebuild, timeline
from lead_lens.people.verdicts import stored_as_of
from lead_lens.settings import Settings
from lead_lens.store import Store, open_store
from lead_lens.store.queries import FilePath


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def baseline_seconds(store: Store) -> float:
    """DuckDB alone: the stored timeline, sorted as a rebuild writes it, into a new file."""
    with tempfile.TemporaryDirectory(prefix="lead-lens-baseline-") as folder:
        target = FilePath(str(Path(folder) / "baseline.duckdb"))
        store.con.execute(f"ATTACH {target.literal()} AS ll_baseline")
        try:
            start = time.perf_counter()
            store.con.execute("CREATE TABLE ll_baseline.events AS SELECT * FROM timeline_events "
                              "ORDER BY person_id, ts, event_id")
            store.con.execute("CHECKPOINT ll_baseline")
            return time.perf_counter() - start
        finally:
            store.con.execute("DETACH ll_baseline")


def lookup_rows(store: Store, settings: Settings, people: int, seed: int,
                label: str = "") -> list[tuple[str, str]]:
    """p50/p95 of `timeline` and `explain` for random people."""
    ids = [r[0] for r in store.con.execute(
        "SELECT person_id FROM people ORDER BY hash(person_id || $seed) LIMIT $n",
        {"n": people, "seed": seed}).fetchall()]
    random.Random(seed).shuffle(ids)
    lookups: dict[str, Callable[[str], object]] = {
        "timeline": lambda p: timeline(store, p),
        "explain": lambda p: explain(store, settings, p),
    }
    rows = []
    for name, call in lookups.items():
        times = [timed(partial(call, p)) for p in ids]
        rows.append((f"{name} ({len(ids)} people){label}",
                     f"p50 {statistics.median(times):.1f} ms   "
                     f"p95 {percentile(times, 0.95):.1f} ms"))
    return rows


def how(stats: RebuildStats) -> str:
    if stats.touched is None:
        return f"in full ({stats.people:,} people)"
    again = "" if stats.judged_again is None else \
        f", {stats.judged_again:,} more judged and {stats.scored_again or 0:,} scored again"
    return f"incremental: {stats.touched:,} people touched of {stats.people:,}{again}"


def step_rows(stats: RebuildStats) -> list[tuple[str, str]]:
    return [(f"  {stage}", f"{secs:.2f}") for stage, secs in stats.seconds.items()]


def after_an_import(db: Path, settings: Settings, share: float, floor: float | None,
                    people: int, seed: int, later: float) -> list[tuple[str, str]]:
    """The incremental rebuild after importing `share` percent of the leads again: at the
    default as_of, at the stored one (an import whose events are not the latest) and `later`
    days after the stored one."""
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="lead-lens-slice-", dir=db.parent) as folder:
        imported = Path(folder) / "imported.duckdb"
        data = Path(folder) / "slice"
        shutil.copy(db, imported)
        with open_store(imported) as store:
            leads = max(1, round(int(store.scalar("people_counts")) * share / 100))
            stored = stored_as_of(store)
        subprocess.run([sys.executable, "-m", "lead_lens", "sample", "--leads", str(leads),
                        "--seed", str(seed + 1000), "--out", str(data), "--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
        with open_store(imported) as store:
            start = time.perf_counter()
            results = ingest_paths(store, [data])
            rows.append((f"import of {leads:,} more leads ({share:g} %)",
                         f"{time.perf_counter() - start:.1f} s, "
                         f"{sum(r.new + r.updated for r in results):,} rows new or changed"))
        cases = [("rebuild after the import, at the stored as_of", stored)]
        if later and stored is not None:
            cases.append((f"rebuild after the import, {later:g} days after the stored as_of",
                          stored + timedelta(days=later)))
        # The other as_ofs on a copy each, one at a time (each is the store's size), then the
        # default one on the imported store itself, and the lookups after it.
        cases.append(("rebuild after the import", None))
        for label, as_of in cases:
            path = imported if as_of is None else Path(folder) / "copy.duckdb"
            if as_of is not None:
                shutil.copy(imported, path)
            with open_store(path) as store:
                start = time.perf_counter()
                stats = rebuild(store, settings, as_of)
                took = time.perf_counter() - start
                moved = "as_of moved" if stats.as_of != stored else "as_of unchanged"
                rows.append((label, f"{took:.1f} s, {how(stats)}; {moved}"))
                rows += step_rows(stats)
                if floor:
                    rows.append((f"{label} / baseline", f"{took / floor:.2f}x"))
                if as_of is None:
                    rows += lookup_rows(store, settings, people, seed, " after the import")
            if as_of is not None:
                path.unlink()
    return rows


def generate(leads: int, db: Path) -> None:
    """`lead-lens sample --leads N` then `lead-lens ingest` into db, timed."""
    folder = Path(tempfile.mkdtemp(prefix=f"lead-lens-bench-{leads}-"))
    for argv in (["sample", "--leads", str(leads), "--out", str(folder), "--quiet"],
                 ["ingest", str(folder), "--db", str(db)]):
        start = time.perf_counter()
        # ingest exits non-zero when some files are not recognized; the rest is imported.
        subprocess.run([sys.executable, "-m", "lead_lens", *argv], check=argv[0] == "sample",
                       stdout=subprocess.DEVNULL)
        print(f"{argv[0]}: {time.perf_counter() - start:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--people", type=int, default=200, help="random people to look up")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument("--slice", type=float, default=1.0, metavar="PERCENT",
                        help="leads imported again for the incremental rebuild (0: skip it)")
    parser.add_argument("--later", type=float, default=7.0, metavar="DAYS",
                        help="also rebuild the import this many days after the stored as_of "
                             "(0: skip it)")
    parser.add_argument("--leads", type=int, metavar="N",
                        help="first generate N sample leads and ingest them into --db "
                             "(when --db does not exist yet)")
    args = parser.parse_args()
    if args.leads and not args.db.exists():
        generate(args.leads, args.db)
    settings = Settings()
    store = open_store(args.db)
    rows: list[tuple[str, str]] = []
    total = 0.0
    if not args.skip_rebuild:
        start = time.perf_counter()
        stats = rebuild(store, settings, full=True)
        total = time.perf_counter() - start
        rows.append(("full rebuild", f"{total:.1f} s for {stats.people:,} people, "
                                     f"{stats.events:,} events"))
        rows += step_rows(stats)
    # Measured in every run, so the rebuilds after an import have it too.
    floor = baseline_seconds(store)
    rows.append(("baseline (timeline sorted and written by DuckDB alone)", f"{floor:.1f} s"))
    if not args.skip_rebuild:
        rows.append(("full rebuild / baseline", f"{total / floor:.2f}x"))
    rows += lookup_rows(store, settings, args.people, args.seed)
    store.close()
    if args.slice > 0:
        rows += after_an_import(args.db, settings, args.slice, floor, args.people, args.seed,
                                args.later)
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
