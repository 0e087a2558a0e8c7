-- A small cast of people, one per rule of docs/verdict-rules.md. The latest event is Jon's page
-- view at 2025-06-30 12:00, so the default as_of is 2025-06-30 12:00:00 (UTC).

-- Ann: a converted Lead whose Contact has a different email; the Lead opted out (two emails,
-- one opted out -> do_not_contact).
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000001' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'ann@old.com' AS email, ['ann@old.com'] AS emails, 'Ann' AS first_name,
    'Archer' AS last_name, 'Ann Archer' AS name, 'Alpha' AS company, true AS is_converted,
    'sf:003000000000001' AS converted_ref, TIMESTAMP '2025-02-01' AS converted_at, true AS opted_out,
    TIMESTAMP '2025-01-15 10:00' AS opted_out_at, 'Web' AS lead_source, 'rep-1' AS owner,
    TIMESTAMP '2025-01-01' AS created_at, TIMESTAMP '2025-02-01' AS updated_at;
INSERT INTO person_records BY NAME SELECT 'sf:003000000000001' AS record_key, 'salesforce' AS system,
    'Contact' AS object, 'ann@new.com' AS email, ['ann@new.com'] AS emails, 'Ann' AS first_name,
    'Archer' AS last_name, 'Ann Archer' AS name, 'Alpha' AS company, false AS opted_out,
    TIMESTAMP '2025-02-01' AS created_at, TIMESTAMP '2025-02-01' AS updated_at;

-- Bob: a contact role on a won opportunity -> customer.
INSERT INTO person_records BY NAME SELECT 'sf:003000000000002' AS record_key, 'salesforce' AS system,
    'Contact' AS object, 'bob@bravo.com' AS email, ['bob@bravo.com'] AS emails, 'Bob Brown' AS name,
    'Bravo' AS company, 'sf:001000000000001' AS account_ref, TIMESTAMP '2024-05-01' AS created_at;
INSERT INTO opportunities BY NAME SELECT 'sf:006000000000001' AS record_key, 'salesforce' AS system,
    'sf:001000000000001' AS account_ref, 'Bravo renewal' AS name, 'Closed Won' AS stage,
    true AS is_closed, true AS is_won, DATE '2025-05-20' AS close_date,
    TIMESTAMP '2025-04-01' AS created_at;
INSERT INTO opportunity_roles BY NAME SELECT 'sf:00K000000000001' AS record_key,
    'salesforce' AS system, 'sf:006000000000001' AS opportunity_ref,
    'sf:003000000000002' AS person_ref, 'Decision Maker' AS role;

-- Cara: an Outreach prospect linked by an 18-character externalId to a 15-character Lead ref,
-- in an active sequence -> sales_active.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000003' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'cara@charlie.com' AS email, ['cara@charlie.com'] AS emails,
    'Cara Cole' AS name, 'Charlie' AS company, 'Open - Not Contacted' AS status,
    TIMESTAMP '2025-03-01' AS created_at, TIMESTAMP '2025-03-01' AS updated_at;
INSERT INTO person_records BY NAME SELECT 'outreach:10' AS record_key, 'outreach' AS system,
    'prospect' AS object, 'Cara Cole' AS name, 'Charlie' AS company,
    ['sf:00Q000000000003AAA'] AS linked_refs, TIMESTAMP '2025-05-01' AS created_at;
INSERT INTO sequence_memberships BY NAME SELECT 'outreach-state:1' AS record_key,
    'outreach' AS system, 'outreach:10' AS person_ref, 'outreach-sequence:1' AS sequence_ref,
    'Inbound Demo' AS sequence_name, 'active' AS state, TIMESTAMP '2025-05-02' AS created_at,
    TIMESTAMP '2025-05-02' AS state_changed_at;

-- Dan: a meeting after as_of -> sales_active (the meeting does not move as_of).
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000004' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'dan@delta.io' AS email, ['dan@delta.io'] AS emails, 'Dan Dee' AS name,
    'Delta IO' AS company, TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO activities BY NAME SELECT 'sf:00U000000000001' AS record_key, 'salesforce' AS system,
    ['sf:00Q000000000004'] AS person_refs, TIMESTAMP '2025-06-01' AS ts, 'meeting' AS kind,
    'Demo with Dan' AS title, TIMESTAMP '2025-07-05 15:00' AS starts_at, false AS cancelled;

