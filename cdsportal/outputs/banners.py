"""CĐS banners for member websites, generated from configuration.

Every standard size is drawn as SVG with the text set as outlines from the
bundled Be Vietnam Pro (so it looks the same everywhere, including inside an
<img>, and needs no font), then rasterised to PNG at 1× and 2× by cairosvg.
The title is fitted to each size: the largest type that fits, wrapped on
words, never overflowing. Same configuration → byte-identical files.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from html import escape

from ..text import nfc
from ..cachefile import prune
from .pdf import FONTS

if TYPE_CHECKING:
    from .tree import OutputTree

SIZES: tuple[tuple[int, int], ...] = ((728, 90), (970, 250), (300, 250), (300, 600),
                                      (160, 600), (320, 100), (320, 50), (1200, 630))
_VERSION = "2"
LINE = 1.2        # a line's height (ascender 0.95 + descender 0.25) and baseline step, × size


@dataclass(frozen=True)
class BannerStyle:
    """What a banner says and how it looks (plugin option ``banner``)."""

    name: str
    title: str
    subtitle: str
    background: str
    accent: str
    text: str


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float
    baseline: float
    size: float
    width: float
    bold: bool

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) using the font's ascender and descender."""
        return (self.x, self.baseline - 0.95 * self.size, self.x + self.width,
                self.baseline + (LINE - 0.95) * self.size)


class Typesetter:
    """Measures and draws text with a TrueType font as SVG paths."""

    def __init__(self, font_file: Path):
        from fontTools.ttLib import TTFont
        self.font = TTFont(font_file)
        self.units = self.font["head"].unitsPerEm
        self.cmap = self.font.getBestCmap()
        self.glyphs = self.font.getGlyphSet()

    def _glyph(self, char: str) -> str:
        return self.cmap.get(ord(char)) or self.cmap[ord("?")]

    def width(self, text: str, size: float) -> float:
        return sum(self.glyphs[self._glyph(c)].width for c in text) * size / self.units

    @lru_cache(maxsize=4096)
    def _outline(self, glyph: str) -> str:
        from fontTools.pens.svgPathPen import SVGPathPen
        pen = SVGPathPen(self.glyphs)
        self.glyphs[glyph].draw(pen)
        return pen.getCommands()

    def path(self, line: TextLine) -> str:
        """One <path> per glyph run, flipped to SVG coordinates."""
        scale = line.size / self.units
        parts, advance = [], 0.0
        for char in line.text:
            glyph = self._glyph(char)
            outline = self._outline(glyph)
            if outline:
                parts.append(f'<path transform="translate({line.x + advance * scale:.2f} '
                             f'{line.baseline:.2f}) scale({scale:.5f} {-scale:.5f})" d="{outline}"/>')
            advance += self.glyphs[glyph].width
        return "".join(parts)


@lru_cache(maxsize=2)
def typesetters() -> tuple[Typesetter, Typesetter]:
    return (Typesetter(FONTS / "BeVietnamPro_700Bold.ttf"),
            Typesetter(FONTS / "BeVietnamPro_400Regular.ttf"))


def balanced(words: list[str], setter: Typesetter, size: float, lines: int) -> list[str]:
    """``words`` in ``lines`` lines with the widest line as narrow as possible."""
    from itertools import combinations
    best, best_width = [" ".join(words)], float("inf")
    for cuts in combinations(range(1, len(words)), lines - 1):
        bounds = (0, *cuts, len(words))
        candidate = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
        widest = max(setter.width(line, size) for line in candidate)
        if widest < best_width:
            best, best_width = candidate, widest
    return best


def fit(text: str, setter: Typesetter, width: float, height: float, max_size: float,
        max_lines: int) -> tuple[float, list[str]] | None:
    """The largest size (and balanced lines) at which ``text`` fits in ``width`` × ``height``."""
    words = text.split()
    size = max_size
    while size >= 7:
        for count in range(1, min(max_lines, len(words)) + 1):
            lines = balanced(words, setter, size, count)
            if (max(setter.width(line, size) for line in lines) <= width
                    and size * LINE * count <= height):
                return size, lines
        size -= 0.5
    return None


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    logo: tuple[float, float, float] | None   # x, y, side
    lines: tuple[TextLine, ...]

    @property
    def text_box(self) -> tuple[float, float, float, float]:
        boxes = [line.box for line in self.lines]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))


def _height(block) -> float:
    """Height of stacked lines, LINE × size each."""
    return sum(s * LINE for _, s, _ in block)


def layout(style: BannerStyle, width: int, height: int) -> Layout:
    """Place the logo and fit the title (and subtitle, when there is room)."""
    bold, regular = typesetters()
    pad = max(4.0, round(min(width, height) * 0.08, 1))
    tall = height >= width * 0.75          # logo above the text
    if tall:
        side = min(width * 0.42, height * 0.28)
        logo = ((width - side) / 2, pad, side)
        area = (pad, pad * 2 + side, width - 2 * pad, height - side - pad * 3.5)
    elif height >= 40:
        side = min(height - 2 * pad, width * 0.22)
        logo = (pad, (height - side) / 2, side)
        area = (pad * 2 + side, pad, width - side - pad * 3, height - 2 * pad)
    else:
        logo, area = None, (pad, pad, width - 2 * pad, height - 2 * pad)
    x, y, w, h = area
    title_max = min(h * (0.42 if height >= 200 else 0.62), width * 0.09 if not tall else w * 0.2, 72)
    lines_allowed = 1 if h < 60 else (3 if tall or height >= 200 else 2)
    fitted = fit(style.title, bold, w, h, title_max, lines_allowed)
    if fitted is None:
        raise ValueError(f"banner {width}x{height}: the title does not fit: {style.title!r}")
    size, title_lines = fitted
    block = [(line, size, True) for line in title_lines]
    sub_size = max(7.5, round(size * 0.5, 1))
    if style.subtitle and height >= 60:
        room = h - _height(block) - sub_size * 0.3
        sub = fit(style.subtitle, regular, w, room, sub_size, 2 if tall or height >= 200 else 1)
        if sub and sub[0] >= 9:  # smaller would not be readable: leave it out
            block += [(line, sub[0], False) for line in sub[1]]
    top = y + (h - _height(block)) / 2
    placed = []
    for text, line_size, is_bold in block:
        setter = bold if is_bold else regular
        line_width = setter.width(text, line_size)
        left = x + (w - line_width) / 2 if tall else x
        placed.append(TextLine(text, round(left, 2), round(top + 0.95 * line_size, 2), line_size,
                               line_width, is_bold))
        top += line_size * LINE
    return Layout(width, height, logo, tuple(placed))


