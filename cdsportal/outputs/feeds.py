"""Syndication feeds, made with feedgen from the site graph.

Public addresses (a contract: never move them), per language:
``/rss.xml``, ``/atom.xml``, ``/feed.json`` (``/en/…``), a category RSS at
``/chuyen-muc/<slug>/rss.xml``, and the radio podcast at
``/phat-thanh/podcast.xml``.

Every entry has a GUID derived from the item's permanent key (so editing the
title, slug or body never changes it), dates in +07:00, the full content with
absolute URLs, and the channel dates come from the newest item, so unchanged
content gives byte-identical feeds.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from datetime import datetime
from typing import TYPE_CHECKING


from .. import __version__
from ..bodies import Body
from ..i18n import strings
from ..site import urls
from ..site.graph import SiteGraph
from ..text import TIMEZONE
from .tree import OutputTree

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

_ROOT_RELATIVE = re.compile(r'(\s(?:href|src|poster)=")/(?!/)')
_EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=TIMEZONE)
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                ".webp": "image/webp", ".gif": "image/gif", ".svg": "image/svg+xml",
                ".avif": "image/avif"}


def entry_id(site_url: str, kind: str, key: str, lang: str) -> str:
    """A permanent id for an entry: a name-based UUID of its kind, key and language."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url}#{kind}/{key}/{lang}").urn


