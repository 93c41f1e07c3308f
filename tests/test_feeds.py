"""Syndication feeds: what feed readers, podcast apps and member portals get.

The example portal is checked feed by feed (every ``*.xml`` but the sitemap and
every ``feed.json`` of the build), on the rules of the RSS 2.0, Atom, JSON Feed
1.1 and iTunes podcast specifications that the W3C feed validator enforces and
feedparser forgives. Small fixture sites check what the example content cannot
show: stable GUIDs across edits, byte-identical rebuilds, hostile text, drafts
and scheduled items, the 50-entry limit and the podcast of the radio programme.

Feeds are read with lxml, ``json`` and feedparser only, never through
cdsportal, so that the tests say what a subscriber's software sees.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
import pytest
import yaml
from lxml import etree
from PIL import Image

from test_example_site import SITE_URL, ascii_slug

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
FIXTURE_URL = "https://cds.example.vn/"          # fixture sites (conftest.FIXTURE_CONFIG)
FEED_ITEMS = 50                                   # the spec's limit per feed

ATOM = "http://www.w3.org/2005/Atom"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"atom": ATOM, "itunes": ITUNES, "content": CONTENT}

# "Wed, 03 Jan 2024 08:00:00 +0700": RFC 822 (4-digit year) in Vietnam's time.
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
                    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                    r"\d{2}:\d{2}:\d{2} \+0700$")
# "2024-01-03T08:00:00+07:00": RFC 3339 in Vietnam's time.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$")
MIME_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")
# Attributes of entry HTML that hold a URL a feed reader must be able to follow.
HTML_URL_ATTRIBUTES = ("href", "src", "poster", "srcset", "cite", "action", "data")
ABSOLUTE_SCHEMES = {"http", "https", "mailto", "tel"}

PODCAST_SETTINGS = {"image": "/media/radio/cover.jpg", "category": "Government",
                    "owner_name": "Đài Phát thanh thử nghiệm",
                    "owner_email": "podcast@cds.example.vn"}


# --------------------------------------------------------------------------
# Reading feeds (one plain structure for RSS, Atom and JSON Feed)
# --------------------------------------------------------------------------

@dataclass
class Entry:
    id: str
    link: str
    title: str
    summary: str | None
    content: str | None
    date_raw: str          # pubDate / published (or updated) / date_published, as written
    date: datetime
    updated: datetime
    enclosures: list[dict] = field(default_factory=list)


@dataclass
class Feed:
    path: Path
    address: str           # the site path it is served at: "/rss.xml"
    kind: str              # "rss", "atom" or "json"
    title: str | None
    link: str | None       # the HTML page the feed is about
    self_url: str | None
    language: str | None
    updated_raw: str | None
    entries: list[Entry]
    tree: etree._Element | None = None
    document: dict | None = None

    @property
    def updated(self) -> datetime | None:
        if self.updated_raw is None:
            return None
        if self.kind == "rss":
            return parsedate_to_datetime(self.updated_raw)
        return datetime.fromisoformat(self.updated_raw)


def _text(element, path: str) -> str | None:
    found = element.find(path, NS)
    return found.text if found is not None else None


def read_rss(path: Path, address: str) -> Feed:
    tree = etree.parse(str(path)).getroot()
    channel = tree.find("channel")
    self_link = channel.find("atom:link[@rel='self']", NS)
    entries = []
    for item in channel.findall("item"):
        raw = _text(item, "pubDate") or ""
        date = parsedate_to_datetime(raw) if raw else None
        entries.append(Entry(
            id=_text(item, "guid"), link=_text(item, "link"), title=_text(item, "title"),
            summary=_text(item, "description"), content=_text(item, "content:encoded"),
            date_raw=raw, date=date, updated=date,
            enclosures=[dict(e.attrib) for e in item.findall("enclosure")]))
    return Feed(path, address, "rss", _text(channel, "title"), _text(channel, "link"),
                self_link.get("href") if self_link is not None else None,
                _text(channel, "language"), _text(channel, "lastBuildDate"), entries, tree=tree)


def atom_text(element, path: str) -> str | None:
    """An Atom text construct as the text a reader shows (``type="html"`` unescaped)."""
    found = element.find(path, NS)
    if found is None:
        return None
    if found.get("type") == "html":
        return lxml.html.fragment_fromstring(found.text or "", create_parent="div").text_content()
    return found.text


def read_atom(path: Path, address: str) -> Feed:
    tree = etree.parse(str(path)).getroot()

    def link(element, rel: str) -> str | None:
        for candidate in element.findall("atom:link", NS):
            if candidate.get("rel", "alternate") == rel:
                return candidate.get("href")
        return None

    entries = []
    for entry in tree.findall("atom:entry", NS):
        raw = _text(entry, "atom:published") or _text(entry, "atom:updated") or ""
        updated = _text(entry, "atom:updated")
        entries.append(Entry(
            id=_text(entry, "atom:id"), link=link(entry, "alternate"),
            title=atom_text(entry, "atom:title"), summary=atom_text(entry, "atom:summary"),
            content=_text(entry, "atom:content"), date_raw=raw,
            date=datetime.fromisoformat(raw) if raw else None,
            updated=datetime.fromisoformat(updated) if updated else None,
            enclosures=[dict(l.attrib) for l in entry.findall("atom:link[@rel='enclosure']", NS)]))
    return Feed(path, address, "atom", _text(tree, "atom:title"), link(tree, "alternate"),
                link(tree, "self"), tree.get(XML_LANG), _text(tree, "atom:updated"), entries,
                tree=tree)


def read_json_feed(path: Path, address: str) -> Feed:
    document = json.loads(path.read_text(encoding="utf-8"))
    entries = []
    for item in document.get("items", []):
        raw = item.get("date_published", "")
        entries.append(Entry(
            id=item.get("id"), link=item.get("url"), title=item.get("title"),
            summary=item.get("summary"), content=item.get("content_html"), date_raw=raw,
            date=datetime.fromisoformat(raw) if raw else None,
            updated=datetime.fromisoformat(item.get("date_modified") or raw) if raw else None,
            enclosures=[]))
    return Feed(path, address, "json", document.get("title"), document.get("home_page_url"),
                document.get("feed_url"), document.get("language"), None, entries,
                document=document)


def read_feed(site: Path, path: Path) -> Feed:
    address = "/" + path.relative_to(site).as_posix()
    if path.suffix == ".json":
        return read_json_feed(path, address)
    root_tag = etree.parse(str(path)).getroot().tag
    return read_atom(path, address) if root_tag == f"{{{ATOM}}}feed" else read_rss(path, address)


def feed_files(site: Path) -> list[Path]:
    """Every feed of a built site: ``*.xml`` but the sitemap, and every ``feed.json``."""
    files = [p for p in site.rglob("*.xml") if p.name != "sitemap.xml"]
    files += site.rglob("feed.json")
    return sorted(files)


def feeds_of(site: Path) -> list[Feed]:
    return [read_feed(site, path) for path in feed_files(site)]


def feed(site: Path, address: str) -> Feed:
    return read_feed(site, site / address.lstrip("/"))


def is_category_feed(address: str) -> bool:
    """``/chuyen-muc/<slug>/rss.xml`` or ``/en/categories/<slug>/rss.xml``."""
    return bool(re.fullmatch(r"/(chuyen-muc|en/categories)/[a-z0-9-]+/rss\.xml", address))


def language_of(address: str) -> str:
    return "en" if address.startswith("/en/") else "vi"


def is_absolute(url: str | None, base: str | None = None) -> bool:
    """An absolute URL (under ``base`` when given)."""
    if not url:
        return False
    parts = urlsplit(url)
    if parts.scheme not in ABSOLUTE_SCHEMES:
        return False
    if parts.scheme in ("http", "https") and not parts.netloc:
        return False
    return base is None or url.startswith(base)


def site_file(site: Path, url: str, base: str) -> Path:
    """The built file that serves the absolute ``url`` of the site at ``base``."""
    path = url[len(base):]
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def relative_urls_in_html(html: str | None) -> list[str]:
    """URLs in an entry's HTML that a feed reader could not follow (not absolute)."""
    if not html or not html.strip():
        return []
    found = []
    for element in lxml.html.fragments_fromstring(f"<div>{html}</div>")[0].iter():
        for name in HTML_URL_ATTRIBUTES:
            value = element.get(name) if isinstance(element.tag, str) else None
            if value is None:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] \
                if name == "srcset" else [value]
            found += [f'{name}="{u}"' for u in urls if not is_absolute(u)]
    return found


