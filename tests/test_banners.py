"""Banners and embeds for member websites (issue 6): the banner files, their
text fitting, the banner kit page and the two latest-news widgets (iframe and
script) embedded in an old-fashioned member website on another origin.

The member website is tests/fixtures/member-site/index.html; its "cds:"
markers are replaced with the embed codes copied from the built banner page
(unit chosen, production origin replaced by the served portal's origin).
"""

from __future__ import annotations

import io
import math
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import cairosvg
import pytest
import yaml
from PIL import Image

from cdsportal.outputs.banners import SIZES, BannerStyle, layout, style_from_options, svg
from conftest import QuietHandler, Tab, loopback, new_tab, quiet_files
from test_example_site import SITE_URL, portal_config

ROOT = Path(__file__).resolve().parents[1]
MEMBER_SITE = Path(__file__).parent / "fixtures" / "member-site"
PRODUCTION = SITE_URL.rstrip("/")          # https://cds.quangngai.example
FIXTURE_ORIGIN = "https://cds.example.vn"  # site_url of conftest's fixture sites
PLACEHOLDER = "ma-don-vi"
NAME = "chuyen-doi-so"
LONG_TITLE = "Chuyển đổi số tỉnh Quảng Ngãi – Chính quyền số, kinh tế số, xã hội số"
LONG_SUBTITLE = ("Chuyên trang thông tin về chuyển đổi số của tỉnh Quảng Ngãi dành cho người dân, "
                 "doanh nghiệp và các cơ quan nhà nước")
HOSTILE = "<img src=x onerror=alert(1)>"
WIDGET_ITEMS = 5
TIMEOUT_MS = 10_000


# --------------------------------------------------------------------------
# Helpers: servers, embed codes, the member page
# --------------------------------------------------------------------------

class _PortalHandler(QuietHandler):
    """A static server that, like production must, lets any site read feed.json."""

    def end_headers(self):
        if urlsplit(self.path).path.endswith("/feed.json"):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the origin."""
    return loopback(quiet_files(directory, _PortalHandler))


class _Codes(HTMLParser):
    """The banner page's embed codes (textarea data-template) and unit options."""

    def __init__(self):
        super().__init__()
        self.templates: dict[str, str] = {}
        self.units: list[str] = []
        self._in_select = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "textarea" and "data-template" in a:
            self.templates[a["id"]] = a["data-template"]
        elif tag == "select" and a.get("id") == "cds-unit":
            self._in_select = True
        elif tag == "option" and self._in_select and a.get("value"):
            self.units.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._in_select = False


def banner_page_codes(site: Path, lang: str = "vi") -> _Codes:
    path = site / ("banner" if lang == "vi" else "en/banners") / "index.html"
    parser = _Codes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def member_page(codes: dict[str, str], unit: str, production: str, portal: str) -> str:
    """The member website with the chosen embed codes pasted in."""
    html = (MEMBER_SITE / "index.html").read_text(encoding="utf-8")
    for marker, code in codes.items():
        pasted = code.replace(PLACEHOLDER, unit).replace(production, portal)
        assert f"<!-- cds:{marker} -->" in html, marker
        html = html.replace(f"<!-- cds:{marker} -->", pasted)
    assert "<!-- cds:" not in html
    return html


def active_units() -> tuple[set[str], set[str]]:
    """(ids without valid_to, ids with valid_to) from content/units/*.yml."""
    active, ended = set(), set()
    for path in sorted((ROOT / "content" / "units").glob("*.yml")):
        for unit in yaml.safe_load(path.read_text(encoding="utf-8"))["units"]:
            (ended if unit.get("valid_to") else active).add(unit["id"])
    return active, ended


def shadow_links(page) -> list[dict]:
    """The script widget's links, read from its shadow root."""
    return page.evaluate("""() => {
        const box = document.querySelector('[data-cds-tin-moi]');
        if (!box || !box.shadowRoot) return null;
        return [...box.shadowRoot.querySelectorAll('li a')].map(a => ({
            text: a.textContent, href: a.href, target: a.target, rel: a.rel,
            colour: getComputedStyle(a).color, font: getComputedStyle(a).fontFamily}));
    }""")


def wait_for_script_widget(page, count: int) -> None:
    page.wait_for_function(
        """n => { const b = document.querySelector('[data-cds-tin-moi]');
                  return b && b.shadowRoot && b.shadowRoot.querySelectorAll('li').length >= n; }""",
        arg=count, timeout=TIMEOUT_MS)


