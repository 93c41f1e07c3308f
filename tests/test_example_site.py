"""The built example portal (``example_site``), checked on its HTML.

Expected numbers are never hard-coded: they come from the content files
(``content/news/**/*.md``, ``content/pages/**/*.md``) and ``mkdocs.yml``, read
here independently of cdsportal, so the tests keep holding while the example
content grows. Only the lower bounds of the spec are fixed numbers.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SITE_URL = "https://cds.quangngai.example/"
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
LANGS = ("vi", "en")
PER_PAGE = 20
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")

# Section folders of each language (the URL scheme of the spec).
SECTIONS = {
    "vi": {"prefix": "/", "news": "tin-tuc", "category": "chuyen-muc", "tag": "the",
           "archive": "luu-tru", "page": "trang", "search": "tim-kiem"},
    "en": {"prefix": "/en/", "news": "news", "category": "categories", "tag": "tags",
           "archive": "archive", "page": "page", "search": "search"},
}


def section_url(lang: str, name: str, *parts) -> str:
    """``/tin-tuc/`` or ``/en/news/`` followed by ``parts``."""
    s = SECTIONS[lang]
    return s["prefix"] + "/".join([s[name], *(str(p) for p in parts)]) + "/"


def home_url(lang: str) -> str:
    return SECTIONS[lang]["prefix"]


def absolute(url: str) -> str:
    return urljoin(SITE_URL, url)


# --------------------------------------------------------------------------
# The content, read from the source files
# --------------------------------------------------------------------------

def ascii_fold(text: str) -> str:
    """"Đường" → "Duong": đ → d, marks dropped (written here, not taken from cdsportal)."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def ascii_slug(text: str) -> str:
    """"Chuyển đổi số" → "chuyen-doi-so" (đ → d, marks dropped, lowercase)."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def items_containing(word: str) -> set[str]:
    """Addresses of the published Vietnamese items whose file contains ``word``."""
    return {item.news_url for item in published_news()["vi"]
            if word in unicodedata.normalize("NFC", item.path.read_text(encoding="utf-8")).casefold()}


def parse_date(value) -> datetime:
    """A front-matter date as an aware datetime; without a zone it is in Vietnam."""
    if isinstance(value, str):
        value = value.strip()
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = datetime.strptime(value, "%d/%m/%Y")
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    return value.replace(tzinfo=TIMEZONE) if value.tzinfo is None else value.astimezone(TIMEZONE)


def read_front_matter(path: Path) -> dict:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))
    match = re.match(r"---\r?\n(.*?)\r?\n---\s*(\r?\n|$)", text, re.DOTALL)
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)) or {}


@dataclass(frozen=True)
class Entry:
    """One content file (a news item or a plain page) in one language."""

    path: Path
    lang: str
    key: str
    slug: str
    meta: dict = field(hash=False, compare=False)

    @property
    def title(self) -> str:
        return unicodedata.normalize("NFC", str(self.meta["title"]))

    @property
    def date(self) -> datetime:
        return parse_date(self.meta["date"])

    @property
    def draft(self) -> bool:
        return bool(self.meta.get("draft", False))

    @property
    def category(self) -> str:
        return self.meta["category"]

    @property
    def tags(self) -> list[str]:
        tags = self.meta.get("tags") or []
        return [tags] if isinstance(tags, str) else [str(t) for t in tags]

    @property
    def news_url(self) -> str:
        return section_url(self.lang, "news", self.slug)

    @property
    def page_url(self) -> str:
        return home_url(self.lang) + self.slug + "/"


def load_entries(folder: Path) -> list[Entry]:
    """Every ``*.vi.md`` / ``*.en.md`` file below ``folder`` (READMEs excluded)."""
    entries = []
    for path in sorted(folder.rglob("*.md")):
        if path.name.lower().startswith("readme"):
            continue
        match = re.fullmatch(r"(.+)\.(vi|en)\.md", path.name)
        assert match, f"{path}: a content file name ends in .vi.md or .en.md"
        stem, lang = match.groups()
        meta = read_front_matter(path)
        key = str(meta.get("translation_key") or (path.parent.name if stem == "index" else stem))
        slug = str(meta.get("slug") or ascii_slug(key))
        entries.append(Entry(path, lang, key, slug, meta))
    return entries


@lru_cache(maxsize=1)
def published_news() -> dict[str, list[Entry]]:
    """Published items per language, newest first: not drafts, not scheduled,
    and a translation only together with its published Vietnamese original."""
    now = datetime.now(TIMEZONE)
    visible = [e for e in load_entries(CONTENT / "news") if not e.draft and e.date <= now]
    vi_keys = {e.key for e in visible if e.lang == "vi"}
    news = {lang: [e for e in visible if e.lang == lang and e.key in vi_keys] for lang in LANGS}
    for items in news.values():
        items.sort(key=lambda e: (-e.date.timestamp(), e.slug))
    return news


def translation_of(item: Entry) -> Entry | None:
    other = "en" if item.lang == "vi" else "vi"
    return next((e for e in published_news()[other] if e.key == item.key), None)


@lru_cache(maxsize=1)
def plain_pages() -> dict[str, list[Entry]]:
    folder = CONTENT / "pages"
    entries = load_entries(folder) if folder.is_dir() else []
    vi_keys = {e.key for e in entries if e.lang == "vi"}
    return {lang: [e for e in entries if e.lang == lang and e.key in vi_keys] for lang in LANGS}


@lru_cache(maxsize=1)
def portal_config() -> dict:
    """The options of the cdsportal plugin in mkdocs.yml."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/... tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return next(p["cdsportal"] for p in config["plugins"] if isinstance(p, dict) and "cdsportal" in p)