def report(problems: list[str], limit: int = 25) -> str:
    more = f"\n… and {len(problems) - limit} more" if len(problems) > limit else ""
    return "\n".join(problems[:limit]) + more


# --------------------------------------------------------------------------
# Writing fixture sites
# --------------------------------------------------------------------------

def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def add_podcast_settings(site) -> None:
    """Add ``podcast:`` settings to the fixture's mkdocs.yml (conftest.FIXTURE_CONFIG)."""
    config = site.root / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    plugin = next(p for p in settings["plugins"] if isinstance(p, dict) and "cdsportal" in p)
    plugin["cdsportal"]["podcast"] = PODCAST_SETTINGS
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    copy_fixture(site, "cover.jpg", "content/media/radio/cover.jpg")


def copy_fixture(site, name: str, relative: str) -> Path:
    target = site.root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / name, target)
    return target


def programme(site, key: str, *, audio: str, duration: str, date: str,
              lang: str = "vi", **fields) -> Path:
    """A radio programme with ``audio`` (a file of tests/fixtures/feeds) as its MP3."""
    copy_fixture(site, audio, f"content/media/radio/{audio}")
    meta = {"title": quoted(f"Chương trình {key}"), "date": date,
            "summary": quoted(f"Tóm tắt chương trình {key}."),
            "audio": f"/media/radio/{audio}", "duration": quoted(duration), **fields}
    if lang != "vi":
        meta.setdefault("slug", f"{key}-{lang}")
    lines = ["---", *(f"{k}: {v}" for k, v in meta.items()), "---", "",
             f"Nội dung chương trình {key}.", ""]
    return site.write(f"content/radio/{key}.{lang}.md", "\n".join(lines))


def snapshot(site: Path) -> dict[str, bytes]:
    return {"/" + p.relative_to(site).as_posix(): p.read_bytes() for p in feed_files(site)}


def ids_by_link(site: Path) -> dict[str, dict[str, str]]:
    """``{feed address: {entry link: entry id/guid}}`` for every feed of ``site``."""
    return {f.address: {e.link: e.id for e in f.entries} for f in feeds_of(site)}


# --------------------------------------------------------------------------
# The example portal
# --------------------------------------------------------------------------