def iframe_widget(page):
    """The widget iframe, scrolled into view (it is loading="lazy")."""
    frame = page.locator("iframe[src*='/nhung/tin-moi/'], iframe[src*='/en/embed/latest/']")
    frame.scroll_into_view_if_needed()
    return page.frame_locator("iframe[src*='/nhung/tin-moi/'], iframe[src*='/en/embed/latest/']")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# --------------------------------------------------------------------------
# 1–2. The banner files
# --------------------------------------------------------------------------

def test_banner_files_have_their_exact_sizes(example_site):
    """A member site reserving a 728×90 slot would get a stretched or cropped
    banner, Retina screens a blurry one, screen readers no text, or slow
    connections a heavy image."""
    folder = example_site / "banner"
    for width, height in SIZES:
        stem = folder / f"{NAME}-{width}x{height}"
        with Image.open(f"{stem}.png") as png:
            assert png.size == (width, height), (stem, png.size)
        with Image.open(f"{stem}@2x.png") as png2:
            assert png2.size == (2 * width, 2 * height), (stem, png2.size)
        root = ET.parse(f"{stem}.svg").getroot()
        assert root.get("width") == str(width) and root.get("height") == str(height), stem
        assert root.get("viewBox") == f"0 0 {width} {height}", stem
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text and title.text.strip(), f"{stem}.svg has no <title>"
        assert unicodedata.is_normalized("NFC", title.text)
    sizes = {p.name: p.stat().st_size for p in sorted(folder.glob("*.png"))}
    assert sizes[f"{NAME}-728x90.png"] < 40_000, f"728×90 PNG too heavy; PNG sizes: {sizes}"


def banner_files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "banner").iterdir()) if p.is_file()}


def set_banner(fixture_site, title: str) -> None:
    config = fixture_site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").split("      banner:")[0]
    config.write_text(text + f"      banner:\n        title: {title}\n"
                      "        subtitle: Trang thử nghiệm\n", encoding="utf-8")


def test_banner_files_are_byte_stable(fixture_site, monkeypatch):
    """Rebuilding an unchanged site would change the banner files (member sites
    and caches re-download them, diffs show noise); a new title would keep the
    old images, or rename the files and break the codes already pasted."""
    monkeypatch.delenv("CDSPORTAL_CACHE_DIR", raising=False)
    fixture_site.news("mot")
    set_banner(fixture_site, "Chuyển đổi số thử nghiệm")
    first = banner_files(fixture_site.build())
    shutil.rmtree(fixture_site.root / ".cache")
    shutil.rmtree(fixture_site.root / "site")
    second = banner_files(fixture_site.build())
    expected = {f"{NAME}-{w}x{h}{s}" for w, h in SIZES for s in (".svg", ".png", "@2x.png")}
    assert expected <= set(first), sorted(expected - set(first))
    assert first.keys() == second.keys()
    assert [n for n in first if first[n] != second[n]] == [], "files differ between identical builds"

    set_banner(fixture_site, "Cổng chuyển đổi số xã Thử Nghiệm")
    shutil.rmtree(fixture_site.root / "site")
    third = banner_files(fixture_site.build())
    assert third.keys() == first.keys(), "file names changed with the title"
    assert [n for n in expected if third[n] == first[n]] == [], "banners not redrawn for the new title"


# --------------------------------------------------------------------------
# 3. Text fitting
# --------------------------------------------------------------------------

def ink_box(style: BannerStyle, width: int, height: int) -> tuple[int, int, int, int] | None:
    """Where the text actually paints: the alpha bbox of the text-only SVG."""
    drawing = svg(style, width, height, "", text_only=True)
    with Image.open(io.BytesIO(cairosvg.svg2png(bytestring=drawing.encode("utf-8")))) as image:
        assert image.size == (width, height)
        return image.convert("RGBA").getchannel("A").getbbox()


def configured_style() -> BannerStyle:
    options = portal_config()
    return style_from_options(options.get("banner") or {}, options["site_name"],
                              options["site_description"])


STYLES = {
    "configured": configured_style,
    "long": lambda: BannerStyle(NAME, LONG_TITLE, LONG_SUBTITLE, "#a50e22", "#ffcd00", "#ffffff"),
}


