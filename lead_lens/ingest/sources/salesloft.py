"""salesloft kinds (being written)."""
