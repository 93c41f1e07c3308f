"""News pages: home, items, listings (news, categories, tags, archive), plain
pages, search, subscribe, 404 and redirects from old addresses."""

from __future__ import annotations

from functools import partial

from ...i18n import DEFAULT_LANGUAGE, strings
from ...model.news import NewsItem
from ...text import format_date, format_month, slugify
from .. import urls
from ..listings import ListingPage, paginate
from .base import PageView, Searchable, ViewBase, ready, share_links, shown_items

# an optional section's name → the prefix of its strings in the locale files (``bulletin.title``)
SECTION_TITLES = {"bulletins": "bulletin", "radio": "radio", "events": "events", "plans": "plans"}


class NewsViews(ViewBase):
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
        return PageView(urls.home(lang), "cds/home.html", context,
                        deps=shown_items(context["featured"] + context["latest"]))

    def news_item(self, item: NewsItem) -> PageView:
        lang = item.lang
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
                "title": item.title, "summary": item.summary, "body": self.body_html(item),
                "date_iso": item.date.isoformat(), "date": format_date(item.date, lang),
                "updated_iso": item.updated.isoformat() if item.updated else None,
                "updated": format_date(item.updated, lang) if item.updated else None,
                "category": {"name": category.names[lang],
                             "url": urls.category(lang, category.slugs[lang])},
                "tags": [{"name": name, "url": urls.tag(lang, slugify(name))}
                         for name in item.tags],
                "image": self.media(item.image) if item.image else None,
                "picture": self.picture(item.image),
                "image_alt": item.image_alt,
                "video": self.media(item.video) if item.video else None,
                "video_type": "video/webm" if item.video and item.video.suffix == ".webm"
                else "video/mp4",
                "youtube": item.youtube,
                "youtube_url": f"https://www.youtube.com/watch?v={item.youtube}"
                if item.youtube else None,
                "source": self.unit_name(item.source_unit, lang, default=item.source_unit),
                "badge": self.preview_label(item),
            },
            "translation": self.translation_link(translations, lang),
            "older": {"title": older.title, "url": self.graph.url_of(older)} if older else None,
            "newer": {"title": newer.title, "url": self.graph.url_of(newer)} if newer else None,
            "related": [self.card(r) for r in self.graph.related(item)],
            "share": share_links(absolute),
        })
        item_context = context["item"]
        search = Searchable(item.date.year, item_context["date"], item_context["date_iso"],
                            (body.html, item_context["category"]["name"],
                             " ".join(tag["name"] for tag in item_context["tags"])))
        return PageView(url, "cds/news_item.html", context, search,
                        deps=(url, *shown_items([context["older"], context["newer"]]),
                              *shown_items(context["related"])))

    def _home_sections(self, lang: str) -> list[dict]:
        """Links from the home page to the portal's other sections that exist."""
        t = strings(lang)
        present = self.graph.sections(lang)
        sections = [{"title": t[f"{SECTION_TITLES[name]}.title"], "url": urls.section(lang, name)}
                    for name in present]
        if "plans" in present:  # the plans' directive documents have a page of their own
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
        """Views of a paginated listing of ``items`` starting at ``base_url``: news
        cards, or what ``card`` makes of other entries."""
        for page in paginate(items, base_url, lang, self.config.per_page):
            yield partial(self.listing_page, lang, heading, page, section, translations,
                          intro, len(items), feeds, card)

    def listing_page(self, lang: str, heading: str, page: ListingPage, section: str,
                     translations: dict, intro: str, total: int, feeds: tuple = (),
                     card=None) -> PageView:
        """One page of a listing; only page 1 is paired with its translations. A
        page of news cards depends on those items only (``deps``)."""
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
        return PageView(page.url, "cds/news_list.html", context,
                        deps=shown_items(context["cards"]) if card is None else None)

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
        yield ready(PageView(index["url"], "cds/link_index.html", index))

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
        yield ready(PageView(tag_index["url"], "cds/link_index.html", tag_index))

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
        yield ready(PageView(archive["url"], "cds/link_index.html", archive))

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
        present = self.graph.sections(lang)
        if "radio" in present:
            groups.append({"heading": t["feeds.radio"],
                           "feeds": [{"name": t["radio.title"], "url": absolute(urls.podcast(lang))}]})
        if "bulletins" in present:
            groups.append({"heading": t["bulletin.title"],
                           "feeds": [{"name": t["bulletin.feed"], "url": absolute(urls.bulletin_feed())}]})
        context = self.base(lang, urls.subscribe(lang), t["feeds.title"], section="subscribe",
                            translations={l: urls.subscribe(l) for l in self.config.languages})
        context.update({"groups": groups,
                        "how": [t["feeds.how_reader"], t["feeds.how_podcast"], t["feeds.how_portal"]]})
        return PageView(urls.subscribe(lang), "cds/subscribe.html", context)

    def plain_pages(self, lang: str):
        for page in self.graph.pages[lang]:
            url = self.graph.url_of(page)
            context = self.base(lang, url, page.title, description=page.summary,
                                section=f"page:{page.key}",
                                translations=self._translation_urls("page", page))
            context["body"] = self.body_html(page)
            context["summary"] = page.summary
            yield PageView(url, "cds/page.html", context,
                           Searchable(0, None, "", (context["body"],)))

    def search_page(self, lang: str) -> PageView:
        t = strings(lang)
        context = self.base(lang, urls.search(lang), t["search.title"], section="search",
                            translations={l: urls.search(l) for l in self.config.languages},
                            indexed=False)
        context["index"] = urls.search_index(lang)
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


