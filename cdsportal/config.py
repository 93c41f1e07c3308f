"""Typed portal settings, read from the ``cdsportal`` plugin options.

The settings are plain data (no MkDocs types) so that any engine, the CLI and
the tests can build them from a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .diagnostics import Problems
from .i18n import LANGUAGES
from .model.registry import Document, Unit, read_documents, read_units
from .readers import hygiene
from .text import nfc, slugify


@dataclass(frozen=True)
class Category:
    """A news category: its key (written by editors), names and URL slugs."""

    key: str
    names: dict[str, str]
    slugs: dict[str, str]


@dataclass(frozen=True)
class PortalConfig:
    """Everything the stages need to know about one portal."""

    root: Path
    site_url: str
    site_name: dict[str, str]
    site_description: dict[str, str]
    publisher: dict[str, str]
    categories: dict[str, Category]
    units: dict[str, Unit]            # the registry: content/units/*.yml
    documents: dict[str, Document]    # the registry: content/documents/*.yml
    content_dir: Path
    per_page: int = 20
    home_latest: int = 9
    related_count: int = 4
    search_shard_pages: int = 4000
    feed_items: int = 50
    max_file_mb: int = hygiene.DEFAULT_MAX_FILE_MB  # largest image, video or audio file
    podcast: dict = field(default_factory=dict)
    banner: dict = field(default_factory=dict)
    languages: tuple[str, ...] = LANGUAGES
    preview: bool = False      # `serve`: drafts and scheduled items are shown, marked

    def absolute(self, url: str) -> str:
        """``url`` (a site path starting with ``/``) as an absolute URL."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}{url}"


OPTION_KEYS = {"site_name", "site_description", "publisher", "categories",
               "per_page", "home_latest", "related_count", "search_shard_pages", "feed_items",
               "max_file_mb", "podcast", "banner"}


def load_config(options: dict, *, root: Path, site_url: str, content_dir: Path,
                source: Path, problems: Problems, preview: bool = False) -> PortalConfig:
    """Build a :class:`PortalConfig` from plugin ``options`` read from ``source``.

    Problems (unknown keys, missing names per language) are added to ``problems``.
    """
    where = "plugins.cdsportal"
    for key in sorted(set(options) - OPTION_KEYS):
        problems.add(source, None, f"{where}.{key}",
                     f"một trong / one of: {', '.join(sorted(OPTION_KEYS))}")

    def names(value, field_name: str) -> dict[str, str]:
        if isinstance(value, str):
            value = {lang: value for lang in LANGUAGES}
        if not isinstance(value, dict) or any(not isinstance(value.get(l), str) for l in LANGUAGES):
            problems.add(source, None, field_name,
                         f"tên theo từng ngôn ngữ / a name for each language: {', '.join(LANGUAGES)}")
            return {lang: field_name for lang in LANGUAGES}
        return {lang: nfc(value[lang]).strip() for lang in LANGUAGES}

    categories = {}
    for key, value in (options.get("categories") or {}).items():
        key = str(key)
        if slugify(key) != key:
            problems.add(source, None, f"{where}.categories.{key}",
                         f"khóa ASCII chữ thường, gạch nối / a lowercase ASCII key such as "
                         f"'{slugify(key)}'")
        label = names(value, f"{where}.categories.{key}")
        slugs = {"vi": key, "en": slugify(label["en"])}
        categories[key] = Category(key, label, slugs)
    if not categories:
        problems.add(source, None, f"{where}.categories", "ít nhất một chuyên mục / at least one category")

    units = read_units(content_dir / "units", problems)
    documents = read_documents(content_dir / "documents", units, content_dir, problems)

    def positive(key: str, default: int) -> int:
        value = options.get(key, default)
        if not isinstance(value, int) or value < 1:
            problems.add(source, None, f"{where}.{key}", "một số nguyên dương / a positive integer")
            return default
        return value

    max_file_mb = positive("max_file_mb", hygiene.DEFAULT_MAX_FILE_MB)
    return PortalConfig(
        root=root,
        site_url=site_url or "http://127.0.0.1:8000/",
        site_name=names(options.get("site_name", "Chuyển đổi số"), f"{where}.site_name"),
        site_description=names(options.get("site_description", ""), f"{where}.site_description"),
        publisher=names(options.get("publisher", ""), f"{where}.publisher"),
        categories=categories,
        units=units,
        documents=documents,
        content_dir=content_dir,
        per_page=positive("per_page", 20),
        home_latest=positive("home_latest", 9),
        related_count=positive("related_count", 4),
        search_shard_pages=positive("search_shard_pages", 4000),
        feed_items=positive("feed_items", 50),
        max_file_mb=max_file_mb,
        podcast=_podcast(options.get("podcast") or {}, source, problems, content_dir),
        banner=dict(options.get("banner") or {}),
        preview=preview,
    )


PODCAST_KEYS = {"image", "category", "owner_name", "owner_email"}


def _podcast(options: dict, source: Path, problems: Problems, content_dir: Path) -> dict:
    """Podcast settings: cover image (square, 1400–3000 px), category, owner."""
    where = "plugins.cdsportal.podcast"
    for key in sorted(set(options) - PODCAST_KEYS):
        problems.add(source, None, f"{where}.{key}", f"một trong / one of: {', '.join(sorted(PODCAST_KEYS))}")
    image = options.get("image")
    if image and not (content_dir / str(image).lstrip("/")).is_file():
        problems.add(source, None, f"{where}.image",
                     f"một ảnh có thật trong thư mục nội dung / an existing image under "
                     f"{content_dir.name}/, not '{image}'")
    return {k: nfc(str(v)) for k, v in options.items() if k in PODCAST_KEYS}