@pytest.mark.parametrize("which", sorted(STYLES))
def test_banner_text_fits_every_size(which):
    """A long title would be cut off at the banner's edge, run into the logo or
    the accent bar, or be drawn somewhere else than the layout says."""
    style = STYLES[which]()
    for width, height in SIZES:
        plan = layout(style, width, height)
        left, top, right, bottom = plan.text_box
        where = f"{width}x{height} text box {plan.text_box}"
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, where
        bar = max(3, round(min(width, height) * 0.045))
        assert bottom <= height - bar, f"{where} overlaps the accent bar"
        if plan.logo:
            lx, ly, side = plan.logo
            apart = right <= lx or left >= lx + side or bottom <= ly or top >= ly + side
            assert apart, f"{where} overlaps the logo {plan.logo}"
        ink = ink_box(style, width, height)
        assert ink, f"{width}x{height}: nothing drawn"
        x0, y0, x1, y1 = ink  # x1, y1 exclusive
        assert x0 >= 1 and y0 >= 1 and x1 <= width - 1 and y1 <= height - 1, \
            f"{width}x{height}: ink {ink} touches the edge"
        # pixels partly covered count whole: compare on the pixel grid, ± 2 px
        assert (x0 >= math.floor(left - 2) and y0 >= math.floor(top - 2)
                and x1 <= math.ceil(right + 2) and y1 <= math.ceil(bottom + 2)), \
            f"{width}x{height}: ink {ink} outside the layout's {plan.text_box}"


def test_banner_text_is_nfc_and_renders():
    """A title typed in NFD (decomposed marks, as some editors save it) would be
    drawn with detached tone marks or as nothing."""
    nfd_title = unicodedata.normalize("NFD", LONG_TITLE)
    nfd_subtitle = unicodedata.normalize("NFD", LONG_SUBTITLE)
    assert nfd_title != LONG_TITLE
    site_name = {"vi": unicodedata.normalize("NFD", "Chuyển đổi số"), "en": "Digital transformation"}
    description = {"vi": unicodedata.normalize("NFD", "Mô tả"), "en": "Description"}
    styles = [style_from_options({"title": nfd_title, "subtitle": nfd_subtitle}, site_name, description),
              style_from_options({"title": {"vi": nfd_title, "en": "Digital"}}, site_name, description),
              style_from_options({}, site_name, description)]
    assert styles[0].title == LONG_TITLE and styles[0].subtitle == LONG_SUBTITLE
    assert styles[1].title == LONG_TITLE
    assert styles[2].title == "Chuyển đổi số" and styles[2].subtitle == "Mô tả"
    for width, height in SIZES:
        plan = layout(styles[0], width, height)
        assert all(unicodedata.is_normalized("NFC", line.text) for line in plan.lines)
        assert ink_box(styles[0], width, height), f"{width}x{height}: nothing drawn"


# --------------------------------------------------------------------------
# 4. The member website (another origin) with all the embeds
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def portal(example_site):
    """The example portal on its own origin, sending CORS for feed.json."""
    with serve(example_site) as origin:
        yield origin


@pytest.fixture(scope="module")
def member_site(example_site, portal, tmp_path_factory):
    """(member origin, chosen unit): the member website on a second origin."""
    parsed = banner_page_codes(example_site)
    unit = parsed.units[0]
    codes = {"banner-728x90": parsed.templates["code-728x90"],
             "banner-300x250": parsed.templates["code-300x250"],
             "widget-iframe": parsed.templates["code-iframe"],
             "widget-script": parsed.templates["code-script"]}
    folder = tmp_path_factory.mktemp("member-site")
    (folder / "index.html").write_text(member_page(codes, unit, PRODUCTION, portal), encoding="utf-8")
    with serve(folder) as origin:
        assert origin != portal
        yield origin, unit


@pytest.fixture
def member_tab(browser, member_site):
    origin, _ = member_site
    tab = new_tab(browser, origin, viewport={"width": 1280, "height": 1000})
    yield tab
    tab.page.context.close()


def open_member(tab: Tab) -> None:
    tab.open("/")
    tab.page.wait_for_load_state("networkidle")


def test_member_site_banners_load_and_link_to_the_portal(member_tab, member_site, portal):
    """A pasted banner code would show a broken image on the member site, or
    link to the portal without telling which unit sent the reader."""
    _, unit = member_site
    open_member(member_tab)
    page = member_tab.page
    for size in ("728x90", "300x250"):
        image = page.locator(f"img[src$='-{size}.png']")
        assert image.count() == 1, size
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete", arg=image.element_handle(), timeout=TIMEOUT_MS)
        natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        assert natural[0] > 0, f"{size} banner did not load"
        assert natural == [int(n) for n in size.split("x")], (size, natural)
        href = image.evaluate("img => img.closest('a').href")
        assert href.startswith(portal + "/"), href
        assert query(href) == {"ref": [unit]}, href
    assert not member_tab.errors, member_tab.errors


