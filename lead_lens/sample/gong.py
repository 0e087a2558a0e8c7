"""Gong: calls.json ({"calls": [{"metaData", "parties", "content", "interaction"}]}) and
transcripts.json ({"callTranscripts": [{"callId", "transcript": [monologues]}]}).

Recorded calls are the held meetings plus some connected sequence calls. A transcript is a
sequence of turns alternating rep / prospect through the phases of a discovery call; each turn
is one monologue of one or two sentences with millisecond offsets from the call start.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from lead_lens.sample import phrases_calls as C
from lead_lens.sample import text
from lead_lens.sample.activity import Activity, slots
from lead_lens.sample.formats import list_of, one, write_json_document
from lead_lens.sample.world import AS_OF, USERS

CALL_ID_BASE = 7_782_342_274_025_900_000
GONG_USER_BASE = 234_599_484_848_000_000


def _gong_time(column: str | pl.Expr) -> pl.Expr:
    """ISO-8601 with the host's offset, as Gong writes it: 2025-03-04T10:00:00-05:00."""
    expr = pl.col(column) if isinstance(column, str) else column
    return (pl.from_epoch(expr, time_unit="s").dt.replace_time_zone("UTC")
            .dt.convert_time_zone("America/New_York").dt.strftime("%Y-%m-%dT%H:%M:%S%:z"))


def recorded_calls(rng: np.random.Generator, people: pl.DataFrame,
                   activity: Activity) -> pl.DataFrame:
    held = activity.meetings.filter("held").select("pid", ts="start", seconds=pl.col(
        "minutes") * 60 - 120, direction=pl.lit("Conference"))
    phone = activity.steps.filter(pl.col("connected") & (pl.col("status") == "delivered")
                                  & (pl.col("call_seconds") > 300))
    phone = phone.filter(pl.Series(rng.random(phone.height) < 0.5)).select(
        "pid", "ts", seconds="call_seconds", direction=pl.lit("Outbound"))
    calls = pl.concat([held, phone.with_columns(pl.col("seconds").cast(held["seconds"].dtype))])
    calls = calls.filter(pl.col("ts") <= AS_OF).sort("ts", "pid", maintain_order=True)
    calls = calls.join(people, on="pid", how="left", maintain_order="left").with_columns(
        call_id=(pl.lit(CALL_ID_BASE, pl.UInt64) + pl.int_range(pl.len(), dtype=pl.UInt64) * 7919)
        .cast(pl.String))
    return calls


