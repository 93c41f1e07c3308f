"""Page views: for every page of the site, its URL, template and a context made
of plain data (strings, numbers, lists, dicts).

Because a context is plain data, its hash decides whether a page must be
rendered again, and templates never compute URLs or hold UI text themselves.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from dataclasses import dataclass
from functools import partial
from typing import Callable
from urllib.parse import quote

from ..bodies import Body
from ..i18n import DEFAULT_LANGUAGE, strings
from ..model.news import NewsItem
from ..model.pages import PlainPage
from ..text import format_date, format_month, slugify
from . import urls
from .graph import SiteGraph
from .listings import ListingPage, paginate
from .progress import measure
from .views_embed import EmbedViews


@dataclass(frozen=True)
class PageView:
    """One HTML page to write: where, with which template, from which data."""

    url: str
    template: str
    context: dict
    search_year: int | None = None   # set on pages whose text goes into the search index


class ViewBuilder(EmbedViews):
    """Turns the site graph (and rendered bodies) into page views."""

    def __init__(self, graph: SiteGraph, bodies: dict[int, Body], search_bundles: list[str],
                 pdf_sizes: dict[int, int] | None = None, banners: list[dict] | None = None):
        self.graph = graph
        self.banners = banners or []
        self.search_bundles = search_bundles
        self.pdf_sizes = pdf_sizes or {}
        self.config = graph.config
        self.bodies = bodies
        self._cards: dict[int, dict] = {}
        self._feeds = {lang: self._language_feeds(lang) for lang in self.config.languages}
        self._menus = {lang: self._menu(lang) for lang in self.config.languages}

    # -- building blocks -------------------------------------------------
    def media(self, path) -> str:
        return urls.media(self.config, path)

    def card(self, item: NewsItem) -> dict:
        """What a listing shows of an item (memoised: one dict per item)."""
        cached = self._cards.get(id(item))
        if cached is None:
            category = self.config.categories[item.category]
            cached = {
                "url": self.graph.url_of(item), "title": item.title, "summary": item.summary,
                "date_iso": item.date.isoformat(), "date": format_date(item.date, item.lang),
                "image": self.media(item.image) if item.image else None,
                "image_alt": item.image_alt, "has_video": bool(item.video or item.youtube),
                "category": {"name": category.names[item.lang],
                             "url": urls.category(item.lang, category.slugs[item.lang])},
                "badge": self.preview_label(item),
            }
            self._cards[id(item)] = cached
        return cached

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
                   "url": translations.get(l, urls.home(l)),
                   "is_translation": l in translations} for l in other_langs]
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
        if self.graph.radio[lang]:
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
        if self.graph.bulletins:
            items.append({"key": "bulletins", "title": t["nav.bulletins"], "url": urls.bulletins(lang)})
        if self.graph.radio[lang]:
            items.append({"key": "radio", "title": t["nav.radio"], "url": urls.section(lang, "radio")})
        if self.graph.events[lang]:
            items.append({"key": "events", "title": t["nav.events"], "url": urls.section(lang, "events")})
        if self.graph.plans:
            items.append({"key": "plans", "title": t["nav.plans"], "url": urls.plans(lang)})
        for page in self.graph.pages[lang]:
            if page.in_menu:
                items.append({"key": f"page:{page.key}", "title": page.title,
                              "url": self.graph.url_of(page)})
        return items

    def _translation_urls(self, kind: str, entry) -> dict[str, str]:
        return {lang: self.graph.url_of(e)
                for lang, e in self.graph.translations_of(kind, entry).items()}

    # -- pages -------------------------------------------------------------
    def recipes(self) -> list[Callable[[], PageView]]:
        """One function per page of the site, in a stable order; each makes its view.

        The bulk (news items and listing pages) is made lazily, so that worker
        processes build the views they render.
        """
        made: list[Callable[[], PageView]] = []
        for issue in self.graph.bulletins:
            made.append(partial(self.bulletin_issue, issue))
            made.extend(partial(self.bulletin_article, issue, a) for a in issue.articles)
        for lang in self.config.languages:
            made.append(partial(self.home, lang))
            made.extend(partial(self.news_item, item) for item in self.graph.news[lang])
            made.extend(self.listings(lang))
            made.extend(partial(self.radio_item, programme) for programme in self.graph.radio[lang])
            made.extend(self.radio_listing(lang))
            made.append(partial(self.subscribe_page, lang))
            if self.banners:
                made.append(partial(self.banner_page, lang))
            made.append(partial(self.widget_page, lang))
            made.extend(partial(self.event_page, event) for event in self.graph.events[lang])
            if self.graph.events[lang]:
                made.append(partial(self.events_index, lang))
            if self.graph.bulletins:
                made.append(partial(self.bulletin_archive, lang))
            if self.graph.plans:
                made.append(partial(self.plans_index, lang))
                made.extend(partial(self.plan_page, plan, lang) for plan in self.graph.plans)
                made.append(partial(self.documents_page, lang))
                made.extend(partial(self.unit_page, unit, lang)
                            for unit in self.config.units.values())
            made.extend(_ready(v) for v in self.plain_pages(lang))
            made.append(partial(self.search_page, lang))
            made.append(partial(self.not_found, lang))
            made.extend(_ready(v) for v in self.redirects(lang))
        return made

    def all_views(self) -> list[PageView]:
        """Every page view of the site, in a stable order."""
        return [make() for make in self.recipes()]

    def home(self, lang: str) -> PageView:
        t = strings(lang)
        items = self.graph.news[lang]
        featured = [i for i in items if i.featured][:4] or items[:1]
        featured_ids = {id(i) for i in featured}
        latest = [i for i in items if id(i) not in featured_ids][: self.config.home_latest]
        context = self.base(lang, urls.home(lang), t["home.title"], section="home",
                            translations={l: urls.home(l) for l in self.config.languages})
        context.update({
            "featured": [self.card(i) for i in featured],
            "latest": [self.card(i) for i in latest],
            "all_news_url": urls.section(lang, "news"),
            "categories": self._category_links(lang),
            "sections": self._home_sections(lang),
        })
        return PageView(urls.home(lang), "cds/home.html", context)

    def news_item(self, item: NewsItem) -> PageView:
        lang = item.lang
        t = strings(lang)
        url = self.graph.url_of(item)
        translations = self._translation_urls("news", item)
        older, newer = self.graph.neighbours(item)
        category = self.config.categories[item.category]
        body = self.bodies[id(item)]
        absolute = self.config.absolute(url)
        context = self.base(lang, url, item.title, description=item.summary,
                            kind="article", section="news", translations=translations,
                            image=self.media(item.image) if item.image else None)
        context.update({
            "item": {
                "title": item.title, "summary": item.summary, "body": body.html,
                "date_iso": item.date.isoformat(), "date": format_date(item.date, lang),
                "updated_iso": item.updated.isoformat() if item.updated else None,
                "updated": format_date(item.updated, lang) if item.updated else None,
                "category": {"name": category.names[lang],
                             "url": urls.category(lang, category.slugs[lang])},
                "tags": [{"name": name, "url": urls.tag(lang, slugify(name))}
                         for name in item.tags],
                "image": self.media(item.image) if item.image else None,
                "image_alt": item.image_alt,
                "video": self.media(item.video) if item.video else None,
                "video_type": "video/webm" if item.video and item.video.suffix == ".webm"
                else "video/mp4",
                "youtube": item.youtube,
                "youtube_url": f"https://www.youtube.com/watch?v={item.youtube}"
                if item.youtube else None,
                "source": self.config.units[item.source_unit].name(lang)
                if item.source_unit in self.config.units else item.source_unit,
                "badge": self.preview_label(item),
            },
            "translation": next(({"lang": l, "url": u, "label": t["news.translation"]}
                                 for l, u in translations.items() if l != lang), None),
            "older": {"title": older.title, "url": self.graph.url_of(older)} if older else None,
            "newer": {"title": newer.title, "url": self.graph.url_of(newer)} if newer else None,
            "related": [self.card(r) for r in self.graph.related(item)],
            "share": share_links(absolute),
        })
        return PageView(url, "cds/news_item.html", context, search_year=item.date.year)

    def _home_sections(self, lang: str) -> list[dict]:
        """Links from the home page to the portal's other sections that exist."""
        t = strings(lang)
        sections = []
        if self.graph.bulletins:
            sections.append({"title": t["bulletin.title"], "url": urls.bulletins(lang)})
        if self.graph.radio[lang]:
            sections.append({"title": t["radio.title"], "url": urls.section(lang, "radio")})
        if self.graph.plans:
            sections.append({"title": t["plans.title"], "url": urls.plans(lang)})
            sections.append({"title": t["documents.title"], "url": urls.documents(lang)})
        sections.append({"title": t["archive.title"], "url": urls.archive(lang)})
        if self.banners:
            sections.append({"title": t["banner.title"], "url": urls.banners(lang)})
        sections.append({"title": t["feeds.title"], "url": urls.subscribe(lang)})
        return sections

    def _category_links(self, lang: str) -> list[dict]:
        return [{"name": c.names[lang], "url": urls.category(lang, c.slugs[lang]),
                 "count": len(self.graph.by_category[lang][key])}
                for key, c in self.config.categories.items()]

    def listing(self, lang: str, base_url: str, heading: str, items, *, section: str,
                translations: dict, intro: str = "", feeds: tuple = (), card=None):
        """Views of a paginated listing of ``items`` starting at ``base_url``."""
        for page in paginate(items, base_url, lang, self.config.per_page):
            yield partial(self.listing_page, lang, heading, page, section, translations,
                          intro, len(items), feeds, card or self.card)

    def listing_page(self, lang: str, heading: str, page: ListingPage, section: str,
                     translations: dict, intro: str, total: int, feeds: tuple = (),
                     card=None) -> PageView:
        """One page of a listing; only page 1 is paired with its translations."""
        t = strings(lang)
        title = heading if page.number == 1 else \
            f"{heading} – {t['list.page_of'].format(page=page.number, pages=page.count)}"
        page_translations = translations if page.number == 1 else {lang: page.url}
        context = self.base(lang, page.url, title, section=section,
                            translations=page_translations, indexed=page.number == 1,
                            feeds=list(feeds))
        context.update({
            "heading": heading, "intro": intro, "cards": [(card or self.card)(i) for i in page.items],
            "page": {"number": page.number, "count": page.count,
                     "previous": page.previous_url, "next": page.next_url,
                     "links": [{"number": l.number, "url": l.url, "current": l.current}
                               for l in page.pager]},
            "total": total,
        })
        return PageView(page.url, "cds/news_list.html", context)

    def listings(self, lang: str):
        t = strings(lang)
        langs = self.config.languages
        yield from self.listing(lang, urls.section(lang, "news"), t["nav.news"],
                                self.graph.news[lang], section="news",
                                translations={l: urls.section(l, "news") for l in langs})
        for key, category in self.config.categories.items():
            feed = {"type": "application/rss+xml", "url": urls.category_feed(lang, category.slugs[lang]),
                    "title": t["feeds.category"].format(name=category.names[lang])}
            yield from self.listing(
                lang, urls.category(lang, category.slugs[lang]),
                t["category.title"].format(name=category.names[lang]),
                self.graph.by_category[lang][key], section="categories",
                translations={l: urls.category(l, category.slugs[l]) for l in langs},
                feeds=(feed,))
        index = self.base(lang, urls.section(lang, "category"), t["categories.title"],
                          section="categories",
                          translations={l: urls.section(l, "category") for l in langs})
        index["groups"] = [{"heading": None, "links": self._category_links(lang)}]
        yield _ready(PageView(index["url"], "cds/link_index.html", index))

        tags = sorted(self.graph.by_tag[lang].values(), key=lambda tag: tag.slug)
        for tag in tags:
            yield from self.listing(lang, urls.tag(lang, tag.slug),
                                    t["tag.title"].format(name=tag.name), tag.items,
                                    section="news", translations={lang: urls.tag(lang, tag.slug)})
        tag_index = self.base(lang, urls.section(lang, "tag"), t["tags.title"], section="news",
                              translations={l: urls.section(l, "tag") for l in langs})
        tag_index["groups"] = [{"heading": None, "links": [
            {"name": tag.name, "url": urls.tag(lang, tag.slug), "count": len(tag.items)}
            for tag in tags]}]
        yield _ready(PageView(tag_index["url"], "cds/link_index.html", tag_index))

        years: dict[int, list[dict]] = {}
        for (year, month), items in self.graph.by_month[lang].items():
            month_name = format_month(year, month, lang)
            years.setdefault(year, []).append(
                {"name": month_name, "url": urls.archive(lang, year, month), "count": len(items)})
            yield from self.listing(
                lang, urls.archive(lang, year, month),
                t["archive.month"].format(month=month_name), items, section="archive",
                translations={l: urls.archive(l, year, month) for l in langs
                              if (year, month) in self.graph.by_month[l]})
        archive = self.base(lang, urls.archive(lang), t["archive.title"], section="archive",
                            translations={l: urls.archive(l) for l in langs})
        archive["groups"] = [{"heading": t["archive.year"].format(year=year), "links": months}
                             for year, months in years.items()]
        yield _ready(PageView(archive["url"], "cds/link_index.html", archive))

    def radio_card(self, programme) -> dict:
        """What a listing shows of a radio programme."""
        return {
            "url": self.graph.url_of(programme), "title": programme.title,
            "summary": programme.summary, "date_iso": programme.date.isoformat(),
            "date": format_date(programme.date, programme.lang),
            "image": self.media(programme.image) if programme.image else None,
            "image_alt": programme.image_alt, "has_video": False, "category": None,
            "badge": format_duration(programme.duration),
        }

    def radio_item(self, programme) -> PageView:
        lang = programme.lang
        t = strings(lang)
        url = self.graph.url_of(programme)
        translations = self._translation_urls("radio", programme)
        context = self.base(lang, url, programme.title, description=programme.summary,
                            kind="article", section="radio", translations=translations,
                            image=self.media(programme.image) if programme.image else None)
        context.update({
            "item": {
                "title": programme.title, "summary": programme.summary,
                "body": self.bodies[id(programme)].html,
                "date_iso": programme.date.isoformat(), "date": format_date(programme.date, lang),
                "audio": self.media(programme.audio), "audio_type": programme.audio_type,
                "audio_size": format_size(programme.audio_bytes, lang),
                "duration": format_duration(programme.duration),
                "duration_iso": f"PT{programme.duration}S",
                "image": self.media(programme.image) if programme.image else None,
                "image_alt": programme.image_alt,
                "source": self.config.units[programme.source_unit].name(lang)
                if programme.source_unit in self.config.units else None,
            },
            "translation": next(({"lang": l, "url": u, "label": t["news.translation"]}
                                 for l, u in translations.items() if l != lang), None),
            "podcast": urls.podcast(lang), "radio_url": urls.section(lang, "radio"),
            "share": share_links(self.config.absolute(url)),
        })
        return PageView(url, "cds/radio_item.html", context, search_year=programme.date.year)

    def radio_listing(self, lang: str):
        programmes = self.graph.radio[lang]
        if not programmes:
            return []
        t = strings(lang)
        return self.listing(lang, urls.section(lang, "radio"), t["radio.title"], programmes,
                            section="radio", intro=t["radio.intro"], card=self.radio_card,
                            translations={l: urls.section(l, "radio")
                                          for l in self.config.languages if self.graph.radio[l]})

    def subscribe_page(self, lang: str) -> PageView:
        """Every feed of the language with its address and how to follow it."""
        t = strings(lang)
        absolute = self.config.absolute
        groups = [{"heading": t["feeds.news"], "feeds": [
            {"name": t[f"feeds.{kind}"], "url": absolute(urls.feed(lang, name))}
            for kind, name in (("rss", "rss.xml"), ("atom", "atom.xml"), ("json", "feed.json"))]}]
        groups.append({"heading": t["feeds.categories"], "feeds": [
            {"name": c.names[lang], "url": absolute(urls.category_feed(lang, c.slugs[lang]))}
            for c in self.config.categories.values()]})
        if self.graph.radio[lang]:
            groups.append({"heading": t["feeds.radio"],
                           "feeds": [{"name": t["radio.title"], "url": absolute(urls.podcast(lang))}]})
        if self.graph.bulletins:
            groups.append({"heading": t["bulletin.title"],
                           "feeds": [{"name": t["bulletin.feed"], "url": absolute(urls.bulletin_feed())}]})
        context = self.base(lang, urls.subscribe(lang), t["feeds.title"], section="subscribe",
                            translations={l: urls.subscribe(l) for l in self.config.languages})
        context.update({"groups": groups,
                        "how": [t["feeds.how_reader"], t["feeds.how_podcast"], t["feeds.how_portal"]]})
        return PageView(urls.subscribe(lang), "cds/subscribe.html", context)

    # -- the e-bulletin ----------------------------------------------------
    def bulletin_archive(self, lang: str) -> PageView:
        """All issues by year, newest first, with covers (English titles where given)."""
        t = strings(lang)
        years: dict[int, list[dict]] = {}
        for issue in self.graph.bulletins:
            english = lang != DEFAULT_LANGUAGE
            title = (issue.title_en if english and issue.title_en else issue.title)
            years.setdefault(issue.year, []).append({
                "url": self.graph.url_of(issue), "label": t["bulletin.issue"].format(label=issue.label),
                "title": title, "title_lang": "en" if english and issue.title_en else "vi",
                "summary": (issue.summary_en if english and issue.summary_en else issue.summary),
                "summary_lang": "en" if english and issue.summary_en else "vi",
                "date": format_date(issue.date, lang), "date_iso": issue.date.isoformat(),
                "cover": self.media(issue.cover), "cover_alt": issue.cover_alt,
                "pdf": urls.bulletin_pdf(issue.year, issue.number),
                "pdf_size": format_size(self.pdf_sizes.get(id(issue), 0), lang),
                "badge": self.preview_label(issue, lang),
            })
        feed = {"type": "application/rss+xml", "title": t["bulletin.feed"], "url": urls.bulletin_feed()}
        context = self.base(lang, urls.bulletins(lang), t["bulletin.title"], section="bulletins",
                            translations={l: urls.bulletins(l) for l in self.config.languages},
                            feeds=[feed])
        context.update({"intro": t["bulletin.intro"],
                        "note": t["bulletin.no_english"] if lang != DEFAULT_LANGUAGE else None,
                        "years": [{"year": y, "heading": t["bulletin.year"].format(year=y),
                                   "count": t["bulletin.count"].format(n=len(issues)),
                                   "issues": issues} for y, issues in years.items()]})
        return PageView(urls.bulletins(lang), "cds/bulletin_archive.html", context)

    def _issue_contents(self, issue) -> list[dict]:
        entries = []
        for entry in issue.contents:
            target = entry.article or self.graph.news_by_key(entry.news_key)
            entries.append({"title": target.title, "summary": target.summary,
                            "url": self.graph.url_of(target),
                            "from_news": entry.article is None})
        return entries

    def bulletin_issue(self, issue) -> PageView:
        lang = DEFAULT_LANGUAGE
        t = strings(lang)
        url = self.graph.url_of(issue)
        title = f"{t['bulletin.issue'].format(label=issue.label)}: {issue.title}"
        context = self.base(lang, url, title, description=issue.summary, kind="article",
                            section="bulletins", image=self.media(issue.cover),
                            translations={lang: url},
                            feeds=[{"type": "application/rss+xml", "title": t["bulletin.feed"],
                                    "url": urls.bulletin_feed()}])
        context.update({
            "issue": {"label": t["bulletin.issue"].format(label=issue.label), "title": issue.title,
                      "summary": issue.summary, "date": format_date(issue.date, lang),
                      "date_iso": issue.date.isoformat(), "board": issue.editorial_board,
                      "publisher": self.config.units[issue.publisher].name(lang)
                      if issue.publisher in self.config.units else None,
                      "cover": self.media(issue.cover), "cover_alt": issue.cover_alt,
                      "editorial": self.bodies[id(issue.editorial)].html,
                      "pdf": urls.bulletin_pdf(issue.year, issue.number),
                      "pdf_size": format_size(self.pdf_sizes.get(id(issue), 0), lang),
                      "badge": self.preview_label(issue, lang)},
            "contents": self._issue_contents(issue),
            "archive_url": urls.bulletins(lang),
            "share": share_links(self.config.absolute(url)),
        })
        return PageView(url, "cds/bulletin_issue.html", context, search_year=issue.year)

    def bulletin_article(self, issue, article) -> PageView:
        lang = DEFAULT_LANGUAGE
        t = strings(lang)
        url = self.graph.url_of(article)
        context = self.base(lang, url, article.title, description=article.summary, kind="article",
                            section="bulletins", translations={lang: url},
                            image=self.media(article.image) if article.image else None)
        context.update({
            "article": {"title": article.title, "summary": article.summary, "author": article.author,
                        "image": self.media(article.image) if article.image else None,
                        "image_alt": article.image_alt, "body": self.bodies[id(article)].html},
            "issue": {"url": self.graph.url_of(issue), "title": issue.title,
                      "in_issue": t["bulletin.in_issue"].format(label=issue.label),
                      "date": format_date(issue.date, lang), "date_iso": issue.date.isoformat(),
                      "pdf": urls.bulletin_pdf(issue.year, issue.number),
                      "pdf_size": format_size(self.pdf_sizes.get(id(issue), 0), lang)},
            "share": share_links(self.config.absolute(url)),
        })
        return PageView(url, "cds/bulletin_article.html", context, search_year=issue.year)

    # -- events ----------------------------------------------------------
    def _event_when(self, event, lang: str) -> str:
        start, end = event.start, event.end
        if event.all_day:
            return format_date(start, lang) if end.date() == start.date() else \
                f"{format_date(start, lang)} – {format_date(end, lang)}"
        if end.date() == start.date():
            return f"{format_date(start, lang)}, {start:%H:%M}–{end:%H:%M}" if end > start \
                else f"{format_date(start, lang)}, {start:%H:%M}"
        return f"{format_date(start, lang)} – {format_date(end, lang)}"

    def _event_card(self, event) -> dict:
        lang = event.lang
        return {"url": self.graph.url_of(event), "title": event.title, "summary": event.summary,
                "when": self._event_when(event, lang), "start_iso": event.start.isoformat(),
                "venue": event.venue}

    def events_index(self, lang: str) -> PageView:
        t = strings(lang)
        events = self.graph.events[lang]
        upcoming = sorted((e for e in events if e.end >= self.graph.now), key=lambda e: e.start)
        past = [e for e in events if e.end < self.graph.now]
        url = urls.section(lang, "events")
        context = self.base(lang, url, t["events.title"], section="events",
                            translations={l: urls.section(l, "events") for l in self.config.languages
                                          if self.graph.events[l]},
                            feeds=[{"type": "text/calendar", "title": t["events.calendar_title"],
                                    "url": urls.calendar()}])
        context.update({"intro": t["events.intro"], "calendar": urls.calendar(),
                        "upcoming": [self._event_card(e) for e in upcoming],
                        "past": [self._event_card(e) for e in past]})
        return PageView(url, "cds/events.html", context)

    def event_page(self, event) -> PageView:
        lang = event.lang
        t = strings(lang)
        url = self.graph.url_of(event)
        translations = self._translation_urls("event", event)
        plan_id, _, code = (event.activity or "").partition("/")
        context = self.base(lang, url, event.title, description=event.summary, kind="article",
                            section="events", translations=translations,
                            image=self.media(event.image) if event.image else None)
        context.update({"event": {
            **self._event_card(event), "end_iso": event.end.isoformat(), "online": event.online,
            "organiser": self.unit_link(event.organiser, lang),
            "activity": {"url": urls.plan(lang, plan_id) + "#tien-do", "code": code} if code else None,
            "image": self.media(event.image) if event.image else None,
            "image_alt": event.image_alt, "body": self.bodies[id(event)].html},
            "calendar": urls.calendar(), "share": share_links(self.config.absolute(url))})
        return PageView(url, "cds/event.html", context, search_year=event.start.year)

    # -- plans, documents, units ---------------------------------------
    def unit_link(self, unit_id: str | None, lang: str) -> dict | None:
        unit = self.config.units.get(unit_id) if unit_id else None
        return {"name": unit.name(lang), "url": urls.unit(lang, unit.id)} if unit else None

    def document_row(self, doc_id: str, lang: str) -> dict:
        document = self.config.documents[doc_id]
        return {"id": document.id, "number": document.number, "type": document.type,
                "date": format_date(document.date, lang) if document.date else None,
                "date_iso": document.date.isoformat() if document.date else None,
                "title": document.title, "issuer": self.unit_link(document.issuer, lang),
                "file": urls.media(self.config, document.file) if document.file else None,
                "url": f"{urls.documents(lang)}#{document.id}"}

    @staticmethod
    def plan_title(plan, lang: str) -> str:
        return plan.title_en if lang != DEFAULT_LANGUAGE and plan.title_en else plan.title

    def plans_index(self, lang: str) -> PageView:
        t = strings(lang)
        groups: dict[str, list[dict]] = {}
        for plan in self.graph.plans:
            groups.setdefault(plan.level, []).append({
                "url": urls.plan(lang, plan.id), "year": plan.year,
                "title": plan.title_en if lang != DEFAULT_LANGUAGE and plan.title_en else plan.title,
                "number": plan.number, "issuer": self.unit_link(plan.issuer, lang),
                "date": format_date(plan.date, lang) if plan.date else None})
        context = self.base(lang, urls.plans(lang), t["plans.title"], section="plans",
                            translations={l: urls.plans(l) for l in self.config.languages})
        context.update({"intro": t["plans.intro"],
                        "groups": [{"heading": t[f"plans.level.{level}"], "plans": plans}
                                   for level, plans in groups.items()]})
        return PageView(urls.plans(lang), "cds/plans.html", context)

    def plan_page(self, plan, lang: str) -> PageView:
        t = strings(lang)
        english = lang != DEFAULT_LANGUAGE
        url = urls.plan(lang, plan.id)
        title = plan.title_en if english and plan.title_en else plan.title
        progress = measure(plan, self.graph, self.graph.plan_logs.get(plan.id, []), self.graph.now)
        context = self.base(lang, url, title, section="plans",
                            translations={l: urls.plan(l, plan.id) for l in self.config.languages})
        context.update({
            "plan": {
                "title": title, "original_title": plan.title if english else None,
                "number": plan.number, "date": format_date(plan.date, lang) if plan.date else None,
                "year": plan.year, "place": plan.place, "kind": plan.kind,
                "issuer": self.unit_link(plan.issuer, lang),
                "legal_basis": [self.document_row(d, lang) for d in plan.legal_basis],
                "purposes": plan.purposes, "requirements": plan.requirements, "themes": plan.themes,
                "funding": plan.funding,
                "report": t["plans.report_by"].format(
                    date=format_date(plan.report_deadline, lang),
                    unit=self.unit_link(plan.report_to, lang)["name"] if plan.report_to else "…")
                if plan.report_deadline else None,
                "signer": plan.signer, "recipients": plan.recipients,
                "responsibilities": [{"unit": self.unit_link(r.unit, lang), "duties": r.duties}
                                     for r in plan.responsibilities],
                "ceremony": plan.ceremony,
            },
            "activities": [{
                "code": a.code, "title": a.title_en if english and a.title_en else a.title,
                "description": a.description if not english else None,
                "lead": self.unit_link(a.lead, lang),
                "partners": [self.unit_link(p, lang) for p in a.partners],
                "time": timeframe_text(a.timeframe, lang),
                "targets": [target_text(target, lang) for target in a.targets],
            } for a in plan.activities],
            "progress": [progress_view(p, lang) for p in progress],
            "ceremony_when": ceremony_when(plan.ceremony, lang),
            "ceremony_format": ", ".join(t.get(f"plans.format.{f}", f)
                                         for f in (plan.ceremony or {}).get("format") or []),
            "bridge_points": t["plans.bridge_points"].format(**plan.ceremony["bridge_points"])
            if plan.ceremony and isinstance(plan.ceremony.get("bridge_points"), dict) else None,
        })
        return PageView(url, "cds/plan.html", context)

    def documents_page(self, lang: str) -> PageView:
        t = strings(lang)
        cited: dict[str, list[dict]] = {}
        for plan in self.graph.plans:
            for doc_id in plan.legal_basis:
                cited.setdefault(doc_id, []).append({"url": urls.plan(lang, plan.id),
                                                     "title": self.plan_title(plan, lang)})
        rows = sorted((self.document_row(d, lang) | {"cited_by": cited.get(d, [])}
                       for d in self.config.documents),
                      key=lambda r: (r["date_iso"] or "", r["number"] or ""), reverse=True)
        types = sorted({r["type"] for r in rows})
        context = self.base(lang, urls.documents(lang), t["documents.title"], section="plans",
                            translations={l: urls.documents(l) for l in self.config.languages})
        context.update({"intro": t["documents.intro"], "rows": rows,
                        "types": [{"key": k, "name": t.get(f"doctype.{k}", k)} for k in types]})
        return PageView(urls.documents(lang), "cds/documents.html", context)

    def unit_page(self, unit, lang: str) -> PageView:
        """A unit's page; one that ceased says what it became and links there."""
        t = strings(lang)
        url = urls.unit(lang, unit.id)
        plans = [{"url": urls.plan(lang, p.id), "title": self.plan_title(p, lang)} for p in self.graph.plans
                 if unit.id in {p.issuer, p.report_to, *(a.lead for a in p.activities),
                                *(x for a in p.activities for x in a.partners),
                                *(r.unit for r in p.responsibilities)}]
        context = self.base(lang, url, unit.name(lang), section="plans",
                            translations={l: urls.unit(l, unit.id) for l in self.config.languages})
        context.update({"unit": {
            "name": unit.name(lang), "short": unit.short, "level": t.get(f"plans.level.{unit.level}", unit.level),
            "parent": self.unit_link(unit.parent, lang), "website": unit.website,
            "ended": format_date(unit.valid_to, lang) if unit.valid_to else None,
            "successor": self.unit_link(unit.successor, lang),
            "note": unit.note.get(lang) or unit.note.get("vi")}, "plans": plans})
        return PageView(url, "cds/unit.html", context)

    def plain_pages(self, lang: str):
        for page in self.graph.pages[lang]:
            url = self.graph.url_of(page)
            context = self.base(lang, url, page.title, description=page.summary,
                                section=f"page:{page.key}",
                                translations=self._translation_urls("page", page))
            context["body"] = self.bodies[id(page)].html
            context["summary"] = page.summary
            yield PageView(url, "cds/page.html", context, search_year=0)

    def search_page(self, lang: str) -> PageView:
        t = strings(lang)
        context = self.base(lang, urls.search(lang), t["search.title"], section="search",
                            translations={l: urls.search(l) for l in self.config.languages},
                            indexed=False)
        context["bundles"] = self.search_bundles
        return PageView(urls.search(lang), "cds/search.html", context)

    def not_found(self, lang: str) -> PageView:
        t = strings(lang)
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        url = f"/{prefix}404.html"
        context = self.base(lang, url, t["notfound.title"], indexed=False,
                            translations={l: urls.home(l) for l in self.config.languages})
        context["alternates"] = []
        return PageView(url, "cds/404.html", context)

    def redirects(self, lang: str):
        """A small page at every old address (``aliases``) pointing to the new one."""
        t = strings(lang)
        entries = self.graph.news[lang] + self.graph.radio[lang] + self.graph.pages[lang]
        for entry in entries:
            target = self.graph.url_of(entry)
            for alias in entry.aliases:
                url = alias if alias.endswith((".html", "/")) else alias + "/"
                context = self.base(lang, url, entry.title, indexed=False)
                context.update({"target": target, "target_abs": self.config.absolute(target),
                                "moved": t["alias.moved"]})
                yield PageView(url, "cds/redirect.html", context)


