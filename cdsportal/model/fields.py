"""Field validators shared by every content type.

Each validator takes the source document, the field name and the problems
collection; it returns the cleaned value or None after recording a problem
that names the file, the line, the field and what was expected.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from pathlib import Path

from ..diagnostics import Problems
from ..readers import hygiene
from ..readers.frontmatter import SourceDocument
from ..text import localize, nfc

_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")
DATE_EXPECTED = ("một ngày có thật dạng YYYY-MM-DD, YYYY-MM-DD HH:MM hoặc DD/MM/YYYY (giờ Việt "
                 "Nam) / a real date as YYYY-MM-DD, YYYY-MM-DD HH:MM or DD/MM/YYYY "
                 "(Asia/Ho_Chi_Minh)")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif"}
VIDEO_SUFFIXES = {".mp4", ".webm"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # slugs and registry ids (use fullmatch)


def suggest(value: str, choices) -> str:
    """A hint naming the closest known choices, or listing them when few."""
    choices = sorted(choices)
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.5)
    if close:
        return " — có phải / did you mean: " + ", ".join(close) + "?"
    if len(choices) <= 12:
        return " — một trong / one of: " + ", ".join(choices)
    return ""


def unknown_keys(doc: SourceDocument, allowed: set[str], problems: Problems) -> None:
    """Report every front-matter key that is not in ``allowed``."""
    for key in doc.meta:
        if key not in allowed:
            problems.add(doc.path, doc.line_of(str(key)), str(key),
                         "không có khóa này / no such key" + suggest(str(key), allowed))


def text(doc: SourceDocument, key: str, problems: Problems, *, required: bool) -> str | None:
    """A non-empty single string (numbers are accepted and turned into text)."""
    value = doc.meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(doc.path, doc.line_of(key), key,
                         "bắt buộc, không được để trống / required, not empty")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.add(doc.path, doc.line_of(key), key, "một dòng chữ / a single text value")
        return None
    return nfc(value).strip()


def flag(doc: SourceDocument, key: str, problems: Problems, default: bool = False) -> bool:
    """A yes/no field (absent means ``default``)."""
    value = doc.meta.get(key, default)
    if not isinstance(value, bool):
        problems.add(doc.path, doc.line_of(key), key, "true hoặc false / true or false")
        return default
    return value


def integer(doc: SourceDocument, key: str, problems: Problems, default: int) -> int:
    """A whole number (absent means ``default``)."""
    value = doc.meta.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add(doc.path, doc.line_of(key), key, "một số nguyên / a whole number")
        return default
    return value


def text_list(doc: SourceDocument, key: str, problems: Problems) -> tuple[str, ...]:
    """A list of strings; ``a, b`` written on one line is split at commas."""
    value = doc.meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        problems.add(doc.path, doc.line_of(key), key,
                     "một danh sách, ví dụ [VNeID, Đề án 06] / a list such as [VNeID, Đề án 06]")
        return ()
    cleaned = [nfc(str(v)).strip() for v in value]
    return tuple(dict.fromkeys(v for v in cleaned if v))


def timestamp(doc: SourceDocument, key: str, problems: Problems, *, required: bool) -> datetime | None:
    """A date or date-time; without a zone it is in Asia/Ho_Chi_Minh."""
    value = doc.meta.get(key)
    if value is None:
        if required:
            problems.add(doc.path, doc.line_of(key), key, "bắt buộc / required: " + DATE_EXPECTED)
        return None
    if isinstance(value, (date, datetime)):
        return localize(value)
    if isinstance(value, str):
        raw = value.strip()
        try:
            return localize(datetime.fromisoformat(raw))
        except ValueError:
            pass
        for fmt in _DATE_FORMATS:
            try:
                return localize(datetime.strptime(raw, fmt))
            except ValueError:
                continue
    problems.add(doc.path, doc.line_of(key), key, f"{DATE_EXPECTED}, không phải / not '{value}'")
    return None


def unit(doc: SourceDocument, key: str, problems: Problems, config) -> str | None:
    """A unit id from the registry; any text when the portal registers no units."""
    if config.units:
        return choice(doc, key, config.units, problems, required=False, what="đơn vị/unit")
    return text(doc, key, problems, required=False)


def choice(doc: SourceDocument, key: str, choices, problems: Problems, *, required: bool,
           what: str) -> str | None:
    """A key from a configured list (a category, a unit)."""
    value = text(doc, key, problems, required=required)
    if value is None:
        return None
    if value not in choices:
        problems.add(doc.path, doc.line_of(key), key,
                     f"{what} đã khai báo trong cấu hình / a {what} from the configuration, "
                     f"not '{value}'" + suggest(value, choices))
        return None
    return value


def local_file(doc: SourceDocument, key: str, problems: Problems, config,
               suffixes: set[str], what: str, required: str | None = None) -> Path | None:
    """A path to an existing file: ``/x`` from the content root, else beside the source.

    The file must be at most ``max_file_mb`` and its content of the format its
    extension names. ``required``: the message when the key is missing or empty.
    """
    value = text(doc, key, problems, required=False)
    if value is None:
        if required:
            problems.add(doc.path, doc.line_of(key), key, required)
        return None
    if "://" in value:
        problems.add(doc.path, doc.line_of(key), key,
                     f"tệp {what} trong kho nội dung, không phải địa chỉ web / a {what} file "
                     f"in the content folder, not a web address")
        return None
    root = config.content_dir
    path = (root / value.lstrip("/")) if value.startswith("/") else (doc.path.parent / value)
    path = path.resolve()
    if path.suffix.lower() not in suffixes:
        problems.add(doc.path, doc.line_of(key), key,
                     f"tệp {what} ({', '.join(sorted(suffixes))}) / a {what} file, not '{value}'")
        return None
    if not path.is_file():
        problems.add(doc.path, doc.line_of(key), key,
                     f"tệp '{value}' phải tồn tại / the file '{value}' to exist")
        return None
    found = hygiene.media_problems(path, value, config.max_file_mb)
    for message in found:
        problems.add(doc.path, doc.line_of(key), key, message)
    return None if found else path


def youtube_id(doc: SourceDocument, key: str, problems: Problems) -> str | None:
    """An 11-character YouTube video id (not a full URL)."""
    value = text(doc, key, problems, required=False)
    if value is None:
        return None
    if not _YOUTUBE_ID.match(value):
        problems.add(doc.path, doc.line_of(key), key,
                     "mã video YouTube gồm 11 ký tự, ví dụ dQw4w9WgXcQ / an 11-character "
                     f"YouTube id, not '{value}'")
        return None
    return value


def aliases(doc: SourceDocument, problems: Problems) -> tuple[str, ...]:
    """Old addresses of a page (kept working as redirects): paths starting with /."""
    values = text_list(doc, "aliases", problems)
    for alias in values:
        if not alias.startswith("/") or "//" in alias or " " in alias:
            problems.add(doc.path, doc.line_of("aliases"), "aliases",
                         f"đường dẫn cũ bắt đầu bằng /, ví dụ /tin-tuc/ten-cu/ / an old path "
                         f"starting with /, such as /tin-tuc/old-name/, not '{alias}'")
    return values


def image_pair(doc: SourceDocument, problems: Problems, config):
    """``image`` (an existing picture) and its required ``image_alt``."""
    image = local_file(doc, "image", problems, config, IMAGE_SUFFIXES, "ảnh/image")
    alt = text(doc, "image_alt", problems, required=False)
    if doc.meta.get("image") is not None and alt is None:
        line = doc.line_of("image_alt") if "image_alt" in doc.meta else doc.line_of("image")
        problems.add(doc.path, line, "image_alt",
                     "mô tả ảnh cho người khiếm thị (image_alt) / alt text for the image")
    return image, alt


def slug_value(doc: SourceDocument, key: str, problems: Problems) -> str | None:
    """An explicit URL slug: lowercase ASCII letters, digits and hyphens."""
    value = text(doc, key, problems, required=False)
    if value is None:
        return None
    if not SLUG.fullmatch(value):
        problems.add(doc.path, doc.line_of(key), key,
                     f"chữ thường không dấu và gạch nối, ví dụ chuyen-doi-so / lowercase ASCII "
                     f"and hyphens, not '{value}'")
        return None
    return value
