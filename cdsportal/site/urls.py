"""The URL scheme, in one place. Every URL is a site path starting with ``/``."""

from __future__ import annotations

from ..i18n import language_prefix, segment


def home(lang: str) -> str:
    return language_prefix(lang)


def section(lang: str, name: str, *parts: str) -> str:
    """``/tin-tuc/`` or ``/en/news/`` followed by ``parts``."""
    path = "/".join((segment(lang, name),) + tuple(str(p) for p in parts))
    return f"{language_prefix(lang)}{path}/"


def news_item(lang: str, slug: str) -> str:
    return section(lang, "news", slug)


def radio_item(lang: str, slug: str) -> str:
    return section(lang, "radio", slug)


def page(lang: str, slug: str) -> str:
    return f"{language_prefix(lang)}{slug}/"


def paginated(base: str, lang: str, number: int) -> str:
    """Page ``number`` of the listing at ``base``: page 1 is ``base`` itself."""
    return base if number == 1 else f"{base}{segment(lang, 'page')}-{number}/"


def category(lang: str, slug: str) -> str:
    return section(lang, "category", slug)


def tag(lang: str, slug: str) -> str:
    return section(lang, "tag", slug)


def archive(lang: str, year: int | None = None, month: int | None = None) -> str:
    parts = [str(year)] if year else []
    if month:
        parts.append(f"{month:02d}")
    return section(lang, "archive", *parts)


def search(lang: str) -> str:
    return section(lang, "search")


def output_path(url: str) -> str:
    """The file that serves ``url``: ``/tin-tuc/x/`` → ``tin-tuc/x/index.html``."""
    path = url.lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


def subscribe(lang: str) -> str:
    return section(lang, "subscribe")


def feed(lang: str, name: str) -> str:
    """The language's news feeds: ``rss.xml``, ``atom.xml`` or ``feed.json``."""
    return f"{language_prefix(lang)}{name}"


def category_feed(lang: str, slug: str) -> str:
    return f"{category(lang, slug)}rss.xml"


def podcast(lang: str) -> str:
    return f"{section(lang, 'radio')}podcast.xml"