def timeframe_text(timeframe: dict, lang: str) -> str:
    """``Quý I/2024`` / ``Q1 2024``, ``Tháng 3/2024``, ``Năm 2024``, or as printed."""
    if "month" in timeframe:
        year, month = str(timeframe["month"]).split("-")
        return format_month(int(year), int(month), lang)
    if "quarter" in timeframe:
        year, quarter = str(timeframe["quarter"]).split("-Q")
        roman = ["I", "II", "III", "IV"][int(quarter) - 1]
        return f"Quý {roman}/{year}" if lang == "vi" else f"Q{quarter} {year}"
    if "year" in timeframe:
        return f"Năm {timeframe['year']}" if lang == "vi" else str(timeframe["year"])
    if "from" in timeframe or "to" in timeframe:
        return f"{timeframe.get('from', '…')} – {timeframe.get('to', '…')}"
    return str(timeframe.get("recurring", "")) or strings(lang)["plans.not_stated"]


def ceremony_when(ceremony: dict | None, lang: str) -> str | None:
    """When a ceremony takes place, from what the plan states (date, month, start)."""
    time = (ceremony or {}).get("time") or {}
    if not isinstance(time, dict):
        return None
    day, month, start = time.get("date"), time.get("month"), time.get("start")
    if day:
        text = format_date(date.fromisoformat(str(day)), lang)
    elif month:
        year, number = str(month).split("-")
        text = format_month(int(year), int(number), lang)
    else:
        return strings(lang)["plans.not_stated"]
    return f"{text}, {start}" if start else text


