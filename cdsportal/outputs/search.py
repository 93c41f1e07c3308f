"""The search index, built by Pagefind from the written pages, in shards.

Pagefind splits an index by ``<html lang>`` and ignores tone marks, but not
the stroke of "đ": the search page (``theme/assets/javascripts/cds-search.js``)
also tries each "d" of the query as "đ", so "duong" finds "đường" while the
index and its excerpts keep the real text.

Pagefind indexes a whole site at once, and its time and memory grow with the
archive. The archive is therefore indexed in shards of whole years, newest
year alone: an edit re-indexes one shard, and a shard whose pages did not
change is reused from the cache. The search page merges the shards.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Iterable

from ..site.urls import output_path
from .files import place
from .html import WrittenPage

BUNDLE = "pagefind"  # /pagefind/ is the newest shard, /pagefind-<year>/ older ones


@dataclass(frozen=True)
class Shard:
    """A group of whole years indexed together (year 0 holds the plain pages)."""

    name: str
    years: frozenset[int]

    @property
    def url(self) -> str:
        return f"/{self.name}/"


def plan_shards(pages_per_year: dict[int, int], max_pages: int) -> list[Shard]:
    """One shard for a small site; else the newest year (with the plain pages)
    alone, then older years grouped up to ``max_pages`` pages."""
    years = sorted((y for y in pages_per_year if y), reverse=True)
    if not years or sum(pages_per_year.values()) <= max_pages:
        return [Shard(BUNDLE, frozenset(pages_per_year) | {0})]
    shards = [Shard(BUNDLE, frozenset({0, years[0]}))]
    group: list[int] = []
    count = 0
    for year in years[1:]:
        if group and count + pages_per_year[year] > max_pages:
            shards.append(Shard(f"{BUNDLE}-{group[-1]}", frozenset(group)))
            group, count = [], 0
        group.append(year)
        count += pages_per_year[year]
    if group:
        shards.append(Shard(f"{BUNDLE}-{group[-1]}", frozenset(group)))
    return shards


def index(site_dir: Path, pages: Iterable[WrittenPage], shards: list[Shard], cache_dir: Path,
          progress=None) -> int:
    """Write every shard's Pagefind bundle into ``site_dir``; returns shards re-indexed."""
    by_year: dict[int, list[WrittenPage]] = {}
    for page in pages:
        if page.search_year is not None:
            by_year.setdefault(page.search_year, []).append(page)
    salt = version("pagefind")
    rebuilt = 0
    keep = set()
    for shard in shards:
        members = sorted((p for y in shard.years for p in by_year.get(y, ())), key=lambda p: p.url)
        digest = hashlib.sha1("\n".join([salt, shard.name] + [p.key for p in members])
                              .encode()).hexdigest()
        cached = cache_dir / digest
        keep.add(digest)
        if not cached.is_dir():
            _run_pagefind(site_dir, [output_path(p.url) for p in members], cached)
            rebuilt += 1
        _copy_tree(cached, site_dir / shard.name)
        if progress:
            progress(f"tìm kiếm/search {shard.name}: {len(members)}")
    for stale in cache_dir.iterdir():
        if stale.name not in keep:
            shutil.rmtree(stale, ignore_errors=True)
    return rebuilt


def _run_pagefind(site_dir: Path, files: list[str], output: Path) -> None:
    """Index ``files`` (paths below ``site_dir``) into the bundle folder ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent) as scratch:
        source = Path(scratch) / "site"
        for relative in files:  # a view of the shard's pages, by hard links
            target = source / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(site_dir / relative, target)
        bundle = Path(scratch) / "bundle"
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(source),
                                 "--output-path", str(bundle), "--silent"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
        _sort_entry(bundle / "pagefind-entry.json")
        for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                       "pagefind-modular-ui.css", "pagefind-component-ui.js",
                       "pagefind-component-ui.css", "pagefind-highlight.js"):
            (bundle / unused).unlink(missing_ok=True)
        os.replace(bundle, output)


def _sort_entry(path: Path) -> None:
    """Pagefind lists languages in hash-map order; sort them so builds are identical."""
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _copy_tree(source: Path, target: Path) -> None:
    """Hard-link the files of ``source`` into ``target``."""
    shutil.copytree(source, target, copy_function=place)
