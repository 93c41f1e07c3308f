"""Languages, the UI strings of each (one table per language) and URL segments."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LOCALES_DIR = Path(__file__).parent / "locales"


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, str]:
    """The UI strings of ``lang`` (menus, buttons, labels, URL segments)."""
    with open(LOCALES_DIR / f"{lang}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def segment(lang: str, name: str) -> str:
    """The URL segment for a section in ``lang`` (``news`` → ``tin-tuc`` in Vietnamese)."""
    return strings(lang)[f"path.{name}"]


def language_prefix(lang: str) -> str:
    """``/`` for the default language, ``/en/`` for English."""
    return "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"


def language_of_filename(name: str) -> str | None:
    """The language in ``x.vi.md`` → ``vi``; None when the name carries none."""
    parts = name.split(".")
    if len(parts) >= 3 and parts[-2] in LANGUAGES:
        return parts[-2]
    return None
