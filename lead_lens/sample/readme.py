"""README.md of a generated data set: what it is, the as-of date, the layout, and the cast
(named example people per verdict, with their story), computed from the same people table."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from lead_lens.sample.stories import ARCHETYPES
from lead_lens.sample.world import AS_OF_DATE

VERDICT_ORDER = ("do_not_contact", "customer", "sales_active", "snoozed", "recycled",
                 "black_hole", "marketing_owned")

LAYOUT_ROWS = (
    ("salesforce/", "WE_00D5g000004XyZ1_1.zip", "weekly Data Export: Lead, Contact, Account, "
     "Opportunity, OpportunityContactRole, Task, Event, Campaign, CampaignMember, LeadHistory, "
     "Note (API-name headers, every value quoted, 18-character ids)"),
    ("hubspot/", "hubspot-crm-exports-all-contacts-{date}.csv, engagements.json, "
     "email_events.csv", "UI contacts export (label headers), v1 engagements, marketing email "
     "events"),
    ("outreach/", "prospects.json, sequences.json, sequence_states.json, mailings.json, "
     "calls.json", "REST API JSON:API documents"),
    ("salesloft/", "people.json, cadence_memberships.json", "the EMEA team's sequencer"),
    ("gong/", "calls.json, transcripts.json", "recorded meetings and calls, speaker-attributed "
     "transcripts"),
    ("web/ga4/", "events_YYYYMM01.parquet (one per month)", "GA4 BigQuery export of "
     "www.northwind-analytics.com"),
    ("web/segment/", "identifies.csv, pages.csv, tracks.csv", "Segment warehouse tables of "
     "docs.northwind-analytics.com"),
    ("marketo/", "leads.csv, activities.csv", "the Marketo instance retired on 2025-03-01"),
)
LAYOUT = "| folder | files | what |\n|---|---|---|\n" + "\n".join(
    f"| `{folder}` | {files} | {what} |" for folder, files, what in LAYOUT_ROWS) + "\n"


def _cast_lines(people: pl.DataFrame, per_archetype: int) -> list[str]:
    lines: list[str] = []
    stories = {a[0]: a[3] for a in ARCHETYPES}
    for verdict in VERDICT_ORDER:
        group = people.filter(pl.col("verdict") == verdict)
        lines.append(f"\n### `{verdict}` ({group.height} people)\n")
        for archetype in [a[0] for a in ARCHETYPES if a[1] == verdict]:
            members = group.filter(pl.col("archetype") == archetype)
            if members.height == 0:
                continue
            lines.append(f"- **{archetype}** ({members.height}): {stories[archetype]}.")
            for row in members.head(per_archetype).iter_rows(named=True):
                warm = " (warm)" if row["warm"] else ""
                lines.append(f"  - {row['first']} {row['last']}, {row['title']} at "
                             f"{row['company']} — `{row['email']}`{warm}")
    return lines


def _quirk_lines(people: pl.DataFrame) -> list[str]:
    def first(condition: pl.Expr) -> str:
        match = people.filter(condition).head(1)
        if match.height == 0:
            return "(none at this size)"
        row = match.row(0, named=True)
        return f"{row['first']} {row['last']} (`{row['email']}`)"

    converted_new = (pl.col("convert") > 0) & pl.col("contact_new_email")
    return [
        "\n## Identity and consent puzzles\n",
        "- Converted with a new address (the Lead's email, then the Contact's): "
        f"{first(converted_new)} -> `{_alt(people, converted_new)}`.",
        "- Two addresses, one unsubscribed (HubSpot has the old Lead address opted out, the "
        f"Contact the new one): {first(pl.col('archetype') == 'dnc_second_email')}.",
        "- Fuzzy duplicate (a second Lead with the same name and company, no email, created "
        f"from a phone call): {first(pl.col('fuzzy_duplicate'))}.",
        "- Outreach prospects link by `externalId`: most carry the 18-character Lead id, some "
        f"the 15-character form (e.g. {first(pl.col('external_id_form') == '15')}), some none "
        "(email only).",
        "- Sales emails (Outreach mailings, Salesforce Tasks) often end in an unsubscribe "
        "footer: that is our text, not the lead's request, and must not count as an opt-out.",
        "- A reply-only opt-out with no flag anywhere: "
        f"{first(pl.col('archetype') == 'dnc_text')}.",
        "- Some Gong external parties have no email address, only the Salesforce Lead/Contact "
        "id in `context`.",
        "- Marketo soft bounces (activity type 27) are not hard bounces.",
        "- GA4 visitors browse anonymously (`user_pseudo_id` only) before the form fill; from "
        "then on `user_id` holds the Salesforce Lead id or the email.",
    ]


def _alt(people: pl.DataFrame, condition: pl.Expr) -> str:
    match = people.filter(condition).head(1)
    return match["alt_email"][0] if match.height else ""


def write_readme(people: pl.DataFrame, out: Path, seed: int) -> None:
    counts = people.group_by("verdict").len().sort("verdict", maintain_order=True)
    warm_bh = people.filter((pl.col("verdict") == "black_hole") & pl.col("warm")).height
    text = [
        "# lead-lens sample data: Northwind Analytics\n",
        "A fictional B2B company, Northwind Analytics, sells a warehouse-native revenue "
        "analytics product. This folder holds six months of its exports (2025-01-01 to "
        f"{AS_OF_DATE}) from every system the marketing team touches, generated by "
        f"`lead-lens sample --leads {people.height} --seed {seed}`. Every name, company and "
        "address is invented; all timestamps follow from the seed, never from the clock.\n",
        f"**As-of date: {AS_OF_DATE}** (18:00 UTC). Use `--as-of {AS_OF_DATE}`: a few "
        "meetings are booked after it and Outreach has scheduled (undelivered) steps.\n",
        "## Layout\n", LAYOUT.format(date=AS_OF_DATE),
        "## Expected verdicts\n",
        "| verdict | people |", "|---|---|",
        *[f"| {row['verdict']} | {row['len']} |" for row in counts.iter_rows(named=True)],
        f"\nWarm black-hole leads (the headline list): {warm_bh}.\n",
        "Counts are by person as the story was written; identity quirks below (fuzzy "
        "duplicates, a person with two emails) make the imported person count differ slightly.",
        "\n## The cast\n",
        *_cast_lines(people, 3),
        *_quirk_lines(people),
    ]
    (out / "README.md").write_text("\n".join(text) + "\n", encoding="utf-8")
