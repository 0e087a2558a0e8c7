"""Importing files: expand paths, detect each file's kind, load it whole or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lead_lens import __version__
from lead_lens.errors import IngestError, LeadLensError
from lead_lens.ingest.detect import (
    ZIP_MEMBER_ERRORS,
    damaged_zip_problem,
    detect_kind,
    member_problem,
)
from lead_lens.ingest.encoding import Encoding, detect_encoding, to_utf8
from lead_lens.ingest.json_reader import load_json
from lead_lens.ingest.readers import RawFile, Reject, load_csv, load_parquet, sniff_format
from lead_lens.ingest.source_view import create_src_view
from lead_lens.ingest.spec import KindSpec, all_kinds
from lead_lens.ingest.upsert import drop_staged, land, stage
from lead_lens.store import Store, query

STAGED_PREFIX = "ll_staged"  # the temporary tables its mappings fill, one per output
DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".json", ".ndjson", ".jsonl", ".parquet"}


@dataclass
class FileResult:
    display: str
    status: str = "failed"  # imported | unchanged | failed | skipped
    kind: str | None = None
    import_id: int | None = None
    rows: int = 0
    rejected: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    bytes: int = 0
    seconds: float = 0.0
    message: str = ""
    rejects: list[Reject] = field(default_factory=list)


@dataclass(frozen=True)
class SourceFile:
    path: Path  # readable file on disk (zip members are extracted)
    display: str  # what the user knows it as ('export.zip!/Lead.csv')
    explicit: bool = True  # named by the user, not found in a folder or archive
    problem: str = ""  # why it cannot be read at all (a damaged zip): it is refused with this


@dataclass(frozen=True)
class Progress:
    index: int
    total: int
    display: str
    stage: str
    bytes_done: int
    bytes_total: int


ProgressCallback = Callable[[Progress], None]


@dataclass
class ImportOptions:
    as_kind: str | None = None
    hubspot_timezone: str = "UTC"
    mapping: object | None = None  # a MappingFile (see mapping_file.py) for custom CSVs


def changed_anything(results: list[FileResult]) -> bool:
    """Whether people, timelines and verdicts need a rebuild after these imports."""
    return any(r.status == "imported" and (r.new or r.updated) for r in results)


def expand_paths(paths: list[Path], workdir: Path) -> Iterator[SourceFile]:
    """Files as given, folders walked (sorted), zips opened into `workdir`."""
    for path in paths:
        if not path.exists():
            raise IngestError(f"{path}: no such file or folder.")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                if zipfile.is_zipfile(child):
                    yield from _zip_members(child, workdir)
                else:
                    yield SourceFile(child, str(child), explicit=False,
                                     problem=damaged_zip_problem(child))
        elif zipfile.is_zipfile(path):
            yield from _zip_members(path, workdir)
        elif problem := damaged_zip_problem(path):
            yield SourceFile(path, str(path), problem=problem)
        else:
            yield SourceFile(path, str(path))


def _zip_members(path: Path, workdir: Path) -> Iterator[SourceFile]:
    target_root = Path(tempfile.mkdtemp(prefix="zip-", dir=workdir))
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or name.startswith("__MACOSX/") or Path(name).name.startswith("."):
                continue
            # Extract under a safe flat name: member paths may hold '..' or absolute parts.
            target = target_root / f"{len(list(target_root.iterdir()))}-{Path(name).name}"
            try:
                with archive.open(info) as src, target.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
            except ZIP_MEMBER_ERRORS as error:
                yield SourceFile(target, f"{path}!/{name}", explicit=False,
                                 problem=member_problem(path, name, error))
                continue
            yield SourceFile(target, f"{path}!/{name}", explicit=False)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def ingest_paths(store: Store, paths: list[Path], options: ImportOptions | None = None,
                 on_progress: ProgressCallback | None = None) -> list[FileResult]:
    """Import every file under `paths`; one result per file, failures included."""
    options = options or ImportOptions()
    results: list[FileResult] = []
    with tempfile.TemporaryDirectory(prefix="lead-lens-") as tmp:
        workdir = Path(tmp)
        files = list(expand_paths(paths, workdir))
        total_bytes = sum(f.path.stat().st_size for f in files)
        done = 0
        for index, source in enumerate(files):
            def report(stage: str, index: int = index, source: SourceFile = source,
                       done: int = done) -> None:
                if on_progress:
                    on_progress(Progress(index, len(files), source.display, stage, done,
                                         total_bytes))
            report("reading")
            results.append(ingest_file(store, source, options, workdir, report))
            done += source.path.stat().st_size
            report("done")
    return results


def ingest_file(store: Store, source: SourceFile, options: ImportOptions, workdir: Path,
                report: Callable[[str], None] = lambda stage: None) -> FileResult:
    result = FileResult(source.display, bytes=source.path.stat().st_size)
    started = time.perf_counter()
    try:
        if source.problem:
            result.message = source.problem
            return result
        # In folders and archives only data files count (an export's README, PDFs and images
        # are reported as skipped); a file the user named is always tried.
        unlikely = source.path.suffix.lower() not in DATA_SUFFIXES
        if (unlikely and not source.explicit) or (unlikely and _looks_binary(source.path)):
            result.status = "skipped"
            result.message = f"{source.display}: not a data file (CSV, JSON or Parquet); skipped"
            return result
        _ingest(store, source, options, workdir, result, report)
    except LeadLensError as error:
        result.status, result.message = "failed", str(error)
    except duckdb.Error as error:
        result.status = "failed"
        result.message = f"{source.display}: the import failed and was rolled back: {error}"
    finally:
        result.seconds = time.perf_counter() - started
    return result


def _looks_binary(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PAR1"):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head[:1024] and head[1::2].count(0) < len(head) // 4


def _ingest(store: Store, source: SourceFile, options: ImportOptions, workdir: Path,
            result: FileResult, report: Callable[[str], None]) -> None:
    sha = file_sha256(source.path)
    previous = store.rows("import_by_sha", {"sha": sha})
    if previous:
        result.status = "unchanged"
        result.kind = previous[0][1]
        result.message = f"already imported as import {previous[0][0]}; nothing changed"
        return
    file_format = sniff_format(source.path)
    encoding = detect_encoding(source.path) if file_format != "parquet" else None
    readable = to_utf8(source.path, encoding, workdir) if encoding else source.path
    kinds = all_kinds()
    store.execute("drop_reject_tables")
    # The raw rows are written and mapped before the import's transaction: scans of committed
    # rows run in parallel, scans of rows the same transaction wrote do not. Until that
    # transaction renames it and records the import, the raw table is pending: dropped here on
    # failure, and by open_store after a kill.
    raw_table = f"raw.pending_{uuid.uuid4().hex}"
    staged: list[str] = []
    try:
        report("loading")
        raw = _load_raw(store, readable, raw_table, source.display, file_format, options, kinds)
        spec = _choose_kind(options, kinds, raw, source.display)
        result.kind = spec.name
        report("mapping")
        create_src_view(store, spec, raw)
        params = {"hubspot_tz": options.hubspot_timezone, "file_name": source.display}
        for index, (_table, query_name) in enumerate(spec.outputs):
            staged.append(f"{STAGED_PREFIX}_{index}")
            stage(store, query(query_name), params, staged[-1])
        store.execute("drop_src_view")
        report("saving")
        with store.transaction():
            import_id = _land_file(store, source, raw, spec, staged, sha, encoding, result)
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # the failure itself is what gets reported
            store.execute("drop_src_view")
            store.execute("drop_raw_table", raw_table=raw_table)
        raise
    finally:
        store.script("drop_reject_tables")
        for staged_table in staged:
            drop_staged(store, staged_table)
    result.import_id = import_id
    result.status = "imported"


def _land_file(store: Store, source: SourceFile, raw: RawFile, spec: KindSpec,
               staged: list[str], sha: str, encoding: Encoding | None,
               result: FileResult) -> int:
    """Inside the import's transaction: the raw table named for the import, the canonical rows,
    the bookkeeping. Returns the import's id."""
    import_id = int(store.scalar("next_import_id"))
    store.execute("finish_raw_table", raw_table=raw.raw_table,
                  import_table=f"import_{import_id}")
    rejects = list(raw.rejects)
    for (table, _query_name), staged_table in zip(spec.outputs, staged, strict=True):
        counts = land(store, table, staged_table, import_id)
        rejects.extend(counts.rejects)
        result.new += counts.new
        result.updated += counts.updated
        result.unchanged += counts.unchanged
    result.rows = raw.rows + len(raw.rejects)
    result.rejected = len({r.line for r in rejects})
    result.rejects = rejects
    for reject in rejects:
        store.execute("insert_reject", {
            "import_id": import_id, "file_path": source.display, "line": reject.line,
            "column_name": reject.column, "error_type": reject.error_type,
            "reason": reject.reason, "raw_text": reject.text})
    store.execute("record_import", {
        "import_id": import_id, "file_path": source.display, "sha": sha,
        "bytes": result.bytes, "kind": spec.name, "format": raw.file_format,
        "encoding": encoding.name if encoding else None, "delimiter": raw.delimiter,
        "raw_table": f"raw.import_{import_id}", "rows": result.rows, "rejected": result.rejected,
        "new": result.new, "updated": result.updated, "unchanged": result.unchanged,
        "version": __version__})
    return import_id


