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


SEARCH_INDEX_DIR = "search-index"


def search_index(lang: str) -> str:
    """The search index of a language (it lists the files of its shards)."""
    return f"/{SEARCH_INDEX_DIR}/{lang}/index.json"


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


def bulletins(lang: str) -> str:
    return section(lang, "bulletins")


def bulletin_issue(year: int, number: int) -> str:
    """An issue's page (the bulletin is published in Vietnamese)."""
    return section("vi", "bulletins", str(year), f"so-{number:02d}")


def bulletin_article(year: int, number: int, slug: str) -> str:
    return f"{bulletin_issue(year, number)}{slug}/"


def bulletin_pdf(year: int, number: int) -> str:
    return f"{bulletin_issue(year, number)}ban-tin-chuyen-doi-so-so-{number:02d}-{year}.pdf"


def bulletin_feed() -> str:
    return f"{bulletins('vi')}rss.xml"


def media(config, path) -> str:
    """The published URL of a file an entry uses: its path below ``content/``,
    or, for a file in a bulletin folder ``bulletins/<year>/<NN>/``, the issue's URL."""
    resolved = path.resolve()
    try:
        return "/" + resolved.relative_to(config.content_dir.resolve()).as_posix()
    except ValueError:
        relative = resolved.relative_to((config.root / "bulletins").resolve())
        year, number, *rest = relative.parts
        return bulletin_issue(int(year), int(number)) + "/".join(rest)


def plans(lang: str) -> str:
    return section(lang, "plans")


def plan(lang: str, plan_id: str) -> str:
    return section(lang, "plans", plan_id)


def documents(lang: str) -> str:
    return section(lang, "documents")


def unit(lang: str, unit_id: str) -> str:
    return section(lang, "units", unit_id)


def event_item(lang: str, slug: str) -> str:
    return section(lang, "events", slug)


def calendar() -> str:
    """The iCalendar feed of events and plan deadlines (one file, Vietnamese)."""
    return f"{section('vi', 'events')}lich.ics"


def banners(lang: str) -> str:
    return section(lang, "banners")


def widget(lang: str) -> str:
    """The latest-news page member websites put in an <iframe>."""
    return section(lang, "embed", segment(lang, "latest"))
