"""web kinds (being written)."""