def example_feed_addresses() -> set[str]:
    """The feed addresses the example portal must publish (a contract: never moved),
    from mkdocs.yml and the content folders, read independently of cdsportal."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["cdsportal"] for p in config["plugins"] if isinstance(p, dict) and "cdsportal" in p)
    addresses = {"/rss.xml", "/atom.xml", "/feed.json", "/en/rss.xml", "/en/atom.xml", "/en/feed.json"}
    for key, names in options["categories"].items():
        addresses.add(f"/chuyen-muc/{key}/rss.xml")
        addresses.add(f"/en/categories/{ascii_slug(names['en'])}/rss.xml")
    if any((ROOT / "content" / "radio").rglob("*.vi.md")):
        addresses.add("/phat-thanh/podcast.xml")
    if any((ROOT / "content" / "radio").rglob("*.en.md")):
        addresses.add("/en/radio/podcast.xml")
    if any((ROOT / "bulletins").rglob("issue.yml")):
        addresses.add("/ban-tin/rss.xml")
    return addresses


@pytest.fixture(scope="module")
def example_feeds(example_site) -> list[Feed]:
    feeds = feeds_of(example_site)
    assert feeds, "the example site has no feed at all"
    return feeds


def test_example_publishes_every_feed_at_its_address(example_site):
    """Every feed address is a contract: if one moved or vanished, subscribers of it
    would silently stop getting news (readers keep polling a 404)."""
    published = {"/" + p.relative_to(example_site).as_posix() for p in feed_files(example_site)}
    missing = example_feed_addresses() - published
    assert not missing, f"feeds missing from the build: {sorted(missing)}"


def test_every_feed_parses_without_errors(example_site, example_feeds):
    """A feed feedparser flags as malformed (bozo) is rejected or half-read by many
    readers: subscribers would see nothing, or garbled entries."""
    problems = []
    for path in feed_files(example_site):
        if path.suffix == ".json":
            continue
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            problems.append(f"{path.relative_to(example_site)}: {parsed.bozo_exception!r}")
        elif not parsed.entries and read_feed(example_site, path).entries:
            problems.append(f"{path.relative_to(example_site)}: feedparser found no entries")
    assert not problems, report(problems)


def test_json_feeds_follow_json_feed_1_1(example_feeds):
    """Member portals' widgets read /feed.json: without the required JSON Feed 1.1
    fields or with dates not in RFC 3339 (+07:00) they show nothing or wrong times."""
    problems = []
    json_feeds = [f for f in example_feeds if f.kind == "json"]
    assert {f.address for f in json_feeds} == {"/feed.json", "/en/feed.json"}
    for f in json_feeds:
        doc, where = f.document, f.address
        if doc.get("version") != "https://jsonfeed.org/version/1.1":
            problems.append(f"{where}: version is {doc.get('version')!r}")
        if not doc.get("title"):
            problems.append(f"{where}: no title")
        if not isinstance(doc.get("items"), list) or not doc["items"]:
            problems.append(f"{where}: no items")
            continue
        if doc.get("feed_url") != urljoin(SITE_URL, f.address):
            problems.append(f"{where}: feed_url {doc.get('feed_url')!r} is not its own address")
        if not is_absolute(doc.get("home_page_url"), SITE_URL):
            problems.append(f"{where}: home_page_url {doc.get('home_page_url')!r} not absolute")
        if doc.get("language") != language_of(f.address):
            problems.append(f"{where}: language {doc.get('language')!r}")
        ids = [item.get("id") for item in doc["items"]]
        if len(set(ids)) != len(ids):
            problems.append(f"{where}: repeated item ids")
        for item in doc["items"]:
            label = f"{where} item {item.get('id')!r}"
            if not isinstance(item.get("id"), str) or not item["id"]:
                problems.append(f"{label}: no id")
            for name in ("url", "title", "content_html", "date_published"):
                if not item.get(name):
                    problems.append(f"{label}: no {name}")
            if not is_absolute(item.get("url"), SITE_URL):
                problems.append(f"{label}: url {item.get('url')!r} not absolute")
            for name in ("date_published", "date_modified"):
                if name in item and not RFC3339.match(item[name]):
                    problems.append(f"{label}: {name} {item[name]!r} not RFC 3339 in +07:00")
            if item.get("image") and not is_absolute(item["image"], SITE_URL):
                problems.append(f"{label}: image {item['image']!r} not absolute")
    assert not problems, report(problems)


def test_rss_channels_and_items_meet_the_validator_rules(example_site, example_feeds):
    """The W3C validator's RSS rules: without title/link/description, a unique guid,
    RFC 822 dates in +0700 and rel=self, readers show untitled channels, duplicate
    or re-announced items and entries at the wrong time."""
    problems = []
    for f in (f for f in example_feeds if f.kind == "rss"):
        where = f.address
        channel = f.tree.find("channel")
        for name in ("title", "link", "description"):
            if not (_text(channel, name) or "").strip():
                problems.append(f"{where}: channel has no {name}")
        if f.self_url != urljoin(SITE_URL, f.address):
            problems.append(f"{where}: atom:link rel=self is {f.self_url!r}")
        if not is_absolute(f.link, SITE_URL):
            problems.append(f"{where}: channel link {f.link!r} not absolute under {SITE_URL}")
        elif not site_file(example_site, f.link, SITE_URL).is_file():
            problems.append(f"{where}: channel link {f.link} is not a page of the site")
        if f.entries and not RFC822.match(f.updated_raw or ""):
            problems.append(f"{where}: lastBuildDate {f.updated_raw!r} not RFC 822 in +0700")
        guids = [e.id for e in f.entries]
        if len(set(guids)) != len(guids) or None in guids:
            problems.append(f"{where}: guids missing or repeated")
        for item, element in zip(f.entries, channel.findall("item")):
            label = f"{where} item {item.link}"
            if not (item.title or item.summary):
                problems.append(f"{label}: neither title nor description")
            if not RFC822.match(item.date_raw):
                problems.append(f"{label}: pubDate {item.date_raw!r} not RFC 822 in +0700")
            guid = element.find("guid")
            if guid is not None and guid.get("isPermaLink", "true") == "true" \
                    and not is_absolute(guid.text):
                problems.append(f"{label}: guid {guid.text!r} is a permalink but not a URL")
    assert not problems, report(problems)


def test_atom_feeds_meet_the_validator_rules(example_feeds):
    """The W3C validator's Atom rules (id, title, updated, author; entries with a
    unique id, title, updated and link): without them readers reject the feed or
    show every entry as new again."""
    problems = []
    atom_feeds = [f for f in example_feeds if f.kind == "atom"]
    assert {f.address for f in atom_feeds} == {"/atom.xml", "/en/atom.xml"}
    for f in atom_feeds:
        where, tree = f.address, f.tree
        if not _text(tree, "atom:id"):
            problems.append(f"{where}: no id")
        if not _text(tree, "atom:title"):
            problems.append(f"{where}: no title")
        if not RFC3339.match(f.updated_raw or ""):
            problems.append(f"{where}: updated {f.updated_raw!r} not RFC 3339 in +07:00")
        if not _text(tree, "atom:author/atom:name"):
            problems.append(f"{where}: no author name")
        if f.self_url != urljoin(SITE_URL, f.address):
            problems.append(f"{where}: link rel=self is {f.self_url!r}")
        if not is_absolute(f.link, SITE_URL):
            problems.append(f"{where}: alternate link {f.link!r} not absolute")
        ids = [e.id for e in f.entries]
        if len(set(ids)) != len(ids) or None in ids:
            problems.append(f"{where}: entry ids missing or repeated")
        for entry, element in zip(f.entries, tree.findall("atom:entry", NS)):
            label = f"{where} entry {entry.id}"
            if not entry.title:
                problems.append(f"{label}: no title")
            if not entry.link:
                problems.append(f"{label}: no link")
            updated = _text(element, "atom:updated")
            if not RFC3339.match(updated or ""):
                problems.append(f"{label}: updated {updated!r} not RFC 3339 in +07:00")
            published = _text(element, "atom:published")
            if published is not None and not RFC3339.match(published):
                problems.append(f"{label}: published {published!r} not RFC 3339 in +07:00")
    assert not problems, report(problems)


def test_every_url_in_the_feeds_is_absolute(example_site, example_feeds):
    """Feed readers have no base URL: a root-relative link, image, enclosure or
    href="/…" in an entry's HTML is a broken link or a missing picture for subscribers."""
    problems = []
    for f in example_feeds:
        if f.kind == "json":
            values = [("feed_url", f.self_url), ("home_page_url", f.link)]
            values += [("item url", e.link) for e in f.entries]
            values += [("item image", i["image"]) for i in f.document["items"] if "image" in i]
        else:
            values = []
            for element in f.tree.iter():
                if not isinstance(element.tag, str):
                    continue
                for name in ("href", "src", "url", "domain", "scheme"):
                    if element.get(name) is not None:
                        values.append((f"<{etree.QName(element).localname} {name}>", element.get(name)))
                if etree.QName(element).localname in ("link", "url", "docs") and element.text \
                        and element.text.strip():
                    values.append((f"<{etree.QName(element).localname}>", element.text.strip()))
        problems += [f"{f.address}: {what} {value!r}" for what, value in values
                     if not is_absolute(value)]
        for entry in f.entries:
            problems += [f"{f.address} {entry.link}: {bad}" for bad in
                         relative_urls_in_html(entry.content) + relative_urls_in_html(
                             entry.summary if f.kind == "rss" else None)]
            if entry.content and re.search(r'\s(?:href|src|poster)="/', entry.content):
                problems.append(f"{f.address} {entry.link}: root-relative URL in the content")
    assert not problems, report(problems)


