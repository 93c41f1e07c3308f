"""Outputs: each a function of the site graph and views (none re-reads sources)."""
