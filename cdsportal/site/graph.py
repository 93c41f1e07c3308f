"""Build the site graph from validated content: who is published, under which
URL, paired with which translation, in which category, tag and month.

Everything is looked up by key (dicts); nothing scans a list per item.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from ..config import PortalConfig
from ..diagnostics import Problems
from ..i18n import DEFAULT_LANGUAGE, segment
from ..model.bulletins import BulletinIssue
from ..model.events import Event
from ..model.news import NewsItem
from ..model.plans import Plan
from ..model.pages import PlainPage
from ..model.radio import RadioProgramme
from ..readers.content import Content
from ..text import slugify
from . import urls


@dataclass
class Tag:
    """A tag in one language: its display name and its items, newest first."""

    slug: str
    name: str
    items: list[NewsItem] = field(default_factory=list)


@dataclass
class SiteGraph:
    """The published site: items per language (newest first) and their relations."""

    config: PortalConfig
    news: dict[str, list[NewsItem]]
    pages: dict[str, list[PlainPage]]
    radio: dict[str, list[RadioProgramme]]                # lang → programmes, newest first
    events: dict[str, list[Event]]                        # lang → events, latest start first
    bulletins: list[BulletinIssue]                        # published issues, newest first
    plans: list[Plan]                                     # by level (tỉnh, huyện, xã), newest first
    plan_logs: dict[str, list[dict]]
    url: dict[int, str]                                   # id(entry) → URL
    translations: dict[tuple[str, str], dict[str, object]]  # (kind, key) → {lang: entry}
    by_category: dict[str, dict[str, list[NewsItem]]]     # lang → category → items
    by_tag: dict[str, dict[str, Tag]]                     # lang → tag slug → Tag
    by_month: dict[str, dict[tuple[int, int], list[NewsItem]]]
    by_source: dict[str, str]                             # source file → URL (for links)
    position: dict[int, int]                              # id(item) → index in news[lang]
    stamp: dict[int, float]                               # id(item) → its date as a timestamp
    now: datetime                                         # the moment of publication
    _dates: dict[int, list[float]] = field(default_factory=dict, repr=False)  # see _nearest

    def sections(self, lang: str) -> tuple[str, ...]:
        """The optional sections that have something to show in ``lang``, in menu
        order: the bulletin and the plans are the site's, radio and events each language's."""
        present = {"bulletins": self.bulletins, "radio": self.radio[lang],
                   "events": self.events[lang], "plans": self.plans}
        return tuple(name for name, entries in present.items() if entries)

    def is_out(self, entry) -> bool:
        """Published for real (a preview also shows drafts and scheduled items)."""
        if isinstance(entry, Event):
            return not entry.draft
        return not entry.draft and entry.date <= self.now

    def url_of(self, entry) -> str:
        return self.url[id(entry)]

    def translations_of(self, kind: str, entry) -> dict[str, object]:
        """``{lang: entry}`` for every language version of ``entry`` (itself included)."""
        return self.translations.get((kind, entry.key), {entry.lang: entry})

    def news_by_key(self, key: str) -> NewsItem:
        """The Vietnamese original of the news item ``key``."""
        return self.translations[("news", key)][DEFAULT_LANGUAGE]

    def neighbours(self, item: NewsItem) -> tuple[NewsItem | None, NewsItem | None]:
        """The older and the newer item in the same language."""
        items = self.news[item.lang]
        index = self.position[id(item)]
        older = items[index + 1] if index + 1 < len(items) else None
        newer = items[index - 1] if index > 0 else None
        return older, newer

    def related(self, item: NewsItem) -> list[NewsItem]:
        """Up to ``related_count`` items sharing tags or the category, nearest in time first."""
        lang, stamp = item.lang, self.stamp
        when = stamp[id(item)]
        pools = [(2, self.by_tag[lang][slugify(t)].items) for t in item.tags]
        pools.append((1, self.by_category[lang][item.category]))
        ranked: dict[int, list] = {}  # id → [-score, distance in time, slug, item]: sorted as is
        for weight, pool in pools:
            for candidate in self._nearest(pool, item, 12):
                entry = ranked.get(id(candidate))
                if entry is None:
                    ranked[id(candidate)] = [-weight, abs(stamp[id(candidate)] - when),
                                             candidate.id.slug, candidate]
                else:
                    entry[0] -= weight
        # slugs are unique in a language: the items themselves are never compared
        return [e[3] for e in sorted(ranked.values())[: self.config.related_count]]

    def _nearest(self, pool: list[NewsItem], item: NewsItem, count: int) -> list[NewsItem]:
        """Up to ``count`` items of ``pool`` (newest first) closest in date to ``item``."""
        dates = self._dates.get(id(pool))  # each pool's dates, negated: ascending, for bisect
        if dates is None:
            dates = self._dates[id(pool)] = [-self.stamp[id(p)] for p in pool]
        start = max(0, bisect_left(dates, -self.stamp[id(item)]) - count // 2)
        return [p for p in pool[start: start + count + 1] if p is not item][:count]


def _order(item: NewsItem):
    """Newest first; the slug breaks ties so the order never depends on file order."""
    return (-item.date.timestamp(), item.id.slug)


def build_graph(content: Content, config: PortalConfig, problems: Problems,
                now: datetime) -> SiteGraph:
    """Pair translations, assign URLs and group items; record every problem found.

    Items dated after ``now`` (scheduled) and drafts (unless the config includes
    them) are not published.
    """
    url: dict[int, str] = {}
    by_source: dict[str, str] = {}
    translations: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)

    originals = _originals(content, problems)
    published = _published(content.news, config, now)
    radio = _published(content.radio, config, now)
    # Upcoming events are announced: only drafts wait.
    events = _with_original([e for e in content.events if config.preview or not e.draft])
    pages = [p for p in content.pages if ("page", p.key) in originals]
    for kind, entries, url_for in (("news", published, urls.news_item),
                                   ("radio", radio, urls.radio_item),
                                   ("event", events, urls.event_item),
                                   ("page", pages, urls.page)):
        slugs: dict[tuple[str, str], object] = {}
        for entry in entries:
            group = translations[(kind, entry.key)]
            if entry.lang in group:
                problems.add(entry.id.source, None, "translation_key",
                             f"khóa '{entry.key}' chỉ dùng một lần cho mỗi ngôn ngữ / the key "
                             f"'{entry.key}' once per language; also used by "
                             f"{problems._rel(group[entry.lang].id.source)}")
                continue
            clash = _reserved(kind, entry.lang, entry.id.slug, config)
            if clash:
                problems.add(entry.id.source, None, "slug",
                             f"một đường dẫn khác, vì '{entry.id.slug}' là {clash} / another slug: "
                             f"'{entry.id.slug}' is taken by the site itself")
                continue
            other = slugs.get((entry.lang, entry.id.slug))
            if other is not None:
                problems.add(entry.id.source, None, "slug",
                             f"đường dẫn '{entry.id.slug}' không trùng / a unique slug; "
                             f"'{entry.id.slug}' is also used by {problems._rel(other.id.source)}")
                continue
            slugs[(entry.lang, entry.id.slug)] = entry
            group[entry.lang] = entry
            url[id(entry)] = url_for(entry.lang, entry.id.slug)
            by_source[entry.id.path] = url[id(entry)]

    news: dict[str, list[NewsItem]] = {lang: [] for lang in config.languages}
    for item in published:
        if id(item) in url:
            news[item.lang].append(item)
    by_category = {lang: {key: [] for key in config.categories} for lang in config.languages}
    by_tag: dict[str, dict[str, Tag]] = {lang: {} for lang in config.languages}
    by_month: dict[str, dict[tuple[int, int], list[NewsItem]]] = {lang: defaultdict(list)
                                                                  for lang in config.languages}
    position: dict[int, int] = {}
    stamp: dict[int, float] = {}
    for lang, items in news.items():
        items.sort(key=_order)
        for index, item in enumerate(items):
            position[id(item)] = index
            stamp[id(item)] = item.date.timestamp()
            by_category[lang][item.category].append(item)
            for name in item.tags:
                tag = by_tag[lang].setdefault(slugify(name), Tag(slugify(name), name))
                tag.items.append(item)
            by_month[lang][(item.date.year, item.date.month)].append(item)
        by_month[lang] = dict(sorted(by_month[lang].items(), reverse=True))
    by_lang = {lang: sorted((p for p in pages if p.lang == lang and id(p) in url),
                            key=lambda p: (p.nav_order, p.id.slug))
               for lang in config.languages}
    radio_by_lang = {lang: sorted((r for r in radio if r.lang == lang and id(r) in url), key=_order)
                     for lang in config.languages}
    bulletins = _bulletins(content, config, now, url, by_source, translations, problems)
    events_by_lang = {lang: sorted((e for e in events if e.lang == lang and id(e) in url),
                                   key=_order) for lang in config.languages}
    _check_event_activities(events, content.plans, problems)
    plans = sorted(content.plans, key=lambda p: (["tinh", "huyen", "xa"].index(p.level),
                                               -(p.year or 0), p.id))
    return SiteGraph(config, news, by_lang, radio_by_lang, events_by_lang, bulletins, plans,
                     content.plan_logs,
                     url, dict(translations), by_category, by_tag, by_month, by_source,
                     position, stamp, now)


def _bulletins(content: Content, config: PortalConfig, now: datetime, url: dict,
               by_source: dict, translations: dict, problems: Problems) -> list[BulletinIssue]:
    """Published issues, newest first, with URLs for them and their articles; a
    table of contents may only point at published Vietnamese news items."""
    issues = [b for b in content.bulletins if config.preview or (not b.draft and b.date <= now)]
    issues.sort(key=lambda b: (-b.year, -b.number))
    for issue in issues:
        url[id(issue)] = urls.bulletin_issue(issue.year, issue.number)
        for article in issue.articles:
            url[id(article)] = urls.bulletin_article(issue.year, issue.number, article.id.slug)
            by_source[article.id.path] = url[id(article)]
        for entry in issue.contents:
            if entry.news_key and DEFAULT_LANGUAGE not in translations.get(("news", entry.news_key), {}):
                problems.add(issue.folder / "issue.yml", entry.line, "contents.news",
                             f"khóa của một tin đã đăng, ví dụ 2024-03-15-ten-tin / the key of a "
                             f"published news item (its file name without .vi.md), not "
                             f"'{entry.news_key}'")
    return issues


_SECTION_NAMES = ("news", "category", "tag", "archive", "search", "radio", "subscribe")
_SITE_FOLDERS = {"assets", "media", urls.SEARCH_INDEX_DIR, "404.html", "sitemap.xml",
                 "robots.txt"}


def _reserved(kind: str, lang: str, slug: str, config: PortalConfig) -> str | None:
    """Why ``slug`` cannot be used (it is an address the site makes), or None."""
    if kind == "page":
        taken = {segment(lang, name) for name in _SECTION_NAMES} | _SITE_FOLDERS | set(config.languages)
        if slug in taken:
            return "một mục của trang web / a section of the site"
    elif slug.startswith(f"{segment(lang, 'page')}-") and slug.split("-")[-1].isdigit():
        return "địa chỉ của trang danh sách / a listing page address"
    return None


def _check_event_activities(events, plans, problems: Problems) -> None:
    """``activity: <plan-id>/<code>`` must name an activity of a plan."""
    codes = {(p.id, a.code) for p in plans for a in p.activities}
    for event in events:
        if event.activity and tuple(event.activity.split("/", 1)) not in codes:
            problems.add(event.id.source, None, "activity",
                         f"một mục của kế hoạch, dạng <mã-kế-hoạch>/<mục> / an activity of a plan "
                         f"as <plan-id>/<code>, not '{event.activity}'")


def _published(entries, config: PortalConfig, now: datetime) -> list:
    """Dated entries that are out: not drafts, not scheduled after ``now`` (both
    shown in a preview), and translations only together with their original."""
    return _with_original(entries if config.preview
                          else [e for e in entries if not e.draft and e.date <= now])


def _with_original(entries: list) -> list:
    """``entries`` without the translations whose Vietnamese original is not among them."""
    keys = {e.key for e in entries if e.lang == DEFAULT_LANGUAGE}
    return [e for e in entries if e.key in keys]


def _originals(content: Content, problems: Problems) -> set[tuple[str, str]]:
    """Keys of the Vietnamese originals; a translation without one is an error."""
    kinds = (("news", content.news), ("page", content.pages), ("radio", content.radio),
             ("event", content.events))
    originals = {(kind, e.key) for kind, entries in kinds for e in entries
                 if e.lang == DEFAULT_LANGUAGE}
    # An original with errors of its own is reported once, not again by its translation.
    originals |= content.invalid_keys
    for kind, entries in kinds:
        for entry in entries:
            if entry.lang != DEFAULT_LANGUAGE and (kind, entry.key) not in originals:
                problems.add(entry.id.source, None, "translation_key",
                             f"bản dịch của một tệp tiếng Việt có khóa '{entry.key}' "
                             f"({entry.key}.vi.md) / a translation of a Vietnamese file with "
                             f"key '{entry.key}', but there is none")
    return originals
