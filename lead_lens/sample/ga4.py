"""GA4 BigQuery export as Parquet, one file per month (events_YYYYMM01.parquet).

Rows are built straight into Arrow arrays: every string column is a `take` from a small
dictionary (paths, titles, event names, dates) or from the per-session ids, so no Python
object is made per event. `event_params` is a list<struct<key, value struct<string_value,
int_value, float_value, double_value>>> of five parameters per event, as in the real export.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from lead_lens.sample.web_sessions import DEMO_PAGE, PATHS, TITLES, WEIGHTS
from lead_lens.sample.world import AS_OF, DAY, START

SITE = "https://www.northwind-analytics.com"
EVENT_NAMES = pa.array(["session_start", "page_view", "form_submit", "generate_lead",
                        "user_engagement"])
PARAM_KEYS = pa.array(["page_location", "page_title", "ga_session_id", "ga_session_number",
                       "engagement_time_msec"])
PAGE_TEXT = pa.array([SITE + p for p in PATHS] + list(TITLES))
FIRST_DAY = START // DAY - 40
DATES = pa.array([np.datetime_as_string(np.datetime64(d, "D")).replace("-", "")
                  for d in range(FIRST_DAY, AS_OF // DAY + 2)])
SOURCES = (("(direct)", "(none)", "(direct)"), ("google", "organic", "(organic)"),
           ("linkedin", "cpc", "q1_revops_leaders"), ("hubspot", "email", "newsletter"),
           ("g2.com", "referral", "(referral)"), ("google", "cpc", "brand_search"))
DEVICES = (("desktop", "Windows", "Chrome"), ("desktop", "Macintosh", "Chrome"),
           ("desktop", "Macintosh", "Safari"), ("mobile", "iOS", "Safari"),
           ("desktop", "Windows", "Edge"), ("mobile", "Android", "Chrome"))
DEVICE_WEIGHTS = (0.35, 0.25, 0.12, 0.14, 0.1, 0.04)


def _pick(values: list[str] | tuple[str, ...] | pa.Array, codes: np.ndarray,
          mask: np.ndarray | None = None) -> pa.Array:
    """values[codes] as a dictionary-encoded array: no string is copied per row. (Written
    without the Arrow schema, the Parquet column reads back as a plain string.)"""
    if not isinstance(values, pa.Array):
        # Repeated dictionary entries make the Parquet bytes vary from run to run: dedupe.
        unique = list(dict.fromkeys(values))
        codes = np.array([unique.index(v) for v in values], dtype=np.int32)[codes]
        values = pa.array(unique)
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32), mask=mask), values)


def _params(page: np.ndarray, session_id: np.ndarray, session_number: np.ndarray,
            engaged_ms: np.ndarray) -> pa.Array:
    """Five parameters per event, interleaved (event-major), wrapped as a list per event."""
    n, k = len(page), 5
    n_paths = len(PATHS)
    text_index = np.stack([page, page + n_paths, np.zeros(n, np.int64), np.zeros(n, np.int64),
                           np.zeros(n, np.int64)], axis=1).ravel()
    text_null = np.tile(np.array([False, False, True, True, True]), n)
    ints = np.stack([np.zeros(n, np.int64), np.zeros(n, np.int64), session_id,
                     session_number, engaged_ms], axis=1).ravel()
    int_null = np.tile(np.array([True, True, False, False, False]), n) | (
        np.tile(np.array([False, False, False, False, True]), n) & (ints == 0))
    value = pa.StructArray.from_arrays(
        [_pick(PAGE_TEXT, text_index, text_null), pa.array(ints, mask=int_null),
         pa.nulls(n * k, pa.float64()), pa.nulls(n * k, pa.float64())],
        names=["string_value", "int_value", "float_value", "double_value"])
    keys = _pick(PARAM_KEYS, np.tile(np.arange(k), n))
    param = pa.StructArray.from_arrays([keys, value], names=["key", "value"])
    return pa.ListArray.from_arrays(pa.array(np.arange(0, n * k + 1, k, dtype=np.int32)), param)


def month_events(rng: np.random.Generator, month: pl.DataFrame) -> pa.Table:
    """Expand one month's sessions into GA4 event rows, sorted by time."""
    identify = month["identify"].to_numpy()
    pages = month["pages"].to_numpy()
    counts = pages + 2 + 2 * identify
    row = np.repeat(np.arange(month.height), counts)
    e = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    k = pages[row]
    name = np.select([e == 0, e <= k, (e == k + 1) & identify[row],
                      (e == k + 2) & identify[row]], [0, 1, 2, 3], 4)
    page = rng.choice(len(PATHS), len(row), p=WEIGHTS)
    page = np.where(e <= 1, month["landing"].to_numpy()[row], page)
    page = np.where(identify[row] & (e >= k), DEMO_PAGE, page)
    step = np.where(e == 0, 0, rng.integers(4_000_000, 150_000_000, len(row)))
    elapsed = np.cumsum(step)
    elapsed -= np.repeat(elapsed[np.cumsum(counts) - counts], counts)
    ts = month["start"].to_numpy()[row] * 1_000_000 + elapsed
    engaged = np.where(name == 4, rng.integers(2000, 240_000, len(row)), 0)
    order = np.lexsort((e, row, ts))
    row, ts, name, page, engaged = row[order], ts[order], name[order], page[order], engaged[order]
    sessions = month.select("user_id", "pseudo_id").to_arrow()
    take = pa.array(row)
    source = month["source"].to_numpy()[row]
    device = month["device"].to_numpy()[row]
    day = ts // (DAY * 1_000_000) - FIRST_DAY
    zeros = np.zeros(len(row), np.int64)
    return pa.table({
        "event_date": _pick(DATES, day),
        "event_timestamp": pa.array(ts),
        "event_name": _pick(EVENT_NAMES, name),
        "event_params": _params(page, month["start"].to_numpy()[row],
                                month["session_number"].to_numpy()[row], engaged),
        "event_previous_timestamp": pa.nulls(len(row), pa.int64()),
        "user_id": sessions.column("user_id").take(take),
        "user_pseudo_id": sessions.column("pseudo_id").take(take),
        "user_first_touch_timestamp": pa.array(month["first_touch"].to_numpy()[row] * 1_000_000),
        "device": pa.StructArray.from_arrays([
            _pick([d[0] for d in DEVICES], device), _pick([d[1] for d in DEVICES], device),
            _pick(["en-us"], zeros),
            pa.StructArray.from_arrays([_pick([d[2] for d in DEVICES], device),
                                        _pick(["www.northwind-analytics.com"], zeros)],
                                       names=["browser", "hostname"])],
            names=["category", "operating_system", "language", "web_info"]),
        "geo": pa.StructArray.from_arrays([_pick(["United States"], zeros),
                                           pa.nulls(len(row), pa.string())],
                                          names=["country", "city"]),
        "traffic_source": pa.StructArray.from_arrays(
            [_pick([s[2] for s in SOURCES], source), _pick([s[1] for s in SOURCES], source),
             _pick([s[0] for s in SOURCES], source)], names=["name", "medium", "source"]),
        "stream_id": _pick(["4178293340"], zeros),
        "platform": _pick(["WEB"], zeros),
    })


