"""Responsive images: smaller copies of the photos entries use, for ``srcset``.

Phones on slow connections get a 400 or 800 pixel wide JPEG instead of the
editor's original, for lead photos and for the photos of bodies alike; the
original stays the largest candidate. Each size, the original's too, also
comes as WebP, offered first (``<picture>``): a third to a half lighter than
JPEG at the same quality, and shown by every browser of the last five years;
others take the JPEG. Copies are made once (cached by the original's size and
time) and are byte-identical for the same input.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..cachefile import prune, replacing
from .tree import OutputTree

WIDTHS = (400, 800)
RASTER = {".jpg", ".jpeg", ".png", ".webp"}


JPEG_QUALITY = 78
WEBP_QUALITY = 78


@dataclass(frozen=True)
class Picture:
    """What an <img> needs: the original, its size and smaller candidates, and
    the same sizes as WebP (empty when the original is WebP already)."""

    src: str
    width: int
    height: int
    srcset: str
    webp_srcset: str


# in sanitised HTML (nh3's): attributes are double-quoted, a quote inside a value escaped
_IMG = re.compile(r"<img ([^>]*)>")
_SRC = re.compile(r'(?:^|\s)src="([^"]*)"')
_SIZED = re.compile(r'(?:^|\s)(?:width|height)="')


def with_pictures(body: str, pictures: dict[str, Picture], sizes: str) -> str:
    """Sanitised body HTML with each ``<img>`` of a picture (``pictures``: by URL)
    given its smaller copies, its size (unless the editor gave one) and the WebP
    copies first, as the lead photos have (macros.html ``img``)."""
    def offered(match: re.Match) -> str:
        attributes = match.group(1)
        src = _SRC.search(attributes)
        picture = pictures.get(html.unescape(src.group(1))) if src else None
        if picture is None:
            return match.group(0)
        shown = f'{attributes} srcset="{html.escape(picture.srcset)}" sizes="{sizes}"'
        if not _SIZED.search(attributes):
            shown += f' width="{picture.width}" height="{picture.height}"'
        if not picture.webp_srcset:
            return f"<img {shown}>"
        return (f'<picture><source type="image/webp" srcset="{html.escape(picture.webp_srcset)}" '
                f'sizes="{sizes}"><img {shown}></picture>')
    return _IMG.sub(offered, body) if "<img " in body else body


def responsive(paths, url_of, tree: OutputTree, cache_dir: Path) -> dict[Path, Picture]:
    """Write the smaller copies of every raster image in ``paths``, and the WebP
    ones; return their facts."""
    from PIL import Image
    pictures: dict[Path, Picture] = {}
    keep, placed = set(), []

    def copy(image, key: str, url: str, width: int, target: int, suffix: str,
             made: list) -> str:
        """The site URL of ``image`` ``target`` pixels wide as ``suffix`` (made if not
        cached, and added to ``made``)."""
        name = f"{key}-{target}{suffix}"
        keep.add(name)
        cached = cache_dir / name
        if not cached.is_file():
            cache_dir.mkdir(parents=True, exist_ok=True)
            size = (target, round(image.height * target / width))
            with replacing(cached) as tmp:
                if suffix == ".webp":  # keeps transparency
                    shown = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                    shown = shown if target == width else shown.resize(size, Image.LANCZOS)
                    shown.save(tmp, "WEBP", quality=WEBP_QUALITY, method=4)
                else:
                    image.convert("RGB").resize(size, Image.LANCZOS).save(
                        tmp, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        small = f"/media/_{target}{url[len('/media'):]}" if url.startswith("/media/") \
            else f"/_{target}{url}"
        small = small.rsplit(".", 1)[0] + suffix
        made.append((cached, small.lstrip("/"), name))
        return small

    for path in sorted(set(paths)):
        url = url_of(path)
        if path.suffix.lower() not in RASTER:
            continue
        stat = path.stat()
        key = hashlib.sha1(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        made: list = []
        try:
            with Image.open(path) as image:
                width, height = image.size
                smaller = [w for w in WIDTHS if w < width]
                jpeg = [f"{copy(image, key, url, width, w, '.jpg', made)} {w}w" for w in smaller]
                webp = [] if path.suffix.lower() == ".webp" else [
                    f"{copy(image, key, url, width, w, '.webp', made)} {w}w"
                    for w in [*smaller, width]]
        except (OSError, Image.DecompressionBombError):
            # its first bytes say what its name says (readers/hygiene.py), the rest cannot
            # be decoded: the file is published as it is, without copies
            continue
        placed += made
        pictures[path] = Picture(url, width, height, ", ".join([*jpeg, f"{url} {width}w"]),
                                 ", ".join(webp))
    tree.place_all(placed)
    prune(cache_dir, keep)
    return pictures
