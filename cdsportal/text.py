"""Vietnamese text handling: NFC, ASCII slugs, đ-folding and dates per language."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from slugify import slugify as _slugify

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# Date patterns per language: "03/01/2024" in Vietnamese, "3 January 2024" in English.
DATE_PATTERNS = {"vi": "dd/MM/yyyy", "en": "d MMMM yyyy"}
MONTH_PATTERNS = {"vi": "'tháng' M/yyyy", "en": "MMMM yyyy"}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (editors' tools sometimes write NFD)."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """ASCII slug: "Chuyển đổi số" → "chuyen-doi-so" (đ → d)."""
    return _slugify(nfc(text).replace("đ", "d").replace("Đ", "D"))


def slugify_words(text: str, max_length: int) -> str:
    """An ASCII slug of at most ``max_length`` characters, cut between words."""
    slug = slugify(text)
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    return slug[:cut] if cut > 0 else slug[:max_length]


def localize(value: date | datetime) -> datetime:
    """A timezone-aware datetime in Asia/Ho_Chi_Minh (midnight for plain dates)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    if value.tzinfo is None:
        return value.replace(tzinfo=TIMEZONE)
    return value.astimezone(TIMEZONE)


@lru_cache(maxsize=8192)
def _format(day: date, lang: str, pattern_table: str) -> str:
    patterns = DATE_PATTERNS if pattern_table == "date" else MONTH_PATTERNS
    return babel_format_date(day, patterns[lang], locale=lang)


def format_date(value: date | datetime, lang: str) -> str:
    """A date for people: ``03/01/2024`` (vi) or ``3 January 2024`` (en), in +07:00."""
    day = localize(value).date() if isinstance(value, datetime) else value
    return _format(day, lang, "date")


def format_month(year: int, month: int, lang: str) -> str:
    """A month heading: ``tháng 1/2024`` (vi) or ``January 2024`` (en)."""
    return _format(date(year, month, 1), lang, "month")
