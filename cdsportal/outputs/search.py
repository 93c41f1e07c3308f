"""The search index, built by Pagefind from the written pages.

Pagefind splits the index by ``<html lang>`` and ignores tone marks; pages
carry a hidden copy of their đ-words spelled with d so that "duong" finds
"đường" (see ``text.fold_d_words``).
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
