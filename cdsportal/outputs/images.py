"""Responsive images: smaller copies of the photos entries use, for ``srcset``.

Phones on slow connections get a 400 or 800 pixel wide JPEG instead of the
editor's original; the original stays the largest candidate. Copies are made
once (cached by the original's size and time) and are byte-identical for the
same input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..cachefile import prune, replacing
from .tree import OutputTree

WIDTHS = (400, 800)
RASTER = {".jpg", ".jpeg", ".png", ".webp"}


@dataclass(frozen=True)
class Picture:
    """What an <img> needs: the original, its size and smaller candidates."""

    src: str
    width: int
    height: int
    srcset: str


def responsive(paths, url_of, tree: OutputTree, cache_dir: Path) -> dict[Path, Picture]:
    """Write the smaller copies of every raster image in ``paths``; return their facts."""
    from PIL import Image
    pictures: dict[Path, Picture] = {}
    keep, placed = set(), []
    for path in sorted(set(paths)):
        url = url_of(path)
        if path.suffix.lower() not in RASTER:
            continue
        stat = path.stat()
        key = hashlib.sha1(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        with Image.open(path) as image:
            width, height = image.size
            candidates = []
            for target in (w for w in WIDTHS if w < width):
                name = f"{key}-{target}.jpg"
                keep.add(name)
                cached = cache_dir / name
                if not cached.is_file():
                    cache_dir.mkdir(parents=True, exist_ok=True)
                    copy = image.convert("RGB").resize((target, round(height * target / width)),
                                                       Image.LANCZOS)
                    with replacing(cached) as tmp:
                        copy.save(tmp, "JPEG", quality=78, optimize=True, progressive=True)
                small = f"/media/_{target}{url[len('/media'):]}" if url.startswith("/media/") \
                    else f"/_{target}{url}"
                small = small.rsplit(".", 1)[0] + ".jpg"
                placed.append((cached, small.lstrip("/"), name))
                candidates.append(f"{small} {target}w")
        candidates.append(f"{url} {width}w")
        pictures[path] = Picture(url, width, height, ", ".join(candidates))
    tree.place_all(placed)
    prune(cache_dir, keep)
    return pictures
