"""The site graph: every URL, translation pair and listing, built once per build."""