def _load_raw(store: Store, path: Path, raw_table: str, display: str, file_format: str,
              options: ImportOptions, kinds: dict[str, KindSpec]) -> RawFile:
    if file_format == "parquet":
        return load_parquet(store, path, raw_table, display)
    if file_format == "json":
        preferred: list[str] = []
        for spec in kinds.values():
            preferred.extend(p for p in spec.record_paths if p)
        return load_json(store, path, raw_table, display, tuple(preferred))
    return load_csv(store, path, raw_table, display)


def _choose_kind(options: ImportOptions, kinds: dict[str, KindSpec], raw: RawFile,
                 display: str) -> KindSpec:
    if options.mapping is not None:
        from lead_lens.ingest.mapping_file import MappingFile

        assert isinstance(options.mapping, MappingFile)
        return options.mapping.kind_spec(raw.columns, display)
    if options.as_kind:
        try:
            spec = kinds[options.as_kind]
        except KeyError:
            raise IngestError(f"{display}: --as {options.as_kind}: no such kind. Known kinds: "
                              + ", ".join(sorted(kinds))) from None
        missing = spec.missing(raw.columns, forced=True)
        if missing:
            raise IngestError(f"{display}: cannot read it as {spec.name}: it lacks "
                              + ", ".join(missing) + ". Nothing was imported.")
        return spec
    return detect_kind(list(kinds.values()), raw.columns, raw.file_format, display)