def target_text(target, lang: str) -> str:
    """``15 tin, bài mỗi tháng (vi, en)``."""
    t = strings(lang)
    count = target.count if target.count is not None else "…"
    text = t[f"plans.per.{target.period}"].format(n=f"{count} {t[f'plans.kind.{target.kind}']}")
    return text + (f" ({', '.join(target.languages)})" if target.languages else "")


def progress_view(progress, lang: str) -> dict:
    """A target's progress as table rows and an SVG bar chart (coordinates computed here)."""
    t = strings(lang)
    buckets = progress.buckets
    width, height, left, bottom = 640, 180, 34, 28
    top = max([b.actual for b in buckets] + [b.expected for b in buckets] + [1]) * 1.15
    slot = (width - left) / len(buckets)

    def y(value: float) -> float:
        return round(height - bottom - value / top * (height - bottom - 8), 1)

    rows, bars = [], []
    for index, bucket in enumerate(buckets):
        label = (f"{bucket.label_month[1]:02d}" if bucket.label_month else str(bucket.start.year))
        status = "future" if bucket.future else ("met" if bucket.met else "short")
        rows.append({"label": format_month(*bucket.label_month, lang) if bucket.label_month
                     else str(bucket.start.year), "actual": bucket.actual,
                     "expected": round(bucket.expected, 1), "status": t[{"future": "plans.future",
                     "met": "plans.met", "short": "plans.shortfall"}[status]],
                     "by_language": ", ".join(f"{k}: {v}" for k, v in sorted(bucket.by_language.items())),
                     "short": status == "short"})
        bars.append({"x": round(left + index * slot + slot * 0.15, 1), "w": round(slot * 0.7, 1),
                     "y": y(bucket.actual), "h": round(height - bottom - y(bucket.actual), 1),
                     "target_y": y(bucket.expected), "label": label, "value": bucket.actual,
                     "cls": status})
    summary = (f"{t['plans.done']}: {progress.actual} / {t['plans.expected']}: "
               f"{round(progress.expected)} ({progress.percent}%)")
    return {"code": progress.activity.code,
            "title": progress.activity.title_en if lang != "vi" and progress.activity.title_en
            else progress.activity.title,
            "target": target_text(progress.target, lang), "source": t[f"plans.source.{progress.source}"],
            "summary": summary, "short": progress.actual < progress.expected,
            "rows": rows, "chart": {"width": width, "height": height, "bars": bars,
                                    "base_y": height - bottom, "left": left,
                                    "top_label": round(top / 1.15)}}


def format_duration(seconds: int) -> str:
    """``4:05`` or ``1:04:05``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_size(size: int, lang: str) -> str:
    """A file size for people: ``1,2 MB`` (vi) or ``1.2 MB`` (en)."""
    text = f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} KB"
    return text.replace(".", ",") if lang == "vi" else text


def _ready(view: PageView) -> Callable[[], PageView]:
    """A recipe for a view that is already made."""
    return lambda: view


def share_links(absolute_url: str) -> dict[str, str]:
    """Plain share links (no third-party script): Facebook's sharer and Zalo's share page."""
    payload = base64.b64encode(json.dumps({"url": absolute_url}).encode()).decode()
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(absolute_url, safe='')}",
        "zalo": "https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false"
                f"&shareType=0&d={quote(payload, safe='')}",
    }
