"""Quality gates on the built example portal (issue 7), in both languages:

1. every HTML page is valid HTML (the Nu HTML Checker, npm ``vnu-jar``);
2. no internal link, image or ``#anchor`` is broken (npm ``hyperlink``);
3. axe-core finds no serious or critical WCAG 2.1 A/AA problem on one page
   of each type, and the header works with the keyboard alone;
4. no page asks another host for anything (fonts, scripts, trackers…).

The checkers come from ``node_modules`` (``make test`` installs them from
package-lock.json); Java runs the validator. Pages of each type are chosen
from the built site, never from hard-coded titles: the richest translated
page of a section, and its English counterpart from the language switcher.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from test_example_site import (ROOT, categories, category_url, file_of, home_url, page as built_page,
                               section_url, switcher_target, url_of)

NODE_BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
SEARCH_TIMEOUT_MS = 10_000


def need(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}): run `make test` (npm ci) first")


# --------------------------------------------------------------------------
# The pages checked in the browser: one of each type, in both languages
# --------------------------------------------------------------------------

# Type → where its Vietnamese page is: a path, or a section folder from which
# the largest page that has an English translation is taken. The English page
# is the language switcher's target, or the fallback given here when the type
# has no translation (bulletins are published in Vietnamese only).
PAGE_TYPES: dict[str, dict] = {
    "home": {"vi": home_url("vi")},
    "news-list": {"vi": section_url("vi", "news")},
    "news-item": {"folder": section_url("vi", "news")},
    "category": {"vi": category_url("vi", next(iter(categories())))},
    "search": {"vi": section_url("vi", "search") + "?q=chuyen%20doi%20so",
               "en": section_url("en", "search") + "?q=digital"},
    "bulletin-issue": {"vi": "/ban-tin/2024/so-01/", "en": "/en/bulletins/"},
    "plan": {"vi": "/ke-hoach/quang-ngai-2024/"},
    "subscribe": {"vi": "/theo-doi/"},
    "radio-programme": {"folder": "/phat-thanh/"},
    "event": {"folder": "/su-kien/"},
    "unit": {"folder": "/don-vi/"},
    "documents": {"vi": "/van-ban/"},
    # The member-site banner page and the embeddable news widget come from
    # another part of issue 7: each is checked when the built example site has
    # it and skipped, saying so, when it does not (yet). The widget has no
    # portal header, hence no language switcher: its English page is given.
    "banner": {"vi": "/banner/", "optional": True},
    "widget": {"vi": "/nhung/tin-moi/", "en": "/en/embed/latest/", "optional": True},
}
PAGES = [(kind, lang) for kind in PAGE_TYPES for lang in ("vi", "en")]
PAGE_IDS = [f"{kind}-{lang}" for kind, lang in PAGES]


def exists(site: Path, url: str) -> bool:
    return file_of(site, urlsplit(url).path).is_file()


def english_of(site: Path, url: str) -> str | None:
    """The English page of a Vietnamese one: the language switcher's target,
    else (pages without the portal's header, like the embedded widget) its
    ``hreflang="en"`` alternate."""
    doc = built_page(site, url)
    if doc.find_all("a", cls="cds-lang__link"):
        return switcher_target(site, url)
    alternate = [e.attrs["href"] for e in doc.links("alternate") if e.attrs.get("hreflang") == "en"]
    return urlsplit(alternate[0]).path if alternate else None


def richest_translated(site: Path, folder: str) -> str:
    """The page below ``folder`` with the most HTML that has an English version."""
    candidates = sorted((site / folder.strip("/")).glob("*/index.html"),
                        key=lambda path: (-path.stat().st_size, str(path)))
    for path in candidates:
        url = url_of(site, path)
        if english_of(site, url) not in (None, home_url("en")):
            return url
    pytest.fail(f"no page below {folder} has an English translation")


def page_url(site: Path, kind: str, lang: str) -> str:
    """The site path (with query) of the ``kind`` page in ``lang``; skips
    optional types that are not built yet."""
    spec = PAGE_TYPES[kind]
    vi = spec.get("vi") or richest_translated(site, spec["folder"])
    if not exists(site, vi):
        if spec.get("optional"):
            pytest.skip(f"{vi} is not in the example site yet (being built in another part of issue 7)")
        pytest.fail(f"{kind}: {vi} is missing from the built site")
    if lang == "vi":
        return vi
    english = spec.get("en") or english_of(site, urlsplit(vi).path)
    if english is None or (english == home_url("en") and kind != "home"):
        if spec.get("optional"):
            pytest.skip(f"{vi} has no English counterpart")
        pytest.fail(f"{kind}: {vi} has no English counterpart (its switcher leads to {english})")
    if not exists(site, english):
        if spec.get("optional"):
            pytest.skip(f"{english} is not in the example site yet")
        pytest.fail(f"{kind}: the English page {english} is missing")
    return english


def open_page(page, base: str, url: str) -> None:
    """Load a page completely: lazy images scrolled into view, search results shown."""
    page.goto(base + url, wait_until="networkidle")
    if urlsplit(url).query:
        page.wait_for_selector(".cds-result", timeout=SEARCH_TIMEOUT_MS)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


# --------------------------------------------------------------------------
# Gate 1: valid HTML
# --------------------------------------------------------------------------

def test_every_page_is_valid_html(example_site):
    """Invalid HTML renders differently across browsers and screen readers."""
    need(VNU_JAR, "The Nu HTML Checker (npm vnu-jar)")
    if not shutil.which("java"):
        pytest.fail("Java is needed to run the Nu HTML Checker")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html",
                             "--format", "json", str(example_site)],
                            capture_output=True, text=True, timeout=600)
    report = result.stderr.strip() or result.stdout.strip()   # vnu writes its JSON to stderr
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the validator did not report JSON (exit {result.returncode}):\n{report[-3000:]}")
    problems = [m for m in messages if m.get("type") != "info"]
    by_rule: dict[str, list[str]] = {}
    for m in problems:
        where = m.get("url", "?").split(str(example_site), 1)[-1] or "/"
        extract = " ".join(m.get("extract", "").split())
        by_rule.setdefault(m.get("message", "?"), []).append(
            f"      {where}:{m.get('lastLine', '?')}: {extract[:160]}")
    if problems:
        pages = len({m.get("url") for m in problems})
        report_lines = [f"{len(problems)} HTML errors on {pages} pages:"]
        for rule, places in sorted(by_rule.items(), key=lambda r: -len(r[1])):
            report_lines.append(f"  {len(places)} × {rule}")
            report_lines += places[:5] + ([f"      … and {len(places) - 5} more"] if len(places) > 5 else [])
        pytest.fail("\n".join(report_lines), pytrace=False)
    assert result.returncode == 0, report[-3000:]


# --------------------------------------------------------------------------
# Gate 2: no broken internal link, image or anchor
# --------------------------------------------------------------------------

def tap_failures(tap: str) -> list[str]:
    """``not ok`` lines of a TAP report, each with its ``at:`` and ``actual:`` lines."""
    failures, current = [], None
    for line in tap.splitlines():
        if line.startswith("not ok"):
            current = [line]
            failures.append(current)
        elif line.startswith(("ok ", "#")) or line.strip() == "...":
            current = None
        elif current is not None and line.strip().startswith(("at:", "actual:", "expected:")):
            current.append("    " + line.strip())
        elif current is not None and current[-1].strip().startswith(("actual:", "expected:")) \
                and line.startswith("      "):
            current[-1] += " " + line.strip()
    return ["\n".join(f) for f in failures]


def test_no_broken_internal_links_images_or_anchors(example_site):
    """Readers would land on 404 pages, miss images or jump to nowhere."""
    hyperlink = NODE_BIN / "hyperlink"
    need(hyperlink, "hyperlink (npm)")
    # Every page is an entry point, so pages no menu links to (the 404 pages,
    # search pages, units only reached from plans…) are checked too.
    home = example_site / "index.html"
    pages = [str(home)] + [str(p) for p in sorted(example_site.rglob("*.html")) if p != home]
    result = subprocess.run([str(hyperlink), "-i", "--root", str(example_site), *pages, "-r"],
                            capture_output=True, text=True, timeout=900, cwd=example_site)
    tap = result.stdout
    failures = tap_failures(tap)
    if failures:
        pytest.fail(f"{len(failures)} broken internal links, images or anchors:\n"
                    + "\n".join(failures[:60]), pytrace=False)
    totals = re.search(r"^# tests (\d+)", tap, re.MULTILINE)
    assert totals and int(totals.group(1)) > len(pages), \
        f"hyperlink checked too little (exit {result.returncode}):\n{tap[-2000:]}\n{result.stderr[-2000:]}"
    checked = {line.split(" load ", 1)[1].strip() for line in tap.splitlines()
               if line.startswith("ok ") and " load " in line}
    english = [c for c in checked if c == "en" or c.startswith(("en/", "en\\"))]
    assert english and any(c.startswith("en/news") for c in checked), "the English pages were not crawled"
    assert result.returncode == 0, f"hyperlink failed:\n{tap[-2000:]}\n{result.stderr[-2000:]}"


# --------------------------------------------------------------------------
# Gate 3: accessibility (axe-core) and the keyboard
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("""async tags => await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""", AXE_TAGS)
    return result["violations"]


def describe(violation: dict, limit: int = 6) -> str:
    lines = [f"  {violation['impact']}: {violation['id']} – {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:limit]:
        target = " ".join(map(str, node.get("target", [])))
        summary = " ".join((node.get("failureSummary") or "").split())
        lines.append(f"      {target}: {node.get('html', '')[:140]}\n        {summary[:300]}")
    if len(violation["nodes"]) > limit:
        lines.append(f"      … and {len(violation['nodes']) - limit} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("kind,lang", PAGES, ids=PAGE_IDS)
def test_page_type_has_no_serious_accessibility_violations(kind, lang, example_site, served_example,
                                                           context):
    """Blind, low-vision and keyboard users would meet barriers (missing
    names, low contrast, broken structure) on this kind of page."""
    need(AXE_JS, "axe-core (npm)")
    url = page_url(example_site, kind, lang)
    page = context.new_page()
    try:
        open_page(page, served_example, url)
        violations = axe_violations(page)
    finally:
        page.close()
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"{url}: axe-core found {len(blocking)} serious/critical problems:\n"
                    + "\n".join(describe(v) for v in blocking), pytrace=False)


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, classes: [...e.classList],
                href: e.getAttribute('href'), text: (e.textContent || '').trim().slice(0, 40)}; }""")


