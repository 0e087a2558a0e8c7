"""gong kinds (being written)."""
