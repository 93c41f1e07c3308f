"""Render the Markdown body of every published entry, in parallel, with a cache.

A cached body is reused when its source file is unchanged (size and time; the
text itself for bulletins, which have no parse cache), every page it links to
still has the same URL and every file it uses still exists.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from .cachefile import DeltaStore, TextBlob, code_digest, file_stamp
from .diagnostics import ContentError, Problems
from .parallel import map_ranges
from .readers.frontmatter import read_body
from .readers.markdown import render_markdown
from .site import urls
from .site.graph import SiteGraph

_CACHE_VERSION = 9


class Body:
    """Rendered HTML of one entry and what it depends on.

    A body from the cache reads its HTML from the cache's text file when first
    asked for it: a rebuild after one edit shows a handful of the 15,000.
    """

    __slots__ = ("_html", "_where", "media", "media_stamp", "links", "problems")

    def __init__(self, html: str | None, media: tuple[Path, ...],
                 links: tuple[tuple[str, str], ...], problems: tuple[tuple[str, str, int], ...],
                 where: tuple[TextBlob, int, int] | None = None, media_stamp: tuple = ()):
        self._html, self._where = html, where
        self.media = media          # local files it shows
        self.media_stamp = media_stamp  # their size and time when it was rendered and checked
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
    (``<base>.index``), their HTML in text files (``<base>.<name>.text``), one
    per batch of bodies rendered: each worker writes its own, so the HTML does
    not travel back to the main process (44 MB at 10,000 items). When the files
    are many or mostly hold replaced bodies, the live ones are copied into one."""

    MAX_FILES = 64  # text files before the live bodies are copied into one

    def __init__(self, base: Path | None):
        self.base = base
        self.store = DeltaStore(base.with_name(base.name + ".index") if base else None,
                                (_CACHE_VERSION, code_digest()))
        # digest → (text file, offset, length, media, links, problems)
        self.entries: dict[str, tuple] = self.store.load()
        self._blobs: dict[str, TextBlob] = {}
        self._served: dict[str, Body] = {}  # what ``get`` gave, by digest
        # names this build's text files start with (the workers' differ by their batch)
        self._prefix = f"{base.name if base else 'bodies'}.{secrets.token_hex(4)}"
        if base is None:
            return
        present = {path.name for path in base.parent.glob(f"{base.name}.*.text")}
        used = {entry[0] for entry in self.entries.values()}
        if used - present:  # a text file is gone: nothing in the index can be trusted
            self.entries, used = {}, set()
        for stale in present - used:  # replaced bodies only, or copied into another file
            (base.parent / stale).unlink(missing_ok=True)

    def blob(self, name: str) -> TextBlob:
        found = self._blobs.get(name)
        if found is None:
            found = self._blobs[name] = TextBlob(self.base.parent / name)
        return found

    def get(self, digest: str) -> Body | None:
        entry = self.entries.get(digest)
        if entry is None:
            return None
        name, offset, length, media, media_stamp, links, problems = entry
        body = self._served[digest] = Body(None, media, links, problems,
                                           (self.blob(name), offset, length), media_stamp)
        return body

    def write(self, batch: int | str, htmls: list[str]) -> list[tuple[TextBlob, int, int] | None]:
        """Write bodies rendered in one batch (numbered ``batch``) to a text file of
        their own; returns where each one is (None for all without a cache)."""
        if self.base is None:
            return [None] * len(htmls)
        blob = self.blob(f"{self._prefix}-{batch}.text")
        return [(blob, offset, length) for offset, length in blob.append(htmls)]

    def save(self, bodies: dict[str, Body]) -> None:
        """Keep ``bodies`` (by digest), all in the cache's text files."""
        if self.base is None:
            return
        # a body taken from the cache keeps its entry, the same object: the store then
        # writes the few changes only (``DeltaStore``)
        data = {digest: self.entries[digest] if self._served.get(digest) is body
                else _entry(body, body._where) for digest, body in bodies.items()}
        files = {entry[0] for entry in data.values()}
        live = sum(entry[2] for entry in data.values())
        if (len(files) > self.MAX_FILES
                or sum(self.blob(name).size() for name in files) > 2 * live + 4_000_000):
            found = list(bodies.items())
            places = self.write("all", [body.html for _, body in found])
            data = {digest: _entry(body, where) for (digest, body), where in zip(found, places)}
        self.store.save(data, background=True)


def _entry(body: Body, where: tuple[TextBlob, int, int]) -> tuple:
    """What the cache's index keeps of a body whose HTML is at ``where``."""
    blob, offset, length = where
    return (blob.path.name, offset, length, body.media, body.media_stamp, body.links,
            body.problems)


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
        out = []  # (index, rendered body, links)
        for index in todo[start:stop]:
            entry = entries[index]
            links: list[tuple[str, str]] = []

            def page_url_for(path: Path, _links=links) -> str | None:
                source = str(path.resolve())
                url = graph.by_source.get(source)
                if url is not None:
                    _links.append((source, url))
                return url

            out.append((index, render_markdown(markdown_of(entry), entry.id.source, root,
                                               page_url_for, lambda p: urls.media(graph.config, p),
                                               graph.config.max_file_mb),
                        tuple(links)))
        # the HTML goes to a file of this batch's: only where it is comes back
        places = cache.write(start, [rendered.html for _, rendered, _ in out])
        return [(index, Body(None if where else rendered.html, tuple(rendered.media), links,
                             tuple(rendered.problems), where, stamp_of(rendered.media)))
                for (index, rendered, links), where in zip(out, places)]

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
    body = read_body(entry.id.source, problems)
    if body is None:
        raise ContentError(problems)
    return body


def stamp_of(paths) -> tuple:
    """The size and time of each file (None for one that is gone)."""
    return tuple(map(file_stamp, paths))


def _still_valid(body: Body, graph: SiteGraph) -> bool:
    """Whether a cached body holds: it had no problem (the editor may have mended
    what it pointed at, a missing image added, without touching its file), every
    page it links to has the URL it had and every file it shows is as it was
    checked (a file replaced is checked again)."""
    return (not body.problems
            and all(graph.by_source.get(path) == url for path, url in body.links)
            and stamp_of(body.media) == body.media_stamp)
