"""One module per source system; importing this package registers every kind."""

from lead_lens.ingest.sources import (  # noqa: F401  (imported to register their kinds)
    gong,
    hubspot,
    marketo,
    outreach,
    salesforce,
    salesloft,
    web,
)
