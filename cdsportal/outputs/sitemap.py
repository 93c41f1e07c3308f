"""sitemap.xml (with hreflang pairs) and robots.txt."""

from __future__ import annotations

from typing import Iterable
from html import escape as _escape

from ..config import PortalConfig
from .html import WrittenPage
from .tree import OutputTree


def write(pages: Iterable[WrittenPage], config: PortalConfig, tree: OutputTree) -> None:
    """Write ``sitemap.xml`` listing every indexable page, and ``robots.txt``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        if not page.indexed:
            continue
        lines.append(f"<url><loc>{_escape(page.canonical, quote=False)}</loc>")
        for lang, url in page.alternates:
            lines.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{_escape(url)}"/>')
        if page.modified:
            lines.append(f"<lastmod>{page.modified}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>\n")
    tree.write("sitemap.xml", "\n".join(lines).encode("utf-8"))
    tree.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {config.absolute('/sitemap.xml')}\n"
               .encode("utf-8"))
