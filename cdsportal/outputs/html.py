"""Write every page view as HTML, in parallel, reusing unchanged pages.

A page is rendered again only when its context or the templates changed: the
rendered HTML is stored in a content-addressed cache and hard-linked into the
output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable, Sequence

from ..parallel import map_ranges
from ..site.urls import output_path
from ..site.views import PageView

Renderer = Callable[[PageView], str]


def fingerprint(view: PageView, salt: str) -> str:
    """A hash of everything a page's HTML depends on."""
    data = json.dumps([view.template, view.url, view.context], sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1((salt + data).encode()).hexdigest()


def write_pages(views: Sequence[PageView], render: Renderer, out_dir: Path,
                cache_dir: Path | None, salt: str, progress=None) -> dict[str, int]:
    """Write ``views`` under ``out_dir``; returns counts of pages rendered and reused."""
    prints = [fingerprint(v, salt) for v in views]
    for view in views:  # folders first, in this process, so workers never race
        (out_dir / output_path(view.url)).parent.mkdir(parents=True, exist_ok=True)

    def task(start: int, stop: int) -> tuple[int, int]:
        rendered = reused = 0
        for index in range(start, stop):
            target = out_dir / output_path(views[index].url)
            cached = cache_dir / prints[index][:2] / f"{prints[index]}.html" if cache_dir else None
            if cached is not None and cached.is_file():
                _link(cached, target)
                reused += 1
                continue
            html = render(views[index]).encode("utf-8")
            target.write_bytes(html)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(html)
                os.replace(tmp, cached)
            rendered += 1
        return rendered, reused

    results = map_ranges(task, len(views), min_parallel=300)
    counts = {"rendered": sum(r[0] for r in results), "reused": sum(r[1] for r in results)}
    if cache_dir is not None:
        _prune(cache_dir, set(prints))
    if progress:
        progress(f"trang/pages {len(views)} ({counts['rendered']} mới/new)")
    return counts


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _prune(cache_dir: Path, keep: set[str]) -> None:
    """Drop cached pages that no current page uses (keeps the cache bounded)."""
    for folder in cache_dir.iterdir() if cache_dir.is_dir() else ():
        for file in folder.iterdir():
            if file.stem not in keep:
                file.unlink(missing_ok=True)