def categories() -> dict[str, dict[str, str]]:
    """``{key: {"vi": name, "en": name}}``."""
    return portal_config()["categories"]


def category_url(lang: str, key: str) -> str:
    slug = key if lang == "vi" else ascii_slug(categories()[key]["en"])
    return section_url(lang, "category", slug)


# --------------------------------------------------------------------------
# HTML, read with the standard library
# --------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    children: list["Element"] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list["Element"]:
        """Descendants by tag, class and exact attribute values (``rel_`` → ``rel``)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [e for e in self.iter()
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k) == v for k, v in wanted.items())]

    def find(self, *args, **kwargs) -> "Element | None":
        found = self.find_all(*args, **kwargs)
        return found[0] if found else None

    @property
    def clean_text(self) -> str:
        return " ".join(self.text.split())


class Document(HTMLParser):
    """A small DOM: every element with its attributes, children and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self._open[-1])
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self._open[-1])
        self._open[-1].children.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, 0, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def find_all(self, *args, **kwargs):
        return self.root.find_all(*args, **kwargs)

    def find(self, *args, **kwargs):
        return self.root.find(*args, **kwargs)

    def meta(self, name: str) -> str | None:
        """The content of ``<meta property=name>`` or ``<meta name=name>``."""
        for element in self.find_all("meta"):
            if name in (element.attrs.get("property"), element.attrs.get("name")):
                return element.attrs.get("content")
        return None

    def links(self, rel: str) -> list[Element]:
        return [e for e in self.find_all("link") if rel in e.attrs.get("rel", "").split()]

    @property
    def is_redirect(self) -> bool:
        return any(e.attrs.get("http-equiv", "").lower() == "refresh" for e in self.find_all("meta"))


