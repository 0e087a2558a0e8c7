-- Versioned schema migrations. Block `migration_NNN` brings a store from version NNN-1 to NNN.
-- Never edit a released block: add a new one. All timestamps are naive TIMESTAMP in UTC.

-- name: migration_001
-- The initial store: bookkeeping, raw rows, canonical source records.
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1;

-- One row per file imported (zip members appear as 'archive.zip!/member.csv').
CREATE TABLE IF NOT EXISTS imports (
    import_id INTEGER PRIMARY KEY,
    file_path VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    file_bytes BIGINT,
    kind VARCHAR NOT NULL,
    file_format VARCHAR,
    encoding VARCHAR,
    delimiter VARCHAR,
    raw_table VARCHAR,
    rows_read BIGINT,
    rows_rejected BIGINT,
    rows_new BIGINT,
    rows_updated BIGINT,
    rows_unchanged BIGINT,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    tool_version VARCHAR
);

-- Rows that could not be loaded or mapped. `line` counts CSV records with the header as line 1
-- (equal to the physical line unless quoted fields hold newlines); for JSON it is the record number.
CREATE TABLE IF NOT EXISTS import_rejects (
    import_id INTEGER,
    file_path VARCHAR,
    line BIGINT,
    column_name VARCHAR,
    error_type VARCHAR,
    reason VARCHAR,
    raw_text VARCHAR
);

-- Every change an import made to an existing canonical record.
CREATE TABLE IF NOT EXISTS record_history (
    table_name VARCHAR,
    record_key VARCHAR,
    import_id INTEGER,
    changed_at TIMESTAMP,
    old_row JSON,
    new_row JSON
);

