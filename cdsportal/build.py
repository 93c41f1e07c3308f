"""The build pipeline, independent of the site engine.

``prepare`` reads and validates everything and raises :class:`ContentError`
with every problem; ``write_site`` writes the pages (through a renderer given
by the engine adapter), media, sitemap and search index into a folder.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Callable

from .bodies import Body, render_bodies
from .cachefile import finish_writing
from .config import PortalConfig
from .diagnostics import ContentError, Problems
from .outputs import reuse, search, sitemap
from .outputs.banners import banner_folder, draw_banners, style_from_options, write_banners
from .outputs.calendar import write_calendar
from .outputs.feeds import FeedWriter
from .outputs.html import Renderer, write_pages
from .outputs.images import responsive
from .outputs.pdf import write_pdfs
from .outputs.tree import OutputTree
from .parallel import in_background
from .readers.content import Content, read_content
from .site.graph import SiteGraph, build_graph
from .site import revisions, urls
from .site.views import ViewBuilder
from .text import TIMEZONE


@dataclass
class Prepared:
    """Validated content and everything derived from it, ready to write."""

    config: PortalConfig
    content: Content
    graph: SiteGraph
    bodies: dict[int, Body]
    problems: Problems
    timer: "Timer"
    banners_drawn: Callable[[], None] = lambda: None  # waits for the banners drawn meanwhile


def cache_dir_for(root: Path) -> Path:
    """The build cache: ``CDSPORTAL_CACHE_DIR`` or ``<project>/.cache/cdsportal``."""
    override = os.environ.get("CDSPORTAL_CACHE_DIR")
    return Path(override) if override else root / ".cache" / "cdsportal"


def build_time(now: datetime | None = None) -> datetime:
    """The moment that decides which dated items are published (``now``, +07:00)."""
    return (now or datetime.now(TIMEZONE)).astimezone(TIMEZONE)


class Timer:
    """Seconds spent per stage, for the build summary and the benchmarks."""

    def __init__(self):
        self.stages: dict[str, float] = {}
        self._last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self._last
        self._last = now


def prepare(config: PortalConfig, problems: Problems, *, cache_dir: Path | None = None,
            now: datetime | None = None, progress=None, logo: Path | None = None) -> Prepared:
    """Read, validate and link all content; raise ContentError if anything is wrong.

    Given the theme's ``logo``, the banners (they depend on the settings only)
    are drawn meanwhile in another process: reading leaves a processor free.
    """
    timer = Timer()
    banners_drawn = lambda: None  # noqa: E731
    if logo is not None and cache_dir is not None:
        style = banner_style(config)
        if not banner_folder(style, logo, cache_dir / "banners").is_dir():
            banners_drawn = in_background(partial(draw_banners, style, logo,
                                                  cache_dir / "banners"))
    content = read_content(config, problems, cache_dir / "sources.pickle" if cache_dir else None,
                           progress)
    timer.lap("read")
    graph = build_graph(content, config, problems, build_time(now))
    timer.lap("graph")
    bodies = render_bodies(graph, problems, cache_dir / "bodies" if cache_dir else None,
                           progress, content.revisions)
    timer.lap("bodies")
    if problems.errors:
        raise ContentError(problems)
    return Prepared(config, content, graph, bodies, problems, timer, banners_drawn)


def banner_style(config: PortalConfig):
    """The banners' style from the settings."""
    return style_from_options(config.banner, config.site_name, config.site_description)


def write_site(prepared: Prepared, render: Renderer, tree: OutputTree, *, cache_dir: Path,
               salt: str, search_index: bool = True, progress=None) -> dict:
    """Write pages, media, feeds, sitemap and search index into ``tree``; return counts.

    ``counts["manifest"]`` lists every file written, with its token (see outputs/tree.py).
    """
    timer = prepared.timer
    tree.touched = True
    timer.lap("engine")  # what the site engine did between reading and writing
    pdf_sizes = write_pdfs(prepared.graph, prepared.bodies, render.template, tree,
                           cache_dir / "pdf", salt)
    timer.lap("pdf")
    config = prepared.config
    prepared.banners_drawn()
    banners = write_banners(banner_style(config), render.logo_file, tree, cache_dir / "banners")
    timer.lap("banners")
    pictures = responsive(picture_paths(prepared), lambda p: urls.media(config, p), tree,
                          cache_dir / "pictures")
    timer.lap("pictures")
    recipes = ViewBuilder(prepared.graph, prepared.bodies, pdf_sizes, banners, pictures).recipes()
    timer.lap("views")
    # The feeds are written meanwhile in another process; so are the search shards
    # that an edit changed, while this one puts the others in place.
    feeds_written = in_background(partial(write_feeds, prepared, tree.branch(), pdf_sizes))
    pages, counts, remember = _write_pages_reusing(prepared, recipes, render, tree, cache_dir,
                                                   salt, progress)
    timer.lap("pages")
    if search_index:
        shards = search.plan_shards(searchable_pages_per_year(prepared),
                                    prepared.config.search_shard_pages)
        plan = search.plan_index(pages, shards, cache_dir / "search", cache_dir / "html")
        shards_built = (in_background(partial(build_search_shards, plan)) if plan.jobs
                        else lambda: (0, 0.0))
        index = search.IndexWriter(tree, plan, cache_dir / "search", cache_dir / "search-texts")
        building = {folder for folder, _ in plan.jobs}
        counts["search_shards"] = len(shards)
    remember()
    counts["media"] = copy_media(prepared, tree)
    sitemap.write(pages, prepared.config, tree)
    if search_index:
        index.place(folder for found in plan.parts.values() for _, folder in found
                    if folder not in building)
    timer.lap("media+sitemap")
    feed_counts, written, timer.stages["feeds"] = feeds_written()
    counts.update(feed_counts)
    tree.record(written)
    if search_index:
        counts["search_rebuilt"], timer.stages["search"] = shards_built()
        index.place(building)
        index.finish(progress)
    finish_writing()
    timer.lap("waiting")
    counts["manifest"] = tree.finish()
    counts["timings"] = {k: round(v, 3) for k, v in timer.stages.items()}
    counts["per_language"] = {lang: len(prepared.graph.news[lang])
                              for lang in prepared.config.languages}
    return counts