def svg(style: BannerStyle, width: int, height: int, logo_svg: str, *, text_only: bool = False) -> str:
    """The banner as SVG (``text_only``: just the text, for checking it fits)."""
    plan = layout(style, width, height)
    bold, regular = typesetters()
    label = escape(svg_label(style), quote=False)
    body = []
    if not text_only:
        r = min(width, height)
        body.append(f'<rect width="{width}" height="{height}" fill="{style.background}"/>')
        body.append(f'<circle cx="{width - r * 0.1:.1f}" cy="{height * 0.15:.1f}" r="{r * 0.6:.1f}" '
                    f'fill="#ffffff" fill-opacity="0.07"/>')
        bar = max(3, round(min(width, height) * 0.045))
        body.append(f'<rect y="{height - bar}" width="{width}" height="{bar}" fill="{style.accent}"/>')
        if plan.logo:
            lx, ly, side = plan.logo
            body.append(f'<svg x="{lx:.2f}" y="{ly:.2f}" width="{side:.2f}" height="{side:.2f}" '
                        f'viewBox="0 0 48 48">{logo_svg}</svg>')
    for line in plan.lines:
        opacity = "" if line.bold else ' fill-opacity="0.92"'
        body.append(f'<g fill="{style.text}"{opacity}>'
                    f'{(bold if line.bold else regular).path(line)}</g>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}">'
            f'<title>{label}</title>{"".join(body)}</svg>\n')


def svg_label(style: BannerStyle) -> str:
    """The banner's text alternative: what it says."""
    return f"{style.title} – {style.subtitle}" if style.subtitle else style.title


def logo_inner(path: Path) -> str:
    """The drawing inside the portal's logo SVG (viewBox 0 0 48 48)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"<svg[^>]*>(.*)</svg>", text, re.S)
    return match.group(1) if match else ""


def file_name(style: BannerStyle, width: int, height: int, suffix: str) -> str:
    return f"{style.name}-{width}x{height}{suffix}"


def banner_folder(style: BannerStyle, logo: Path, cache_dir: Path) -> Path:
    """Where the banners of ``style`` are (or will be) drawn in the cache."""
    key = hashlib.sha1(repr((_VERSION, style, logo_inner(logo), SIZES)).encode()).hexdigest()[:16]
    return cache_dir / key


def draw_banners(style: BannerStyle, logo: Path, cache_dir: Path) -> Path:
    """Draw every size as SVG, PNG and 2× PNG into the cache, unless done; returns the folder."""
    cached = banner_folder(style, logo, cache_dir)
    if not cached.is_dir():
        import cairosvg  # takes most of a second to load: only when banners are drawn
        inner = logo_inner(logo)
        tmp = cache_dir / f"{cached.name}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for width, height in SIZES:
            drawing = svg(style, width, height, inner)
            (tmp / file_name(style, width, height, ".svg")).write_text(drawing, encoding="utf-8")
            for scale, suffix in ((1, ".png"), (2, "@2x.png")):
                cairosvg.svg2png(bytestring=drawing.encode("utf-8"), scale=scale,
                                 write_to=str(tmp / file_name(style, width, height, suffix)))
        shutil.rmtree(cached, ignore_errors=True)
        tmp.rename(cached)
        prune(cache_dir, {cached.name})
    return cached


def write_banners(style: BannerStyle, logo: Path, tree: "OutputTree", cache_dir: Path) -> list[dict]:
    """Put SVG, PNG and 2× PNG of every size into ``/banner/``; return their facts."""
    cached = draw_banners(style, logo, cache_dir)
    facts, placed = [], []
    for width, height in SIZES:
        names = {s: file_name(style, width, height, s) for s in (".svg", ".png", "@2x.png")}
        for name in names.values():
            placed.append((cached / name, f"banner/{name}", cached.name))
        facts.append({"width": width, "height": height, "alt": svg_label(style),
                      "svg": f"/banner/{names['.svg']}", "png": f"/banner/{names['.png']}",
                      "png2x": f"/banner/{names['@2x.png']}",
                      "png_bytes": (cached / names[".png"]).stat().st_size})
    tree.place_all(placed)
    return facts


def style_from_options(options: dict, site_name: dict, description: dict, lang: str = "vi") -> BannerStyle:
    """The banner style from the ``banner`` plugin option (defaults from the site)."""
    def text(key: str, default: str) -> str:
        value = options.get(key, default)
        if isinstance(value, dict):
            value = value.get(lang) or next(iter(value.values()))
        return nfc(str(value)).strip()
    return BannerStyle(
        name=str(options.get("name", "chuyen-doi-so")),
        title=text("title", site_name[lang]),
        subtitle=text("subtitle", description[lang]),
        background=str(options.get("background", "#a50e22")),
        accent=str(options.get("accent", "#ffcd00")),
        text=str(options.get("text", "#ffffff")))
