"""sitemap.xml (with hreflang pairs) and robots.txt."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from ..config import PortalConfig
from ..site.views import PageView


def write(views: list[PageView], config: PortalConfig, out_dir: Path) -> None:
    """Write ``sitemap.xml`` listing every indexable page, and ``robots.txt``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for view in views:
        context = view.context
        if not context.get("indexed", True):
            continue
        lines.append(f"<url><loc>{escape(context['canonical'])}</loc>")
        for alt in context.get("alternates", []):
            lines.append(f'<xhtml:link rel="alternate" hreflang="{alt["lang"]}" '
                         f'href="{escape(alt["url"])}"/>')
        modified = (context.get("item") or {}).get("updated_iso") or \
            (context.get("item") or {}).get("date_iso")
        if modified:
            lines.append(f"<lastmod>{modified}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>\n")
    (out_dir / "sitemap.xml").write_text("\n".join(lines), encoding="utf-8")
    (out_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {config.absolute('/sitemap.xml')}\n", encoding="utf-8")