-- Person-like source records: Salesforce Lead/Contact, HubSpot contact, Outreach prospect,
-- Salesloft person, Marketo lead. record_key is the person ref other rows use to point at it:
-- 'sf:<first 15 chars of id>', 'hubspot:<id>', 'outreach:<id>', 'salesloft:<id>', 'marketo:<id>'.
CREATE TABLE IF NOT EXISTS person_records (
    record_key VARCHAR,
    system VARCHAR,
    object VARCHAR,
    source_id VARCHAR,
    email VARCHAR,              -- primary email, trimmed and lower-cased
    emails VARCHAR[],           -- every email of the record, normalized
    first_name VARCHAR,
    last_name VARCHAR,
    name VARCHAR,
    company VARCHAR,
    title VARCHAR,
    phone VARCHAR,
    account_ref VARCHAR,        -- 'sf:<001 id15>' or 'hubspot-company:<id>'
    owner VARCHAR,
    lead_source VARCHAR,
    status VARCHAR,             -- lead status as exported (label)
    lifecycle_stage VARCHAR,    -- HubSpot internal value (marketingqualifiedlead, customer, ...)
    is_converted BOOLEAN,
    converted_ref VARCHAR,      -- Salesforce Lead -> 'sf:<contact id15>'
    converted_at TIMESTAMP,
    linked_refs VARCHAR[],      -- explicit links to other systems' records, e.g. ['sf:00Q...']
    opted_out BOOLEAN,
    opted_out_at TIMESTAMP,
    bounced_at TIMESTAMP,
    do_not_call BOOLEAN,
    mql_at TIMESTAMP,           -- HubSpot/Marketo lifecycle dates where the export has them
    sql_at TIMESTAMP,
    opportunity_at TIMESTAMP,
    customer_at TIMESTAMP,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    is_deleted BOOLEAN,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Activities of every system except page views: tasks, events, emails, calls, notes,
-- meetings, mailings, email events, marketing activities. `kind` is a spec kind
-- (sales_email, sales_call, reply, note, marketing_email, email_click, form_submit, bounce,
-- opt_out, ...) or 'meeting' (held or scheduled is decided at as_of from starts_at).
CREATE TABLE IF NOT EXISTS activities (
    record_key VARCHAR,
    system VARCHAR,
    object VARCHAR,
    source_id VARCHAR,
    person_refs VARCHAR[],      -- 'sf:..', 'hubspot:..', 'outreach:..', 'marketo:..', 'email:a@b.com'
    ts TIMESTAMP,
    kind VARCHAR,
    actor VARCHAR,              -- who acted: rep name/email/id, or the lead
    title VARCHAR,
    body VARCHAR,
    direction VARCHAR,          -- 'inbound' | 'outbound' | NULL
    status VARCHAR,
    sequence_ref VARCHAR,
    campaign_ref VARCHAR,
    opportunity_ref VARCHAR,
    account_ref VARCHAR,
    starts_at TIMESTAMP,
    ends_at TIMESTAMP,
    cancelled BOOLEAN,
    detail JSON,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Extra person links of an activity that arrive in a separate file (HubSpot engagement ->
-- contact associations, Salesforce TaskRelation/EventRelation).
CREATE TABLE IF NOT EXISTS activity_links (
    record_key VARCHAR,         -- '<activity record_key>|<person ref>'
    system VARCHAR,
    activity_ref VARCHAR,       -- record_key of the activity
    person_ref VARCHAR,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Page views and other web analytics events (GA4, Segment pages/tracks, plain pageview CSV).
CREATE TABLE IF NOT EXISTS web_events (
    record_key VARCHAR,
    system VARCHAR,
    event_name VARCHAR,
    kind VARCHAR,               -- web_visit | form_submit | content_download | other
    ts TIMESTAMP,
    anonymous_id VARCHAR,
    user_id VARCHAR,
    email VARCHAR,
    url VARCHAR,
    path VARCHAR,
    title VARCHAR,
    referrer VARCHAR,
    session_id VARCHAR,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Identify calls: an anonymous browser id tied to a user id and/or email.
CREATE TABLE IF NOT EXISTS identity_links (
    record_key VARCHAR,
    system VARCHAR,
    anonymous_id VARCHAR,
    user_id VARCHAR,
    email VARCHAR,
    ts TIMESTAMP,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

CREATE TABLE IF NOT EXISTS accounts (
    record_key VARCHAR,         -- 'sf:<001 id15>'
    system VARCHAR,
    source_id VARCHAR,
    name VARCHAR,
    website VARCHAR,
    domain VARCHAR,
    industry VARCHAR,
    type VARCHAR,
    owner VARCHAR,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    is_deleted BOOLEAN,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

CREATE TABLE IF NOT EXISTS opportunities (
    record_key VARCHAR,         -- 'sf:<006 id15>'
    system VARCHAR,
    source_id VARCHAR,
    account_ref VARCHAR,
    name VARCHAR,
    stage VARCHAR,
    amount DOUBLE,
    is_closed BOOLEAN,
    is_won BOOLEAN,
    close_date DATE,
    lead_source VARCHAR,
    owner VARCHAR,
    campaign_ref VARCHAR,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    is_deleted BOOLEAN,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

CREATE TABLE IF NOT EXISTS opportunity_roles (
    record_key VARCHAR,         -- 'sf:<00K id15>'
    system VARCHAR,
    source_id VARCHAR,
    opportunity_ref VARCHAR,
    person_ref VARCHAR,
    role VARCHAR,
    is_primary BOOLEAN,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    is_deleted BOOLEAN,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

CREATE TABLE IF NOT EXISTS campaigns (
    record_key VARCHAR,         -- 'sf:<701 id15>'
    system VARCHAR,
    source_id VARCHAR,
    name VARCHAR,
    type VARCHAR,
    status VARCHAR,
    start_date DATE,
    end_date DATE,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

CREATE TABLE IF NOT EXISTS campaign_members (
    record_key VARCHAR,         -- 'sf:<00v id15>'
    system VARCHAR,
    source_id VARCHAR,
    campaign_ref VARCHAR,
    person_ref VARCHAR,
    email VARCHAR,
    status VARCHAR,
    has_responded BOOLEAN,
    first_responded_at TIMESTAMP,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    is_deleted BOOLEAN,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Field history (Salesforce LeadHistory; lifecycle changes from other systems).
CREATE TABLE IF NOT EXISTS field_history (
    record_key VARCHAR,
    system VARCHAR,
    source_id VARCHAR,
    person_ref VARCHAR,
    field VARCHAR,
    old_value VARCHAR,
    new_value VARCHAR,
    changed_at TIMESTAMP,
    actor VARCHAR,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

CREATE TABLE IF NOT EXISTS sequences (
    record_key VARCHAR,         -- 'outreach-sequence:<id>', 'salesloft-cadence:<id>'
    system VARCHAR,
    source_id VARCHAR,
    name VARCHAR,
    enabled BOOLEAN,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- One row per person per sequence/cadence. state is lower-case API spelling
-- (active, paused, pending, finished, opted_out, bounced, ...; Salesloft current_state values).
CREATE TABLE IF NOT EXISTS sequence_memberships (
    record_key VARCHAR,         -- 'outreach-state:<id>', 'salesloft-membership:<id>'
    system VARCHAR,
    source_id VARCHAR,
    person_ref VARCHAR,
    sequence_ref VARCHAR,
    sequence_name VARCHAR,
    state VARCHAR,
    state_changed_at TIMESTAMP,
    created_at TIMESTAMP,
    active_at TIMESTAMP,
    replied_at TIMESTAMP,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Call participants (Gong parties), to attribute transcript speakers and link calls to people.
CREATE TABLE IF NOT EXISTS call_parties (
    record_key VARCHAR,         -- 'gong-party:<call id>:<party id>'
    system VARCHAR,
    call_ref VARCHAR,           -- record_key of the call in activities
    party_id VARCHAR,
    speaker_id VARCHAR,
    name VARCHAR,
    email VARCHAR,
    title VARCHAR,
    affiliation VARCHAR,
    person_refs VARCHAR[],      -- 'email:..' and CRM refs from the party's context
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- Transcript monologues, one row per speaker turn.
CREATE TABLE IF NOT EXISTS call_transcripts (
    record_key VARCHAR,         -- 'gong-transcript:<call id>:<turn no>'
    system VARCHAR,
    call_ref VARCHAR,
    turn_no INTEGER,
    speaker_id VARCHAR,
    topic VARCHAR,
    start_ms BIGINT,
    end_ms BIGINT,
    text VARCHAR,
    updated_at TIMESTAMP,
    import_id INTEGER,
    raw_line BIGINT,
    row_hash UBIGINT
);

-- name: migration_002
-- People, the unified timeline and verdicts: derived tables, rebuilt from the canonical ones.
CREATE TABLE IF NOT EXISTS people (
    person_id VARCHAR PRIMARY KEY,
    email VARCHAR,              -- primary normalized email ('' never; NULL when unknown)
    emails VARCHAR[],
    name VARCHAR,
    company VARCHAR,
    title VARCHAR,
    account_key VARCHAR,        -- 'sf:<001 id15>' or 'domain:<domain>'
    owner VARCHAR,
    lead_source VARCHAR,
    sources VARCHAR[],          -- systems the person appears in
    refs VARCHAR[]              -- every person ref resolved to this person
);

-- ref ('sf:..', 'email:..', 'anon:<system>:<id>', ...) -> person.
CREATE TABLE IF NOT EXISTS person_keys (
    ref VARCHAR,
    person_id VARCHAR,
    via VARCHAR                 -- why the ref belongs to the person (email, converted, externalId ...)
);

-- One row per timeline event. event_id is stable across rebuilds (derived from the source
-- record_key and kind), so citations and summaries keep pointing at the same event.
CREATE TABLE IF NOT EXISTS timeline_events (
    event_id VARCHAR,
    person_id VARCHAR,
    ts TIMESTAMP,
    system VARCHAR,
    kind VARCHAR,
    family VARCHAR,             -- sales_touch | marketing_touch | engagement | state
    actor VARCHAR,
    title VARCHAR,
    body VARCHAR,
    direction VARCHAR,
    detail JSON,
    source_table VARCHAR,
    source_key VARCHAR,
    import_id INTEGER,
    raw_line BIGINT
);

-- Text signals found in inbound text (spec section 5).
CREATE TABLE IF NOT EXISTS signals (
    event_id VARCHAR,
    person_id VARCHAR,
    signal VARCHAR,             -- opt_out_request | follow_up_request | objection | interest
    cue VARCHAR,                -- e.g. budget, timing, competitor, pricing, product area
    sentence VARCHAR,
    resolved_date DATE,         -- follow-up requests: the date it resolves to
    ts TIMESTAMP
);

-- The verdict of every person at as_of (spec sections 6-7).
CREATE TABLE IF NOT EXISTS verdicts (
    person_id VARCHAR,
    as_of TIMESTAMP,
    verdict VARCHAR,
    ok_to_market BOOLEAN,
    warm BOOLEAN,
    snooze_until DATE,
    handoff_at TIMESTAMP,
    last_sales_touch_at TIMESTAMP,
    last_engagement_at TIMESTAMP,
    priority INTEGER,
    reasons JSON                -- [{"about": "verdict|warm|snooze|priority", "text": ..., "event_ids": [...]}]
);

-- Fuzzy merge proposals and the user's decisions; decisions survive rebuilds and re-imports.
CREATE TABLE IF NOT EXISTS merge_decisions (
    merge_id VARCHAR,
    left_ref VARCHAR,
    right_ref VARCHAR,
    decision VARCHAR,           -- accepted | undone
    evidence VARCHAR,
    decided_at TIMESTAMP
);