def _visitor_traits(rng: np.random.Generator, all_sessions: pl.DataFrame) -> pl.DataFrame:
    first = all_sessions.group_by("visitor").agg(first_touch=pl.col("start").min()).sort(
        "visitor")
    n = first.height
    return first.with_columns(
        source=rng.integers(0, len(SOURCES), n),
        device=rng.choice(len(DEVICES), n, p=DEVICE_WEIGHTS),
        pseudo_id=pl.Series(rng.integers(100_000_000, 2_147_483_647, n)).cast(pl.String)
        + "." + pl.col("first_touch").cast(pl.String))


def write_ga4(rng: np.random.Generator, all_sessions: pl.DataFrame, folder: Path) -> int:
    """Write one Parquet file per month; returns the number of events."""
    traits = _visitor_traits(rng, all_sessions)
    table = all_sessions.join(traits, on="visitor", how="left",
                              maintain_order="left").with_columns(
        session_number=pl.col("start").rank("ordinal").over("visitor").cast(pl.Int64),
        month=pl.from_epoch("start", time_unit="s").dt.strftime("%Y%m01")).sort(
        "start", "visitor", maintain_order=True)
    total = 0
    # Encoding the nested event_params is single-threaded: two months are written in the
    # background while the next one is built.
    with ThreadPoolExecutor(max_workers=2) as writer:
        pending: list[Future[None]] = []
        for month in sorted(table["month"].unique().to_list()):
            events = month_events(rng, table.filter(pl.col("month") == month))
            total += events.num_rows
            pending.append(writer.submit(pq.write_table, events,
                                         folder / f"events_{month}.parquet",
                                         compression="zstd", write_statistics=False,
                                         store_schema=False))
            while len(pending) > 2:
                pending.pop(0).result()
        for job in pending:
            job.result()
    return total
