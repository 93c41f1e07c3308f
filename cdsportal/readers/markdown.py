"""Markdown bodies to safe HTML.

Editors write CommonMark with GitHub's extensions (what GitHub and GitLab show
in their previews), rendered by cmark-gfm. Raw HTML is cleaned to an
allow-list by nh3, and every relative link or image is resolved against the
source file: a link to another ``.md`` file becomes that page's URL, an image
becomes its published URL, and anything that does not exist is reported.
"""

from __future__ import annotations

import posixpath
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from .hygiene import DEFAULT_MAX_FILE_MB, media_problems

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd",
    "li", "mark", "ol", "p", "pre", "s", "small", "source", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "video": {"src", "controls", "poster", "width", "height", "preload"},
    "source": {"src", "type"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_ATTRIBUTES = {("a", "href"), ("img", "src"), ("video", "src"), ("video", "poster"),
                  ("source", "src")}
_CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE  # raw HTML is kept, then cleaned by nh3
# the URL rewriting of the body being cleaned (see render_markdown)
_RESOLVE: ContextVar[Callable[[str, str, str], str | None]] = ContextVar("resolve")
# One sanitizer for all bodies: nh3.clean converts its allow-lists on every call,
# 40 % of its time; the per-body URL rewriting reaches it through _RESOLVE.
_CLEANER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                       attribute_filter=lambda tag, attr, value: _RESOLVE.get()(tag, attr, value),
                       link_rel="noopener", url_schemes={"http", "https", "mailto", "tel"})
_H1 = re.compile(r"<(/?)h1(?=[ >])")
_FORBIDDEN_TAG = re.compile(r"<\s*(script|style|iframe|object|embed|form|input|button)\b", re.I)
# a URL with a forbidden scheme (the attribute's name is checked apart: with a literal
# '="' first, the pattern skips through the text fast; case-blind all over, it did not)
_BAD_SCHEME = re.compile(r'="((?i:javascript|vbscript|data):[^"]*)"')
_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _attribute(pattern: re.Pattern, tag: str) -> str | None:
    """An attribute's value however it is quoted (None when absent)."""
    match = pattern.search(tag)
    return next((g for g in match.groups() if g is not None), "") if match else None


def _line_of(text: str, needle: str) -> int:
    """The 0-based line of ``needle`` in ``text`` (0 when not found)."""
    index = text.find(needle)
    return text.count("\n", 0, index) if index > 0 else 0


@dataclass
class RenderedBody:
    """HTML of a body, the local files it uses and the problems found in it."""

    html: str
    media: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str, int]] = field(default_factory=list)  # (field, expected, line in body)


def render_markdown(text: str, source: Path, content_root: Path,
                    page_url_for: Callable[[Path], str | None],
                    media_url_for: Callable[[Path], str],
                    max_file_mb: int = DEFAULT_MAX_FILE_MB) -> RenderedBody:
    """Render ``text`` (from ``source``) to sanitised HTML with resolved URLs.

    ``page_url_for`` maps a Markdown source path to its published URL (None when
    unknown); ``media_url_for`` maps an existing media file to its URL. A file
    used must be what its name says and weigh at most ``max_file_mb``, as the
    files of the front matter.
    """
    result = RenderedBody("")

    def problem(field_name: str, expected: str, needle: str) -> None:
        result.problems.append((field_name, expected, _line_of(text, needle)))

    for match in _FORBIDDEN_TAG.finditer(text):
        problem("body", f"không dùng mã <{match.group(1).lower()}> trong bài; video dùng trường "
                        f"video: hoặc youtube: / no <{match.group(1).lower()}> in the text; for "
                        f"videos use the video: or youtube: field", match.group(0))
    raw = cmarkgfm.github_flavored_markdown_to_html(text, options=_CMARK_OPTIONS)
    raw = _H1.sub(r"<\1h2", raw)  # the page title is the only h1
    for match in _BAD_SCHEME.finditer(raw):
        if raw[max(0, match.start() - 4): match.start()].lower() != "href":
            continue
        problem("body", f"liên kết http(s)/mailto/tel / an http(s), mailto or tel link, not "
                        f"'{match.group(1)[:40]}'", match.group(1)[:20])
    for tag in _IMG.findall(raw):
        alt, src = _attribute(_ALT, tag), _attribute(_SRC, tag)
        if not (alt or "").strip():
            where = src or "<img"
            problem("body", f"ảnh '{where}' cần mô tả: ![mô tả ảnh]({where}) / alt text for "
                            f"the image '{where}': ![description]({where})", where)

    def resolve(tag: str, attr: str, value: str) -> str | None:
        if (tag, attr) not in URL_ATTRIBUTES:
            return value
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("#") or not parts.path:
            return value
        target = _local_path(unquote(parts.path), source, content_root)
        suffix = f"#{parts.fragment}" if parts.fragment else ""
        if target.suffix == ".md":
            url = page_url_for(target)
            if url is None:
                problem("body", f"liên kết tới trang có thật / a link to an existing page, "
                                f"not '{value}'", value)
                return None
            return url + suffix
        if not target.is_file():
            problem("body", f"tệp '{value}' tồn tại / the file '{value}' to exist", value)
            return None
        wrong = media_problems(target, value, max_file_mb)
        for message in wrong:
            problem("body", message, value)
        if wrong:
            return None
        result.media.append(target)
        return media_url_for(target) + suffix

    token = _RESOLVE.set(resolve)
    try:
        html = _CLEANER.clean(raw)
    finally:
        _RESOLVE.reset(token)
    result.html = html.replace("<img ", '<img loading="lazy" decoding="async" ')
    return result


def _local_path(path: str, source: Path, content_root: Path) -> Path:
    """A site-relative path: leading ``/`` is the content root, else the source folder."""
    if path.startswith("/"):
        return content_root / posixpath.normpath(path.lstrip("/"))
    return (source.parent / path).resolve()
