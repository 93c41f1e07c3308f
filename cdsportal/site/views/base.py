"""Page views: for every page of the site, its URL, template and a context made
of plain data (strings, numbers, lists, dicts).

Because a context is plain data, its hash decides whether a page must be
rendered again, and templates never compute URLs or hold UI text themselves.
This module holds what every kind of page shares; each concern (news,
radio, events, bulletins, plans, embeds) adds its pages in a module of its own.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote

from ...bodies import Body
from ...i18n import DEFAULT_LANGUAGE, strings
from ...model.news import NewsItem
from ...outputs.images import with_pictures
from ...text import format_date
from .. import urls
from ..graph import SiteGraph


@dataclass(frozen=True)
class Searchable:
    """What a page gives the index besides its URL, title and description."""

    year: int                 # shards hold whole years (0: plain pages, kept with the newest)
    date: str | None          # the date shown with the result, in the page's language
    sort: str                 # newest first: the ISO date (empty for plain pages)
    text: tuple[str, ...]     # HTML or text to index: the body (excerpts quote it), then tags…


@dataclass(frozen=True)
class PageView:
    """One HTML page to write: where, with which template, from which data."""

    url: str
    template: str
    context: dict
    search: Searchable | None = None   # set on pages whose text goes into the search index
    # The news items (by URL) whose data the page shows, when that is all that
    # can change it while the site's structure stays the same; None: the page
    # depends on more, and is made again on every build.
    deps: tuple[str, ...] | None = None


BODY_PHOTO_SIZES = "(max-width: 60rem) 100vw, 60rem"  # as wide as the text column at most


def localised(original: str, english: str | None, lang: str):
    """The English text on English pages when the source gives one, else the original."""
    return english if english and lang != DEFAULT_LANGUAGE else original


def shown_items(cards) -> tuple[str, ...]:
    """The URLs of the news items behind ``cards`` (links or cards; None skipped)."""
    return tuple(card["url"] for card in cards if card)


class ViewBase:
    """What every page needs: the graph, the language chrome, menus and feeds."""

    def __init__(self, graph: SiteGraph, bodies: dict[int, Body], pdf_sizes: dict[int, int] | None = None, banners: list[dict] | None = None,
                 pictures: dict | None = None):
        self.graph = graph
        self.pictures = pictures or {}
        self.banners = banners or []
        self.pdf_sizes = pdf_sizes or {}
        self.config = graph.config
        self.bodies = bodies
        self._cards: dict[int, dict] = {}
        self._media: dict = {}
        self._pictures_by_url = {picture.src: picture for picture in self.pictures.values()}
        self._feeds = {lang: self._language_feeds(lang) for lang in self.config.languages}
        self._menus = {lang: self._menu(lang) for lang in self.config.languages}

    # -- building blocks -------------------------------------------------
    def media(self, path) -> str:
        """The URL of a file an entry uses (memoised: pages show the same photos)."""
        found = self._media.get(path)
        if found is None:
            found = self._media[path] = urls.media(self.config, path)
        return found

    def picture(self, path) -> dict | None:
        """An image's URL, size and smaller candidates (``srcset``) for an <img>."""
        if path is None:
            return None
        found = self.pictures.get(path)
        if found is None:
            return {"src": self.media(path), "srcset": None, "webp_srcset": None,
                    "width": None, "height": None}
        return {"src": found.src, "srcset": found.srcset, "webp_srcset": found.webp_srcset,
                "width": found.width, "height": found.height}

    def body_html(self, entry) -> str:
        """An entry's rendered body, its photos offered at smaller sizes and as WebP."""
        return with_pictures(self.bodies[id(entry)].html, self._pictures_by_url, BODY_PHOTO_SIZES)

    def card(self, item: NewsItem) -> dict:
        """What a listing shows of an item (memoised: one dict per item)."""
        cached = self._cards.get(id(item))
        if cached is None:
            category = self.config.categories[item.category]
            cached = {
                "url": self.graph.url_of(item), "title": item.title, "summary": item.summary,
                "date_iso": item.date.isoformat(), "date": format_date(item.date, item.lang),
                "picture": self.picture(item.image),
                "has_video": bool(item.video or item.youtube),
                "category": {"name": category.names[item.lang],
                             "url": urls.category(item.lang, category.slugs[item.lang])},
                "badge": self.preview_label(item),
            }
            self._cards[id(item)] = cached
        return cached

    def unit_name(self, unit_id: str | None, lang: str, default: str | None = None) -> str | None:
        """A registered unit's name in ``lang`` (``default`` for an unregistered id)."""
        unit = self.config.units.get(unit_id) if unit_id else None
        return unit.name(lang) if unit else default

    @staticmethod
    def translation_link(translations: dict, lang: str) -> dict | None:
        """The link to the page's translation ("Read in English"), if there is one."""
        return next(({"lang": l, "url": u, "label": strings(lang)["news.translation"]}
                     for l, u in translations.items() if l != lang), None)

    def preview_label(self, entry, lang: str | None = None) -> str | None:
        """"Bản nháp" / "Hẹn giờ đăng" on entries that only a preview shows."""
        if self.graph.is_out(entry):
            return None
        return strings(lang or entry.lang)["preview.draft" if entry.draft else "preview.scheduled"]

    def base(self, lang: str, url: str, title: str, *, description: str | None = None,
             kind: str = "website", section: str = "", translations: dict | None = None,
             image: str | None = None, indexed: bool = True,
             feeds: list[dict] | None = None) -> dict:
        """The context every page has: language, head metadata, menu, switcher."""
        site = self.config.site_name[lang]
        other_langs = [l for l in self.config.languages if l != lang]
        translations = translations or {}
        alternates = [{"lang": l, "url": self.config.absolute(translations[l])}
                      for l in self.config.languages if l in translations]
        switch = [{"lang": l, "name": strings(l)["language.name"],
                   "url": translations.get(l, urls.home(l))} for l in other_langs]
        description = description or self.config.site_description[lang]
        share = next((b["png"] for b in self.banners if (b["width"], b["height"]) == (1200, 630)), None)
        absolute_image = self.config.absolute(image or share) if (image or share) else None
        return {
            "lang": lang, "url": url, "canonical": self.config.absolute(url),
            "title": title, "page_title": title if url != urls.home(lang) else site,
            "site_name": site, "description": description, "kind": kind,
            "section": section, "alternates": alternates if len(alternates) > 1 else [],
            "switch": switch, "image": absolute_image, "menu": self._menus[lang],
            "home_url": urls.home(lang), "search_url": urls.search(lang),
            "publisher": self.config.publisher[lang],
            "feeds": (feeds or []) + self._feeds[lang],
            "indexed": indexed, "t": strings(lang),
        }

    def _language_feeds(self, lang: str) -> list[dict]:
        """Feeds announced in the head of every page of ``lang`` (autodiscovery)."""
        site = self.config.site_name[lang]
        feeds = [{"type": "application/rss+xml", "title": f"{site} (RSS)", "url": urls.feed(lang, "rss.xml")},
                 {"type": "application/atom+xml", "title": f"{site} (Atom)", "url": urls.feed(lang, "atom.xml")},
                 {"type": "application/feed+json", "title": f"{site} (JSON Feed)", "url": urls.feed(lang, "feed.json")}]
        if "radio" in self.graph.sections(lang):
            feeds.append({"type": "application/rss+xml", "title": strings(lang)["radio.title"],
                          "url": urls.podcast(lang)})
        return feeds

    def _menu(self, lang: str) -> list[dict]:
        """The top menu of a language: home, news, categories, archive, plain pages."""
        t = strings(lang)
        items = [{"key": "home", "title": t["nav.home"], "url": urls.home(lang)},
                 {"key": "news", "title": t["nav.news"], "url": urls.section(lang, "news")},
                 {"key": "categories", "title": t["nav.categories"],
                  "url": urls.section(lang, "category")},
                 {"key": "archive", "title": t["nav.archive"], "url": urls.archive(lang)}]
        items += [{"key": name, "title": t[f"nav.{name}"], "url": urls.section(lang, name)}
                  for name in self.graph.sections(lang)]
        for page in self.graph.pages[lang]:
            if page.in_menu:
                items.append({"key": f"page:{page.key}", "title": page.title,
                              "url": self.graph.url_of(page)})
        return items

    def _translation_urls(self, kind: str, entry) -> dict[str, str]:
        return {lang: self.graph.url_of(e)
                for lang, e in self.graph.translations_of(kind, entry).items()}



def format_duration(seconds: int) -> str:
    """``4:05`` or ``1:04:05``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_size(size: int, lang: str) -> str:
    """A file size for people: ``1,2 MB`` (vi) or ``1.2 MB`` (en)."""
    text = f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} KB"
    return text.replace(".", ",") if lang == "vi" else text


def ready(view: PageView) -> Callable[[], PageView]:
    """A recipe for a view that is already made."""
    return lambda: view


def share_links(absolute_url: str) -> dict[str, str]:
    """Plain share links (no third-party script): Facebook's sharer and Zalo's share page."""
    payload = base64.b64encode(json.dumps({"url": absolute_url}).encode()).decode("ascii")
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={_quoted(absolute_url)}",
        "zalo": "https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false"
                f"&shareType=0&d={_quoted(payload)}",
    }


# What quote(text, safe="") makes of ASCII text, as a table (it is called twice per page)
_QUOTE_ASCII = {c: f"%{c:02X}" for c in range(128)
                if not (chr(c).isalnum() or chr(c) in "_.-~")}


def _quoted(text: str) -> str:
    return text.translate(_QUOTE_ASCII) if text.isascii() else quote(text, safe="")

