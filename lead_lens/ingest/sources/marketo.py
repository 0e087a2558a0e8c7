"""marketo kinds (being written)."""
