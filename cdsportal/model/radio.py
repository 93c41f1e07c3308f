"""Radio programmes: the monthly "chuyên mục phát thanh" the plans order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import PortalConfig
from ..diagnostics import Problems
from ..readers.frontmatter import SourceDocument
from . import fields
from .entry import Entry, Identity, identity

RADIO_KEYS = {"title", "date", "summary", "audio", "duration", "image", "image_alt",
              "source_unit", "draft", "slug", "translation_key", "aliases"}
AUDIO_SUFFIXES = {".mp3", ".m4a", ".ogg", ".opus"}
AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".opus": "audio/ogg"}
_DURATION = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


@dataclass(frozen=True)
class RadioProgramme(Entry):
    """One broadcast programme in one language, with its audio file."""

    id: Identity
    title: str
    date: datetime
    summary: str
    audio: Path
    audio_bytes: int
    duration: int              # seconds
    image: Path | None
    image_alt: str | None
    source_unit: str | None
    draft: bool
    aliases: tuple[str, ...]
    body: str | None   # Markdown; None when read from the parse cache (bodies.markdown_of)
    body_line: int

    @property
    def audio_type(self) -> str:
        return AUDIO_TYPES[self.audio.suffix.lower()]


def parse_duration(value) -> int | None:
    """``"4:05"`` or ``"01:04:05"`` → seconds; None when not a duration."""
    match = _DURATION.match(str(value).strip())
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def radio_from_document(doc: SourceDocument, config: PortalConfig,
                        problems: Problems) -> RadioProgramme | None:
    """Validate ``doc`` as a radio programme; None if it has problems."""
    before = problems.error_count()
    fields.unknown_keys(doc, RADIO_KEYS, problems)
    ident = identity(doc, problems)
    title = fields.text(doc, "title", problems, required=True)
    date = fields.timestamp(doc, "date", problems, required=True)
    summary = fields.text(doc, "summary", problems, required=True)
    audio = fields.local_file(doc, "audio", problems, config, AUDIO_SUFFIXES, "âm thanh/audio",
                              required="bắt buộc: tệp âm thanh, ví dụ /media/radio/ten-tep.mp3 / "
                              "required: an audio file such as /media/radio/name.mp3")
    raw_duration = doc.meta.get("duration")
    duration = parse_duration(raw_duration) if raw_duration is not None else None
    if duration is None or duration == 0:
        problems.add(doc.path, doc.line_of("duration"), "duration",
                     'thời lượng dạng "MM:SS" hoặc "HH:MM:SS", ví dụ "04:30" / a duration '
                     f'such as "04:30", not {raw_duration!r}')
    image, image_alt = fields.image_pair(doc, problems, config)
    source_unit = fields.choice(doc, "source_unit", config.units, problems, required=False,
                                what="đơn vị/unit") if config.units else None
    draft = fields.flag(doc, "draft", problems)
    aliases = fields.aliases(doc, problems)
    if problems.error_count() > before:
        return None
    return RadioProgramme(ident, title, date, summary, audio, audio.stat().st_size, duration,
                          image, image_alt, source_unit, draft, aliases, doc.body,
                          doc.body_line)
