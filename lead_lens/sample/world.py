"""The cast, column-wise: sales users, companies, people (names, titles, emails), campaigns.

Everything is drawn from one seeded numpy Generator, in a fixed order, so a seed gives the same
world on every machine. People are rows of a Polars DataFrame; nothing here loops per person.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from lead_lens.sample.phrases import COMPETITORS, INDUSTRIES

DAY = 86_400
START = int(np.datetime64("2025-01-01T00:00:00", "s").astype(np.int64))
AS_OF = int(np.datetime64("2025-06-30T18:00:00", "s").astype(np.int64))
AS_OF_DATE = "2025-06-30"
MARKETO_SUNSET = int(np.datetime64("2025-03-01T00:00:00", "s").astype(np.int64))

FIRST_NAMES = (
    "Dana", "Priya", "Marcus", "Elena", "Tom", "Aisha", "Kenji", "Sofia", "Liam", "Chloe",
    "Rahul", "Hannah", "Diego", "Mei", "Oliver", "Fatima", "Noah", "Ingrid", "Samuel", "Grace",
    "Łukasz", "José", "Zoë", "Björn", "Anaïs", "Mateo", "Nadia", "Victor", "Yuki", "Olga",
    "Ben", "Claire", "Arjun", "Leah", "Pedro", "Emma", "Jonas", "Sara", "Kwame", "Isabel",
    "Ethan", "Maya", "Lucas", "Nora", "Ravi", "Julia", "Henrik", "Amara", "Felix", "Laura",
    "Daniel", "Chen", "Ahmed", "Rebecca", "Tomasz", "Inès", "Jack", "Lena", "Omar", "Ruth",
)
LAST_NAMES = (
    "Müller", "Kowalski", "García", "Okafor", "Nguyen", "Patel", "Schmidt", "O'Brien", "Rossi",
    "Tanaka", "Johansson", "Dubois", "Fischer", "Silva", "Kim", "Novak", "Hughes", "Reyes",
    "Andersen", "Brennan", "Cohen", "Delgado", "Evans", "Friedman", "Gallagher", "Horvath",
    "Ibrahim", "Jensen", "Kaur", "Lindqvist", "Moreau", "Nakamura", "Olsen", "Petrov", "Quinn",
    "Ramos", "Sørensen", "Turner", "Uçar", "Vasquez", "Walsh", "Xu", "Yilmaz", "Zieliński",
    "Baker", "Carter", "Dawson", "Ellis", "Foster", "Grant", "Hayes", "Iyer", "Jovanović",
    "Keller", "López", "Mitchell", "Nash", "Ortiz", "Park", "Richter", "Shah", "Thompson",
    "Weber", "Young", "Bianchi", "Coleman", "Doyle", "Esposito", "Fernández", "Gupta",
)
TITLES = (
    "VP Marketing", "Director of Demand Generation", "Marketing Operations Manager",
    "Head of RevOps", "Revenue Operations Analyst", "CRO", "VP Sales", "Sales Operations Manager",
    "Head of Data", "Analytics Engineer", "Director of Growth", "CMO", "CFO", "Data Engineer",
    "Senior Manager, Marketing Analytics", "BI Lead", "Head of Sales Enablement", "COO",
)
COMPANY_A = (
    "Harbor", "Lumen", "Kestrel", "Brightline", "Orbis", "Cobalt", "Juniper", "Summit", "Vantage",
    "Pioneer", "Redwood", "Atlas", "Beacon", "Crescent", "Falcon", "Granite", "Helix", "Ironwood",
    "Keystone", "Meridian", "Nimbus", "Oakridge", "Polaris", "Quarry", "Riverside", "Sterling",
    "Tidewater", "Unity", "Vertex", "Willow", "Zenith", "Alder", "Bluefin", "Cedar", "Drift",
    "Ember", "Fjord", "Glacier", "Halcyon", "Indigo", "Jade", "Kinetic", "Larch", "Mosaic",
)
COMPANY_B = (
    "Health", "Logistics", "Capital", "Retail", "Labs", "Systems", "Freight", "Insurance",
    "Media", "Security", "Learning", "Foods", "Energy", "Robotics", "Payments", "Software",
    "Analytics", "Networks", "Bio", "Mobility", "Commerce", "Cloud", "Partners", "Industries",
)
COMPANY_PREFIX = (
    "North", "Blue", "Silver", "Bright", "Clear", "True", "Open", "Prime", "Red", "Green",
    "Iron", "High", "Deep", "First", "Swift", "Bold", "Quiet", "Grand", "Fair", "West",
    "East", "South", "Golden", "New", "Sun", "Star", "Wild", "Lake", "Stone", "Oak",
)
COMPANY_SUFFIX = ("", "", "", " Inc.", " GmbH", " Ltd", " LLC", " Group", " AG", " S.A.")
FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com")
ASCII_FOLD = {"ü": "ue", "ö": "oe", "ä": "ae", "ß": "ss", "Ł": "L", "ł": "l", "é": "e",
              "è": "e", "ë": "e", "ï": "i", "í": "i", "á": "a", "ó": "o", "ø": "o", "å": "a",
              "ñ": "n", "ç": "c", "ć": "c", "ń": "n", "ś": "s", "ź": "z", "ż": "z",
              "ğ": "g", "Ü": "U", "Ö": "O", "Ç": "C", "Š": "S", "š": "s", "'": "", " ": ""}

USERS = pl.DataFrame({
    "name": ["Jordan Blake", "Alexis Moreno", "Chris Whitfield", "Sam Okoye", "Taylor Brooks",
             "Morgan Lee", "Riley Chen", "Casey Novak", "Jamie Fraser", "Avery Lindgren",
             "Hugo Lefèvre", "Marta Nowak", "Nina Hartmann", "Pat Integration",
             "Megan Marketing"],
    "team": ["NA SDR"] * 5 + ["NA AE"] * 3 + ["EMEA"] * 5 + ["system", "marketing"],
})
SALES_USERS = 13  # the first 13 users carry leads; EMEA (indices 8-12) works in Salesloft
OWNER_WEIGHTS = np.array([0.11] * 5 + [0.09] * 3 + [0.036] * 5)
OWNER_WEIGHTS = OWNER_WEIGHTS / OWNER_WEIGHTS.sum()


@dataclass(frozen=True)
class World:
    """Companies and people; `people` gains story columns in stories.py."""
    companies: pl.DataFrame
    people: pl.DataFrame
    campaigns: pl.DataFrame


def _fold(column: pl.Expr | pl.Series) -> pl.Expr | pl.Series:
    """Lower-case ASCII spelling for email local parts and domains (Müller -> mueller)."""
    return column.str.replace_many(list(ASCII_FOLD), list(ASCII_FOLD.values())).str.to_lowercase()


def make_companies(rng: np.random.Generator, count: int) -> pl.DataFrame:
    prefix = pl.Series(COMPANY_PREFIX).gather(rng.integers(0, len(COMPANY_PREFIX), count))
    prefixed = rng.random(count) < 0.75
    a = rng.integers(0, len(COMPANY_A), count)
    b = rng.integers(0, len(COMPANY_B), count)
    suffix = rng.integers(0, len(COMPANY_SUFFIX), count)
    frame = pl.DataFrame({
        "company_idx": np.arange(count),
        "base": pl.select(pl.when(pl.Series(prefixed)).then(prefix + pl.Series(COMPANY_A).gather(
            a).str.to_lowercase()).otherwise(pl.Series(COMPANY_A).gather(a))).to_series()
        + " " + pl.Series(COMPANY_B).gather(b),
        "suffix": pl.Series(COMPANY_SUFFIX).gather(suffix),
        "industry": pl.Series(INDUSTRIES).gather(rng.integers(0, len(INDUSTRIES), count)),
        "employees": (10 ** rng.uniform(1.3, 4.3, count)).astype(np.int64),
        "competitor": pl.Series(COMPETITORS).gather(rng.integers(0, len(COMPETITORS), count)),
        "tld": pl.Series([".com", ".com", ".io", ".de", ".co.uk", ".com"]).gather(
            rng.integers(0, 6, count)),
    })
    # The n-th company sharing a base name gets a number, so names and domains stay unique.
    frame = frame.with_columns(nth=pl.col("base").cum_count().over("base"))
    nth = pl.col("nth")
    stem = _fold(pl.col("base"))
    return frame.with_columns(
        name=pl.when(nth > 1).then(pl.col("base") + " " + nth.cast(pl.String))
        .otherwise(pl.col("base")) + pl.col("suffix"),
        domain=pl.when(nth > 1).then(stem + nth.cast(pl.String)).otherwise(stem) + pl.col("tld"),
    ).drop("base", "suffix", "tld", "nth")


def make_people(rng: np.random.Generator, count: int, companies: pl.DataFrame,
                exclusive: np.ndarray) -> pl.DataFrame:
    """People at companies; `exclusive` people (opportunities, customers) get a company of
    their own, so a deal never spills onto unrelated leads that share the account or domain."""
    owned = int(exclusive.sum())
    company = np.where(exclusive, 0, rng.integers(owned, len(companies), count))
    company[exclusive] = rng.permutation(owned)
    first_idx = rng.integers(0, len(FIRST_NAMES), count)
    last_idx = rng.integers(0, len(LAST_NAMES), count)
    frame = pl.DataFrame({
        "pid": np.arange(count),
        "first": pl.Series(FIRST_NAMES).gather(first_idx),
        "last": pl.Series(LAST_NAMES).gather(last_idx),
        # ASCII spellings for addresses, folded once per name in the bank, not per person.
        "first_ascii": pl.select(_fold(pl.Series(FIRST_NAMES))).to_series().gather(first_idx),
        "last_ascii": pl.select(_fold(pl.Series(LAST_NAMES))).to_series().gather(last_idx),
        "title": pl.Series(TITLES).gather(rng.integers(0, len(TITLES), count)),
        "company_idx": company,
        "email_style": rng.choice(4, count, p=[0.55, 0.25, 0.12, 0.08]),
        "free_mail": pl.Series(FREE_MAIL).gather(rng.integers(0, len(FREE_MAIL), count)),
        "is_free": rng.random(count) < 0.05,
        "owner": rng.choice(SALES_USERS, count, p=OWNER_WEIGHTS),
        "phone": pl.Series(rng.integers(2_000_000_000, 9_999_999_999, count)).cast(pl.String),
    }).join(companies.select("company_idx", pl.col("name").alias("company"), "domain",
                             "industry", "competitor", "employees"), on="company_idx", how="left",
                             maintain_order="left")
    first, last = pl.col("first_ascii"), pl.col("last_ascii")
    # Personal addresses look like dana.mueller84@gmail.com; work ones follow a company format.
    local = (pl.when(pl.col("is_free")).then(first + "." + last
                                             + (pl.col("pid") % 89 + 10).cast(pl.String))
             .when(pl.col("email_style") == 0).then(first + "." + last)
             .when(pl.col("email_style") == 1).then(first.str.slice(0, 1) + last)
             .when(pl.col("email_style") == 2).then(first)
             .otherwise(first + "_" + last))
    domain = pl.when(pl.col("is_free")).then(pl.col("free_mail")).otherwise(pl.col("domain"))
    frame = frame.with_columns(local=local, maildomain=domain)
    # Two people with the same address would be one person: later ones get a number.
    taken = ~(pl.col("local") + "@" + pl.col("maildomain")).is_first_distinct()
    frame = frame.with_columns(
        email=pl.when(taken).then(pl.col("local") + pl.col("pid").cast(pl.String))
        .otherwise(pl.col("local")) + "@" + pl.col("maildomain"),
        # The address a converted Contact may carry instead: the work address of a personal
        # email, or another company format (dana.mueller@ <-> dmueller@).
        alt_email=pl.when(pl.col("is_free") | (pl.col("email_style") != 0))
        .then(first + "." + last).otherwise(first.str.slice(0, 1) + last + "1")
        + "@" + pl.col("domain"),
        phone="+1 " + pl.col("phone").str.slice(0, 3) + "-" + pl.col("phone").str.slice(3, 3)
        + "-" + pl.col("phone").str.slice(6, 4),
    )
    return frame.drop("local", "maildomain", "free_mail", "email_style", "first_ascii",
                      "last_ascii")


CAMPAIGNS = pl.DataFrame({
    "name": ["Webinar: Pipeline Attribution That Finance Trusts",
             "Webinar: Forecasting on Snowflake", "Ebook: 2025 Revenue Analytics Benchmark",
             "Ebook: The RevOps Data Model", "Demo Request - Website",
             "Snowflake Summit 2025 Booth", "SaaStr Europa 2025", "Purchased List - ZoomInfo Q1",
             "Newsletter - Monthly", "Nurture - Post-Sales Recycle",
             "Webinar: Warehouse-Native Attribution", "Contact Us - Website"],
    "type": ["Webinar", "Webinar", "Content", "Content", "Website", "Trade Show", "Trade Show",
             "Purchased List", "Email", "Email", "Webinar", "Website"],
    "lead_source": ["Webinar", "Webinar", "Content Download", "Content Download", "Web",
                    "Event", "Event", "Purchased List", "Web", "Web", "Webinar", "Web"],
    "start_day": [20, 62, 5, 90, 0, 150, 132, 30, 0, 0, 118, 0],
})
ACQUISITION_CAMPAIGNS = np.array([0, 1, 2, 3, 4, 5, 6, 7, 10, 11])
ACQUISITION_WEIGHTS = np.array([0.12, 0.1, 0.16, 0.1, 0.14, 0.06, 0.05, 0.12, 0.08, 0.07])


def make_world(rng: np.random.Generator, leads: int, exclusive: np.ndarray) -> World:
    owned = int(exclusive.sum())
    companies = make_companies(rng, owned + max(3, (leads - owned) // 3))
    people = make_people(rng, leads, companies, exclusive)
    return World(companies=companies, people=people, campaigns=CAMPAIGNS)
