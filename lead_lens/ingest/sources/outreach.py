"""outreach kinds (being written)."""
