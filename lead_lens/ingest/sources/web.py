"""Web analytics: GA4 BigQuery export, Segment warehouse tables, plain pageview CSVs.

GA4 comes in two kinds because its `src` differs by format: Parquet keeps `event_params` as a
native list of structs, newline-delimited JSON gives it as JSON text. Both map to the same rows
(and the same record keys), so one event imported from either format is one record.

Segment tables tell themselves apart by their columns: `pages` has `url`, `tracks` has `event`,
`identifies` has neither (it matches any Segment table, so it wins only when the others lack a
column). A plain pageview CSV needs less than a Segment `pages` table (no message `id`), so a real
`pages` table is always the more specific match.
"""

from __future__ import annotations

from lead_lens.ingest.spec import ANY_FORMAT, JSON, REGISTRY, KindSpec, opt, req

# BigQuery export columns; `event_params` holds page_location, page_title, page_referrer and
# ga_session_id.
_GA4_FIELDS = (
    req("event_timestamp"),
    req("event_name"),
    req("user_pseudo_id"),
    req("event_params"),
    opt("user_id"),
    opt("batch_event_index"),
    opt("event_date"),
)

GA4_PARQUET = KindSpec(
    name="ga4.events_parquet",
    title="GA4 BigQuery export (Parquet)",
    fields=_GA4_FIELDS,
    outputs=(("web_events", "map_ga4_events_parquet"),),
    formats=frozenset({"parquet"}),
    filename_hints=("events", "events_intraday", "ga4"),
    description="GA4 events_YYYYMMDD table exported as Parquet; event_params a list of structs.",
)

GA4_JSON = KindSpec(
    name="ga4.events_json",
    title="GA4 BigQuery export (JSON)",
    fields=_GA4_FIELDS,
    outputs=(("web_events", "map_ga4_events_json"),),
    formats=JSON,
    filename_hints=("events", "events_intraday", "ga4"),
    description="GA4 events_YYYYMMDD table exported as newline-delimited JSON.",
)

# Columns every Segment warehouse table shares (messageId, browser id, times).
_SEGMENT_COMMON = (
    req("id", "message_id", "messageId"),
    req("anonymous_id", "anonymousId"),
    req("timestamp"),
    opt("user_id", "userId"),
    opt("received_at", "receivedAt"),
    opt("original_timestamp", "originalTimestamp"),
    opt("context_traits_email", "context.traits.email"),
)

SEGMENT_IDENTIFIES = KindSpec(
    name="segment.identifies",
    title="Segment identifies table",
    fields=(*_SEGMENT_COMMON, opt("email", "traits_email", "traits.email")),
    outputs=(("identity_links", "map_segment_identifies"),),
    formats=ANY_FORMAT,
    filename_hints=("identifies",),
    description="Identify calls: anonymous_id tied to user_id and the email trait.",
)

SEGMENT_PAGES = KindSpec(
    name="segment.pages",
    title="Segment pages table",
    fields=(
        *_SEGMENT_COMMON,
        req("url"),
        opt("path"),
        opt("title"),
        opt("referrer"),
        opt("name"),
        opt("context_page_url", "context.page.url"),
        opt("context_page_path", "context.page.path"),
        opt("context_page_title", "context.page.title"),
        opt("context_page_referrer", "context.page.referrer"),
    ),
    outputs=(("web_events", "map_segment_pages"),),
    formats=ANY_FORMAT,
    filename_hints=("pages",),
    description="Page calls, one row per page view.",
)

SEGMENT_TRACKS = KindSpec(
    name="segment.tracks",
    title="Segment tracks table",
    fields=(
        *_SEGMENT_COMMON,
        req("event"),
        opt("event_text", "eventText"),
        opt("context_page_url", "context.page.url"),
        opt("context_page_path", "context.page.path"),
        opt("context_page_title", "context.page.title"),
        opt("context_page_referrer", "context.page.referrer"),
    ),
    outputs=(("web_events", "map_segment_tracks"),),
    formats=ANY_FORMAT,
    filename_hints=("tracks",),
    description="Track calls (also the per-event tables, which share the columns).",
)

SEGMENT_USERS = KindSpec(
    name="segment.users",
    title="Segment users table",
    # Few optional fields on purpose: an identifies table with received_at and an email trait
    # is complete for this kind too, and must win on its optional matches.
    fields=(
        req("id", "user_id", "userId"),
        req("email", "traits_email", "traits.email"),
        req("received_at", "receivedAt"),
    ),
    outputs=(("identity_links", "map_segment_users"),),
    formats=ANY_FORMAT,
    filename_hints=("users",),
    description="Latest traits per user id: ties the user id to its email trait.",
)

_TIME = ("timestamp", "time", "visited_at", "visit_time", "date", "datetime", "viewed_at")
_EMAIL = ("email", "user_email", "email_address", "visitor_email")
_VISITOR_ID = ("visitor_id", "anonymous_id", "cookie_id", "client_id", "visitor")

PAGEVIEWS = KindSpec(
    name="web.pageviews",
    title="Pageview CSV",
    fields=(
        req("ts", *_TIME),
        # Whichever identifies the visitor; the mapping tells an email from an id.
        req("visitor", *_EMAIL, *_VISITOR_ID),
        req("url", "page_url", "page", "url_visited", "landing_page"),
        opt("email", *_EMAIL),
        opt("visitor_id", *_VISITOR_ID),
        opt("title", "page_title"),
        opt("referrer", "referer", "referrer_url"),
        opt("session_id", "session"),
    ),
    outputs=(("web_events", "map_web_pageviews"),),
    formats=frozenset({"csv", "parquet"}),
    filename_hints=("pageviews", "page_views", "visits", "web_visits"),
    description="Any pageview log: a time, an email or visitor id, and a URL per row.",
)

REGISTRY.add(GA4_PARQUET, GA4_JSON, SEGMENT_IDENTIFIES, SEGMENT_PAGES, SEGMENT_TRACKS,
             SEGMENT_USERS, PAGEVIEWS)
