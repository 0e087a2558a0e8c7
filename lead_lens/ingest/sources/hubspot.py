"""hubspot kinds (being written)."""
