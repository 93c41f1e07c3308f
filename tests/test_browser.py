"""The example portal in a real Chromium (Playwright, sync API), served on
127.0.0.1 by the ``served_example`` fixture.

Which article to open and what to expect comes from the content files, read
by the helpers of ``test_example_site`` (never from hard-coded titles).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import Tab, new_tab
from test_example_site import (ascii_fold, home_url, items_containing, page as built_page,
                               portal_config, published_news, section_url, translated_pairs,
                               translation_of)

SEARCH_TIMEOUT_MS = 10_000


@pytest.fixture
def tab(browser, served_example):
    tab = new_tab(browser, served_example)
    yield tab
    tab.page.context.close()


@pytest.fixture
def phone_tab(browser, served_example):
    tab = new_tab(browser, served_example, viewport={"width": 390, "height": 844},
                  is_mobile=True, has_touch=True)
    yield tab
    tab.page.context.close()


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


# --------------------------------------------------------------------------
# Home page and language switching
# --------------------------------------------------------------------------

def test_home_page_loads_cleanly_and_privately(tab):
    """The portal would show the wrong title in tabs and bookmarks, contact
    other sites (fonts, CDNs, trackers) on every visit, or throw script errors."""
    tab.open("/")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.title() == portal_config()["site_name"]["vi"]
    assert tab.page.locator("html").get_attribute("lang") == "vi"
    assert not tab.foreign_requests(), tab.foreign_requests()
    assert not tab.errors, tab.errors


def open_card(tab: Tab, list_path: str, wanted: set[str]) -> str:
    """Go through the news list page by page and click the first card whose
    title links to one of ``wanted``; returns the link clicked."""
    tab.open(list_path)
    while True:
        for link in tab.page.locator(".cds-card__title a").all():
            href = link.get_attribute("href")
            if href in wanted:
                link.click()
                tab.page.wait_for_url(lambda url: urlsplit(url).path == href)
                return href
        following = tab.page.locator("nav.cds-pager a[rel=next]")
        assert following.count(), f"no card of {sorted(wanted)} in the news list"
        following.first.click()
        tab.page.wait_for_load_state()


def test_language_switcher_opens_the_translation(tab):
    """A reader on a Vietnamese article clicking "English" would not get the
    English version of that article."""
    pairs = {vi.news_url: en for vi, en in translated_pairs()}
    assert pairs, "the example has no translated item"
    clicked = open_card(tab, section_url("vi", "news"), set(pairs))
    english = pairs[clicked]
    tab.page.locator("a.cds-lang__link").click()
    tab.page.wait_for_url(lambda url: urlsplit(url).path == english.news_url)
    assert tab.path.startswith(section_url("en", "news"))
    assert tab.page.locator("html").get_attribute("lang") == "en"
    assert normalise(tab.page.locator("h1").first.inner_text()) == normalise(english.title)
    assert not tab.errors, tab.errors


# the title, the lead and the article's text: a narrow box (a previous/next link) may
# still break a line elsewhere, the widths being alike on average only
LAYOUT = """() => ['h1', '.cds-lead', '.cds-body'].map(selector => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return [selector, Math.round(box.top), Math.round(box.height)]; })"""


def test_text_does_not_jump_when_the_web_font_arrives(browser, served_example):
    """On a slow connection the text shows first in a local font (Arial, Roboto,
    Liberation Sans), scaled to the web font's metrics: the lines break where
    they will once Be Vietnam Pro arrives, so nothing moves. (English text: the
    local fonts of this machine have no Vietnamese letters, a phone's have.)"""
    item = published_news()["en"][0]
    layouts = []
    for block in (True, False):
        tab = new_tab(browser, served_example, viewport={"width": 412, "height": 823},
                      is_mobile=True)
        if block:
            tab.page.route("**/*.woff2", lambda route: route.abort())
        tab.open(item.news_url)
        tab.page.wait_for_load_state("networkidle")
        fonts = tab.page.evaluate("[...document.fonts].map(f => f.family + ' ' + f.status)")
        assert ("Be Vietnam Pro loaded" in fonts) != block, fonts
        layouts.append(tab.page.evaluate(LAYOUT))
        tab.page.context.close()
    for (selector, top, height), (_, font_top, font_height) in zip(*layouts):
        assert abs(top - font_top) <= 4 and abs(height - font_height) <= 4, layouts


def test_language_switcher_without_translation_goes_to_english_home(tab):
    """On an article that was not translated, "English" would lead to a 404."""
    untranslated = [item for item in published_news()["vi"] if translation_of(item) is None]
    assert untranslated, "the example has no untranslated Vietnamese item"
    tab.open(untranslated[0].news_url)
    tab.page.locator("a.cds-lang__link").click()
    tab.page.wait_for_url(lambda url: urlsplit(url).path == home_url("en"))
    assert tab.page.locator("html").get_attribute("lang") == "en"
    assert tab.page.title() == portal_config()["site_name"]["en"]


# --------------------------------------------------------------------------
# Search (static index: cdsportal/outputs/search.py + cds-search.js)
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    href: str
    title: str
    excerpt: str


def search(tab: Tab, path: str) -> list[Result]:
    """Open a search URL, wait for the results and load all of them."""
    tab.open(path)
    page = tab.page
    page.wait_for_selector(".cds-result", timeout=SEARCH_TIMEOUT_MS)
    more = page.locator("#cds-search-results > button")
    for _ in range(50):
        if not more.is_visible():
            break
        shown = page.locator(".cds-result").count()
        more.click()
        page.wait_for_function(
            f"document.querySelectorAll('.cds-result').length > {shown}",
            timeout=SEARCH_TIMEOUT_MS)
    rows = page.eval_on_selector_all(".cds-result", """results => results.map(r => ({
        href: r.querySelector('a').getAttribute('href'),
        title: r.querySelector('.cds-result__title').textContent,
        excerpt: r.querySelector('.cds-result__excerpt').textContent}))""")
    return [Result(urlsplit(r["href"]).path, r["title"], r["excerpt"]) for r in rows]


def test_search_finds_chuyen_doi_so_without_tone_marks(tab):
    """Readers typing without Vietnamese marks ("chuyen doi so") would find
    nothing, or the search page would call other sites."""
    results = search(tab, section_url("vi", "search") + "?q=chuyen%20doi%20so")
    assert results
    assert any("chuyển đổi số" in normalise(r.title + " " + r.excerpt) for r in results), results[:5]
    assert all(not r.href.startswith("/en/") for r in results), "English pages in Vietnamese search"
    assert not tab.foreign_requests(), tab.foreign_requests()
    assert not tab.errors, tab.errors


def test_search_duong_finds_duong_with_d_stroke(tab):
    """Readers typing "duong" (no đ key on their keyboard) would not find
    articles about "đường"."""
    expected = items_containing("đường")
    assert expected, "no published Vietnamese item contains 'đường'"
    results = search(tab, section_url("vi", "search") + "?q=duong")
    found = {r.href for r in results}
    assert found & expected, f"none of {sorted(expected)} found by 'duong'"
    words = {word for r in results for word in re.findall(r"\w+", normalise(r.title + " " + r.excerpt))}
    assert any(w.startswith("đ") and ascii_fold(w) == "duong" for w in words), \
        "no result shows a word like 'đường'"


def test_search_excerpts_show_readable_text(tab, example_site):
    """Excerpts must be sentences of the page itself, with "đường" written
    as the article writes it, not a folded word list."""
    results = search(tab, section_url("vi", "search") + "?q=duong")
    expected = items_containing("đường")
    shown_with_d = [r for r in results if r.href in expected and "đường" in normalise(r.excerpt)]
    assert shown_with_d, "no excerpt shows the word 'đường' for the query 'duong'"
    for result in results:
        text = normalise(built_page(example_site, result.href).root.text)
        words = [w for w in re.findall(r"\w{3,}", normalise(result.excerpt))]
        strangers = [w for w in words if w not in text]
        assert not strangers, f"{result.href}: excerpt words not on the page: {strangers}"


def test_the_page_folds_queries_as_the_index_folds_words(tab):
    """A query folded differently from the index finds nothing: the search
    page's fold() must agree with the build's on Vietnamese text, typed
    composed or decomposed, in any case."""
    from cdsportal.outputs.search import words
    samples = ["Chuyển đổi số", "ĐƯỜNG dây nóng", "Người dân được hỗ trợ",
               unicodedata.normalize("NFD", "Tổ công nghệ số cộng đồng"), "Đề án 06: VNeID!",
               "Ứng dụng “Quảng Ngãi số” – 2024", "naïve café 10/10",
               "giai đoạn 2021–2025, số\u00a0hóa", "chữ Hán 漢字 và ×"]
    tab.open(section_url("vi", "search"))
    script = tab.page.locator("script[type=module]").get_attribute("src")
    folded = tab.page.evaluate(
        "([src, samples]) => import(src).then(m => samples.map(m.words))", [script, samples])
    assert folded == [words(s) for s in samples]


def test_search_says_so_when_its_index_cannot_be_read(tab):
    """A site built without the index, or a connection lost: the reader is
    told, not left with "Đang tìm…" for ever."""
    tab.page.route("**/search-index/**", lambda route: route.fulfill(status=404, body=""))
    tab.open(section_url("vi", "search") + "?q=duong")
    box = tab.page.locator("#cds-search-results")
    expect(box).to_have_text(box.get_attribute("data-error"), timeout=SEARCH_TIMEOUT_MS)
    assert "lưu trữ" in box.text_content()


def test_english_search_returns_only_english_pages(tab):
    """English readers would get Vietnamese articles (or nothing) for "digital"."""
    results = search(tab, section_url("en", "search") + "?q=digital")
    assert results
    vietnamese = [r.href for r in results if not r.href.startswith("/en/")]
    assert not vietnamese, f"Vietnamese pages in English search: {vietnamese}"
    assert not tab.foreign_requests(), tab.foreign_requests()
    assert not tab.errors, tab.errors


# --------------------------------------------------------------------------
# Keyboard and phones
# --------------------------------------------------------------------------

def focused(page: Page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, classes: [...e.classList]}; }""")


def test_keyboard_reaches_skip_link_search_and_language(tab):
    """Keyboard and screen-reader users could not skip the header, reach the
    search box or change the language."""
    tab.open("/")
    tab.page.keyboard.press("Tab")
    first = focused(tab.page)
    assert "cds-skip" in first["classes"], f"the first Tab focuses {first}, not the skip link"
    reached = [first]
    for _ in range(15):
        tab.page.keyboard.press("Tab")
        reached.append(focused(tab.page))
    assert any(e["id"] == "cds-q-header" for e in reached), reached
    assert any("cds-lang__link" in e["classes"] for e in reached), reached


def built_menu(site, url: str) -> list[str]:
    """The titles of the menu of a built page."""
    return [a.clean_text for a in built_page(site, url).find_all("a", cls="md-tabs__link")]


def test_phone_menu_button_opens_the_drawer(phone_tab, example_site):
    """On a phone the menu would be unreachable: the ☰ button would not open it."""
    page = phone_tab.page
    phone_tab.open("/")
    titles = built_menu(example_site, "/")
    drawer_links = page.locator(".md-nav--primary .md-nav__link")
    first = drawer_links.filter(has_text=titles[0]).first
    expect(first).not_to_be_in_viewport()
    button = page.locator('label.md-header__button[for="__drawer"]')
    expect(button).to_be_visible()
    button.click()
    for title in titles:
        expect(drawer_links.filter(has_text=title).first).to_be_in_viewport()
    assert not phone_tab.errors, phone_tab.errors


# --------------------------------------------------------------------------
# The e-bulletin
# --------------------------------------------------------------------------

def test_reader_opens_an_issue_an_article_and_downloads_the_pdf(browser, served_example, tmp_path):
    """A reader goes from the bulletin archive to an issue and one of its
    articles, back to the issue, and downloads the PDF."""
    tab = new_tab(browser, served_example, accept_downloads=True)
    page = tab.page
    tab.open("/ban-tin/")
    assert page.locator("h1").inner_text() == "Bản tin điện tử Chuyển đổi số"
    page.locator(".cds-bulletin .cds-card__title a").first.click()
    assert re.fullmatch(r"/ban-tin/\d{4}/so-\d\d/", tab.path), tab.path
    issue_path = tab.path
    page.locator(".cds-toc a[href^='/ban-tin/']").first.click()
    assert tab.path.startswith(issue_path) and tab.path != issue_path
    page.locator(f"a.md-button[href='{issue_path}']").click()
    assert tab.path == issue_path
    with page.expect_download() as download_info:
        page.locator("a.cds-pdf").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-") and target.stat().st_size > 10_000
    assert not tab.foreign_requests(), tab.foreign_requests()
    assert not tab.errors, tab.errors
    # Printing the issue page leaves out the site's chrome.
    page.emulate_media(media="print")
    assert not page.locator("header.md-header").is_visible()
    assert page.locator("h1").is_visible()
    page.context.close()


def test_phone_menu_opens_from_the_keyboard(browser, served_example):
    """At a narrow width (a phone, or a desktop zoomed to 200 %) the menu is only in
    the drawer: keyboard users must be able to open it, and its links must not take
    the focus while it is closed."""
    tab = new_tab(browser, served_example, viewport={"width": 600, "height": 900})
    page = tab.page

    def tab_into_drawer(presses: int) -> bool:
        for _ in range(presses):
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
                return True
        return False
    try:
        tab.open("/")
        assert not tab_into_drawer(15), "a link of the closed drawer took the focus"
        tab.open("/")
        page.keyboard.press("Tab")   # the skip link
        page.keyboard.press("Tab")   # the menu toggle
        assert page.evaluate("document.activeElement.id") == "__drawer"
        drawer_link = page.locator(".md-sidebar--primary .md-nav__link").first
        assert not drawer_link.is_visible()
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        assert drawer_link.is_visible()
        assert tab_into_drawer(15), "the open drawer's links cannot be reached with Tab"
    finally:
        page.context.close()