class FeedWriter:
    """Writes every feed of a site graph into an output folder."""

    def __init__(self, graph: SiteGraph, bodies: dict[int, Body], tree: OutputTree,
                 pdf_sizes: dict[int, int]):
        self.graph = graph
        self.pdf_sizes = pdf_sizes
        self.config = graph.config
        self.bodies = bodies
        self.tree = tree
        self.limit = self.config.feed_items

    def write_all(self) -> int:
        """Write every feed; returns how many were written."""
        written = 0
        for lang in self.config.languages:
            items = [i for i in self.graph.news[lang] if self.graph.is_out(i)][: self.limit]
            site = self.config.site_name[lang]
            home = urls.home(lang)
            for fmt in ("rss", "atom"):
                self._write_xml(self._news_feed(lang, items, site, home, fmt == "rss"), fmt,
                                urls.feed(lang, f"{fmt}.xml"))
                written += 1
            self._write_json(lang, items, site, home)
            written += 1
            for key, category in self.config.categories.items():
                chosen = [i for i in self.graph.by_category[lang][key]
                          if self.graph.is_out(i)][: self.limit]
                feed = self._feed(lang, f"{site} – {category.names[lang]}",
                                  urls.category(lang, category.slugs[lang]),
                                  urls.category_feed(lang, category.slugs[lang]), chosen)
                for item in chosen:
                    self._news_entry(feed, item)
                self._write_xml(feed, "rss", urls.category_feed(lang, category.slugs[lang]))
                written += 1
            programmes = [p for p in self.graph.radio[lang] if self.graph.is_out(p)][: self.limit]
            if programmes:
                self._write_xml(self._podcast(lang, programmes), "rss", urls.podcast(lang))
                written += 1
        if self.graph.bulletins:
            self._write_xml(self._bulletin_feed(), "rss", urls.bulletin_feed())
            written += 1
        return written

    def _bulletin_feed(self) -> FeedGenerator:
        """Each issue an item, with its PDF as the enclosure."""
        t = strings("vi")
        absolute = self.config.absolute
        issues = [i for i in self.graph.bulletins if self.graph.is_out(i)][: self.limit]
        feed = self._feed("vi", t["bulletin.title"], urls.bulletins("vi"), urls.bulletin_feed(),
                          issues)
        feed.description(t["bulletin.intro"])
        for issue in issues:
            entry = self._entry(feed, "bulletin", f"{issue.year}-{issue.number:02d}", "vi",
                                f"{t['bulletin.issue'].format(label=issue.label)}: {issue.title}",
                                self.graph.url_of(issue), issue.date, None, issue.summary)
            entry.enclosure(absolute(urls.bulletin_pdf(issue.year, issue.number)),
                            str(self.pdf_sizes[id(issue)]), "application/pdf")
        return feed

    # -- building blocks ---------------------------------------------------
    def _feed(self, lang: str, title: str, page: str, address: str, entries) -> FeedGenerator:
        """A channel: its page, its own address (rel=self) and dates from the newest entry."""
        absolute = self.config.absolute
        from feedgen.feed import FeedGenerator  # with lxml and dateutil: written in the background
        feed = FeedGenerator()
        feed.id(absolute(address))
        feed.title(title)
        feed.link(href=absolute(address), rel="self")
        feed.link(href=absolute(page), rel="alternate")
        feed.description(self.config.site_description[lang] or title)
        feed.subtitle(self.config.site_description[lang] or title)
        feed.language(lang)
        feed.generator("cdsportal", version=__version__)
        feed.author({"name": self.config.publisher[lang] or title})
        newest = max((e.date if not getattr(e, "updated", None) else e.updated
                      for e in entries), default=_EMPTY_FEED_DATE)
        feed.updated(newest)  # also RSS lastBuildDate
        feed.load_extension("dc")
        return feed

    def _news_feed(self, lang, items, site, home, rss: bool) -> FeedGenerator:
        feed = self._feed(lang, site, home, urls.feed(lang, "rss.xml" if rss else "atom.xml"), items)
        for item in items:
            self._news_entry(feed, item)
        return feed

    def _news_entry(self, feed: FeedGenerator, item) -> None:
        absolute = self.config.absolute
        lang = item.lang
        entry = self._entry(feed, "news", item.key, lang, item.title, self.graph.url_of(item),
                            item.date, item.updated, item.summary)
        entry.content(self._absolute_html(self.bodies[id(item)].html), type="html")
        category = self.config.categories[item.category]
        entry.category(term=category.names[lang],
                       scheme=absolute(urls.category(lang, category.slugs[lang])))
        for tag in item.tags:
            if tag != category.names[lang]:
                entry.category(term=tag)
        if item.source_unit in self.config.units:
            unit = self.config.units[item.source_unit].name(lang)
            entry.author({"name": unit})   # Atom <author>
            entry.dc.dc_creator(unit)      # RSS <dc:creator> (RSS <author> must be an email)
        if item.image:
            entry.enclosure(absolute(urls.media(self.config, item.image)),
                            str(item.image.stat().st_size),
                            _IMAGE_TYPES.get(item.image.suffix.lower(), "image/jpeg"))

    def _entry(self, feed: FeedGenerator, kind: str, key: str, lang: str, title: str, url: str,
               published: datetime, updated: datetime | None, summary: str):
        """An entry with its permanent id, link, dates and (escaped) summary."""
        entry = feed.add_entry(order="append")
        guid = entry_id(self.config.site_url, kind, key, lang)
        entry.id(guid)
        entry.guid(guid, permalink=False)
        entry.title(title)
        entry.link(href=self.config.absolute(url))
        entry.published(published)
        entry.updated(updated or published)
        entry.summary(html.escape(summary, quote=False), type="html")
        return entry

    def _podcast(self, lang: str, programmes) -> FeedGenerator:
        """The radio programme as a podcast (iTunes tags via feedgen's extension)."""
        t = strings(lang)
        absolute = self.config.absolute
        podcast = self.config.podcast
        feed = self._feed(lang, t["radio.title"], urls.section(lang, "radio"),
                          urls.podcast(lang), programmes)
        feed.description(t["radio.intro"])
        feed.subtitle(t["radio.intro"])
        feed.load_extension("podcast")
        owner = podcast.get("owner_name") or self.config.publisher[lang]
        feed.podcast.itunes_author(owner)
        feed.podcast.itunes_owner(name=owner, email=podcast.get("owner_email"))
        feed.podcast.itunes_category(podcast.get("category", "Government"))
        feed.podcast.itunes_explicit("no")
        feed.podcast.itunes_summary(t["radio.intro"])
        feed.podcast.itunes_type("episodic")
        if podcast.get("image"):
            cover = absolute(podcast["image"])
            feed.podcast.itunes_image(cover)
            feed.image(url=cover, title=t["radio.title"], link=absolute(urls.section(lang, "radio")))
        for programme in programmes:
            entry = self._entry(feed, "radio", programme.key, lang, programme.title,
                                self.graph.url_of(programme), programme.date, None,
                                programme.summary)
            entry.content(self._absolute_html(self.bodies[id(programme)].html), type="html")
            entry.enclosure(absolute(urls.media(self.config, programme.audio)),
                            str(programme.audio_bytes), programme.audio_type)
            entry.podcast.itunes_duration(programme.duration)
            entry.podcast.itunes_explicit("no")
            entry.podcast.itunes_summary(programme.summary)
        return feed

    def _absolute_html(self, html: str) -> str:
        """Root-relative links and images made absolute (feed readers need it)."""
        return _ROOT_RELATIVE.sub(lambda m: m.group(1) + self.config.absolute("/"), html)

    def _write_xml(self, feed: FeedGenerator, fmt: str, address: str) -> None:
        data = feed.rss_str(pretty=True) if fmt == "rss" else feed.atom_str(pretty=True)
        self.tree.write(address.lstrip("/"), data)

    def _write_json(self, lang: str, items, site: str, home: str) -> None:
        """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) for widgets."""
        absolute = self.config.absolute
        address = urls.feed(lang, "feed.json")
        entries = []
        for item in items:
            entry = {
                "id": entry_id(self.config.site_url, "news", item.key, lang),
                "url": absolute(self.graph.url_of(item)),
                "title": item.title,
                "summary": item.summary,
                "content_html": self._absolute_html(self.bodies[id(item)].html),
                "date_published": item.date.isoformat(),
                "date_modified": (item.updated or item.date).isoformat(),
                "tags": list(dict.fromkeys([self.config.categories[item.category].names[lang],
                                            *item.tags])),
                "language": lang,
            }
            if item.image:
                entry["image"] = absolute(urls.media(self.config, item.image))
            if item.source_unit in self.config.units:
                entry["authors"] = [{"name": self.config.units[item.source_unit].name(lang)}]
            entries.append(entry)
        document = {"version": "https://jsonfeed.org/version/1.1", "title": site,
                    "home_page_url": absolute(home), "feed_url": absolute(address),
                    "description": self.config.site_description[lang], "language": lang,
                    "items": entries}
        self.tree.write(address.lstrip("/"),
                        (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
