"""Mapping files: a TOML that imports a CSV of any shape into one canonical table."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lead_lens.errors import SettingsError
from lead_lens.ingest.mapping_file import MappingFile
from lead_lens.ingest.pipeline import FileResult, ImportOptions, ingest_paths
from lead_lens.store import Store

MAPPING = Path(__file__).parents[1] / "data" / "mapping"


def ingest_mapped(store: Store, csv: Path, toml: Path) -> FileResult:
    [result] = ingest_paths(store, [csv], ImportOptions(mapping=MappingFile.load(toml)))
    return result


def write_toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.toml"
    path.write_text(text)
    return path


def test_web_events_mapping_end_to_end(store: Store) -> None:
    result = ingest_mapped(store, MAPPING / "matomo_visits.csv", MAPPING / "web_visits.toml")
    assert result.status == "imported", result.message
    assert (result.kind, result.new) == ("custom.web_events", 3)
    assert [(r.line, r.reason) for r in result.rejects] == [
        (5, "ts 'someday': not a timestamp"),
        (6, "no visitor: anonymous_id, user_id and email are all empty")]
    rows = store.con.execute(
        "SELECT record_key, system, event_name, kind, ts, anonymous_id, email, url, path, title "
        "FROM web_events ORDER BY raw_line").fetchall()
    assert rows == [
        # Berlin wall-clock time (CET, UTC+1) stored as UTC; the CSV's own "Title" is not used.
        ("matomo:v-1", "matomo", "page_view", "web_visit", datetime(2024, 3, 1, 12, 0), "ck-1",
         "ann@acme.com", "https://acme.com/pricing?x=1", "/pricing", "Pricing"),
        ("matomo:v-2", "matomo", "page_view", "web_visit", datetime(2024, 3, 1, 13, 30), "ck-2",
         None, "https://acme.com/blog/a", "/blog/a", "Blog A"),
        # An explicit offset wins over the mapping's timezone.
        ("matomo:v-3", "matomo", "page_view", "web_visit", datetime(2024, 7, 1, 9, 0), "ck-3",
         None, "https://acme.com/", "/", "Home"),
    ]


def test_person_records_mapping(store: Store) -> None:
    result = ingest_mapped(store, MAPPING / "crm_contacts.csv", MAPPING / "crm_contacts.toml")
    assert (result.status, result.kind, result.new) == ("imported", "custom.person_records", 3)
    assert [(r.line, r.reason) for r in result.rejects] == [
        (5, "source_id is empty and email is empty: the row has no key")]
    rows = store.con.execute(
        "SELECT record_key, object, email, emails, name, company, lead_source "
        "FROM person_records ORDER BY raw_line").fetchall()
    assert rows == [
        ("pipedrive:1001", "Contact", "anna@acme.de", ["anna@acme.de"], "Anna Schmidt",
         "Acme GmbH", "CRM import"),
        ("pipedrive:1002", "Contact", None, [], "Ben Meyer", "Beta AG", "CRM import"),
        ("pipedrive:carl@gamma.io", "Contact", "carl@gamma.io", ["carl@gamma.io"], "Carl Klein",
         "Gamma", "CRM import"),
    ]


def test_activities_mapping_without_ids_is_stable(store: Store, tmp_path: Path) -> None:
    csv, toml = MAPPING / "webinar_attendance.csv", MAPPING / "webinar_attendance.toml"
    result = ingest_mapped(store, csv, toml)
    assert (result.status, result.new) == ("imported", 2)
    assert [(r.line, r.reason) for r in result.rejects] == [
        (4, "no person: email 'not-an-email' is not an address and person_refs is empty")]
    rows = store.con.execute(
        "SELECT system, person_refs, ts, kind, title, direction FROM activities ORDER BY raw_line"
    ).fetchall()
    assert rows[0] == ("webinar", ["email:ann@acme.com"], datetime(2024, 2, 10, 17, 0),
                       "webinar_attended", "Pipeline 101", "inbound")
    # A later export with a new row first: the old rows keep their hash keys.
    header, *old_rows = csv.read_text().splitlines()
    later = tmp_path / "webinar_attendance_later.csv"
    later.write_text("\n".join([header, "2024-02-11T17:00:00Z,cy@gamma.io,Pipeline 102",
                                *old_rows]) + "\n")
    again = ingest_mapped(store, later, toml)
    assert (again.new, again.unchanged) == (1, 2)


def test_missing_header_lists_the_csv_headers(store: Store, tmp_path: Path) -> None:
    toml = write_toml(tmp_path, 'target = "web_events"\nsystem = "matomo"\n'
                                '[columns]\nts = "Visit Time"\nemail = "Email Address"\n')
    result = ingest_mapped(store, MAPPING / "matomo_visits.csv", toml)
    assert result.status == "failed"
    assert "map.toml" in result.message
    assert "[columns] email = 'Email Address'" in result.message
    assert "'Visit ID', 'Visit Time', 'Visitor Email'" in result.message
    assert store.con.execute("SELECT count(*) FROM web_events").fetchone() == (0,)


def test_headers_match_loosely_when_unique(store: Store, tmp_path: Path) -> None:
    toml = write_toml(tmp_path, 'target = "web_events"\nsystem = "matomo"\n'
                                '[columns]\nts = "visit_time"\nanonymous_id = "VISITOR COOKIE"\n'
                                'url = "page url"\n')
    result = ingest_mapped(store, MAPPING / "matomo_visits.csv", toml)
    assert (result.status, result.new) == ("imported", 3)  # two rows rejected as above


@pytest.mark.parametrize(("text", "message"), [
    ('target = "leads"\nsystem = "x"\n', "target is 'leads'; it must be one of person_records"),
    ('system = "x"\n', "target is missing"),
    ('target = "web_events"\n', "system is missing"),
    ('target = "web_events"\nsystem = "My CRM"\n', "system is 'My CRM'"),
    ('target = "web_events"\nsystem = "x"\ntimezone = "Mars/Olympus"\n',
     "timezone 'Mars/Olympus' is not a known zone name"),
    ('target = "web_events"\nsystem = "x"\n[columns]\nts = "t"\nvisitor = "v"\n',
     "[columns] 'visitor' is not a column a web_events mapping can fill. Known columns: "
     "source_id, event_name"),
    ('target = "web_events"\nsystem = "x"\n[columns]\nts = "t"\nemail = 3\n',
     "[columns] email must name a CSV header as a string"),
    ('target = "web_events"\nsystem = "x"\n[columns]\nts = "t"\nemail = "e"\n'
     '[constants]\nemail = "a@b.c"\n', "'email' is both in [columns] and in [constants]"),
    ('target = "web_events"\nsystem = "x"\n[columns]\nemail = "e"\n', "needs ts in [columns]"),
    ('target = "activities"\nsystem = "x"\n[columns]\nts = "t"\nemail = "e"\n',
     "needs kind in [columns]"),
    ('target = "web_events"\nsystem = "x"\ncolumn = 1\n', "unknown key 'column'"),
    ('target = "web_events\n', "not valid TOML"),
])
def test_mapping_file_errors_name_the_file_and_key(tmp_path: Path, text: str,
                                                   message: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(SettingsError) as error:
        MappingFile.load(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read the mapping file"):
        MappingFile.load(tmp_path / "nope.toml")


def test_example_mapping_files_load() -> None:
    for path in sorted(MAPPING.glob("*.toml")):
        mapping = MappingFile.load(path)
        assert mapping.kind_name.startswith("custom.")