-- Eve: handed off long ago, replied yesterday -> sales_active (a live conversation).
INSERT INTO person_records BY NAME SELECT 'hubspot:501' AS record_key, 'hubspot' AS system,
    'contact' AS object, 'eve@echo.com' AS email, ['eve@echo.com'] AS emails, 'Eve Evans' AS name,
    'Echo' AS company, TIMESTAMP '2025-01-10' AS mql_at, TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO activities BY NAME SELECT 'hubspot-email:1' AS record_key, 'hubspot' AS system,
    ['hubspot:501'] AS person_refs, TIMESTAMP '2025-02-01' AS ts, 'sales_email' AS kind,
    'Intro' AS title, 'outbound' AS direction;
INSERT INTO activities BY NAME SELECT 'hubspot-email:2' AS record_key, 'hubspot' AS system,
    ['hubspot:501'] AS person_refs, TIMESTAMP '2025-06-29 09:00' AS ts, 'reply' AS kind,
    'Re: Intro' AS title, 'Sounds good, send me the deck.' AS body, 'inbound' AS direction;

-- Fay: asked to be contacted in September -> snoozed until 2025-09-01.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000006' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'fay@foxtrot.com' AS email, ['fay@foxtrot.com'] AS emails,
    'Fay Fox' AS name, 'Foxtrot' AS company, TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO activities BY NAME SELECT 'sf:00T000000000061' AS record_key, 'salesforce' AS system,
    ['sf:00Q000000000006'] AS person_refs, TIMESTAMP '2025-03-01' AS ts, 'sales_email' AS kind,
    'Checking in' AS title, 'outbound' AS direction;
INSERT INTO activities BY NAME SELECT 'sf:00T000000000062' AS record_key, 'salesforce' AS system,
    ['sf:00Q000000000006'] AS person_refs, TIMESTAMP '2025-03-10' AS ts, 'reply' AS kind,
    'Re: Checking in' AS title, 'Not now. Please reach out in September.' AS body,
    'inbound' AS direction;

-- Gus: asked to be contacted in May; that date has passed -> black_hole.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000007' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'gus@golf.com' AS email, ['gus@golf.com'] AS emails, 'Gus Green' AS name,
    'Golf' AS company, TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO activities BY NAME SELECT 'sf:00T000000000071' AS record_key, 'salesforce' AS system,
    ['sf:00Q000000000007'] AS person_refs, TIMESTAMP '2025-02-01' AS ts, 'sales_call' AS kind,
    'Call' AS title, 'He said: reach out in May.' AS body, 'outbound' AS direction;

-- Hal: MQL by LeadHistory, one sales email, then silence; his browser read /pricing before he
-- filled a form (identify) -> black_hole, warm.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000008' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'hal@hotel.com' AS email, ['hal@hotel.com'] AS emails, 'Hal Hill' AS name,
    'Hotel' AS company, 'Marketing Qualified' AS status, 'Webinar' AS lead_source,
    'rep-2' AS owner, TIMESTAMP '2025-01-01' AS created_at, TIMESTAMP '2025-06-01' AS updated_at;
INSERT INTO field_history BY NAME SELECT 'sf:017000000000008' AS record_key, 'salesforce' AS system,
    'sf:00Q000000000008' AS person_ref, 'Status' AS field, 'Open - Not Contacted' AS old_value,
    'Marketing Qualified' AS new_value, TIMESTAMP '2025-03-01 08:00' AS changed_at;
INSERT INTO activities BY NAME SELECT 'sf:00T000000000081' AS record_key, 'salesforce' AS system,
    ['sf:00Q000000000008'] AS person_refs, TIMESTAMP '2025-03-05 10:00' AS ts,
    'sales_email' AS kind, 'Following up' AS title,
    'Hi Hal. To unsubscribe from these emails click here.' AS body, 'outbound' AS direction;
INSERT INTO web_events BY NAME SELECT 'seg:p1' AS record_key, 'segment' AS system,
    'web_visit' AS kind, TIMESTAMP '2025-06-20 10:00' AS ts, 'anon-h' AS anonymous_id,
    '/pricing' AS path, 'Pricing' AS title;