def test_entry_links_and_enclosures_lead_to_files_of_the_site(example_site, example_feeds):
    """Every entry link must open a page of the site and every enclosure must be a
    file of the stated size and type: otherwise subscribers get 404s, and podcast
    apps refuse or truncate the download."""
    problems = []
    for f in example_feeds:
        for entry in f.entries:
            if not is_absolute(entry.link, SITE_URL):
                problems.append(f"{f.address}: entry link {entry.link!r} not under {SITE_URL}")
            elif not site_file(example_site, entry.link, SITE_URL).is_file():
                problems.append(f"{f.address}: entry link {entry.link} is not a page of the site")
        if f.kind != "rss":
            continue
        for item in f.tree.iter("item"):
            for enclosure in item.findall("enclosure"):
                url, length, kind = (enclosure.get(a) for a in ("url", "length", "type"))
                label = f"{f.address}: enclosure {url}"
                if not (length or "").isdigit() or int(length) <= 0:
                    problems.append(f"{label}: length {length!r} is not a positive number")
                if not MIME_TYPE.match(kind or ""):
                    problems.append(f"{label}: type {kind!r} is not a MIME type")
                target = site_file(example_site, url or "", SITE_URL)
                if not is_absolute(url, SITE_URL) or not target.is_file():
                    problems.append(f"{label}: not a file of the site")
                elif (length or "").isdigit() and int(length) != target.stat().st_size:
                    problems.append(f"{label}: length {length} but the file has "
                                    f"{target.stat().st_size} bytes")
    assert not problems, report(problems)


def test_feeds_declare_their_language(example_feeds):
    """Readers use the language to pick fonts, hyphenation and translation offers:
    Vietnamese feeds must say vi, the /en/ feeds en."""
    problems = []
    for f in example_feeds:
        expected = language_of(f.address)
        if f.language != expected:
            problems.append(f"{f.address}: language {f.language!r}, expected {expected!r}")
    assert not problems, report(problems)


def test_entries_newest_first_at_most_50_and_channel_date_from_newest(example_site, example_feeds):
    """Readers that show feed order, and widgets that take the first N items, would
    show old news first; more than 50 entries makes polling heavy; a channel date
    unrelated to the entries makes readers re-fetch or think nothing changed."""
    problems = []
    for f in example_feeds:
        dates = [e.date for e in f.entries]
        if None in dates:
            problems.append(f"{f.address}: an entry has no date")
            continue
        if dates != sorted(dates, reverse=True):
            problems.append(f"{f.address}: entries are not newest first")
        if len(f.entries) > FEED_ITEMS:
            problems.append(f"{f.address}: {len(f.entries)} entries (at most {FEED_ITEMS})")
        if f.kind != "json" and f.entries:
            newest = max(e.updated for e in f.entries)
            if f.updated != newest:
                problems.append(f"{f.address}: channel date {f.updated_raw} but the newest "
                                f"entry is of {newest.isoformat()}")
    assert not problems, report(problems)


def test_news_feeds_hold_every_published_item_up_to_the_limit(example_site, example_feeds):
    """The main feeds must hold the newest published news of their language (all of
    them when fewer than 50): a missing item is news subscribers never hear about."""
    for lang, section in (("vi", "tin-tuc"), ("en", "en/news")):
        articles = set()
        for page in (example_site / section).glob("*/index.html"):
            html = page.read_text(encoding="utf-8")
            if '<meta property="og:type" content="article">' in html:
                articles.add(urljoin(SITE_URL, page.parent.relative_to(example_site).as_posix() + "/"))
        prefix = "/" if lang == "vi" else "/en/"
        for name in ("rss.xml", "atom.xml", "feed.json"):
            f = next(f for f in example_feeds if f.address == prefix + name)
            links = [e.link for e in f.entries]
            assert set(links) <= articles, f"{f.address}: entries that are not news pages"
            assert len(links) == min(FEED_ITEMS, len(articles)), \
                f"{f.address}: {len(links)} entries for {len(articles)} published news items"


