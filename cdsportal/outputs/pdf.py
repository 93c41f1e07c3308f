"""A printable PDF of every bulletin issue, made with WeasyPrint.

A4, cover page, table of contents with page numbers, the editorial and the
articles, a running header "Bản tin Chuyển đổi số – Số NN/YYYY", page
numbers, and the portal's font embedded (full Vietnamese glyphs). A PDF is
made again only when its issue, the template or the fonts changed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Callable

from ..bodies import Body
from ..i18n import strings
from ..parallel import map_ranges
from ..site import urls
from ..site.graph import SiteGraph
from ..text import format_date

TemplateRenderer = Callable[[str, dict], str]
FONTS = Path(__file__).resolve().parents[1] / "fonts"   # Be Vietnam Pro, complete TTF (OFL)
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def issue_context(issue, graph: SiteGraph, bodies: dict[int, Body]) -> dict:
    """Everything the PDF template needs, as plain data with file:// URLs."""
    t = strings("vi")
    content_root = graph.config.content_dir.resolve().as_uri() + "/"

    def local(html: str) -> str:
        return _ROOT_RELATIVE.sub(lambda m: m.group(1) + content_root, html)

    articles = []
    for index, entry in enumerate(issue.contents, start=1):
        if entry.article:
            article = entry.article
            image = article.image
            articles.append({"anchor": f"bai-{index}", "title": article.title,
                             "summary": article.summary, "author": article.author,
                             "image": image.resolve().as_uri() if image else None,
                             "image_alt": article.image_alt,
                             "body": local(bodies[id(article)].html)})
        else:
            item = graph.news_by_key(entry.news_key)
            articles.append({"anchor": f"bai-{index}", "title": item.title,
                             "summary": item.summary, "author": None,
                             "image": item.image.resolve().as_uri() if item.image else None,
                             "image_alt": item.image_alt,
                             "body": local(bodies[id(item)].html)})
    return {
        "lang": "vi", "t": t, "label": issue.label, "title": issue.title,
        "summary": issue.summary, "date": format_date(issue.date, "vi"),
        "board": issue.editorial_board,
        "publisher": graph.config.units[issue.publisher].name("vi")
        if issue.publisher in graph.config.units else graph.config.publisher["vi"],
        "header": t["bulletin.header"].format(label=issue.label),
        "cover": issue.cover.resolve().as_uri(), "cover_alt": issue.cover_alt,
        "editorial": local(bodies[id(issue.editorial)].html),
        "articles": articles,
        "site": graph.config.site_name["vi"], "site_url": graph.config.site_url,
        "fonts": FONTS.as_uri() + "/",
    }


def write_pdfs(graph: SiteGraph, bodies: dict[int, Body], render: TemplateRenderer,
               out_dir: Path, cache_dir: Path, salt: str) -> dict[int, int]:
    """Write every issue's PDF into ``out_dir``; returns ``id(issue) → bytes``."""
    issues = graph.bulletins
    contexts = [issue_context(issue, graph, bodies) for issue in issues]
    keys = [hashlib.sha1(pickle.dumps((salt, c), protocol=5)).hexdigest() for c in contexts]
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo = [i for i, key in enumerate(keys) if not (cache_dir / f"{key}.pdf").is_file()]

    def task(start: int, stop: int) -> list[int]:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
        for index in todo[start:stop]:
            html = render("cds/bulletin_pdf.html", {"cds": contexts[index]})
            fonts = FontConfiguration()
            target = cache_dir / f"{keys[index]}.pdf"
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            HTML(string=html, base_url=str(graph.config.content_dir)).write_pdf(
                tmp, font_config=fonts, uncompressed_pdf=False)
            os.replace(tmp, target)
        return todo[start:stop]

    map_ranges(task, len(todo), min_parallel=2, chunks_per_worker=2)
    sizes = {}
    for issue, key in zip(issues, keys):
        target = out_dir / urls.bulletin_pdf(issue.year, issue.number).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        source = cache_dir / f"{key}.pdf"
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        sizes[id(issue)] = source.stat().st_size
    for stale in cache_dir.glob("*.pdf"):
        if stale.stem not in keys:
            stale.unlink()
    return sizes
