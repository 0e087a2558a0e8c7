"""Web analytics: the GA4 BigQuery export as monthly Parquet files (events_YYYYMMDD.parquet,
named by the month's first day) for www.northwind-analytics.com, and a Segment warehouse dump
(identifies.csv, pages.csv, tracks.csv) for the docs / free-trial site.

Events are built one month at a time from the session table, so memory stays bounded.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample.ga4 import write_ga4
from lead_lens.sample.web_sessions import sessions
from lead_lens.sample.world import AS_OF, DAY, START

SITE = "https://www.northwind-analytics.com"
DOCS = "https://docs.northwind-analytics.com"


def write_segment(rng: np.random.Generator, people: pl.DataFrame, folder: Path) -> int:
    """The docs/trial site: anonymous docs reading, a sign-up identify, then product events."""
    p = people.filter("in_segment")
    n = p.height
    counts = 1 + rng.poisson(3, n)
    row = np.repeat(np.arange(n), counts)
    index = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    created = p["created"].to_numpy()[row]
    until = np.maximum(p["web_until"].to_numpy()[row], created + DAY)
    signup = index == 1
    at = np.where(index == 0, created - rng.integers(DAY, 15 * DAY, len(row)),
                  created + (rng.random(len(row)) * (until - created)).astype(np.int64))
    at = np.where(signup, created + rng.integers(60, 900, len(row)), at)
    anonymous = pl.Series(p["pid"].to_numpy()[row] * 7_919 + 10_000_000).cast(pl.String)
    anonymous = "anon-" + anonymous.str.zfill(10)
    user = "usr_" + pl.Series(p["pid"].to_numpy()[row] * 31 + 500_000).cast(pl.String)
    doc_paths = np.array(["/docs/getting-started", "/docs/connect-snowflake",
                          "/docs/hubspot-sync", "/docs/attribution-models", "/docs/api",
                          "/docs/pricing-and-plans", "/docs/security"])
    path = doc_paths[rng.integers(0, len(doc_paths), len(row))]
    base = pl.DataFrame({"pid": p["pid"].to_numpy()[row], "at": at, "anonymous_id": anonymous,
                         "user": user, "known": at >= created + 60, "signup": signup,
                         "path": path}).filter((pl.col("at") >= START) & (pl.col("at") <= AS_OF))
    base = base.with_columns(id=pl.lit("msg_") + pl.int_range(pl.len()).cast(pl.String))
    ts = pl.from_epoch("at", time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    received = pl.from_epoch(pl.col("at") + 1, time_unit="s").dt.strftime(
        "%Y-%m-%dT%H:%M:%S.000Z")
    common = dict(id="id", anonymous_id="anonymous_id",
                  user_id=pl.when("known").then("user"), received_at=received, sent_at=ts,
                  timestamp=ts, original_timestamp=ts, uuid_ts=received,
                  context_ip=pl.lit("198.51.100.") + (pl.col("pid") % 200).cast(pl.String),
                  context_user_agent=pl.lit("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
                                            "AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15"))
    traits = p.select("pid", "email", "first", "last", "company", "title")
    base.filter("signup").join(traits, on="pid", maintain_order="left").select(
        **common, context_page_url=pl.lit(DOCS + "/signup"), email="email",
        first_name="first", last_name="last", company="company", title="title",
    ).write_csv(folder / "identifies.csv")
    base.select(**common, context_page_path="path", context_page_referrer=pl.lit(SITE + "/"),
                context_page_title=pl.lit("Northwind Docs"), context_page_url=DOCS + pl.col(
                    "path"), name=pl.lit(None, pl.String), path="path",
                referrer=pl.lit(SITE + "/"), title=pl.lit("Northwind Docs"),
                url=DOCS + pl.col("path")).write_csv(folder / "pages.csv")
    events = np.array(["signed_up", "trial_started", "docs_searched", "connector_added",
                       "dashboard_viewed"])
    texts = np.array(["Signed Up", "Trial Started", "Docs Searched", "Connector Added",
                      "Dashboard Viewed"])
    pick = np.where(base["signup"].to_numpy(), 0, rng.integers(1, len(events), base.height))
    base.with_columns(event=events[pick], event_text=texts[pick]).filter(
        pl.col("signup") | (pl.col("known") & (pl.col("pid") % 3 == 0))).select(
        **common, context_page_path="path", context_page_url=DOCS + pl.col("path"),
        event="event", event_text="event_text").write_csv(folder / "tracks.csv")
    return base.height


def write_web(rng: np.random.Generator, people: pl.DataFrame, out: Path) -> int:
    """Write GA4 and Segment files; returns the number of GA4 events."""
    ga4, segment = out / "web" / "ga4", out / "web" / "segment"
    ga4.mkdir(parents=True, exist_ok=True)
    segment.mkdir(parents=True, exist_ok=True)
    use_email = pl.Series(rng.random(people.height) < 0.4) | pl.col("lead_id").is_null()
    people = people.with_columns(
        web_user_id=pl.when(use_email).then("email").otherwise("lead_id"))
    all_sessions = sessions(rng, people, anonymous=people.height)
    total = write_ga4(rng, all_sessions, ga4)
    write_segment(rng, people, segment)
    return total