def test_category_feeds_hold_only_their_category(example_feeds):
    """A category feed (e.g. /chuyen-muc/an-toan-thong-tin/rss.xml) with items of
    other categories would fill a specialised subscriber's reader with unrelated news."""
    problems = []
    category_feeds = [f for f in example_feeds if is_category_feed(f.address)]
    assert category_feeds, "no category feed"
    for f in category_feeds:
        if f.link != urljoin(SITE_URL, f.address[: -len("rss.xml")]):
            problems.append(f"{f.address}: channel link {f.link} is not its category page")
        for item in f.tree.iter("item"):
            domains = {c.get("domain") for c in item.findall("category")}
            if f.link not in domains:
                problems.append(f"{f.address}: item {_text(item, 'link')} is not in the category")
    assert not problems, report(problems)


def test_example_feed_text_is_nfc(example_site):
    """Vietnamese in decomposed form (NFD) shows as broken diacritics in some readers
    and defeats their search: every feed must be in NFC."""
    bad = [p.relative_to(example_site).as_posix() for p in feed_files(example_site)
           if not unicodedata.is_normalized("NFC", p.read_text(encoding="utf-8"))]
    assert not bad, f"feeds not in NFC: {bad}"


def test_example_podcasts_have_cover_durations_and_audio(example_site, example_feeds):
    """Podcast apps list a show only with a cover and play an episode only with an
    audio enclosure; without itunes:duration they show no length before download."""
    podcasts = [f for f in example_feeds if f.address.endswith("/podcast.xml")]
    assert podcasts, "the example site has no podcast"
    problems = []
    for f in podcasts:
        channel = f.tree.find("channel")
        image = channel.find("itunes:image", NS)
        cover = image.get("href") if image is not None else None
        if not is_absolute(cover, SITE_URL) or not site_file(example_site, cover, SITE_URL).is_file():
            problems.append(f"{f.address}: itunes:image {cover!r} is not a file of the site")
        for name in ("itunes:author", "itunes:explicit", "itunes:owner/itunes:email"):
            if not (_text(channel, name) or "").strip():
                problems.append(f"{f.address}: no {name}")
        if channel.find("itunes:category", NS) is None:
            problems.append(f"{f.address}: no itunes:category")
        for item in channel.findall("item"):
            label = f"{f.address} {_text(item, 'link')}"
            types = [e.get("type") or "" for e in item.findall("enclosure")]
            if len(types) != 1 or not types[0].startswith("audio/"):
                problems.append(f"{label}: enclosures {types}, expected one audio file")
            duration = _text(item, "itunes:duration") or ""
            if not re.fullmatch(r"\d+(:\d{2}){0,2}", duration) or itunes_seconds(duration) <= 0:
                problems.append(f"{label}: itunes:duration {duration!r}")
    assert not problems, report(problems)


# --------------------------------------------------------------------------
# Autodiscovery and the subscribe page
# --------------------------------------------------------------------------

def announced_feeds(page: Path) -> list[tuple[str, str]]:
    """``(type, href)`` of every ``<link rel="alternate" type=…>`` feed in the page's head."""
    head = lxml.html.fromstring(page.read_bytes()).find("head")
    if head is None:
        return []
    return [(link.get("type"), link.get("href")) for link in head.iter("link")
            if (link.get("rel") or "").lower() == "alternate" and link.get("type")]


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, except redirects left at old addresses."""
    return [p for p in sorted(site.rglob("*.html"))
            if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def test_every_page_announces_the_feeds_of_its_language(example_site):
    """Browsers' and readers' "subscribe" buttons find feeds through <link
    rel="alternate">: a page without them offers nothing to subscribe to, and a page
    under /en/ announcing the Vietnamese feeds would subscribe English readers to them."""
    problems = []
    pages = html_pages(example_site)
    assert len(pages) > 50
    for page in pages:
        address = "/" + page.relative_to(example_site).as_posix()
        prefix = "/en/" if address.startswith("/en/") else "/"
        announced = set(announced_feeds(page))
        for kind, name in (("application/rss+xml", "rss.xml"), ("application/atom+xml", "atom.xml"),
                           ("application/feed+json", "feed.json")):
            if (kind, prefix + name) not in announced:
                problems.append(f"{address}: no <link rel=alternate type={kind} href={prefix + name}>")
        for kind, href in announced:
            if not (example_site / href.lstrip("/")).is_file() and not is_absolute(href):
                problems.append(f"{address}: announces {href}, which is not a file of the site")
    assert not problems, report(problems)


def test_category_pages_announce_their_own_feed(example_site):
    """A reader subscribing from a category page should be offered that category's
    feed, not only the whole site's."""
    problems = []
    checked = 0
    for feed_path in example_site.glob("**/rss.xml"):
        href = "/" + feed_path.relative_to(example_site).as_posix()
        if not is_category_feed(href):
            continue
        folder = feed_path.parent
        for page in folder.rglob("index.html"):   # the category page and its next pages
            checked += 1
            if ("application/rss+xml", href) not in announced_feeds(page):
                problems.append(f"/{page.relative_to(example_site).as_posix()}: does not announce {href}")
    assert checked, "no category page found"
    assert not problems, report(problems)


def test_no_page_announces_the_same_feed_twice(example_site):
    """A page listing one feed twice shows it twice in the browser's or extension's
    subscribe menu (seen on the radio page, which adds the podcast again)."""
    problems = []
    for page in html_pages(example_site):
        hrefs = [href for _, href in announced_feeds(page)]
        repeated = sorted({h for h in hrefs if hrefs.count(h) > 1})
        if repeated:
            problems.append(f"/{page.relative_to(example_site).as_posix()}: {repeated}")
    assert not problems, report(problems)


@pytest.mark.parametrize("lang, address", [("vi", "/theo-doi/"), ("en", "/en/subscribe/")])
def test_subscribe_page_lists_every_feed(example_site, lang, address):
    """The subscribe page is where editors send people who ask "how do I follow
    you?": every feed of the language must be there with its full address (which is
    what one pastes into a reader), and every address listed must work."""
    page = example_site / address.lstrip("/") / "index.html"
    assert page.is_file(), f"no subscribe page at {address}"
    document = lxml.html.fromstring(page.read_bytes())
    listed = {a.get("href") for a in document.iter("a")}
    shown = document.text_content()
    expected = {urljoin(SITE_URL, "/" + p.relative_to(example_site).as_posix())
                for p in feed_files(example_site)
                if language_of("/" + p.relative_to(example_site).as_posix()) == lang}
    missing = sorted(u for u in expected if u not in listed or u not in shown)
    assert not missing, f"{address} does not list (link and show) {missing}"
    feedish = {u for u in listed if u and re.search(r"\.(xml|json)$", u) and u.startswith(SITE_URL)}
    dead = sorted(u for u in feedish if not site_file(example_site, u, SITE_URL).is_file())
    assert not dead, f"{address} lists feeds that do not exist: {dead}"


