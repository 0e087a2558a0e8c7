"""Errors a user can act on. Each carries a message meant to be shown as is."""

from __future__ import annotations


class LeadLensError(Exception):
    """Base class: the message names what went wrong and, where it can, what to do."""

    title = "lead-lens error"


class StoreError(LeadLensError):
    title = "Store error"


class IngestError(LeadLensError):
    title = "Import error"


class UnknownKindError(IngestError):
    """A file whose kind could not be detected; the message lists the closest kinds."""

    title = "Unknown file kind"


class SettingsError(LeadLensError):
    title = "Settings error"