def write_feeds(prepared: Prepared, tree: OutputTree, pdf_sizes: dict[int, int]
                ) -> tuple[dict[str, int], list[tuple[str, str]], float]:
    """Write the feeds and the calendar into ``tree`` (a branch: this runs in another
    process); returns their counts, the files written and the processor seconds
    taken (not wall time: the page workers share the processors meanwhile)."""
    started = time.process_time()
    counts = {"feeds": FeedWriter(prepared.graph, prepared.bodies, tree, pdf_sizes).write_all()}
    if any(prepared.graph.events.values()) or prepared.graph.plans:
        counts["calendar"] = write_calendar(prepared.graph, tree)
    return counts, list(tree.tokens.items()), time.process_time() - started


def build_search_shards(plan: search.IndexPlan) -> tuple[int, float]:
    """Build the search shards the plan lacks (in another process); returns how many
    and the seconds taken."""
    started = time.monotonic()
    return search.build_shards(plan), time.monotonic() - started


def _write_pages_reusing(prepared: Prepared, recipes, render: Renderer, tree: OutputTree,
                         cache_dir: Path, salt: str, progress
                         ) -> tuple[list, dict, Callable[[], None]]:
    """Write every page, reusing the previous build's pages that nothing changed
    (see outputs/reuse.py); returns the pages, counts and what stores the state
    the next build needs for that."""
    state = cache_dir / "pages.marshal"
    structure = revisions.structure_key(prepared.graph, salt)
    news_revisions = revisions.news_revisions(prepared.graph, prepared.content.revisions,
                                              lambda item: prepared.bodies[id(item)].media)
    previous = reuse.reusable(state, structure, news_revisions, len(recipes))
    pages, counts = write_pages(recipes, render, tree, cache_dir / "html",
                                cache_dir / "search-texts", salt, progress, previous)
    return pages, counts, partial(reuse.remember, state, structure, news_revisions, pages)


def picture_paths(prepared: Prepared) -> list[Path]:
    """Photos shown in listings, on pages and in bodies (they get smaller copies for phones)."""
    graph = prepared.graph
    paths = [e.image for lang in graph.config.languages
             for e in graph.news[lang] + graph.radio[lang] if e.image]
    paths += [path for body in prepared.bodies.values() for path in body.media]
    return paths + [path for issue in graph.bulletins
                    for path in (issue.cover, *(a.image for a in issue.articles)) if path]


def searchable_pages_per_year(prepared: Prepared) -> dict[int, int]:
    """How many searchable pages each year has (year 0: the plain pages)."""
    graph = prepared.graph
    counts: dict[int, int] = {0: sum(len(p) for p in graph.pages.values())}
    dated = [e for lang in graph.config.languages for e in graph.news[lang] + graph.radio[lang]]
    for entry in dated:
        counts[entry.date.year] = counts.get(entry.date.year, 0) + 1
    for issue in graph.bulletins:
        counts[issue.year] = counts.get(issue.year, 0) + 1 + len(issue.articles)
    for event in (e for lang in graph.config.languages for e in graph.events[lang]):
        counts[event.start.year] = counts.get(event.start.year, 0) + 1
    return counts


def copy_media(prepared: Prepared, tree: OutputTree) -> int:
    """Copy every image, video and audio file that published entries use."""
    graph = prepared.graph
    files: set[Path] = set()
    for items in graph.news.values():
        for item in items:
            files.update(p for p in (item.image, item.video) if p is not None)
    for programmes in graph.radio.values():
        for programme in programmes:
            files.update(p for p in (programme.audio, programme.image) if p is not None)
    for issue in graph.bulletins:
        files.add(issue.cover)
        files.update(a.image for a in issue.articles if a.image is not None)
    for body in prepared.bodies.values():
        files.update(body.media)
    if prepared.config.podcast.get("image"):
        files.add(prepared.config.content_dir / prepared.config.podcast["image"].lstrip("/"))
    placed = []
    for path in sorted(files):
        stat = path.stat()
        placed.append((path, urls.media(prepared.config, path).lstrip("/"),
                       f"{path}:{stat.st_size}:{stat.st_mtime_ns}"))
    tree.place_all(placed, same_ok=True)  # one file may serve several entries
    return len(files)