# --------------------------------------------------------------------------
# Fixture sites: stability, escaping, what is not published, the limit
# --------------------------------------------------------------------------

def test_guid_survives_edits_and_is_never_reused(fixture_site):
    """A GUID that changes when an editor fixes a title, a body or a slug makes every
    reader show the item again as new (a duplicate in thousands of readers); a GUID
    reused by another item makes readers drop that item as already seen."""
    fixture_site.news("ke-hoach", title=quoted("Kế hoạch chuyển đổi số"), date="2024-01-02 08:00")
    fixture_site.news("ke-hoach", lang="en", title="Digital plan", date="2024-01-02 08:00")
    fixture_site.news("hoi-nghi", title=quoted("Hội nghị"), date="2024-01-03 08:00")
    site = fixture_site.build()
    link = urljoin(FIXTURE_URL, "/tin-tuc/ke-hoach/")
    before = ids_by_link(site)
    guid = before["/rss.xml"][link]
    assert before["/atom.xml"][link] == guid and before["/feed.json"][link] == guid, \
        "RSS guid, Atom id and JSON Feed id of one item differ"
    english = before["/en/rss.xml"][urljoin(FIXTURE_URL, "/en/news/ke-hoach-en/")]
    assert english != guid, "the English translation has the Vietnamese item's GUID"
    all_before = {i for ids in before.values() for i in ids.values()}

    fixture_site.news("ke-hoach", title=quoted("Kế hoạch chuyển đổi số năm 2024 (sửa)"),
                      date="2024-01-02 08:00", body="Nội dung đã sửa, thêm một đoạn.")
    site = fixture_site.build()
    after = ids_by_link(site)
    for address in ("/rss.xml", "/atom.xml", "/feed.json", "/chuyen-muc/chinh-quyen-so/rss.xml"):
        assert after[address][link] == guid, f"{address}: the GUID changed with the title"
        entry = next(e for e in feed(site, address).entries if e.link == link)
        assert entry.title == "Kế hoạch chuyển đổi số năm 2024 (sửa)", f"{address}: old title"

    fixture_site.news("ke-hoach", title=quoted("Kế hoạch (sửa)"), date="2024-01-02 08:00",
                      slug="ke-hoach-2024")
    fixture_site.news("tin-moi", title=quoted("Tin mới"), date="2024-01-04 08:00")
    site = fixture_site.build()
    renamed = feed(site, "/rss.xml")
    moved = next(e for e in renamed.entries if e.link.endswith("/tin-tuc/ke-hoach-2024/"))
    assert moved.id == guid, "the GUID changed with the slug"
    new = next(e for e in renamed.entries if e.link.endswith("/tin-tuc/tin-moi/"))
    assert new.id not in all_before, "a new item reuses an older item's GUID"
    ids = [e.id for e in renamed.entries]
    assert len(set(ids)) == len(ids)


def test_unchanged_content_rebuilds_byte_identical_feeds(fixture_site):
    """Feeds that change at every build (a build date, a random id, a reordered
    element) make readers and caches re-download and re-announce everything."""
    fixture_site.news("mot", date="2024-01-02 08:00", tags="[VNeID, Đề án 06]")
    fixture_site.news("hai", date="2024-01-03 08:00", category="kinh-te-so")
    fixture_site.news("hai", lang="en", date="2024-01-03 08:00", category="kinh-te-so")
    add_podcast_settings(fixture_site)
    programme(fixture_site, "thang-1", audio="programme-1.mp3", duration="04:05",
              date="2024-01-05 19:00")
    site = fixture_site.build()
    first = snapshot(site)
    assert "/phat-thanh/podcast.xml" in first and "/en/feed.json" in first
    site = fixture_site.build()
    second = snapshot(site)
    assert first.keys() == second.keys()
    changed = [address for address in first if first[address] != second[address]]
    assert not changed, f"feeds differ between two builds of the same content: {changed}"


HOSTILE_TITLE = 'Tin "nóng" & <b>đậm</b> 🚀 Chuyển đổi số'
HOSTILE_SUMMARY = "Phí &amp; lệ phí: mức a < b, đã giảm 🚀"


def write_hostile_site(site) -> None:
    """An item with every character that escaping gets wrong, and an NFD-written one."""
    (site.root / "content/media").mkdir(exist_ok=True)
    Image.new("RGB", (64, 36), (165, 14, 34)).save(site.root / "content/media/anh-minh-hoa.png")
    site.news("tin-cu", title=quoted(nfd("Thông báo của Sở, tỉnh Quảng Ngãi")),
              date="2024-01-02 08:00", summary=quoted(nfd("Tóm tắt viết ở dạng tổ hợp (NFD).")))
    body = "\n".join([
        f"Chào 🚀 bà con {nfd('Quảng Ngãi')}, đọc kỹ trước khi đăng ký dịch vụ công.",
        "",
        '<img src="https://example.org/anh.png" alt="Ảnh ngoài" onerror="alert(1)">',
        "",
        '<p onclick="alert(2)" onmouseover="alert(3)">Đoạn có trình xử lý sự kiện.</p>',
        "",
        "[Hỏi & đáp](https://example.org/hoi-dap?a=1&b=2) — [tin trước](tin-cu.vi.md)",
        "",
        "![Ảnh minh họa](/media/anh-minh-hoa.png)",
        "",
        "Ký tự đặc biệt: 5 < 6 && 7 > 3, “ngoặc kép” và ‘đơn’.",
    ])
    site.news("tin-nong", title=quoted(HOSTILE_TITLE), summary=quoted(HOSTILE_SUMMARY),
              date="2024-01-03 08:00", tags=quoted("Chuyển đổi số, A & B"), body=body)