def test_header_works_with_the_keyboard_alone(browser, served_example, example_site):
    """Keyboard users could not skip the header, reach the search box, the
    language switcher or the menu, or change the language with Enter."""
    home = built_page(example_site, home_url("vi"))
    menu = [a.attrs["href"] for a in home.find_all("a", cls="md-tabs__link")]
    assert menu, "the home page has no menu links (a.md-tabs__link)"
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served_example + home_url("vi"), wait_until="networkidle")
        reached = []
        for _ in range(len(menu) + 25):
            page.keyboard.press("Tab")
            reached.append(focused(page))
            if "md-tabs__link" in reached[-1]["classes"] and reached[-1]["href"] == menu[-1]:
                break
        shown = "\n".join(f"  {i + 1}. <{e['tag']}> id={e['id']!r} class={e['classes']} "
                          f"href={e['href']!r} {e['text']!r}" for i, e in enumerate(reached))
        assert "cds-skip" in reached[0]["classes"], f"the first Tab does not focus the skip link:\n{shown}"
        assert any(e["id"] == "cds-q-header" for e in reached), f"Tab never reaches the search box:\n{shown}"
        assert any("cds-lang__link" in e["classes"] for e in reached), \
            f"Tab never reaches the language switcher:\n{shown}"
        tabbed_menu = [e["href"] for e in reached if "md-tabs__link" in e["classes"]]
        missing = [href for href in menu if href not in tabbed_menu]
        assert not missing, f"Tab never reaches these menu links: {missing}\n{shown}"

        # Enter on the focused language switcher opens the English home page.
        page.goto(served_example + home_url("vi"), wait_until="networkidle")
        for _ in range(25):
            page.keyboard.press("Tab")
            if "cds-lang__link" in focused(page)["classes"]:
                break
        else:
            pytest.fail("Tab never reaches the language switcher")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda u: urlsplit(u).path == home_url("en"), timeout=5_000)
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        context.close()


# --------------------------------------------------------------------------
# Gate 4: nothing is requested from another host
# --------------------------------------------------------------------------

@pytest.mark.parametrize("kind,lang", PAGES, ids=PAGE_IDS)
def test_page_type_requests_nothing_from_other_hosts(kind, lang, example_site, served_example, browser):
    """Readers' visits would be reported to other sites (fonts, CDNs,
    trackers, embedded players), and the page would break offline."""
    url = page_url(example_site, kind, lang)
    context = browser.new_context()
    requested: list[str] = []

    def record(route):
        target = route.request.url
        requested.append(target)
        if urlsplit(target).scheme in ("data", "blob") or urlsplit(target).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    try:
        page = context.new_page()
        open_page(page, served_example, url)
    finally:
        context.close()
    assert requested, f"{url}: no request was recorded"
    foreign = [u for u in requested
               if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]
    if foreign:
        pytest.fail(f"{url} requests other hosts:\n" + "\n".join(f"  {u}" for u in foreign), pytrace=False)
