"""The previous build's pages, reused when nothing they show has changed.

A rebuild after one edit would otherwise make the view of every page (and
hash it) to find the dozen that changed. When the site's structure is as
before (``site/revisions.structure_key``), the same recipes come in the same
order, so the page at each position is the page built there last time; if it
declared the news items it shows and none of them changed, it is taken as it
was: its HTML is still in the page cache under its old key.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Sequence

from ..cachefile import read_stamped, write_stamped
from .html import WrittenPage

_VERSION = 4


def reusable(state_file: Path, structure: str, revisions: dict[str, tuple],
             count: int) -> list[WrittenPage | None]:
    """For each of ``count`` recipes, the page of the previous build to reuse, or None."""
    stored = read_stamped(state_file, (_VERSION, structure), marshal.loads)
    if stored is None or len(stored[1]) != count:  # none, or another structure: build all
        return [None] * count
    old_revisions, rows = stored
    changed = {url for url, revision in revisions.items() if old_revisions.get(url) != revision}
    pages = [WrittenPage._make(row) for row in rows]
    return [page if page.deps is not None and all(url in revisions for url in page.deps)
            and changed.isdisjoint(page.deps) else None for page in pages]


def remember(state_file: Path, structure: str, revisions: dict[str, tuple],
             pages: Sequence[WrittenPage]) -> None:
    """Keep what the next build needs to decide which pages it may reuse."""
    write_stamped(state_file, (_VERSION, structure),
                  (revisions, [tuple(page) for page in pages]), marshal.dumps)