def test_hostile_text_is_escaped_once_on_the_item_page(fixture_site):
    """The page of the same item: its title as text everywhere it is shown
    (heading, <title>, Open Graph), escaped exactly once, its markup inert."""
    write_hostile_site(fixture_site)
    page = (fixture_site.build() / "tin-tuc" / "tin-nong" / "index.html").read_text(encoding="utf-8")
    escaped = "Tin &#34;nóng&#34; &amp; &lt;b&gt;đậm&lt;/b&gt; 🚀 Chuyển đổi số"
    assert f"<title>{escaped} – " in page
    assert f'<meta property="og:title" content="{escaped}">' in page
    assert f">{escaped}</h1>" in page
    assert "<b>đậm</b>" not in page and "&amp;lt;" not in page
    assert "Phí &amp;amp; lệ phí: mức a &lt; b" in page  # the summary's "&amp;" is text


def test_hostile_text_is_escaped_once_and_scripts_never_reach_a_feed(fixture_site):
    """Titles with quotes, &, markup and emoji must reach readers exactly as written
    (no "&amp;amp;", no lost 🚀, no broken diacritics), and nothing executable
    (script, on… handlers) may reach a reader that renders entry HTML."""
    write_hostile_site(fixture_site)
    site = fixture_site.build()
    link = urljoin(FIXTURE_URL, "/tin-tuc/tin-nong/")
    addresses = ("/rss.xml", "/atom.xml", "/feed.json", "/chuyen-muc/chinh-quyen-so/rss.xml")
    for address in addresses:
        raw = (site / address.lstrip("/")).read_bytes()
        for needle in (b"<script", b"onerror", b"onclick", b"onmouseover", b"javascript:"):
            assert needle not in raw.lower(), f"{address}: {needle!r} in the raw feed"
        text = raw.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), f"{address}: text not in NFC"
        f = feed(site, address)
        entry = next(e for e in f.entries if e.link == link)
        assert entry.title == HOSTILE_TITLE, f"{address}: title became {entry.title!r}"
        older = next(e for e in f.entries if e.link.endswith("/tin-tuc/tin-cu/"))
        assert older.title == "Thông báo của Sở, tỉnh Quảng Ngãi" == unicodedata.normalize(
            "NFC", older.title), f"{address}: NFD title not made NFC: {older.title!r}"
        html = entry.content
        assert "&amp;amp;" not in html and "&amp;lt;" not in html, f"{address}: double escaping"
        assert "Hỏi &amp; đáp" in html, f"{address}: the & of the link text is lost: {html}"
        assert 'href="https://example.org/hoi-dap?a=1&amp;b=2"' in html
        assert "Quảng Ngãi" in html and "🚀" in html and "“ngoặc kép”" in html
        assert "5 &lt; 6 &amp;&amp; 7 &gt; 3" in html
        assert f'href="{FIXTURE_URL}tin-tuc/tin-cu/"' in html, f"{address}: link not absolute"
        assert f'src="{FIXTURE_URL}media/anh-minh-hoa.png"' in html, f"{address}: image not absolute"
        assert not relative_urls_in_html(html)
        if address != "/rss.xml" and "chuyen-muc" not in address:
            # Atom summary (type text) and JSON summary are plain text: exactly as written.
            assert entry.summary == HOSTILE_SUMMARY, f"{address}: summary {entry.summary!r}"
    for address in ("/rss.xml", "/atom.xml"):
        parsed = feedparser.parse((site / address.lstrip("/")).read_bytes())
        assert not parsed.bozo, f"{address}: {parsed.bozo_exception!r}"
        titles = [e.title for e in parsed.entries]
        assert HOSTILE_TITLE in titles, f"{address}: feedparser reads the title as {titles}"
        raw_title = re.search(r"<title>(Tin &quot;|Tin \")n.*?</title>",
                              (site / address.lstrip("/")).read_text(encoding="utf-8"))
        assert raw_title and "&amp;amp;" not in raw_title.group(0), \
            f"{address}: the title is escaped twice: {raw_title and raw_title.group(0)}"


def test_script_and_broken_image_in_a_body_stop_the_build(fixture_site):
    """A body with <script> or an <img onerror> pointing nowhere never gets as far as
    a feed: the build refuses it and tells the editor the line, so no subscriber
    ever receives it (and the previous site stays online)."""
    source = fixture_site.news("doc-hai", body="Chào 🚀.\n\n<script>alert(1)</script>\n\n"
                                               "<img src=x onerror=alert(1)>\n")
    lines = source.read_text(encoding="utf-8").splitlines()
    script_line = 1 + next(i for i, line in enumerate(lines) if line.startswith("<script>"))
    image_line = 1 + next(i for i, line in enumerate(lines) if line.startswith("<img"))
    result = fixture_site.cdsportal("build", "--no-search")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a body with <script> was published"
    assert f"content/news/doc-hai.vi.md:{script_line}" in output and "<script>" in output, output
    assert f"content/news/doc-hai.vi.md:{image_line}" in output, output
    assert not (fixture_site.root / "site" / "rss.xml").exists(), "a feed was written anyway"


def test_drafts_and_scheduled_items_appear_in_no_feed(fixture_site):
    """A draft or an item scheduled for 2099 leaking into a feed is published to every
    subscriber at once, and cannot be taken back from their readers."""
    fixture_site.news("da-dang", title=quoted("Tin đã đăng"), date="2024-01-02 08:00")
    fixture_site.news("ban-nhap", title=quoted("Bản nháp bí mật"), date="2024-01-05 08:00",
                      draft="true")
    fixture_site.news("ban-nhap", lang="en", title="Secret draft", date="2024-01-05 08:00")
    fixture_site.news("tuong-lai", title=quoted("Tin hẹn giờ năm 2099"), date="2099-01-01 08:00",
                      category="kinh-te-so")
    fixture_site.news("tuong-lai", lang="en", title="Scheduled for 2099", date="2099-01-01 08:00",
                      category="kinh-te-so")
    fixture_site.news("hien-tai", lang="en", title="Published in English", date="2024-01-02 08:00",
                      translation_key="da-dang")
    site = fixture_site.build()
    files = feed_files(site)
    assert {"/rss.xml", "/en/rss.xml", "/feed.json", "/chuyen-muc/kinh-te-so/rss.xml"} <= \
        {"/" + p.relative_to(site).as_posix() for p in files}
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in ("Bản nháp bí mật", "ban-nhap", "Secret draft", "Tin hẹn giờ", "tuong-lai",
                       "Scheduled for 2099"):
            assert secret not in text, f"{path.relative_to(site)}: {secret!r} leaked"
    for address in ("/rss.xml", "/atom.xml", "/feed.json", "/en/rss.xml", "/en/feed.json"):
        f = feed(site, address)
        assert len(f.entries) == 1, f"{address}: {[e.title for e in f.entries]}"
    rss = feed(site, "/rss.xml")
    assert rss.updated == rss.entries[0].date, "lastBuildDate comes from an unpublished item"
    assert not feed(site, "/chuyen-muc/kinh-te-so/rss.xml").entries


