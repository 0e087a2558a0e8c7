"""Gong: API JSON for calls and transcripts.

Calls come from `POST /v2/calls/extensive` (`{"calls": [{"metaData": {...}, "parties": [...]}]}`,
flattened by the JSON reader to `metaData.id`, `metaData.started` ...) or from `GET /v2/calls`
(the same fields flat, without parties); one kind reads both, the shape chosen per field by
spelling. A call file feeds two tables: the call as an activity and its parties.

Gong ids are numeric strings of up to 20 digits: they stay text throughout.
"""

from __future__ import annotations

from lead_lens.ingest.spec import JSON, REGISTRY, KindSpec, opt, req

CALLS = KindSpec(
    name="gong.calls",
    title="Gong calls",
    formats=JSON,
    filename_hints=("calls", "gong_calls", "calls_extensive"),
    record_paths=("calls",),
    fields=(
        req("call_id", "metaData.id", "id"),
        req("started", "metaData.started"),
        req("duration", "metaData.duration"),
        req("primary_user_id", "metaData.primaryUserId", "primaryUserId"),
        opt("url", "metaData.url"),
        opt("title", "metaData.title"),
        opt("scheduled", "metaData.scheduled"),
        opt("direction", "metaData.direction"),
        opt("call_system", "metaData.system", "system"),
        opt("scope", "metaData.scope"),
        opt("media", "metaData.media"),
        opt("language", "metaData.language"),
        opt("purpose", "metaData.purpose"),
        opt("meeting_url", "metaData.meetingUrl", "meetingUrl"),
        opt("parties"),
    ),
    outputs=(
        ("activities", "map_gong_calls"),
        ("call_parties", "map_gong_call_parties"),
    ),
)

TRANSCRIPTS = KindSpec(
    name="gong.transcripts",
    title="Gong call transcripts",
    formats=JSON,
    filename_hints=("transcripts", "call_transcripts", "gong_transcripts"),
    record_paths=("callTranscripts",),
    fields=(
        req("call_id", "callId"),
        req("transcript"),
    ),
    outputs=(("call_transcripts", "map_gong_transcripts"),),
)

REGISTRY.add(CALLS, TRANSCRIPTS)
