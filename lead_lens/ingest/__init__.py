"""Importing export files into the store."""