def test_feeds_keep_the_newest_50(fixture_site):
    """With more than 50 items, a feed holds the newest 50, newest first: an
    unbounded feed grows heavy for every reader's poll, and keeping the oldest would
    hide today's news."""
    for day in range(1, 56):   # 55 items, one per day of January–February 2024
        month, dom = (1, day) if day <= 31 else (2, day - 31)
        fixture_site.news(f"tin-{day:02d}", date=f"2024-{month:02d}-{dom:02d} 08:00")
    site = fixture_site.build()
    newest = [urljoin(FIXTURE_URL, f"/tin-tuc/tin-{day:02d}/") for day in range(55, 5, -1)]
    for address in ("/rss.xml", "/atom.xml", "/feed.json", "/chuyen-muc/chinh-quyen-so/rss.xml"):
        f = feed(site, address)
        assert [e.link for e in f.entries] == newest, f"{address}: not the newest 50, newest first"
        if f.kind != "json":
            assert f.updated == f.entries[0].updated


# --------------------------------------------------------------------------
# The radio programme as a podcast
# --------------------------------------------------------------------------

def itunes_seconds(value: str) -> int:
    """``245``, ``4:05`` or ``0:04:05`` → 245."""
    seconds = 0
    for part in value.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def test_radio_podcast_has_what_podcast_apps_require(fixture_site):
    """Apple Podcasts and other apps refuse a podcast without the itunes tags (cover,
    category, explicit, owner) and misbehave with enclosures that are relative, of a
    wrong length or type, or without a duration; drafts and scheduled programmes
    must not be downloadable before their time."""
    add_podcast_settings(fixture_site)
    fixture_site.news("tin", date="2024-01-01 08:00")
    programme(fixture_site, "thang-1", audio="programme-1.mp3", duration="04:05",
              date="2024-01-10 19:00")
    programme(fixture_site, "thang-2", audio="programme-2.mp3", duration="1:02:03",
              date="2024-02-10 19:00")
    programme(fixture_site, "thang-2", lang="en", audio="programme-2.mp3", duration="1:02:03",
              date="2024-02-10 19:00")
    programme(fixture_site, "nhap", audio="programme-1.mp3", duration="03:00",
              date="2024-03-10 19:00", draft="true")
    programme(fixture_site, "tuong-lai", audio="programme-1.mp3", duration="03:00",
              date="2099-03-10 19:00")
    site = fixture_site.build()
    address = "/phat-thanh/podcast.xml"
    path = site / address.lstrip("/")
    assert path.is_file(), "no podcast at /phat-thanh/podcast.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, repr(parsed.bozo_exception)

    root = etree.parse(str(path)).getroot()
    assert root.nsmap.get("itunes") == ITUNES, "the itunes namespace is not declared"
    channel = root.find("channel")
    cover = urljoin(FIXTURE_URL, "/media/radio/cover.jpg")
    image = channel.find("itunes:image", NS)
    assert image is not None and image.get("href") == cover, "channel itunes:image"
    assert (site / "media/radio/cover.jpg").is_file(), "the cover is not published"
    category = channel.find("itunes:category", NS)
    assert category is not None and category.get("text") == "Government"
    assert _text(channel, "itunes:explicit") in ("no", "false")
    assert _text(channel, "itunes:owner/itunes:name") == "Đài Phát thanh thử nghiệm"
    assert _text(channel, "itunes:owner/itunes:email") == "podcast@cds.example.vn"
    assert (_text(channel, "itunes:author") or "").strip(), "no itunes:author"
    assert _text(channel, "language") == "vi"
    assert _text(channel, "link") == urljoin(FIXTURE_URL, "/phat-thanh/")
    assert channel.find("atom:link[@rel='self']", NS).get("href") == urljoin(FIXTURE_URL, address)

    podcast = read_rss(path, address)
    assert [e.link for e in podcast.entries] == [urljoin(FIXTURE_URL, "/phat-thanh/thang-2/"),
                                                 urljoin(FIXTURE_URL, "/phat-thanh/thang-1/")], \
        "not exactly the two published programmes, newest first"
    assert podcast.updated == podcast.entries[0].date
    expected = {"thang-1": ("programme-1.mp3", 245), "thang-2": ("programme-2.mp3", 3723)}
    for item, entry in zip(channel.findall("item"), podcast.entries):
        audio, seconds = expected[entry.link.rstrip("/").rsplit("/", 1)[1]]
        assert RFC822.match(entry.date_raw)
        enclosures = item.findall("enclosure")
        assert len(enclosures) == 1, f"{entry.link}: {len(enclosures)} enclosures"
        enclosure = enclosures[0]
        assert enclosure.get("url") == urljoin(FIXTURE_URL, f"/media/radio/{audio}")
        assert (site / "media/radio" / audio).is_file(), f"{audio} is not published"
        assert enclosure.get("length") == str((FIXTURES / audio).stat().st_size)
        assert enclosure.get("type") == "audio/mpeg"
        duration = _text(item, "itunes:duration")
        assert duration and re.fullmatch(r"\d+(:\d{2}){0,2}", duration), duration
        assert itunes_seconds(duration) == seconds, f"{entry.link}: itunes:duration {duration}"

    english = read_rss(site / "en/radio/podcast.xml", "/en/radio/podcast.xml")
    assert english.language == "en"
    assert [e.link for e in english.entries] == [urljoin(FIXTURE_URL, "/en/radio/thang-2-en/")]
    assert english.self_url == urljoin(FIXTURE_URL, "/en/radio/podcast.xml")