def file_of(site: Path, url: str) -> Path:
    """The file serving a site URL: ``/tin-tuc/x/`` → ``site/tin-tuc/x/index.html``."""
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def url_of(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


@lru_cache(maxsize=None)
def _parse(path: Path) -> Document:
    return Document(path.read_text(encoding="utf-8"))


def page(site: Path, url: str) -> Document:
    path = file_of(site, url)
    assert path.is_file(), f"{url} is missing ({path} does not exist)"
    return _parse(path)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(page_url: str, href: str) -> str:
    """A link as a site path (``/tin-tuc/x/``), whether written relative or absolute."""
    joined = urljoin(absolute(page_url), href)
    assert joined.startswith(SITE_URL), f"{href} on {page_url} leaves the site"
    return "/" + joined[len(SITE_URL):].split("#")[0].split("?")[0]


def switcher_target(site: Path, url: str) -> str:
    links = page(site, url).find_all("a", cls="cds-lang__link")
    assert len(links) == 1, f"{url}: expected one language switcher link, found {len(links)}"
    return resolve(url, links[0].attrs["href"])


def hreflang_links(doc: Document) -> dict[str, str]:
    return {e.attrs["hreflang"]: e.attrs["href"] for e in doc.links("alternate")
            if "hreflang" in e.attrs}


@dataclass(frozen=True)
class Card:
    url: str
    published: datetime
    category_url: str


def cards(doc: Document, page_url: str) -> list[Card]:
    found = []
    for article in doc.find_all("article", cls="cds-card"):
        title = [a for heading in article.find_all(cls="cds-card__title") for a in heading.find_all("a")]
        assert len(title) == 1, f"{page_url}: a card without exactly one title link"
        stamp = article.find("time")
        assert stamp is not None and stamp.attrs.get("datetime"), f"{page_url}: a card without <time datetime>"
        meta_link = article.find("p", cls="cds-meta").find("a")
        found.append(Card(resolve(page_url, title[0].attrs["href"]),
                          datetime.fromisoformat(stamp.attrs["datetime"]),
                          resolve(page_url, meta_link.attrs["href"])))
    return found


def listing(site: Path, base_url: str) -> list[list[Card]]:
    """The cards of every page of a paginated listing, following its "next" links."""
    pages, url, seen = [], base_url, set()
    while url is not None:
        assert url not in seen, f"pagination of {base_url} loops back to {url}"
        seen.add(url)
        doc = page(site, url)
        pages.append(cards(doc, url))
        following = [a for nav in doc.find_all("nav", cls="cds-pager")
                     for a in nav.find_all("a", rel="next")]
        url = resolve(url, following[0].attrs["href"]) if following else None
    return pages


def assert_lists_exactly(site: Path, base_url: str, expected: list[Entry]) -> list[list[Card]]:
    """The listing at ``base_url`` shows every expected item once, newest first,
    ``PER_PAGE`` cards per page except the last."""
    pages = listing(site, base_url)
    urls = [card.url for cards_ in pages for card in cards_]
    duplicates = [u for u, n in Counter(urls).items() if n > 1]
    assert not duplicates, f"{base_url} lists these items more than once: {duplicates}"
    assert set(urls) == {e.news_url for e in expected}, (
        f"{base_url}: missing {sorted({e.news_url for e in expected} - set(urls))}, "
        f"unexpected {sorted(set(urls) - {e.news_url for e in expected})}")
    stamps = [card.published for cards_ in pages for card in cards_]
    assert stamps == sorted(stamps, reverse=True), f"{base_url} is not newest first"
    assert len(pages) == max(1, -(-len(expected) // PER_PAGE)), f"{base_url}: wrong number of pages"
    for cards_ in pages[:-1]:
        assert len(cards_) == PER_PAGE, f"{base_url}: a page before the last has {len(cards_)} cards"
    return pages


# --------------------------------------------------------------------------
# Sanity of the content the tests rely on
# --------------------------------------------------------------------------

def test_example_content_meets_the_spec_bounds():
    """The example is too thin to show the portal: fewer than 40 news items over
    2023–2024, fewer than 6 categories in use, or less than half translated."""
    vi = published_news()["vi"]
    years = Counter(item.date.year for item in vi)
    assert years[2023] > 0 and years[2024] > 0, f"items per year: {dict(years)}"
    assert years[2023] + years[2024] >= 40, f"only {years[2023] + years[2024]} items in 2023–2024"
    used = {item.category for item in vi}
    assert len(used) >= 6, f"only {len(used)} categories used: {sorted(used)}"
    translated = sum(1 for item in vi if translation_of(item))
    assert 2 * translated >= len(vi), f"only {translated} of {len(vi)} items translated"


# --------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------

def test_every_page_declares_its_language(example_site):
    """Screen readers would read English pages with a Vietnamese voice (or the
    reverse), and the search would index them under the wrong language."""
    wrong = []
    for path in html_files(example_site):
        expected = "en" if path.relative_to(example_site).parts[0] == "en" else "vi"
        html = _parse(path).find("html")
        lang = html.attrs.get("lang") if html else None
        if lang != expected:
            wrong.append(f"{url_of(example_site, path)}: lang={lang!r}, expected {expected!r}")
    assert not wrong, "\n".join(wrong)


def translated_pairs() -> list[tuple[Entry, Entry]]:
    return [(item, translation_of(item)) for item in published_news()["vi"] if translation_of(item)]


def test_translations_point_at_each_other(example_site):
    """Search engines would not pair the two language versions of an article, and
    the language switcher would not lead to the translation."""
    pairs = translated_pairs()
    assert pairs, "the example has no translated item"
    for vi, en in pairs:
        for item, other in ((vi, en), (en, vi)):
            doc = page(example_site, item.news_url)
            alternates = hreflang_links(doc)
            assert alternates.get(item.lang) == absolute(item.news_url), f"{item.news_url}: {alternates}"
            assert alternates.get(other.lang) == absolute(other.news_url), f"{item.news_url}: {alternates}"
            assert switcher_target(example_site, item.news_url) == other.news_url


def test_untranslated_items_switch_to_the_other_home(example_site):
    """On an article that has no English version, "English" would lead to a
    missing page instead of the English home page."""
    untranslated = [item for item in published_news()["vi"] if not translation_of(item)]
    assert untranslated, "the example has no untranslated Vietnamese item"
    for item in untranslated:
        assert switcher_target(example_site, item.news_url) == home_url("en"), item.news_url
        alternates = hreflang_links(page(example_site, item.news_url))
        assert "en" not in alternates, f"{item.news_url} claims an English version: {alternates}"


# --------------------------------------------------------------------------
# Listings and item pages
# --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_news_listing_is_paginated_newest_first(example_site, lang):
    """The news list would be endless, out of order, or silently skip or repeat
    articles across its pages."""
    expected = published_news()[lang]
    base = section_url(lang, "news")
    pages = assert_lists_exactly(example_site, base, expected)
    assert len(pages[0]) == min(PER_PAGE, len(expected))
    if len(expected) > PER_PAGE:
        second = section_url(lang, "news", f"{SECTIONS[lang]['page']}-2")
        assert file_of(example_site, second).is_file(), f"{second} is missing"
        pager = page(example_site, base).find("nav", cls="cds-pager")
        assert pager is not None, f"{base} has no pager"
        numbered = {a.clean_text: resolve(base, a.attrs["href"]) for a in pager.find_all("a")
                    if a.clean_text.isdigit()}
        assert numbered.get("2") == second, f"{base}: numbered pager links {numbered}"
        assert pager.find("span", aria_current="page").clean_text == "1"


@pytest.mark.parametrize("lang", LANGS)
def test_one_page_per_published_item(example_site, lang):
    """Articles would be missing from the site, or drafts and scheduled articles
    would be published early."""
    folder = file_of(example_site, section_url(lang, "news")).parent
    page_folder = re.compile(rf"{SECTIONS[lang]['page']}-\d+")
    built = {p.parent.name for p in folder.glob("*/index.html") if not page_folder.fullmatch(p.parent.name)}
    assert built == {item.slug for item in published_news()[lang]}


@pytest.mark.parametrize("lang", LANGS)
def test_category_pages_list_their_items(example_site, lang):
    """A category in the menu would lead to a missing page or to the wrong articles."""
    for key in categories():
        url = category_url(lang, key)
        expected = [item for item in published_news()[lang] if item.category == key]
        pages = assert_lists_exactly(example_site, url, expected)
        assert all(card.category_url == url for cards_ in pages for card in cards_), url


@pytest.mark.parametrize("lang", LANGS)
def test_tag_pages_exist(example_site, lang):
    """Clicking a tag under an article would lead to a missing page."""
    tags = {ascii_slug(tag) for item in published_news()[lang] for tag in item.tags}
    assert tags, f"no {lang} item has tags"
    for slug in tags:
        expected = [item for item in published_news()[lang]
                    if slug in {ascii_slug(t) for t in item.tags}]
        assert_lists_exactly(example_site, section_url(lang, "tag", slug), expected)


@pytest.mark.parametrize("lang", LANGS)
def test_archive_month_pages_list_their_items(example_site, lang):
    """The archive would lead to missing months, or a month would show other months' news."""
    months = Counter((item.date.year, item.date.month) for item in published_news()[lang])
    for year, month in months:
        url = section_url(lang, "archive", year, f"{month:02d}")
        expected = [item for item in published_news()[lang]
                    if (item.date.year, item.date.month) == (year, month)]
        assert_lists_exactly(example_site, url, expected)


def expected_date_text(day: date, lang: str) -> str:
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


@pytest.mark.parametrize("lang", LANGS)
def test_item_dates_follow_the_language(example_site, lang):
    """Vietnamese readers would see "January 3" or English readers "03/01/2024",
    or the date would be off by a day (time zone)."""
    for item in published_news()[lang]:
        doc = page(example_site, item.news_url)
        stamps = [t for t in doc.find_all("time")
                  if datetime.fromisoformat(t.attrs["datetime"]) == item.date]
        assert stamps, f"{item.news_url} has no <time datetime> for {item.date.isoformat()}"
        assert stamps[0].clean_text == expected_date_text(item.date.date(), lang), item.news_url
        h1 = doc.find("h1")
        assert h1 is not None and h1.clean_text == " ".join(item.title.split()), item.news_url


@pytest.mark.parametrize("lang", LANGS)
def test_plain_pages_are_in_the_menu(example_site, lang):
    """The About / Contact pages would exist but nobody could reach them from the menu."""
    pages = [p for p in plain_pages()[lang] if p.meta.get("in_menu", True) is not False]
    assert pages, f"content/pages has no {lang} page shown in the menu"
    menu = {(a.clean_text, resolve(home_url(lang), a.attrs["href"]))
            for a in page(example_site, home_url(lang)).find_all("a", cls="md-tabs__link")}
    for entry in pages:
        assert (" ".join(entry.title.split()), entry.page_url) in menu, f"{entry.path} not in {menu}"
        assert file_of(example_site, entry.page_url).is_file(), entry.page_url


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_links_every_section_of_the_menu(example_site, lang):
    """On a phone the menu is folded away: the home page's list of sections links
    to each section the menu offers (bulletin, radio, events, plans), events too."""
    home = page(example_site, home_url(lang))
    menu = {resolve(home_url(lang), a.attrs["href"])
            for a in home.find_all("a", cls="md-tabs__link")}
    listed = {resolve(home_url(lang), a.attrs["href"])
              for ul in home.find_all("ul", cls="cds-chips") for a in ul.find_all("a")}
    events = home_url(lang) + ("su-kien/" if lang == "vi" else "events/")
    assert events in menu
    plain = {entry.page_url for entry in plain_pages()[lang]}
    sections = {url for url in menu - plain if url != home_url(lang) and not url.startswith(
        (section_url(lang, "news"), section_url(lang, "category")))}
    assert sections - listed == set(), sections - listed


# --------------------------------------------------------------------------
# Privacy, metadata, fonts, sitemap
# --------------------------------------------------------------------------

ASSET_ATTRIBUTES = {"script": ["src"], "img": ["src", "srcset"], "video": ["src", "poster"],
                    "audio": ["src"], "source": ["src", "srcset"], "iframe": ["src"],
                    "embed": ["src"], "track": ["src"]}
ASSET_RELS = {"stylesheet", "preload", "icon", "apple-touch-icon", "modulepreload",
              "manifest", "preconnect", "dns-prefetch"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def external_assets(doc: Document) -> list[str]:
    found = []
    for element in doc.find_all():
        names = list(ASSET_ATTRIBUTES.get(element.tag, []))
        if element.tag == "link" and ASSET_RELS & set(element.attrs.get("rel", "").lower().split()):
            names.append("href")
        for name in names:
            value = element.attrs.get(name, "")
            if EXTERNAL.match(value):
                found.append(f"<{element.tag} {name}={value}>")
    return found


def test_no_asset_comes_from_another_site(example_site):
    """Every visit would leak readers' addresses to Google or a CDN, and the
    portal would break on a network that blocks them."""
    problems = []
    for path in html_files(example_site):
        for asset in external_assets(_parse(path)):
            problems.append(f"{url_of(example_site, path)}: {asset}")
    for path in [*html_files(example_site), *example_site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for host in ("fonts.googleapis", "fonts.gstatic"):
            if host in text:
                problems.append(f"{path.relative_to(example_site)} mentions {host}")
    assert not problems, "\n".join(problems)


def test_every_page_has_sharing_metadata(example_site):
    """A link pasted into Facebook or Zalo would show no title or picture, or
    search engines would index duplicate addresses."""
    problems = []
    for path in html_files(example_site):
        doc, url = _parse(path), url_of(example_site, path)
        if doc.is_redirect:
            continue
        for name in ("og:title", "og:description", "og:url", "twitter:card"):
            if not (doc.meta(name) or "").strip():
                problems.append(f"{url}: no {name}")
        canonical = [e.attrs.get("href") for e in doc.links("canonical")]
        if canonical != [absolute(url)]:
            problems.append(f"{url}: canonical {canonical}, expected {absolute(url)}")
        elif doc.meta("og:url") != canonical[0]:
            problems.append(f"{url}: og:url {doc.meta('og:url')} differs from the canonical")
    assert not problems, "\n".join(problems)


def test_news_items_have_plain_share_links(example_site):
    """Readers could not share an article on Facebook or Zalo, or every article
    would load a tracking script from Facebook or Zalo."""
    for lang in LANGS:
        for item in published_news()[lang]:
            doc = page(example_site, item.news_url)
            hrefs = [a.attrs.get("href", "") for a in doc.find_all("a")]
            facebook = [h for h in hrefs if urlsplit(h).netloc.endswith("facebook.com")
                        and urlsplit(h).path.startswith("/sharer")]
            assert facebook, f"{item.news_url}: no Facebook share link"
            assert parse_qs(urlsplit(facebook[0]).query).get("u") == [absolute(item.news_url)]
            assert any(urlsplit(h).netloc == "button-share.zalo.me" for h in hrefs), \
                f"{item.news_url}: no Zalo share link"
            for script in doc.find_all("script"):
                source = (script.attrs.get("src", "") + script.text).lower()
                assert "facebook" not in source and "zalo" not in source, \
                    f"{item.news_url} loads a Facebook/Zalo script"


def unicode_ranges(declaration: str) -> list[tuple[int, int]]:
    ranges = []
    for part in declaration.split(","):
        part = part.strip().upper().removeprefix("U+")
        if "?" in part:
            ranges.append((int(part.replace("?", "0"), 16), int(part.replace("?", "F"), 16)))
        elif "-" in part:
            low, high = part.split("-")
            ranges.append((int(low, 16), int(high.removeprefix("U+"), 16)))
        elif part:
            ranges.append((int(part, 16), int(part, 16)))
    return ranges


VIETNAMESE_CODE_POINTS = [*range(0x1EA0, 0x1EFA), 0x0102, 0x0103, 0x0110, 0x0111, 0x0128,
                          0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0]


def candidates(srcset: str) -> dict[int, str]:
    """``{width: url}`` of a ``srcset`` of width descriptors."""
    found = {}
    for candidate in srcset.split(","):
        url, width = candidate.split()
        found[int(width.rstrip("w"))] = url
    return found


@pytest.mark.parametrize("url", ["/", "/tin-tuc/", "/en/news/", "/ban-tin/", "latest issue"])
def test_photos_come_as_webp_first_with_the_jpeg_as_fallback(example_site, url):
    """Phones on slow connections take the lighter WebP (every <picture> offers
    it first, at each width the JPEG comes in); the JPEG stays for the rest."""
    from PIL import Image
    if url == "latest issue":
        url = page(example_site, "/ban-tin/").find("a", cls="cds-bulletin__cover").attrs["href"]
    pictures = page(example_site, url).find_all("picture")
    assert pictures, f"{url} has no <picture>"
    webp_bytes = jpeg_bytes = 0
    for picture in pictures:
        source, img = picture.find("source"), picture.find("img")
        assert source.attrs["type"] == "image/webp" and source.attrs["sizes"] == img.attrs["sizes"]
        webp, fallback = candidates(source.attrs["srcset"]), candidates(img.attrs["srcset"])
        assert set(webp) == set(fallback) and max(webp) == int(img.attrs["width"])
        for width, webp_url in webp.items():
            with Image.open(file_of(example_site, webp_url)) as image:
                assert image.format == "WEBP" and image.width == width
            with Image.open(file_of(example_site, fallback[width])) as image:
                assert image.format in ("JPEG", "PNG") and image.width == width
            webp_bytes += file_of(example_site, webp_url).stat().st_size
            jpeg_bytes += file_of(example_site, fallback[width]).stat().st_size
    assert webp_bytes < 0.8 * jpeg_bytes, (webp_bytes, jpeg_bytes)


def test_vietnamese_font_is_bundled(example_site):
    """Vietnamese letters (ạ, ế, ữ, đ…) would fall back to another font, or the
    font would be fetched from Google."""
    fonts = example_site / "assets" / "fonts"
    vietnamese = [f for f in fonts.glob("*.woff2") if "vietnamese" in f.name]
    assert vietnamese, f"no Vietnamese woff2 file in {fonts}"
    for font in vietnamese:
        assert font.read_bytes()[:4] == b"wOF2", f"{font.name} is not a WOFF2 file"

    home = page(example_site, "/")
    stylesheets = [file_of(example_site, resolve("/", link.attrs["href"]))
                   for link in home.links("stylesheet")]
    covered: set[int] = set()
    for sheet in stylesheets:
        css = sheet.read_text(encoding="utf-8")
        for block in re.findall(r"@font-face\s*{([^}]*)}", css):
            sources = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", block)
            files = [(sheet.parent / s).resolve() for s in sources]
            if not any(f.is_file() and fonts.resolve() in f.parents for f in files):
                continue
            declared = re.search(r"unicode-range\s*:\s*([^;]+)", block)
            if not declared:
                covered.update(VIETNAMESE_CODE_POINTS)  # no range: the font covers everything
                continue
            for low, high in unicode_ranges(declared.group(1)):
                covered.update(range(low, high + 1))
    missing = [f"U+{c:04X}" for c in VIETNAMESE_CODE_POINTS if c not in covered]
    assert not missing, f"no bundled @font-face covers {missing[:10]}…"


def test_sitemap_lists_every_item(example_site):
    """Search engines would not discover some articles."""
    tree = ET.parse(example_site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text.strip() for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert locations and all(loc.startswith(SITE_URL) for loc in locations)
    for lang in LANGS:
        missing = [item.news_url for item in published_news()[lang]
                   if absolute(item.news_url) not in locations]
        assert not missing, f"sitemap.xml misses {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_page_placeholder_is_intact(example_site, lang):
    """The search box hint would be cut off at its first quote mark (the UI
    string is written into the attribute without HTML escaping)."""
    path = ROOT / "cdsportal" / "locales" / f"{lang}.yml"
    placeholder = yaml.safe_load(path.read_text(encoding="utf-8"))["search.placeholder"]
    field_ = page(example_site, section_url(lang, "search")).find("input", id="cds-q")
    assert field_ is not None
    assert field_.attrs.get("placeholder") == placeholder