def test_member_site_iframe_widget(member_tab, member_site):
    """The iframe widget would be empty, ignore the unit's ref, or open the
    portal inside the member's little frame instead of the whole window."""
    _, unit = member_site
    open_member(member_tab)
    page = member_tab.page
    frame = iframe_widget(page)
    items = frame.locator("li.w-item")
    items.first.wait_for(timeout=TIMEOUT_MS)
    assert items.count() == WIDGET_ITEMS
    links = frame.locator("li.w-item a")
    for i in range(links.count()):
        href, target = links.nth(i).get_attribute("href"), links.nth(i).get_attribute("target")
        assert href.startswith(SITE_URL), href
        assert target == "_top", (href, target)
        assert query(href).get("ref") == [unit], f"iframe link without ref={unit}: {href}"
    assert not member_tab.errors, member_tab.errors


def test_member_site_iframe_link_navigates_the_top_window(member_tab):
    """A click on a headline in the sandboxed iframe would do nothing, or load
    the portal inside the 300-pixel frame."""
    page = member_tab.page
    page.route(f"{SITE_URL}**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8",
        body="<!doctype html><title>portal</title><p>portal</p>"))
    open_member(member_tab)
    link = iframe_widget(page).locator("li.w-item a").first
    link.wait_for(timeout=TIMEOUT_MS)
    link.click()
    page.wait_for_url(f"{SITE_URL}**", timeout=TIMEOUT_MS)
    assert page.url.startswith(SITE_URL)


def test_member_site_script_widget_is_isolated(member_tab, member_site):
    """The script widget would show nothing, drop the unit's ref, take the
    member site's red-serif-everything stylesheet (inherited through the
    shadow host), or log errors on its page."""
    _, unit = member_site
    open_member(member_tab)
    page = member_tab.page
    wait_for_script_widget(page, WIDGET_ITEMS)
    links = shadow_links(page)
    assert len(links) == WIDGET_ITEMS, links
    for link in links:
        assert link["text"].strip(), link
        assert link["href"].startswith(SITE_URL), link
        assert query(link["href"]).get("ref") == [unit], link
        assert link["target"] == "_blank" and "noopener" in link["rel"], link
        assert link["colour"] == "rgb(11, 92, 173)", f"member CSS reached the widget: {link}"
        assert link["font"].startswith("system-ui"), f"member font reached the widget: {link}"
    heading = page.evaluate("""() => { const h = document.querySelector('[data-cds-tin-moi]')
        .shadowRoot.querySelector('h2'); return [h.textContent, getComputedStyle(h).color]; }""")
    assert heading == ["Tin mới về chuyển đổi số", "rgb(125, 10, 25)"], heading
    # the member site's own links really are restyled (its CSS is in force)
    own = page.locator("#left ul a").first.evaluate("a => getComputedStyle(a).color")
    assert own == "rgb(128, 0, 128)", own
    assert not member_tab.errors, member_tab.errors


def test_script_widget_leaks_no_globals(browser, portal):
    """The script would add global variables to the member's page, clashing
    with the member site's own scripts."""
    tab = new_tab(browser, portal)
    try:
        page = tab.page
        page.goto(portal + "/404.html")  # any same-origin page; content irrelevant
        page.set_content('<!doctype html><title>blank</title><div data-cds-tin-moi data-count="3"></div>')
        before = page.evaluate("Object.keys(window)")
        page.evaluate("""src => new Promise((done, fail) => {
            const s = document.createElement('script'); s.src = src;
            s.onload = done; s.onerror = fail; document.body.appendChild(s); })""",
                      portal + "/assets/javascripts/cds-tin-moi.js")
        wait_for_script_widget(page, 3)
        after = page.evaluate("Object.keys(window)")
        assert sorted(set(after) - set(before)) == []
        assert not tab.errors, tab.errors
    finally:
        page.context.close()


# --------------------------------------------------------------------------
# 5. A hostile headline
# --------------------------------------------------------------------------

