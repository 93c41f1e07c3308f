"""Write every page as HTML, in parallel, reusing unchanged pages.

Worker processes make each page's view from its recipe, hash it, and render it
only when its context or the templates changed: rendered HTML is stored in a
content-addressed cache and hard-linked into the output folder. A searchable
page's search record is stored beside its HTML, made by the same worker.
"""

from __future__ import annotations

import hashlib
import pickle
import os
from pathlib import Path
from typing import Callable, NamedTuple, Protocol, Sequence

from ..cachefile import cached_file, write_atomic
from ..parallel import map_ranges
from . import search
from .tree import OutputTree
from ..site.urls import SEARCH_INDEX_DIR, output_path
from ..site.views import PageView

class Renderer(Protocol):
    """What the engine adapter provides to turn data into HTML."""

    logo_file: Path  # the portal's logo (SVG), drawn on the banners

    def __call__(self, view: PageView) -> str:
        """A page's HTML from its view."""

    def template(self, name: str, context: dict) -> str:
        """Any template rendered with ``context``."""


class WrittenPage(NamedTuple):
    """What later outputs (sitemap, search) and the next build need to know of a
    written page (a tuple of plain values: stored with marshal, see reuse.py)."""

    url: str
    canonical: str
    indexed: bool
    alternates: tuple[tuple[str, str], ...]
    modified: str | None
    key: str                  # fingerprint of the page's inputs
    lang: str
    search_year: int | None   # the year of a searchable page (see PageView.search)
    search_digest: str | None # a hash of its record (``record_file``): pages around it may
                              # change, it may not
    deps: tuple[str, ...] | None  # see PageView.deps


def fingerprint(view: PageView, salt: str) -> str:
    """A hash of everything a page's HTML depends on.

    Contexts are plain data built in a fixed order, so their pickle is a
    faithful (and the fastest) serialisation: equal bytes mean equal pages.
    The interface strings (``t``, three quarters of the bytes) are left out:
    they follow from the page's language and the locale files, which are in
    ``salt``.
    """
    context = {key: value for key, value in view.context.items() if key != "t"}
    data = pickle.dumps((salt, view.template, view.url, context), protocol=5)
    return hashlib.sha1(data).hexdigest()


BATCH = 200  # pages made together, one step at a time (see write_pages)


def _written_page(view: PageView, key: str, search_digest: str | None) -> WrittenPage:
    context = view.context
    item = context.get("item") or {}
    return WrittenPage(
        view.url, context["canonical"], context.get("indexed", True),
        tuple((a["lang"], a["url"]) for a in context.get("alternates", ())),
        item.get("updated_iso") or item.get("date_iso"), key, context["lang"],
        view.search.year if view.search else None, search_digest, view.deps)


def write_pages(recipes: Sequence[Callable[[], PageView]], render: Renderer, tree: OutputTree,
                cache_dir: Path, texts_dir: Path, salt: str, progress=None,
                previous: Sequence[WrittenPage | None] | None = None,
                ) -> tuple[list[WrittenPage], dict]:
    """Make, render and write every page; returns the pages and counts.

    Rendered pages and search records go to ``cache_dir``, the texts of
    searchable pages to ``texts_dir`` (see ``search.write_records``).

    ``previous[i]``, when given, is the page recipe ``i`` made last time and may
    be reused without making its view (see outputs/reuse.py).
    """
    cache, texts = str(cache_dir), str(texts_dir)
    os.makedirs(texts, exist_ok=True)
    text_files = set(os.listdir(texts))
    cached_files: set[str] = set()  # listed once: a lookup here, not a file system call per page
    for prefix in range(256):  # the cache's folders, by the first two hex digits of a key
        folder = os.path.join(cache, f"{prefix:02x}")
        os.makedirs(folder, exist_ok=True)
        cached_files.update(os.listdir(folder))


    def put(cached: str, url: str, key: str) -> None:
        tree.place(cached, output_path(url), key)

    def record_digests(views: list[PageView], keys: list[str],
                       placed_texts: dict[str, str]) -> list[str | None]:
        """The digests of searchable pages' search records, written if new; the
        texts of new records are put in the site (``placed_texts``: path → token)."""
        def place_text(source: str, lang: str, name: str) -> None:
            path = f"{SEARCH_INDEX_DIR}/{lang}/{name}"
            if path not in placed_texts:
                tree.place(source, path, name)
                placed_texts[path] = name

        digests: list[str | None] = [None] * len(views)
        new = []
        for number, (view, key) in enumerate(zip(views, keys)):
            if view.search is not None:
                record = cached_file(cache, key, search.RECORD_SUFFIX)
                if f"{key}{search.RECORD_SUFFIX}" in cached_files:
                    digests[number] = search.record_digest(record)
                else:
                    new.append((number, view, record))
        made = search.write_records([(view, record) for _, view, record in new], texts,
                                    text_files, place_text)
        for (number, _, _), digest in zip(new, made):
            digests[number] = digest
        return digests

    def task(start: int, stop: int) -> tuple[list[WrittenPage], int, int, list[tuple[str, str]]]:
        written: list[WrittenPage | None] = []
        todo, rendered, reused = [], 0, 0
        placed_texts: dict[str, str] = {}
        for index in range(start, stop):
            page = previous[index] if previous else None
            if page is not None:
                try:  # a cached page's search record is always there (written first)
                    put(cached_file(cache, page.key, ".html"), page.url, page.key)
                    written.append(page)
                    reused += 1
                    continue
                except FileNotFoundError:  # the cache was cleared: make the page again
                    pass
            written.append(None)
            todo.append(index)
        # A batch of pages is made a step at a time (views, their keys, search
        # records, then HTML): taking turns page after page between the views,
        # pickle, the folding of words and the template engine was 25 % slower.
        for first in range(0, len(todo), BATCH):
            batch = todo[first:first + BATCH]
            views = [recipes[index]() for index in batch]
            keys = [fingerprint(view, salt) for view in views]
            # records before HTML: a page's HTML in the cache ⇒ its record is there
            digests = record_digests(views, keys, placed_texts)
            htmls = [None if f"{key}.html" in cached_files else render(view).encode("utf-8")
                     for view, key in zip(views, keys)]
            for index, view, key, digest, html in zip(batch, views, keys, digests, htmls):
                cached = cached_file(cache, key, ".html")
                if html is not None:
                    write_atomic(cached, html)
                    rendered += 1
                put(cached, view.url, key)
                written[index - start] = _written_page(view, key, digest)
        return written, rendered, reused, list(placed_texts.items())

    to_make = len(recipes) if previous is None else sum(page is None for page in previous)
    # workers pay off for hundreds of pages to make, not for thousands to take as they were
    results = (map_ranges(task, len(recipes)) if to_make >= 300 else [task(0, len(recipes))])
    pages = [page for chunk, *_ in results for page in chunk]
    tree.record((output_path(page.url), page.key) for page in pages)
    tree.record((placed for *_, texts_placed in results for placed in texts_placed), same_ok=True)
    counts = {"rendered": sum(r[1] for r in results), "reused": sum(r[2] for r in results),
              "pages": len(pages)}
    keep = {f"{page.key}{suffix}" for page in pages for suffix in (".html", search.RECORD_SUFFIX)}
    for name in cached_files - keep:  # pages no current page uses: the cache stays bounded
        try:
            os.unlink(os.path.join(cache, name[:2], name))
        except FileNotFoundError:
            pass
    if progress:
        progress(f"trang/pages {len(pages)} ({counts['rendered']} mới/new)")
    return pages, counts

