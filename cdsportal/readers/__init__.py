"""Readers: turn files into plain data (front matter with line numbers, Markdown HTML)."""
