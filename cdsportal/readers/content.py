"""Read every source file of the content tree into model objects.

Parsed results are cached by (path, size, mtime) and a fingerprint of the
settings, so a rebuild after one edit re-reads one file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..cachefile import DeltaStore, code_digest, file_stamp
from ..config import PortalConfig
from ..diagnostics import Problem, Problems
from ..i18n import DEFAULT_LANGUAGE
from ..model.news import NewsItem, news_from_document
from ..model.pages import PlainPage, page_from_document
from ..model.entry import key_of_filename
from ..model.events import Event, event_from_document
from ..model.plans import Plan, plan_folders, read_log, read_plan
from ..model.bulletins import BulletinIssue, check_series, issue_folders, read_issue
from ..model.radio import RadioProgramme, radio_from_document
from ..parallel import map_ranges
from .frontmatter import parse_documents

NEWS_DIR = "news"
PAGES_DIR = "pages"
RADIO_DIR = "radio"
EVENTS_DIR = "events"
KINDS = {NEWS_DIR: "news", PAGES_DIR: "page", RADIO_DIR: "radio", EVENTS_DIR: "event"}
_CACHE_VERSION = 6


@dataclass
class Content:
    """Everything read from the content folder, per type, in path order."""

    news: list[NewsItem] = field(default_factory=list)
    pages: list[PlainPage] = field(default_factory=list)
    radio: list[RadioProgramme] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    bulletins: list[BulletinIssue] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    plan_logs: dict[str, list[dict]] = field(default_factory=dict)
    invalid_keys: set[tuple[str, str]] = field(default_factory=set)  # (kind, key) of files with errors
    # Markdown source (its path as text) → (size and time, media used): what changes
    # when the file or its media do
    revisions: dict[str, tuple] = field(default_factory=dict)


def markdown_files(folder: Path) -> list[str]:
    """The paths of all ``*.md`` files below ``folder`` (sorted, README files excluded).

    Paths stay text here: at 10,000 items, making a ``Path`` of each file
    listed cost more than reading the few that changed.
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            if name.endswith(".md") and not name.lower().startswith("readme"):
                found.append(os.path.join(dirpath, name))
    found.sort(key=lambda path: path.split(os.sep))
    return found


class ParseCache:
    """Pickled map of source path → (stat signature, parsed object, problems)."""

    def __init__(self, path: Path | None, settings_fingerprint: str):
        self.store = DeltaStore(path, (_CACHE_VERSION, code_digest(), settings_fingerprint))
        self.entries: dict[str, tuple] = self.store.load()
        self.used: dict[str, tuple] = {}

    def get(self, path: str, signature: tuple):
        """A cached result, if the file, the media it uses and its verdict still hold.

        A file with errors is always read again: the editor may have fixed what
        it points at (an image added) without touching the file itself.
        """
        entry = self.entries.get(path)
        if (entry and entry[0] == signature and not any(p.severity == "error" for p in entry[2])
                and entry[3] == media_signature(entry[1])):
            self.used[path] = entry
            return entry
        return None

    def put(self, path: str, signature: tuple, value, problems: list[Problem], media: tuple) -> None:
        """Keep a parsed file and the signature of the media it uses (``media_signature``).

        The cache keeps no Markdown text (``body`` None): it is most of the cache's
        bytes and a rebuild renders a handful of bodies (``bodies.markdown_of``).
        """
        self.used[path] = (signature, _without_body(value), problems, media)

    def save(self) -> None:
        self.store.save(self.used, background=True)


def _without_body(value):
    """``value`` (a frozen dataclass) with ``body`` None, its other fields copied as
    they are (``dataclasses.replace`` runs ``__init__`` again: ten times slower)."""
    if getattr(value, "body", None) is None:
        return value
    kept = object.__new__(type(value))
    kept.__dict__.update(value.__dict__, body=None)
    return kept


MEDIA_FIELDS = ("image", "video", "audio")


def media_signature(value) -> tuple:
    """Size and time of the files an entry uses (a replaced image is checked again)."""
    signature = []
    for field_name in MEDIA_FIELDS:
        path = getattr(value, field_name, None)
        if path is not None:
            stamp = file_stamp(path)
            signature.append((str(path), *(stamp or (None, None))))
    return tuple(signature)


def settings_fingerprint(config: PortalConfig) -> str:
    """A hash of the settings that validation depends on."""
    data = repr((sorted((k, sorted(c.names.items())) for k, c in config.categories.items()),
                 sorted(config.units), str(config.content_dir), config.max_file_mb))
    return hashlib.sha1(data.encode()).hexdigest()


def read_content(config: PortalConfig, problems: Problems, cache_file: Path | None = None,
                 progress=None) -> Content:
    """Read news items and plain pages under ``config.content_dir``.

    Files not in the cache are parsed in parallel worker processes.
    """
    cache = ParseCache(cache_file, settings_fingerprint(config))
    content = Content()
    builders = {NEWS_DIR: lambda doc, p: news_from_document(doc, config, p),
                PAGES_DIR: lambda doc, p: page_from_document(doc, p),
                RADIO_DIR: lambda doc, p: radio_from_document(doc, config, p),
                EVENTS_DIR: lambda doc, p: event_from_document(doc, config, p)}
    targets = {NEWS_DIR: content.news, PAGES_DIR: content.pages, RADIO_DIR: content.radio,
               EVENTS_DIR: content.events}
    sources = []  # (kind, path, signature, cached entry or None)
    for kind in builders:
        for path in markdown_files(config.content_dir / kind):
            stat = os.stat(path)
            signature = (stat.st_size, stat.st_mtime_ns)
            sources.append((kind, path, signature, cache.get(path, signature)))
    todo = [index for index, source in enumerate(sources) if source[3] is None]

    def parse(start: int, stop: int) -> list[tuple[int, object, list[Problem], tuple]]:
        chunk = todo[start:stop]
        found = [Problems(problems.root) for _ in chunk]
        docs = parse_documents([Path(sources[index][1]) for index in chunk], found)
        values = [builders[sources[index][0]](doc, local) if doc is not None else None
                  for index, doc, local in zip(chunk, docs, found)]
        return [(index, value, local.items, media_signature(value))
                for index, value, local in zip(chunk, values, found)]

    fresh = {index: parsed for chunk in map_ranges(parse, len(todo)) for index, *parsed in chunk}
    for index, (kind, path, signature, entry) in enumerate(sources):
        if entry is None:
            value, found, media = fresh[index]
            cache.put(path, signature, value, found, media)
            content.revisions[path] = (signature, media)
        else:
            _, value, found, media = entry
            content.revisions[path] = (signature, media)
        problems.items.extend(found)
        if value is not None:
            targets[kind].append(value)
        elif path.endswith(f".{DEFAULT_LANGUAGE}.md"):
            content.invalid_keys.add((KINDS[kind], key_of_filename(Path(path), DEFAULT_LANGUAGE)))
    content.bulletins = read_bulletins(config, problems)
    content.plans = [plan for folder in plan_folders(config.root / "plans")
                     if (plan := read_plan(folder, config, problems)) is not None]
    content.plan_logs = {plan.id: read_log(plan, problems) for plan in content.plans}
    if progress:
        progress(f"đọc/read {len(sources)} ({len(todo)} mới/new)")
    cache.save()
    return content


def read_bulletins(config: PortalConfig, problems: Problems) -> list[BulletinIssue]:
    """Every issue under ``bulletins/`` (a few dozen files: read on every build)."""
    issues = [issue for folder in issue_folders(config.root / "bulletins")
              if (issue := read_issue(folder, config, problems)) is not None]
    check_series(issues, problems)
    return issues
