"""Render the Markdown body of every published entry, in parallel, with a cache.

A cached body is reused when its source text is unchanged, every page it links
to still has the same URL and every file it uses still exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .cachefile import DeltaStore
from .diagnostics import Problems
from .parallel import map_ranges
from .readers.markdown import render_markdown
from .site import urls
from .site.graph import SiteGraph

_CACHE_VERSION = 5


@dataclass(frozen=True)
class Body:
    """Rendered HTML of one entry and what it depends on."""

    html: str
    media: tuple[Path, ...]
    links: tuple[tuple[str, str], ...]   # (linked source file, its URL when rendered)
    problems: tuple[tuple[str, str, int], ...]   # (field, expected, line within the body)


def render_bodies(graph: SiteGraph, problems: Problems, cache_file: Path | None = None,
                  progress=None) -> dict[int, Body]:
    """``id(entry) → Body`` for every published news item, page and programme."""
    entries = [e for lang in graph.config.languages
               for e in graph.news[lang] + graph.pages[lang] + graph.radio[lang]
               + graph.events[lang]]
    for issue in graph.bulletins:
        entries += [issue.editorial, *issue.articles]
    store = DeltaStore(cache_file, _CACHE_VERSION)
    cache = store.load()
    root = graph.config.content_dir
    todo, bodies, digests = [], {}, {}
    for index, entry in enumerate(entries):
        digest = hashlib.sha1(f"{entry.id.path}\0{entry.body}".encode()).hexdigest()
        digests[index] = digest
        cached = cache.get(digest)
        if cached is not None and _still_valid(cached, graph):
            bodies[index] = cached
        else:
            todo.append(index)

    def task(start: int, stop: int) -> list[tuple[int, Body]]:
        out = []
        for index in todo[start:stop]:
            entry = entries[index]
            links: list[tuple[str, str]] = []

            def page_url_for(path: Path, _links=links) -> str | None:
                source = str(path.resolve())
                url = graph.by_source.get(source)
                if url is not None:
                    _links.append((source, url))
                return url

            rendered = render_markdown(entry.body, entry.id.source, root, page_url_for,
                                       lambda p: urls.media(graph.config, p))
            out.append((index, Body(rendered.html, tuple(rendered.media), tuple(links),
                                    tuple(rendered.problems))))
        return out

    for chunk in map_ranges(task, len(todo)):
        bodies.update(chunk)
    if progress:
        progress(f"nội dung/bodies {len(entries)} ({len(todo)} mới/new)")
    result = {}
    for index, entry in enumerate(entries):
        body = bodies[index]
        for field_name, expected, offset in body.problems:
            problems.add(entry.id.source, entry.body_line + offset, field_name, expected)
        result[id(entry)] = body
    store.save({digests[i]: bodies[i] for i in bodies}, background=True)
    return result


def _still_valid(body: Body, graph: SiteGraph) -> bool:
    return (all(graph.by_source.get(path) == url for path, url in body.links)
            and all(path.is_file() for path in body.media))
