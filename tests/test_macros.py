"""The SQL helper macros every mapping relies on."""

from __future__ import annotations

from datetime import datetime

import pytest

from lead_lens.store import Store


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-01-17T15:04:05.000Z", datetime(2024, 1, 17, 15, 4, 5)),  # Salesforce Data Export
    ("2024-01-17T15:04:05.000+0000", datetime(2024, 1, 17, 15, 4, 5)),  # Salesforce REST
    ("2018-02-18T02:30:00-07:00", datetime(2018, 2, 18, 9, 30)),  # Gong
    ("2019-11-11 17:23:34", datetime(2019, 11, 11, 17, 23, 34)),  # Fivetran
    ("2024-03-01 12:00:00+00", datetime(2024, 3, 1, 12, 0)),  # Postgres-style offset
    ("2024-03-01 12:00:00 UTC", datetime(2024, 3, 1, 12, 0)),
    ("1700000000000", datetime(2023, 11, 14, 22, 13, 20)),  # epoch ms (HubSpot v1)
    ("1700000000000000", datetime(2023, 11, 14, 22, 13, 20)),  # epoch µs (GA4)
    ("1700000000", datetime(2023, 11, 14, 22, 13, 20)),  # epoch s
    ("20240117", datetime(2024, 1, 17)),  # GA4 event_date
    ("2024-01-17", datetime(2024, 1, 17)),  # date-only fields
    ("3/4/2024 1:05 PM", datetime(2024, 3, 4, 13, 5)),  # US report export
    (" 2024-01-17T15:04:05Z ", datetime(2024, 1, 17, 15, 4, 5)),
    ("", None), (None, None), ("not a date", None),
])
def test_ll_ts(store: Store, text: str | None, expected: datetime | None) -> None:
    assert store.con.execute("SELECT ll_ts($t)", {"t": text}).fetchone() == (expected,)


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-02-21 14:05", datetime(2023, 2, 21, 19, 5)),  # HubSpot UI export, winter
    ("2023-07-21 14:05", datetime(2023, 7, 21, 18, 5)),  # summer time
    ("2024-01-17", datetime(2024, 1, 17, 5, 0)),  # a date ends in '-17': not an offset
    ("2024-01-17T15:04:05.000Z", datetime(2024, 1, 17, 15, 4, 5)),  # explicit zone wins
    ("2024-03-01 12:00:00+00", datetime(2024, 3, 1, 12, 0)),
    ("1700000000000", datetime(2023, 11, 14, 22, 13, 20)),
])
def test_ll_ts_in_zone(store: Store, text: str, expected: datetime) -> None:
    got = store.con.execute("SELECT ll_ts_in($t, 'America/New_York')", {"t": text}).fetchone()
    assert got == (expected,)


def test_ids_emails_and_urls(store: Store) -> None:
    row = store.con.execute("""
        SELECT ll_sfid('00Q1G00000nDnM5UAK'), ll_sfid('00Q1G00000nDnM5'), ll_sfid('short'),
               ll_email('  Ana.Nguyen@Acme.COM '), ll_email('n/a'),
               ll_email_list('["A@x.com", "b@y.com"]'), ll_email_list('a@x.com; B@y.com'),
               ll_domain('https://www.Acme.com/pricing'), ll_domain('bob@acme.io'),
               ll_url_path('https://acme.com/pricing?utm=1'), ll_url_path('https://acme.com'),
               ll_bool('TRUE'), ll_bool('0'), ll_bool(''), ll_num('$1,200.50'),
               ll_ref('hubspot', ' 42 '), ll_ref('hubspot', '')
    """).fetchone()
    assert row == ("sf:00Q1G00000nDnM5", "sf:00Q1G00000nDnM5", None,
                   "ana.nguyen@acme.com", None,
                   ["a@x.com", "b@y.com"], ["a@x.com", "b@y.com"],
                   "acme.com", "acme.io", "/pricing", "/",
                   True, False, None, 1200.5, "hubspot:42", None)


def test_full_name_from_its_parts(store: Store) -> None:
    row = store.con.execute("""
        SELECT ll_full_name(' Ada ', 'Lovelace'), ll_full_name(NULL, 'Lovelace'),
               ll_full_name('', ' '), ll_full_name(NULL, NULL)
    """).fetchone()
    assert row == ("Ada Lovelace", "Lovelace", None, None)


@pytest.mark.parametrize(("url", "path"), [
    ("https://acme.com/pricing?x=1", "/pricing"), ("https://acme.com", "/"),
    ("https://acme.com?x", "/"), ("http://a.b/c#d", "/c"), ("HTTPS://ACME.COM/A", "/A"),
    ("/rel/path?q", "/rel/path"), ("rel", "rel"), ("", "/"), (None, None), ("?only", "/"),
    ("#frag", "/"), ("mailto:x@y.com", "mailto:x@y.com"), ("https://x.com/a://b", "/a://b"),
    ("ftp://h/p", "/p"), ("123://x/y", "123://x/y"),
])
def test_ll_url_path(store: Store, url: str | None, path: str | None) -> None:
    assert store.con.execute("SELECT ll_url_path($u)", {"u": url}).fetchone() == (path,)
