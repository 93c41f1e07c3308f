"""News items: the portal's main content type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import PortalConfig
from ..diagnostics import Problems
from ..readers.frontmatter import SourceDocument
from . import fields
from .entry import Entry, Identity, identity

NEWS_KEYS = {"title", "date", "updated", "summary", "category", "tags", "image", "image_alt",
             "video", "youtube", "source_unit", "featured", "draft", "slug",
             "translation_key", "aliases"}


@dataclass(frozen=True)
class NewsItem(Entry):
    """One news item in one language."""

    id: Identity
    title: str
    date: datetime
    updated: datetime | None
    summary: str
    category: str
    tags: tuple[str, ...]
    image: Path | None
    image_alt: str | None
    video: Path | None
    youtube: str | None
    source_unit: str | None
    featured: bool
    draft: bool
    aliases: tuple[str, ...]
    body: str | None   # Markdown; None when read from the parse cache (bodies.markdown_of)
    body_line: int


def news_from_document(doc: SourceDocument, config: PortalConfig, problems: Problems) -> NewsItem | None:
    """Validate ``doc`` as a news item; every problem is recorded, None if any."""
    before = problems.error_count()
    fields.unknown_keys(doc, NEWS_KEYS, problems)
    ident = identity(doc, problems)
    title = fields.text(doc, "title", problems, required=True)
    published = fields.timestamp(doc, "date", problems, required=True)
    updated = fields.timestamp(doc, "updated", problems, required=False)
    summary = fields.text(doc, "summary", problems, required=True)
    category = fields.choice(doc, "category", config.categories, problems, required=True,
                             what="chuyên mục/category")
    tags = fields.text_list(doc, "tags", problems)
    image, image_alt = fields.image_pair(doc, problems, config)
    video = fields.local_file(doc, "video", problems, config, fields.VIDEO_SUFFIXES, "video")
    youtube = fields.youtube_id(doc, "youtube", problems)
    source_unit = fields.unit(doc, "source_unit", problems, config)
    featured = fields.flag(doc, "featured", problems)
    draft = fields.flag(doc, "draft", problems)
    aliases = fields.aliases(doc, problems)
    if updated and published and updated < published:
        problems.add(doc.path, doc.line_of("updated"), "updated",
                     "ngày cập nhật không trước ngày đăng / an update date after the date")
    if problems.error_count() > before:
        return None
    return NewsItem(ident, title, published, updated, summary, category, tags, image,
                    image_alt, video, youtube, source_unit, featured, draft, aliases,
                    doc.body, doc.body_line)
