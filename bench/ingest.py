"""Import throughput: lead-lens ingest vs. DuckDB loading the same files raw, in one run.

    python bench/ingest.py [--leads 100000] [--seed 11] [--repeat 2] [--keep DIR]

Generates a data set with `lead-lens sample`, then for each file times
  raw:  CREATE TABLE t AS SELECT * FROM read_csv/read_json/read_parquet(file)
        (DuckDB's own sniffing)
  ours: lead-lens's import of the same file (detect, verbatim raw copy, canonical mapping, upsert)
each in a fresh store file, timed until the data is checkpointed into the file (the import
commits, and DuckDB checkpoints a large commit; the raw load is closed), best of --repeat runs,
and reports rows/s, MB/s and the ratio.
Zip archives are unpacked for both, so both read the same bytes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lead_lens.ingest.pipeline import ImportOptions, ingest_paths  # noqa: E402
from lead_lens.ingest.readers import sniff_format  # noqa: E402
from lead_lens.store import open_store  # noqa: E402


def generate(out: Path, leads: int, seed: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lead_lens", "sample", "--leads", str(leads),
                    "--seed", str(seed), "--out", str(out)], check=True)
    return time.perf_counter() - started


def data_files(root: Path, scratch: Path) -> list[Path]:
    files = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix == ".zip":
            target = scratch / path.stem
            with zipfile.ZipFile(path) as archive:
                archive.extractall(target)
            files.extend(sorted(p for p in target.rglob("*") if p.is_file()))
        elif path.suffix in {".csv", ".json", ".parquet", ".ndjson", ".jsonl"}:
            files.append(path)
    return files


def raw_load(path: Path, db: Path) -> tuple[float, int]:
    fmt = sniff_format(path)
    con = duckdb.connect(str(db))
    started = time.perf_counter()
    # Benchmark-only SQL: the reader is one of three constants and the path is bound.
    if fmt == "json":
        # DuckDB's own JSON reader; a document that wraps its records ({"calls": [...]}) is
        # unnested to one row per record, as the import does.
        reader = "read_json($p, maximum_object_size = 1073741824)"
        types = con.execute(f"DESCRIBE SELECT * FROM {reader}", {"p": str(path)}).fetchall()
        lists = [name for name, kind, *_ in types if kind.endswith("[]")]
        if len(types) > 1 or lists and not path.suffix.startswith(".nd"):
            column = '"' + lists[0].replace('"', '""') + '"'
            con.execute(f"CREATE TABLE t AS SELECT unnest({column}) AS rec FROM {reader}",
                        {"p": str(path)})
        else:
            con.execute(f"CREATE TABLE t AS SELECT * FROM {reader}", {"p": str(path)})
    else:
        reader = {"csv": "read_csv", "parquet": "read_parquet"}[fmt]
        con.execute(f"CREATE TABLE t AS SELECT * FROM {reader}($p)", {"p": str(path)})
    rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
    con.close()  # both sides are timed until their data is checkpointed into the file
    elapsed = time.perf_counter() - started
    return elapsed, int(rows)


def our_load(path: Path, db: Path) -> tuple[float, int, str]:
    store = open_store(db)
    started = time.perf_counter()
    [result] = ingest_paths(store, [path], ImportOptions())
    store.close()
    elapsed = time.perf_counter() - started
    if result.status != "imported":
        return elapsed, 0, f"{result.status}: {result.message[:60]}"
    return elapsed, result.rows, result.kind or ""


def best_of(repeat: int, scratch: Path, fn, path: Path):  # type: ignore[no-untyped-def]
    best = None
    for i in range(repeat):
        db = scratch / f"bench-{fn.__name__}-{i}.duckdb"
        out = fn(path, db)
        for leftover in (db, Path(f"{db}.wal")):
            leftover.unlink(missing_ok=True)
        if best is None or out[0] < best[0]:
            best = out
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--data", type=Path, help="use this data set instead of generating")
    parser.add_argument("--keep", type=Path, help="keep the generated data set here")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="ll-bench-"))
    try:
        data = args.data
        if data is None:
            data = args.keep or scratch / "data"
            seconds = generate(data, args.leads, args.seed)
            print(f"generated {args.leads:,} leads in {seconds:.1f} s -> {data}")
        files = data_files(data, scratch)
        totals: dict[str, list[float]] = {}
        print(f"{'file':38} {'kind':28} {'rows':>10} {'MB':>7} {'raw s':>7} {'ours s':>7} "
              f"{'ratio':>6}")
        for path in files:
            size = path.stat().st_size
            raw_s, raw_rows = best_of(args.repeat, scratch, raw_load, path)
            our_s, our_rows, kind = best_of(args.repeat, scratch, our_load, path)
            group = totals.setdefault(sniff_format(path), [0.0, 0.0, 0, 0])
            group[0] += raw_s
            group[1] += our_s
            group[2] += size
            group[3] += our_rows
            ratio = raw_s / our_s if our_s else float("nan")
            print(f"{path.name[:38]:38} {kind[:28]:28} {our_rows:>10,} {size / 1e6:>7.1f} "
                  f"{raw_s:>7.2f} {our_s:>7.2f} {ratio:>6.2f}")
        groups = {"csv": ["csv"], "parquet": ["parquet"], "json": ["json"],
                  "all": ["csv", "parquet", "json"]}
        for label, formats in groups.items():
            raw_s, our_s, size, rows = (sum(totals.get(f, [0, 0, 0, 0])[i] for f in formats)
                                        for i in range(4))
            if not our_s:
                continue
            mb = size / 1e6
            print(f"\n{label}: {int(rows):,} rows, {mb:.1f} MB")
            print(f"  raw DuckDB: {raw_s:8.2f} s  {rows / raw_s:>12,.0f} rows/s  "
                  f"{mb / raw_s:6.1f} MB/s")
            print(f"  lead-lens:  {our_s:8.2f} s  {rows / our_s:>12,.0f} rows/s  "
                  f"{mb / our_s:6.1f} MB/s")
            print(f"  throughput ratio (ours / raw): {raw_s / our_s:.2f}x  (target >= 0.70x)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
