"""A printable PDF of every bulletin issue, made with WeasyPrint.

A4, cover page, table of contents with page numbers, the editorial and the
articles, a running header "Bản tin Chuyển đổi số – Số NN/YYYY", page
numbers, and the portal's font embedded (full Vietnamese glyphs). A PDF is
made again only when its issue, the template or the fonts changed.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path
from typing import Callable

from ..bodies import Body
from ..i18n import strings
from ..cachefile import prune, replacing
from ..parallel import map_ranges
from .tree import OutputTree
from ..site import urls
from ..site.graph import SiteGraph
from ..text import format_date

TemplateRenderer = Callable[[str, dict], str]
FONTS = Path(__file__).resolve().parents[1] / "fonts"   # Be Vietnam Pro, complete TTF (OFL)
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


PRINT_MAX_PIXELS = 1600      # longest side of an image in a PDF (A4 at ~190 dpi)
PRINT_MAX_BYTES = 400_000    # larger files are re-encoded


class Locations:
    """Stable ``cds:`` URLs for the files a PDF uses, so that its bytes do not
    depend on where the project is checked out, and nothing else is fetched."""

    def __init__(self, root: Path, image_dir: Path):
        self.folders = {"font": FONTS, "file": root.resolve(), "print": image_dir}

    def url(self, kind: str, path: Path) -> str:
        return f"cds:{kind}/{path.resolve().relative_to(self.folders[kind].resolve()).as_posix()}"

    def fetcher(self):
        from weasyprint.urls import URLFetcher, URLFetcherResponse
        folders = self.folders

        class LocalFetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if not url.startswith("cds:"):
                    raise ValueError(f"the bulletin PDF uses local files only, not {url}")
                kind, _, relative = url[4:].partition("/")
                path = (folders[kind] / relative).resolve()
                if not path.is_relative_to(folders[kind].resolve()):
                    raise ValueError(f"outside the project: {url}")
                return URLFetcherResponse(url, body=path.read_bytes())
        return LocalFetcher()


def printable(path: Path, places: Locations) -> str:
    """A ``cds:`` URL of ``path``, downscaled when it is large, so that an
    issue's PDF stays small whatever photos editors commit."""
    stat = path.stat()
    image_dir = places.folders["print"]
    from PIL import Image
    with Image.open(path) as image:
        small = max(image.size) <= PRINT_MAX_PIXELS and stat.st_size <= PRINT_MAX_BYTES
        if small or path.suffix.lower() == ".svg":
            return places.url("file", path)
        key = hashlib.sha1(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
        target = image_dir / f"{key}.jpg"
        if not target.is_file():
            image_dir.mkdir(parents=True, exist_ok=True)
            copy = image.convert("RGB")
            copy.thumbnail((PRINT_MAX_PIXELS, PRINT_MAX_PIXELS))
            with replacing(target) as tmp:
                copy.save(tmp, "JPEG", quality=82, optimize=True, progressive=True)
    return places.url("print", target)


def issue_context(issue, graph: SiteGraph, bodies: dict[int, Body], places: Locations) -> dict:
    """Everything the PDF template needs, as plain data with ``cds:`` URLs."""
    t = strings("vi")
    content_root = places.url("file", graph.config.content_dir) + "/"

    used: list[Path] = []  # every file the PDF shows: the cache key follows their changes

    def local(entry) -> str:
        body = bodies[id(entry)]
        used.extend(body.media)
        return _ROOT_RELATIVE.sub(lambda m: m.group(1) + content_root, body.html)

    def picture(path: Path | None) -> str | None:
        if path is None:
            return None
        used.append(path)
        return printable(path, places)

    articles = []
    for index, entry in enumerate(issue.contents, start=1):
        if entry.article:
            article = entry.article
            articles.append({"anchor": f"bai-{index}", "title": article.title,
                             "summary": article.summary, "author": article.author,
                             "image": picture(article.image), "image_alt": article.image_alt,
                             "body": local(article)})
        else:
            item = graph.news_by_key(entry.news_key)
            articles.append({"anchor": f"bai-{index}", "title": item.title,
                             "summary": item.summary, "author": None,
                             "image": picture(item.image), "image_alt": item.image_alt,
                             "body": local(item)})
    cover, editorial = picture(issue.cover), local(issue.editorial)
    return {
        "lang": "vi", "t": t, "label": issue.label, "title": issue.title,
        "summary": issue.summary, "date": format_date(issue.date, "vi"),
        "board": issue.editorial_board,
        "publisher": graph.config.units[issue.publisher].name("vi")
        if issue.publisher in graph.config.units else graph.config.publisher["vi"],
        "header": t["bulletin.header"].format(label=issue.label),
        "cover": cover, "cover_alt": issue.cover_alt,
        "files": [f"{places.url('file', p)}:{stat.st_size}:{stat.st_mtime_ns}"
                  for p in used for stat in [p.stat()]],
        "editorial": editorial,
        "articles": articles,
        "site": graph.config.site_name["vi"], "site_url": graph.config.site_url,
        "fonts": "cds:font/",
    }


def write_pdfs(graph: SiteGraph, bodies: dict[int, Body], render: TemplateRenderer,
               tree: OutputTree, cache_dir: Path, salt: str) -> dict[int, int]:
    """Put every issue's PDF into ``tree``; returns ``id(issue) → bytes``."""
    issues = graph.bulletins
    places = Locations(graph.config.root, cache_dir / "images")
    contexts = [issue_context(issue, graph, bodies, places) for issue in issues]
    keys = [hashlib.sha1(pickle.dumps((salt, c), protocol=5)).hexdigest() for c in contexts]
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo = [i for i, key in enumerate(keys) if not (cache_dir / f"{key}.pdf").is_file()]

    def task(start: int, stop: int) -> list[int]:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
        for index in todo[start:stop]:
            html = render("cds/bulletin_pdf.html", {"cds": contexts[index]})
            fonts = FontConfiguration()
            with replacing(cache_dir / f"{keys[index]}.pdf") as tmp:
                HTML(string=html, base_url="cds:file/", url_fetcher=places.fetcher()).write_pdf(
                    tmp, font_config=fonts, uncompressed_pdf=False)
        return todo[start:stop]

    map_ranges(task, len(todo), min_parallel=2, chunks_per_worker=2)
    sizes, placed = {}, []
    for issue, key in zip(issues, keys):
        source = cache_dir / f"{key}.pdf"
        placed.append((source, urls.bulletin_pdf(issue.year, issue.number).lstrip("/"), key))
        sizes[id(issue)] = source.stat().st_size
    tree.place_all(placed)
    prune(cache_dir, {f"{key}.pdf" for key in keys} | {"images"})
    return sizes
