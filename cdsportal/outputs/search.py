"""The search index, built by Pagefind from the written pages.

Pagefind splits the index by ``<html lang>`` and ignores tone marks, but not
the stroke of "đ": the search page (``theme/assets/javascripts/cds-search.js``)
also tries each "d" of the query as "đ", so "duong" finds "đường" while the
index and its excerpts keep the real text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index(site_dir: Path, progress=None) -> None:
    """Run Pagefind over ``site_dir``; raise RuntimeError with its output on failure."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir),
                             "--silent"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
    if progress:
        progress("tìm kiếm/search index")