INSERT INTO web_events BY NAME SELECT 'seg:p2' AS record_key, 'segment' AS system,
    'web_visit' AS kind, TIMESTAMP '2025-06-21 10:00' AS ts, 'anon-h' AS anonymous_id,
    '/blog/x' AS path, 'Blog' AS title;
INSERT INTO identity_links BY NAME SELECT 'seg:i1' AS record_key, 'segment' AS system,
    'anon-h' AS anonymous_id, 'Hal@Hotel.com ' AS email, TIMESTAMP '2025-06-22 10:00' AS ts;

-- Ivy: handed off, sales stopped, then added to a campaign -> recycled.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000009' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'ivy@india.com' AS email, ['ivy@india.com'] AS emails, 'Ivy Ives' AS name,
    'India' AS company, 'Webinar' AS lead_source, 'rep-2' AS owner,
    TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO sequence_memberships BY NAME SELECT 'outreach-state:9' AS record_key,
    'outreach' AS system, 'sf:00Q000000000009' AS person_ref, 'Cold Outbound' AS sequence_name,
    'finished' AS state, TIMESTAMP '2025-03-01' AS created_at,
    TIMESTAMP '2025-04-01' AS state_changed_at;
INSERT INTO campaigns BY NAME SELECT 'sf:701000000000001' AS record_key, 'salesforce' AS system,
    'June Webinar' AS name;
INSERT INTO campaign_members BY NAME SELECT 'sf:00v000000000009' AS record_key,
    'salesforce' AS system, 'sf:701000000000001' AS campaign_ref,
    'sf:00Q000000000009' AS person_ref, 'Sent' AS status, false AS has_responded,
    TIMESTAMP '2025-05-01' AS created_at;

-- Jon: HubSpot contact never handed off; got a newsletter and clicked -> marketing_owned.
INSERT INTO person_records BY NAME SELECT 'hubspot:777' AS record_key, 'hubspot' AS system,
    'contact' AS object, 'jon@gmail.com' AS email, ['jon@gmail.com'] AS emails, 'Jon Jones' AS name,
    'subscriber' AS lifecycle_stage, TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO activities BY NAME SELECT 'hubspot-event:1' AS record_key, 'hubspot' AS system,
    ['email:jon@gmail.com'] AS person_refs, TIMESTAMP '2025-06-10' AS ts, 'marketing_email' AS kind,
    'June newsletter' AS title, 'Unsubscribe | Manage preferences' AS body;
INSERT INTO activities BY NAME SELECT 'hubspot-event:2' AS record_key, 'hubspot' AS system,
    ['email:jon@gmail.com'] AS person_refs, TIMESTAMP '2025-06-11' AS ts, 'email_click' AS kind,
    'Clicked June newsletter' AS title;
INSERT INTO web_events BY NAME SELECT 'ga:1' AS record_key, 'ga4' AS system,
    'web_visit' AS kind, TIMESTAMP '2025-06-30 12:00' AS ts, NULL AS anonymous_id,
    'jon@gmail.com' AS user_id, '/docs' AS path;

-- Kim: status is a handoff status but there is no history -> approximate handoff; black_hole.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000011' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'kim@kilo.com' AS email, ['kim@kilo.com'] AS emails, 'Kim King' AS name,
    'Kilo' AS company, 'Working - Contacted' AS status, 'Trade Show' AS lead_source,
    TIMESTAMP '2025-01-01' AS created_at, TIMESTAMP '2025-02-02 09:00' AS updated_at;

-- Lia: the same name and company twice: an SF Lead with an email and an Outreach prospect without
-- one that opted out -> a fuzzy merge proposal; consent must not leak if it is accepted.
INSERT INTO person_records BY NAME SELECT 'sf:00Q000000000012' AS record_key, 'salesforce' AS system,
    'Lead' AS object, 'lia@lima.com' AS email, ['lia@lima.com'] AS emails, 'Lia Lane' AS name,
    'Lima Inc.' AS company, TIMESTAMP '2025-01-01' AS created_at;
INSERT INTO person_records BY NAME SELECT 'outreach:20' AS record_key, 'outreach' AS system,
    'prospect' AS object, 'Lia  Lane' AS name, 'LIMA' AS company, true AS opted_out,
    TIMESTAMP '2025-04-04' AS opted_out_at, TIMESTAMP '2025-04-01' AS created_at;
