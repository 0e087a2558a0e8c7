"""Salesloft: REST API JSON (`{"data": [...]}`, related records as nested `{id, _href}` objects)
and CSV exports of the same fields.

The JSON reader flattens nested objects to dotted names (`cadence.id`, `counts.replies`), which
normalize like the warehouse spellings (`cadence_id`), so one field list serves both.
"""

from __future__ import annotations

from lead_lens.ingest.spec import ANY_FORMAT, REGISTRY, KindSpec, opt, req

CADENCE_MEMBERSHIPS = KindSpec(
    name="salesloft.cadence_memberships",
    title="Salesloft cadence memberships",
    formats=ANY_FORMAT,
    filename_hints=("cadence_memberships", "cadencememberships", "memberships"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("current_state"),
        req("person_id", "person.id"),
        req("cadence_id", "cadence.id"),
        opt("added_at"),
        opt("created_at"),
        opt("updated_at"),
        opt("person_deleted"),
    ),
    outputs=(("sequence_memberships", "map_salesloft_cadence_memberships"),),
)

PEOPLE = KindSpec(
    name="salesloft.people",
    title="Salesloft people",
    formats=ANY_FORMAT,
    filename_hints=("people", "persons", "salesloft_people"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("email_address"),
        req("first_name"),
        req("last_name"),
        # Marketo's lead export also has id, `Email Address`, created_at and updated_at:
        # display_name is what only Salesloft has.
        req("display_name"),
        opt("secondary_email_address"),
        opt("personal_email_address"),
        opt("title"),
        opt("phone"),
        opt("mobile_phone"),
        opt("person_company_name"),
        opt("owner_id", "owner.id"),
        opt("crm_id"),
        opt("crm_object_type"),
        opt("do_not_contact"),
        opt("created_at"),
        opt("updated_at"),
    ),
    outputs=(("person_records", "map_salesloft_people"),),
)

EMAILS = KindSpec(
    name="salesloft.emails",
    title="Salesloft email activities",
    formats=ANY_FORMAT,
    filename_hints=("emails", "email_activities", "activities_emails"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("sent_at"),
        req("status"),
        req("recipient_email_address"),
        opt("subject"),
        opt("bounced"),
        opt("person_id", "recipient.id", "person.id"),
        opt("cadence_id", "cadence.id"),
        opt("step_id", "step.id"),
        opt("user_id", "user.id"),
        opt("clicks", "counts.clicks"),
        opt("views", "counts.views"),
        opt("replies", "counts.replies"),
        opt("created_at"),
        opt("updated_at"),
    ),
    outputs=(("activities", "map_salesloft_emails"),),
)

CALLS = KindSpec(
    name="salesloft.calls",
    title="Salesloft calls",
    formats=ANY_FORMAT,
    filename_hints=("calls", "call_activities"),
    record_paths=("data",),
    fields=(
        req("id"),
        req("to"),
        req("disposition"),
        req("person_id", "called_person.id", "called_person_id"),
        opt("duration"),
        opt("sentiment"),
        opt("recording_url", "recording.url"),
        opt("note_id", "note.id"),
        opt("cadence_id", "cadence.id"),
        opt("user_id", "user.id"),
        opt("created_at"),
        opt("updated_at"),
    ),
    outputs=(("activities", "map_salesloft_calls"),),
)

REGISTRY.add(CADENCE_MEMBERSHIPS, PEOPLE, EMAILS, CALLS)
