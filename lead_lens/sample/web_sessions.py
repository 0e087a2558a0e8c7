"""Web sessions of people and anonymous visitors, one row per session (columnar).

Known people browse anonymously before their form fill (`created`); from then on the site
knows them (GA4 user_id, Segment identify). Warm leads get sessions in the last four weeks
opening on a high-intent page. Cold leads stop browsing before sales touched them.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from lead_lens.sample.world import AS_OF, DAY, START

PAGES = (
    ("/", "Northwind Analytics | Revenue analytics on your warehouse", 14),
    ("/pricing", "Pricing | Northwind Analytics", 6),
    ("/demo", "Book a demo | Northwind Analytics", 3),
    ("/contact", "Contact sales | Northwind Analytics", 1),
    ("/product", "Product overview | Northwind Analytics", 6),
    ("/product/attribution", "Multi-touch attribution | Northwind Analytics", 4),
    ("/product/forecasting", "Pipeline forecasting | Northwind Analytics", 4),
    ("/integrations/snowflake", "Snowflake integration | Northwind Analytics", 3),
    ("/integrations/hubspot", "HubSpot integration | Northwind Analytics", 2),
    ("/case-studies/brightline-health", "How Brightline Health cut forecast variance to 4%", 3),
    ("/case-studies/kestrel-freight", "Kestrel Freight: 40 reps live in three weeks", 2),
    ("/case-studies/orbis-retail", "Orbis Retail replaced three dashboards with Northwind", 2),
    ("/blog/why-your-pipeline-numbers-never-match", "Why your pipeline numbers never match", 5),
    ("/blog/multi-touch-attribution-in-sql", "Multi-touch attribution in 60 lines of SQL", 5),
    ("/blog/revops-data-model", "The RevOps data model, explained", 4),
    ("/blog/forecasting-on-snowflake", "Forecasting on Snowflake: a practical guide", 3),
    ("/blog/what-is-a-black-hole-lead", "What is a black-hole lead?", 3),
    ("/resources/2025-revenue-analytics-benchmark", "2025 Revenue Analytics Benchmark", 4),
    ("/webinars/pipeline-attribution", "Webinar: Pipeline attribution finance trusts", 3),
    ("/docs/getting-started", "Getting started | Northwind Docs", 2),
    ("/about", "About us | Northwind Analytics", 2),
    ("/careers", "Careers | Northwind Analytics", 1),
)
PATHS = np.array([p[0] for p in PAGES])
TITLES = np.array([p[1] for p in PAGES])
WEIGHTS = np.array([p[2] for p in PAGES], dtype=float) / sum(p[2] for p in PAGES)
HIGH_INTENT = np.array([i for i, p in enumerate(PATHS)
                        if p.startswith(("/pricing", "/demo", "/contact", "/case-stud"))])
DEMO_PAGE = int(np.flatnonzero(PATHS == "/demo")[0])


def sessions(rng: np.random.Generator, people: pl.DataFrame, anonymous: int) -> pl.DataFrame:
    """All sessions: visitor, start, user id (once known), pages, first page, form fill."""
    visitors = people.filter(pl.col("in_web") | pl.col("warm"))
    created = visitors["created"].to_numpy()
    until = visitors["web_until"].to_numpy()
    first_seen = np.maximum(created - 20 * DAY, START)
    base = rng.poisson(2.2, visitors.height) * (until > first_seen)
    warm = np.where(visitors["warm"].to_numpy(), rng.integers(1, 4, visitors.height), 0)
    counts = base + 1 + warm
    row = np.repeat(np.arange(visitors.height), counts)
    index = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    lo, hi = first_seen[row], np.maximum(until[row], first_seen[row] + 3600)
    start = lo + (rng.random(len(row)) * (hi - lo)).astype(np.int64)
    identify = index == base[row]
    start = np.where(identify, created[row] + rng.integers(0, 1800, len(row)), start)
    is_warm = index > base[row]
    start = np.where(is_warm, AS_OF - rng.integers(3600, 28 * DAY, len(row)), start)
    uid = visitors["web_user_id"].to_numpy()[row]
    known = start >= created[row]
    person_sessions = pl.DataFrame({
        "visitor": visitors["pid"].to_numpy()[row], "start": start,
        "user_id": pl.Series(uid).set(pl.Series(~known), None),
        "identify": identify, "warm": is_warm,
        "email": visitors["email"].to_numpy()[row],
    })
    anon = rng.integers(0, anonymous, int(anonymous * 1.4))
    anon_sessions = pl.DataFrame({
        "visitor": anon + people.height, "start": rng.integers(START, AS_OF, len(anon)),
        "user_id": pl.Series([None] * len(anon), dtype=pl.String),
        "identify": np.zeros(len(anon), bool), "warm": np.zeros(len(anon), bool),
        "email": pl.Series([None] * len(anon), dtype=pl.String)})
    frame = pl.concat([person_sessions, anon_sessions]).filter(
        (pl.col("start") >= START) & (pl.col("start") <= AS_OF))
    n = frame.height
    pages = np.minimum(1 + rng.poisson(1.6, n), 8)
    pages = np.where(frame["identify"].to_numpy() | frame["warm"].to_numpy(),
                     np.maximum(pages, 2), pages)
    landing = rng.choice(len(PATHS), n, p=WEIGHTS)
    landing = np.where(frame["warm"].to_numpy(), HIGH_INTENT[rng.integers(0, len(HIGH_INTENT),
                                                                          n)], landing)
    return frame.with_columns(pages=pages, landing=landing).sort("start", "visitor",
        maintain_order=True)