def transcripts(rng: np.random.Generator, calls: pl.DataFrame) -> pl.DataFrame:
    turns = rng.integers(12, 26, calls.height)
    turns = np.where(calls["direction"].to_numpy() == "Outbound", turns // 2 + 2, turns)
    call_row = np.repeat(np.arange(calls.height), turns)
    index = np.arange(len(call_row)) - np.repeat(np.cumsum(turns) - turns, turns)
    fraction = index / np.repeat(turns, turns)
    phase = np.select([index < 2, fraction < 0.45, fraction < 0.65, fraction < 0.85],
                      ["intro", "discovery", "pitch", "objection"], "next")
    prospect_speaks = index % 2 == 1
    n = len(call_row)
    # Each call walks through each bank from its own offset, so a call never repeats itself.
    offset = rng.integers(0, 997, calls.height)[call_row] + index // 2
    second = rng.random(n) < 0.3
    said = pl.Series([""] * n, dtype=pl.String)
    more = pl.Series([""] * n, dtype=pl.String)
    for who, banks in ((False, C.REP), (True, C.PROSPECT)):
        for name, bank in banks.items():
            mask = pl.Series((prospect_speaks == who) & (phase == name))
            phrases = pl.Series(list(bank))
            said = pl.select(pl.when(mask).then(phrases.gather(offset % len(bank)))
                             .otherwise(said)).to_series()
            more = pl.select(pl.when(mask & pl.Series(second)).then(
                phrases.gather((offset + 2) % len(bank))).otherwise(more)).to_series()
    rows = calls[call_row]
    said = text.fill(said, slots(rows))
    more = text.fill(more, slots(rows))
    filler = text.pick(rng, C.FILLER, n, p_empty=0.6)
    # One to three sentences per monologue; a listener's "Mm-hmm" opens some turns.
    sentences = pl.DataFrame({"turn": np.arange(n), "a": filler, "b": said, "c": more})
    long = sentences.unpivot(index="turn", on=["a", "b", "c"], value_name="text").filter(
        pl.col("text") != "").sort("turn", "variable", maintain_order=True)
    turn = long["turn"].to_numpy()
    millis = long["text"].str.len_chars().to_numpy() * 62 + rng.integers(300, 1400, len(turn))
    gap = rng.integers(150, 900, len(turn))
    call_of = call_row[turn]
    elapsed = pl.DataFrame({"c": call_of, "d": millis + gap}).select(
        pl.col("d").cum_sum().over("c")).to_series().to_numpy()
    # The transcript is a sample of the call: spread the turns over the call's duration.
    spoken = np.zeros(calls.height, np.int64)
    np.maximum.at(spoken, call_of, elapsed)
    spare = np.maximum(calls["seconds"].to_numpy() * 900 - spoken, 0) // turns
    elapsed = elapsed + spare[call_of] * index[turn]
    end = elapsed - gap
    start = end - millis
    speaker = np.where(prospect_speaks[turn], "02", "01")
    monologues = pl.DataFrame({
        "call_id": calls["call_id"].gather(call_of), "turn": turn,
        "speakerId": calls["call_id"].gather(call_of) + pl.Series(speaker),
        "topic": pl.Series(phase[turn]).replace_strict(C.TOPICS, return_dtype=pl.String),
        "start": start, "end": end, "text": long["text"]})
    per_turn = monologues.group_by("call_id", "turn", maintain_order=True).agg(
        pl.first("speakerId", "topic"),
        sentences=pl.struct("start", "end", "text"))
    per_call = per_turn.group_by("call_id", maintain_order=True).agg(
        transcript=pl.struct("speakerId", "topic", "sentences"))
    return per_call.select(callId="call_id", transcript="transcript")


def _speaker_id(kind: str) -> pl.Expr:
    """Speaker ids are numeric strings: the call id + 01 (rep) or 02 (prospect)."""
    return pl.col("call_id") + pl.lit("01" if kind == "int" else "02")


def call_records(rng: np.random.Generator, calls: pl.DataFrame) -> pl.DataFrame:
    rep = pl.col("owner").replace_strict(dict(enumerate(USERS["name"])), return_dtype=pl.String)
    rep_user = (pl.lit(GONG_USER_BASE, pl.UInt64) + pl.col("owner").cast(pl.UInt64)).cast(
        pl.String)
    on_contact = (pl.col("convert") > 0) & (pl.col("ts") >= pl.col("convert"))
    crm_type = pl.when(on_contact).then(pl.lit("Contact")).otherwise(pl.lit("Lead"))
    crm_id = pl.when(on_contact).then("contact_id").otherwise("lead_id")
    email = pl.when(on_contact & pl.col("contact_new_email")).then("alt_email").otherwise("email")
    # One call in ten has no email on the external party: only the CRM context links it.
    keep_email = pl.Series(rng.random(calls.height) >= 0.1)
    context = one(pl.struct(system=pl.lit("Salesforce"), objects=one(
        pl.struct(objectType=crm_type, objectId=crm_id, fields=one(
            pl.struct(name=pl.lit("Name"), value=pl.col("first") + " " + pl.col("last")))))))
    no_context = pl.lit(None, dtype=pl.List(pl.Struct({"system": pl.String, "objects": pl.List(
        pl.Struct({"objectType": pl.String, "objectId": pl.String, "fields": pl.List(
            pl.Struct({"name": pl.String, "value": pl.String}))}))})))
    internal = pl.struct(
        id=pl.col("call_id") + "1", emailAddress=rep.str.to_lowercase().str.replace(" ", ".")
        + "@northwind-analytics.com", name=rep, title=pl.lit("Account Executive"),
        userId=rep_user, speakerId=_speaker_id("int"), affiliation=pl.lit("Internal"),
        methods=pl.lit(["Invitee"]), context=no_context)
    external = pl.struct(
        id=pl.col("call_id") + "2", emailAddress=pl.when(keep_email).then(email),
        name=pl.col("first") + " " + pl.col("last"), title="title", userId=pl.lit(None, pl.String),
        speakerId=_speaker_id("ext"), affiliation=pl.lit("External"),
        methods=pl.lit(["Attendee"]), context=pl.when(crm_id.is_not_null()).then(context))
    title = text.fill(text.pick(rng, C.CALL_TITLES, calls.height), {"company": calls["company"]})
    tracker = text.pick(rng, C.TRACKERS, calls.height)
    conference = pl.col("direction") == "Conference"
    calls = calls.with_columns(title=title, tracker=tracker)
    calls = calls.with_columns(parties=list_of(calls, internal, external), speakers=list_of(
        calls, pl.struct(id=_speaker_id("int"), userId=rep_user, talkTime=pl.col("seconds") // 2),
        pl.struct(id=_speaker_id("ext"), userId=pl.lit(None, pl.String),
                  talkTime=pl.col("seconds") // 3)))
    return calls.select(
        metaData=pl.struct(
            id="call_id", url=pl.lit("https://app.gong.io/call?id=") + pl.col("call_id"),
            title="title", scheduled=_gong_time("ts"), started=_gong_time(pl.col("ts") + 95),
            duration="seconds", primaryUserId=rep_user, direction="direction",
            system=pl.when(conference).then(pl.lit("Zoom")).otherwise(pl.lit("Outreach")),
            scope=pl.lit("External"), media=pl.when(conference).then(pl.lit("Video"))
            .otherwise(pl.lit("Audio")), language=pl.lit("eng"),
            workspaceId=pl.lit("5619286317548102713"), sdrDisposition=pl.lit(None, pl.String),
            purpose=pl.lit(None, pl.String), meetingUrl=pl.when(conference).then(
                pl.lit("https://northwind.zoom.us/j/8") + pl.col("call_id").str.slice(0, 9)),
            isPrivate=pl.lit(False)),
        parties="parties",
        content=pl.struct(trackers=one(pl.struct(name="tracker", count=pl.col(
            "seconds") % 4 + 1)), topics=one(pl.struct(
                name=pl.lit("Discovery"), duration=pl.col("seconds") // 3))),
        interaction=pl.struct(speakers="speakers"))


def write_gong(rng: np.random.Generator, people: pl.DataFrame, activity: Activity,
               out: Path) -> None:
    folder = out / "gong"
    folder.mkdir(parents=True, exist_ok=True)
    calls = recorded_calls(rng, people, activity)
    write_json_document(folder / "calls.json", "calls", call_records(rng, calls),
                        extra={"requestId": "4al018gzaztcr8nbukw",
                               "records": {"totalRecords": calls.height,
                                           "currentPageSize": calls.height,
                                           "currentPageNumber": 0}})
    write_json_document(folder / "transcripts.json", "callTranscripts", transcripts(rng, calls),
                        extra={"requestId": "4al018gzaztcr8nbukx",
                               "records": {"totalRecords": calls.height,
                                           "currentPageSize": calls.height,
                                           "currentPageNumber": 0}})
