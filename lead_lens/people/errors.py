"""Errors of the people core that a user can act on."""

from __future__ import annotations

from lead_lens.errors import LeadLensError


class PeopleError(LeadLensError):
    title = "People error"
