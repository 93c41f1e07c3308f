"""Render the Markdown body of every published entry, in parallel, with a cache.

A cached body is reused when its source file is unchanged (size and time; the
text itself for bulletins, which have no parse cache), every page it links to
still has the same URL and every file it uses still exists.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .cachefile import DeltaStore, TextBlob, code_digest
from .diagnostics import ContentError, Problems
from .parallel import map_ranges
from .readers.frontmatter import parse_document
from .readers.markdown import render_markdown
from .site import urls
from .site.graph import SiteGraph

_CACHE_VERSION = 7


class Body:
    """Rendered HTML of one entry and what it depends on.

    A body from the cache reads its HTML from the cache's text file when first
    asked for it: a rebuild after one edit shows a handful of the 15,000.
    """

    __slots__ = ("_html", "_where", "media", "links", "problems")

    def __init__(self, html: str | None, media: tuple[Path, ...],
                 links: tuple[tuple[str, str], ...], problems: tuple[tuple[str, str, int], ...],
                 where: tuple[TextBlob, int, int] | None = None):
        self._html, self._where = html, where
        self.media = media          # local files it shows
        self.links = links          # (linked source file, its URL when rendered)
        self.problems = problems    # (field, expected, line within the body)

    @property
    def html(self) -> str:
        if self._html is None:
            blob, offset, length = self._where
            self._html = blob.read(offset, length)
        return self._html


class BodyCache:
    """Bodies of earlier builds by digest: their facts in a ``DeltaStore``
    (``<base>.index``), their HTML in a ``TextBlob`` (``<base>.<n>.text``),
    rewritten as ``<base>.<n+1>.text`` when mostly made of replaced bodies."""

    _BLOB = "\0blob"  # the index's key for the name of the text file

    def __init__(self, base: Path | None):
        self.base = base
        self.store = DeltaStore(base.with_name(base.name + ".index") if base else None,
                                (_CACHE_VERSION, code_digest()))
        entries = self.store.load()
        name = entries.pop(self._BLOB, None)
        if base is None or not name or not (base.parent / name).is_file():
            entries, name = {}, f"{base.name if base else 'bodies'}.0.text"
        self.entries: dict[str, tuple] = entries  # digest → (offset, length, media, links, problems)
        self.blob = TextBlob(base.parent / name) if base else None
        for stale in base.parent.glob(f"{base.name}.*.text") if base else ():
            if stale.name != name:  # left by a rewrite: nothing points into it any more
                stale.unlink(missing_ok=True)

    def get(self, digest: str) -> Body | None:
        entry = self.entries.get(digest)
        if entry is None:
            return None
        offset, length, media, links, problems = entry
        return Body(None, media, links, problems, (self.blob, offset, length))

    def save(self, bodies: dict[str, Body]) -> None:
        """Keep ``bodies`` (by digest): the new ones' HTML appended to the text file."""
        if self.base is None:
            return
        data = {digest: self.entries[digest] for digest, body in bodies.items()
                if body._where is not None}
        fresh = [(digest, body) for digest, body in bodies.items() if body._where is None]
        live = sum(entry[1] for entry in data.values()) + sum(len(b.html) for _, b in fresh)
        if self.blob.size() > 2 * live + 4_000_000:  # mostly replaced bodies: rewrite
            number = int(self.blob.path.name.rsplit(".", 2)[1]) + 1
            self.blob = TextBlob(self.base.parent / f"{self.base.name}.{number}.text")
            data, fresh = {}, list(bodies.items())
        spans = self.blob.append([body.html for _, body in fresh])
        for (digest, body), (offset, length) in zip(fresh, spans):
            data[digest] = (offset, length, body.media, body.links, body.problems)
        data[self._BLOB] = self.blob.path.name
        self.store.save(data, background=True)


def render_bodies(graph: SiteGraph, problems: Problems, cache_file: Path | None = None,
                  progress=None, revisions: dict[str, tuple] | None = None) -> dict[int, Body]:
    """``id(entry) → Body`` for every published news item, page and programme.

    A body is known by a digest of its source file's path and text; for a file
    in ``revisions`` (path → size and time, from the reader), of its path and
    size and time instead: hashing 40 MB of text on every build cost more than
    the rest of this stage.
    """
    revisions = revisions or {}
    entries = [e for lang in graph.config.languages
               for e in graph.news[lang] + graph.pages[lang] + graph.radio[lang]
               + graph.events[lang]]
    for issue in graph.bulletins:
        entries += [issue.editorial, *issue.articles]
    cache = BodyCache(cache_file)
    root = graph.config.content_dir
    todo, bodies, digests = [], {}, {}
    for index, entry in enumerate(entries):
        revision = revisions.get(entry.id.path)
        digest = hashlib.sha1((f"{entry.id.path}\0{revision[0]}" if revision else
                               f"{entry.id.path}\0\0{entry.body}").encode()).hexdigest()
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

            rendered = render_markdown(markdown_of(entry), entry.id.source, root, page_url_for,
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
    cache.save({digests[i]: bodies[i] for i in bodies})
    return result


def markdown_of(entry) -> str:
    """An entry's Markdown text, read again from its file when it came from the
    parse cache, which keeps none (the file is as it was: else it was parsed)."""
    if entry.body is not None:
        return entry.body
    problems = Problems(entry.id.source.parent)
    document = parse_document(entry.id.source, problems)
    if document is None:
        raise ContentError(problems)
    return document.body


def _still_valid(body: Body, graph: SiteGraph) -> bool:
    return (all(graph.by_source.get(path) == url for path, url in body.links)
            and all(path.is_file() for path in body.media))
