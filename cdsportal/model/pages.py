"""Plain pages (giới thiệu, cẩm nang, liên hệ…) shown in the menu."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Problems
from ..readers.frontmatter import SourceDocument
from . import fields
from .entry import Entry, Identity, identity

PAGE_KEYS = {"title", "summary", "nav_order", "slug", "translation_key", "aliases", "in_menu"}


@dataclass(frozen=True)
class PlainPage(Entry):
    """A static page in one language."""

    id: Identity
    title: str
    summary: str | None
    nav_order: int
    in_menu: bool
    aliases: tuple[str, ...]
    body: str | None   # Markdown; None when read from the parse cache (bodies.markdown_of)
    body_line: int


def page_from_document(doc: SourceDocument, problems: Problems) -> PlainPage | None:
    """Validate ``doc`` as a plain page; None if it has problems."""
    before = problems.error_count()
    fields.unknown_keys(doc, PAGE_KEYS, problems)
    ident = identity(doc, problems)
    title = fields.text(doc, "title", problems, required=True)
    summary = fields.text(doc, "summary", problems, required=False)
    nav_order = fields.integer(doc, "nav_order", problems, default=100)
    in_menu = fields.flag(doc, "in_menu", problems, default=True)
    aliases = fields.aliases(doc, problems)
    if problems.error_count() > before:
        return None
    return PlainPage(ident, title, summary, nav_order, bool(in_menu), aliases, doc.body,
                     doc.body_line)
