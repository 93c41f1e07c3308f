"""sitemap.xml (with hreflang pairs) and robots.txt."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from ..config import PortalConfig
from .html import WrittenPage


def write(pages: Iterable[WrittenPage], config: PortalConfig, out_dir: Path) -> None:
    """Write ``sitemap.xml`` listing every indexable page, and ``robots.txt``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        if not page.indexed:
            continue
        lines.append(f"<url><loc>{escape(page.canonical)}</loc>")
        for lang, url in page.alternates:
            lines.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(url)}/>')
        if page.modified:
            lines.append(f"<lastmod>{page.modified}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>\n")
    (out_dir / "sitemap.xml").write_text("\n".join(lines), encoding="utf-8")
    (out_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {config.absolute('/sitemap.xml')}\n", encoding="utf-8")