def test_hostile_headline_is_shown_as_text(fixture_site, browser, tmp_path):
    """A headline containing HTML would run as markup inside the widgets, i.e.
    script on every member website embedding them."""
    fixture_site.news("doc-hai", title=f"'{HOSTILE}'", date="2024-01-05 08:00")
    fixture_site.news("binh-thuong", date="2024-01-04 08:00")
    site = fixture_site.build()
    parsed = banner_page_codes(site)
    member = tmp_path / "member"
    member.mkdir()
    dialogs: list[str] = []
    with serve(site) as portal:
        html = ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>member</title>"
                "<link rel='icon' href='data:,'></head><body>"
                + parsed.templates["code-iframe"] + parsed.templates["code-script"]
                + "</body></html>").replace(PLACEHOLDER, "so-tttt").replace(FIXTURE_ORIGIN, portal)
        (member / "index.html").write_text(html, encoding="utf-8")
        with serve(member) as origin:
            tab = new_tab(browser, origin)
            page = tab.page
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            try:
                tab.open("/")
                page.wait_for_load_state("networkidle")
                frame = iframe_widget(page)
                first = frame.locator("li.w-item a").first
                first.wait_for(timeout=TIMEOUT_MS)
                assert first.text_content() == HOSTILE
                assert frame.locator("img").count() == 0
                wait_for_script_widget(page, 2)
                assert shadow_links(page)[0]["text"] == HOSTILE
                assert page.evaluate("""() => [...document.querySelectorAll('img'),
                    ...document.querySelector('[data-cds-tin-moi]').shadowRoot.querySelectorAll('img')]
                    .length""") == 0
                page.wait_for_timeout(300)  # give an onerror a chance to fire
                assert dialogs == []
                assert not tab.errors, tab.errors
            finally:
                page.context.close()


# --------------------------------------------------------------------------
# 6. The banner kit page
# --------------------------------------------------------------------------

def test_banner_page_shows_every_size_at_real_size(browser, portal):
    """The banner kit page would preview banners at a wrong size, or miss one."""
    tab = new_tab(browser, portal)
    try:
        tab.open("/banner/")
        shown = tab.page.eval_on_selector_all(
            ".cds-banner__preview img",
            "imgs => imgs.map(i => [i.getAttribute('src'), i.getAttribute('width'), i.getAttribute('height')])")
        assert [(src, int(w), int(h)) for src, w, h in shown] == \
            [(f"/banner/{NAME}-{w}x{h}.png", w, h) for w, h in SIZES]
        assert not tab.errors, tab.errors
    finally:
        tab.page.context.close()


def test_banner_page_unit_picker_and_copy(browser, portal):
    """Picking a unit would leave codes without its ref (visits not counted),
    the copy button would copy nothing, or merged units would still be offered."""
    tab = new_tab(browser, portal, permissions=["clipboard-read", "clipboard-write"])
    page = tab.page
    try:
        tab.open("/banner/")
        offered = set(page.eval_on_selector_all("#cds-unit option", "os => os.map(o => o.value)")) - {""}
        active, ended = active_units()
        assert "so-tttt-quang-ngai" in ended
        assert offered == active, (sorted(offered - active), sorted(active - offered))

        unit = sorted(active)[0]
        page.select_option("#cds-unit", unit)
        values = page.eval_on_selector_all("textarea.cds-code", "ts => ts.map(t => [t.id, t.value])")
        assert len(values) == len(SIZES) - 1 + 2   # every size but the share image, iframe, script
        for area_id, value in values:
            assert PLACEHOLDER not in value, area_id
            wanted = f'data-ref="{unit}"' if area_id == "code-script" else f"ref={unit}"
            assert wanted in value, (area_id, value)

        button = page.locator("button.cds-copy[data-target='code-728x90']")
        assert button.is_visible()
        button.click()
        page.wait_for_function("b => b.textContent === b.dataset.done", arg=button.element_handle(),
                               timeout=TIMEOUT_MS)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#code-728x90").input_value()
        assert f"?ref={unit}" in copied

        page.select_option("#cds-unit", "")
        assert PLACEHOLDER in page.locator("#code-728x90").input_value()
        assert not tab.errors, tab.errors
    finally:
        page.context.close()


def test_english_banner_page(example_site):
    """English-speaking partners would find no banner page, or get codes for
    the Vietnamese widget."""
    path = example_site / "en" / "banners" / "index.html"
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert '<html lang="en"' in text
    codes = banner_page_codes(example_site, "en").templates
    assert "/en/embed/latest/?" in codes["code-iframe"]
    assert 'data-lang="en"' in codes["code-script"]
    assert (example_site / "en" / "embed" / "latest" / "index.html").exists()
