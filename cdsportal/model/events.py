"""Events (National Digital Transformation Day, contests, ceremonies…):
``content/events/<year>/<key>.vi.md`` with start/end in +07:00 and, when the
event carries out a plan activity, ``activity: <plan-id>/<code>``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import PortalConfig
from ..diagnostics import Problems
from ..readers.frontmatter import SourceDocument
from . import fields
from .entry import Entry, Identity, identity

EVENT_KEYS = {"title", "start", "end", "summary", "venue", "online", "organiser", "activity",
              "image", "image_alt", "draft", "slug", "translation_key", "aliases"}


@dataclass(frozen=True)
class Event(Entry):
    """One event in one language."""

    id: Identity
    title: str
    start: datetime
    end: datetime
    summary: str
    venue: str | None
    online: str | None          # online bridge points, as the organiser describes them
    organiser: str | None       # unit id
    activity: str | None        # "<plan-id>/<code>"
    image: Path | None
    image_alt: str | None
    draft: bool
    aliases: tuple[str, ...]
    body: str | None   # Markdown; None when read from the parse cache (bodies.markdown_of)
    body_line: int

    @property
    def all_day(self) -> bool:
        """Given by dates only (start and end at midnight, +07:00)."""
        return self.start.time() == self.end.time() == datetime.min.time()

    @property
    def date(self) -> datetime:
        """Events are listed and published by their start."""
        return self.start


def event_from_document(doc: SourceDocument, config: PortalConfig, problems: Problems) -> Event | None:
    """Validate ``doc`` as an event; None if it has problems."""
    before = problems.error_count()
    fields.unknown_keys(doc, EVENT_KEYS, problems)
    ident = identity(doc, problems)
    title = fields.text(doc, "title", problems, required=True)
    start = fields.timestamp(doc, "start", problems, required=True)
    end = fields.timestamp(doc, "end", problems, required=False) or start
    if start and end and end < start:
        problems.add(doc.path, doc.line_of("end"), "end",
                     "thời điểm kết thúc sau khi bắt đầu / an end after the start")
    summary = fields.text(doc, "summary", problems, required=True)
    organiser = fields.choice(doc, "organiser", config.units, problems, required=False,
                              what="đơn vị/unit")
    activity = fields.text(doc, "activity", problems, required=False)
    if activity is not None and "/" not in activity:
        problems.add(doc.path, doc.line_of("activity"), "activity",
                     f"mã kế hoạch/mã mục, ví dụ quang-ngai-2024/III.4.a / <plan-id>/<code>, "
                     f"not '{activity}'")
    image, image_alt = fields.image_pair(doc, problems, config)
    venue = fields.text(doc, "venue", problems, required=False)
    online = fields.text(doc, "online", problems, required=False)
    draft = fields.flag(doc, "draft", problems)
    aliases = fields.aliases(doc, problems)
    if problems.error_count() > before:
        return None
    return Event(ident, title, start, end, summary, venue, online, organiser, activity, image,
                 image_alt, draft, aliases, doc.body, doc.body_line)
