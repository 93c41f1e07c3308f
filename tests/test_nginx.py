"""The production web-server configuration (deploy/nginx.conf) in front of
the example portal: Debian's nginx serves the built site on 127.0.0.1 with
that file, and Chromium (Playwright) reads one page of each kind through it.

What a reader or an operator would suffer if this failed: a Content Security
Policy that breaks search, audio or the language switch (or one so loose it
stops nothing), feeds that readers' apps refuse for their media type, stale
pages for a year or a stylesheet fetched again on every visit, an English
reader getting the Vietnamese "not found" page, uncompressed HTML on slow
mobile connections, or the portal framed by any site (click-jacking) while
the widgets made for framing cannot be embedded.

nginx must be installed: `.ci/run` installs it from Debian (the test fails,
with that hint, when it is missing; it never skips).
"""

from __future__ import annotations

import gzip
import html
import http.client
import http.server
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import Tab, loopback, new_tab
from test_example_site import file_of, published_news, section_url, translation_of

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
SITE_PLACEHOLDER = "/srv/cdsportal/site"
MIME_TYPES = Path("/etc/nginx/mime.types")
SEARCH_TIMEOUT_MS = 15_000
WIDGET_PREFIXES = ("/nhung/", "/en/embed/")


# --------------------------------------------------------------------------
# nginx with deploy/nginx.conf on a loopback port
# --------------------------------------------------------------------------

def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None)
    if not found or not MIME_TYPES.exists():
        pytest.fail("nginx is not installed: run .ci/run (CI installs Debian's nginx), "
                    "or `apt-get install -y nginx`")
    return found


def _cut(text: str, name: str, replacement: str) -> str:
    """Replace the block between ``# >>> name`` and ``# <<< name``."""
    pattern = re.compile(rf"^[ \t]*# >>> {name}\b.*?^[ \t]*# <<< {name}\b[^\n]*\n", re.S | re.M)
    assert pattern.search(text), f"deploy/nginx.conf lost its '# >>> {name}' block"
    return pattern.sub(lambda _: replacement, text, count=1)


def render_config(site: Path, port: int, work: Path) -> str:
    """A whole nginx.conf: deploy/nginx.conf inside an http {} block, plain HTTP
    on 127.0.0.1:port, the site root, and pid/logs/temp files in ``work``."""
    server = NGINX_CONF.read_text(encoding="utf-8")
    server = _cut(server, "redirect", "")
    server = _cut(server, "listen", f"    listen 127.0.0.1:{port};\n")
    assert f"root {SITE_PLACEHOLDER};" in server, "deploy/nginx.conf lost its root placeholder"
    server = server.replace(f"root {SITE_PLACEHOLDER};", f'root "{site}";')
    temp = "\n".join(f"    {kind}_temp_path {work / (kind + '_temp')};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, workers would run as nobody and could not read the 0700 pytest
    # folders: keep them as root (this is a test on loopback, not production).
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\ndaemon off;\npid {work / 'nginx.pid'};\n"
            f"error_log {work / 'error.log'} warn;\n"
            "events { worker_connections 256; }\n"
            "http {\n"
            f"    include {MIME_TYPES};\n"
            "    default_type application/octet-stream;\n"
            "    sendfile on;\n"
            f"    access_log {work / 'access.log'};\n"
            f"{temp}\n"
            f"{server}\n}}\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def nginx_serving(site: Path, work: Path):
    """Run nginx in the foreground on a free loopback port; yields the base URL."""
    binary = nginx_binary()
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(render_config(site, port, work), encoding="utf-8")
    command = [binary, "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t rejects deploy/nginx.conf:\n{checked.stderr}"
    log = (work / "nginx.out").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise AssertionError("nginx stopped at start:\n"
                                     + (work / "error.log").read_text(errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("nginx did not listen within 10 s")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()          # SIGTERM: nginx's fast shutdown
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


WIDGET_STUB = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>widget</title>
<link rel="stylesheet" href="/assets/stylesheets/cds.css"></head>
<body><p>Widget stand-in written by tests/test_nginx.py</p></body></html>
"""


def widget_page(site: Path, prefix: str) -> str | None:
    """The first widget page under ``prefix`` (/nhung/tin-moi/, …), if any."""
    found = sorted((site / prefix.strip("/")).rglob("index.html"))
    return "/" + found[0].parent.relative_to(site).as_posix() + "/" if found else None


@pytest.fixture(scope="session")
def nginx_root(example_site, tmp_path_factory) -> Path:
    """The built example site. If a build has no widget page under /nhung/
    or /en/embed/, a hard-linked copy with a stand-in page there, so that
    the framing rules of those folders are tested all the same."""
    missing = [p for p in WIDGET_PREFIXES if widget_page(example_site, p) is None]
    if not missing:
        return example_site
    copy = tmp_path_factory.mktemp("nginx-root") / "site"
    shutil.copytree(example_site, copy, copy_function=os.link)
    for prefix in missing:
        target = copy / prefix.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(WIDGET_STUB.format(lang="en" if prefix.startswith("/en/") else "vi"),
                          encoding="utf-8")
    return copy


@pytest.fixture(scope="session")
def nginx_url(nginx_root, tmp_path_factory):
    with nginx_serving(nginx_root, tmp_path_factory.mktemp("nginx")) as base:
        yield base


@dataclass
class Response:
    status: int
    headers: dict[str, str]        # lower-case names
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def text(self) -> str:
        data = gzip.decompress(self.body) if self.header("content-encoding") == "gzip" else self.body
        return data.decode("utf-8")


def fetch(base: str, path: str, **headers: str) -> Response:
    """One GET without following redirects or decoding the body."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        reply = connection.getresponse()
        names: dict[str, str] = {}
        for name, value in reply.getheaders():
            key = name.lower()
            names[key] = f"{names[key]}, {value}" if key in names else value
        return Response(reply.status, names, reply.read())
    finally:
        connection.close()


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


# --------------------------------------------------------------------------
# URLs of each kind of page and file, found in the built site
# --------------------------------------------------------------------------

def first_dir(site: Path, folder: str, pattern: str = "*") -> str:
    found = sorted(p for p in (site / folder).glob(pattern) if (p / "index.html").exists())
    assert found, f"the example site has no page under /{folder}/{pattern}"
    return "/" + found[-1].relative_to(site).as_posix() + "/"


def first_file(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, f"the example site has no {pattern}"
    return "/" + found[0].relative_to(site).as_posix()


def page_paths(site: Path) -> dict[str, str]:
    return {
        "home": "/",
        "news list": section_url("vi", "news"),
        "news item": published_news()["vi"][0].news_url,
        "English news item": published_news()["en"][0].news_url,
        "bulletin issue": first_dir(site, "ban-tin", "*/so-*"),
        "plan": first_dir(site, "ke-hoach"),
        "subscribe": "/theo-doi/",
        "event": first_dir(site, "su-kien"),
        "radio programme": first_dir(site, "phat-thanh"),
        "documents": "/van-ban/",
    }


# --------------------------------------------------------------------------
# Response headers
# --------------------------------------------------------------------------

def header_samples(site: Path) -> dict[str, str]:
    """A page of each kind, a file of each type (see mime_samples), and 404s."""
    return {**page_paths(site),
            **{f"{media_type} file": path for path, media_type in mime_samples(site).items()},
            "redirect to the folder": section_url("vi", "news").rstrip("/"),
            "missing page": "/khong-co-trang-nay/",
            "missing English page": "/en/no-such-page/"}


def test_security_headers_on_every_kind_of_response(nginx_url, nginx_root):
    """Every response, 404s included, carries the policy: no inline or eval'd
    script can run, the portal cannot be framed, HTTPS is remembered, and
    neither MIME sniffing nor the camera/microphone/location are allowed."""
    problems = []
    for kind, path in header_samples(nginx_root).items():
        reply = fetch(nginx_url, path)
        csp = csp_directives(reply.header("content-security-policy"))
        script = csp.get("script-src", csp.get("default-src", []))
        style = csp.get("style-src", csp.get("default-src", []))
        expected = {
            "CSP default-src 'self'": csp.get("default-src") == ["'self'"],
            "script-src without 'unsafe-inline'/'unsafe-eval'":
                script and not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(script),
            "style-src without 'unsafe-inline'": style and "'unsafe-inline'" not in style,
            "object-src 'none'": csp.get("object-src") == ["'none'"],
            "base-uri 'self'": csp.get("base-uri") == ["'self'"],
            "form-action 'self'": csp.get("form-action") == ["'self'"],
            "frame-ancestors 'none'": csp.get("frame-ancestors") == ["'none'"],
            "X-Frame-Options DENY": reply.header("x-frame-options") == "DENY",
            "HSTS of a year or more": (m := re.search(r"max-age=(\d+)", reply.header(
                "strict-transport-security"))) is not None and int(m.group(1)) >= 31536000,
            "nosniff": reply.header("x-content-type-options") == "nosniff",
            "Referrer-Policy": reply.header("referrer-policy") == "strict-origin-when-cross-origin",
            "Permissions-Policy": all(f"{f}=()" in reply.header("permissions-policy")
                                      for f in ("camera", "microphone", "geolocation")),
            "no server version": not re.search(r"\d", reply.header("server")),
        }
        problems += [f"{kind} {path} ({reply.status}): {name}"
                     for name, ok in expected.items() if not ok]
    assert not problems, "\n".join(problems)


def test_only_the_widgets_may_be_framed(nginx_url, nginx_root):
    """Member sites embed the widgets; nothing else of the portal may be framed."""
    for prefix in WIDGET_PREFIXES:
        path = widget_page(nginx_root, prefix)
        reply = fetch(nginx_url, path)
        assert reply.status == 200, (path, reply.status)
        csp = csp_directives(reply.header("content-security-policy"))
        assert csp.get("frame-ancestors") == ["*"], (path, csp.get("frame-ancestors"))
        assert not reply.header("x-frame-options"), (path, reply.header("x-frame-options"))
        # The rest of the policy is the same as everywhere else.
        assert csp.get("object-src") == ["'none'"] and reply.header("strict-transport-security")
    for path in ("/", "/en/", "/nhung-khac/", "/en/embedded/"):
        reply = fetch(nginx_url, path)
        assert csp_directives(reply.header("content-security-policy")).get("frame-ancestors") \
            == ["'none'"], path


class _InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block."""

    DATA_BLOCKS = {"application/ld+json", "application/json", "text/template"}

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values \
                and (values.get("type") or "").lower() not in self.DATA_BLOCKS:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")


def test_built_pages_need_no_unsafe_inline(nginx_root):
    """Every built page (not only the ones opened in Chromium) must work under
    a policy without 'unsafe-inline': no inline script, <style>, style
    attribute, event handler or javascript: link anywhere."""
    problems = []
    for path in sorted(nginx_root.rglob("*.html")):
        parser = _InlineCode()
        parser.feed(path.read_text(encoding="utf-8"))
        problems += [f"/{path.relative_to(nginx_root).as_posix()}: {what}"
                     for what in dict.fromkeys(parser.found)]
    assert not problems, f"{len(problems)} inline code(s), e.g.:\n" + "\n".join(problems[:20])


def test_feeds_are_open_to_scripts_of_other_sites(nginx_url, nginx_root, browser, member_site):
    """The banner kit's latest-news script runs on member websites and reads
    feed.json from the portal: without CORS the box stays empty. Pages are
    not opened to other sites' scripts."""
    for path in ["/feed.json", "/en/feed.json", "/rss.xml", "/atom.xml",
                 "/phat-thanh/podcast.xml", "/su-kien/lich.ics"]:
        assert fetch(nginx_url, path, Origin="https://xa.example.vn").header(
            "access-control-allow-origin") == "*", path
    for path in ["/", "/en/", first_file(nginx_root, "assets/stylesheets/main.*.min.css")]:
        assert not fetch(nginx_url, path, Origin="https://xa.example.vn").header(
            "access-control-allow-origin"), path
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{member_site}/?path=/")
    count = page.evaluate("""async (url) => {
        const reply = await fetch(url, {credentials: "omit"});
        return (await reply.json()).items.length; }""", nginx_url + "/feed.json")
    context.close()
    assert count > 0


# --------------------------------------------------------------------------
# Media types, caching, compression, 404s
# --------------------------------------------------------------------------

def mime_samples(site: Path) -> dict[str, str]:
    return {
        "/rss.xml": "application/rss+xml",
        "/en/rss.xml": "application/rss+xml",
        first_file(site, "chuyen-muc/*/rss.xml"): "application/rss+xml",
        "/ban-tin/rss.xml": "application/rss+xml",
        "/phat-thanh/podcast.xml": "application/rss+xml",
        "/atom.xml": "application/atom+xml",
        "/feed.json": "application/feed+json",
        "/su-kien/lich.ics": "text/calendar",
        "/sitemap.xml": "text/xml",
        first_file(site, "ban-tin/*/*/*.pdf"): "application/pdf",
        first_file(site, "media/radio/*.mp3"): "audio/mpeg",
        first_file(site, "media/video/*.mp4"): "video/mp4",
        first_file(site, "media/anh/*.jpg"): "image/jpeg",
        "/": "text/html",
        first_file(site, "assets/stylesheets/main.*.min.css"): "text/css",
        "/assets/javascripts/cds-search.js": "application/javascript",
        "/search-index/vi/index.json": "application/json",
        first_file(site, "search-index/vi/w.*.json"): "application/json",
        first_file(site, "search-index/en/d.*.json"): "application/json",
        first_file(site, "assets/fonts/*.woff2"): "font/woff2",
        "/assets/images/logo.svg": "image/svg+xml",
    }


TEXT_TYPES = {"text/html", "text/css", "text/xml", "text/calendar", "application/javascript",
              "application/json", "application/feed+json", "application/rss+xml",
              "application/atom+xml"}


def test_media_types(nginx_url, nginx_root):
    """Podcast apps and feed readers go by the media type; with nosniff on,
    a wrong type also stops scripts and styles."""
    wrong = []
    for path, expected in mime_samples(nginx_root).items():
        reply = fetch(nginx_url, path)
        media_type, _, params = reply.header("content-type").partition(";")
        ok = reply.status == 200 and media_type.strip() == expected
        if expected in TEXT_TYPES:
            ok = ok and "charset=utf-8" in params.lower()
        if not ok:
            wrong.append(f"{path}: {reply.status} {reply.header('content-type')!r}, "
                         f"expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_search_index_is_compressed(nginx_url, nginx_root):
    """The index's word files are most of what a search downloads on a phone."""
    path = first_file(nginx_root, "search-index/vi/w.*.json")
    reply = fetch(nginx_url, path, Accept_Encoding="gzip")
    assert reply.header("content-encoding") == "gzip"
    assert gzip.decompress(reply.body) == (nginx_root / path.lstrip("/")).read_bytes()


def max_age(cache_control: str) -> int | None:
    match = re.search(r"max-age=(\d+)", cache_control)
    return int(match.group(1)) if match else None


def test_cache_lifetimes(nginx_url, nginx_root):
    """Hashed files are kept a year; pages, feeds and the calendar are
    re-checked within minutes, so a correction reaches readers quickly."""
    site = nginx_root
    long_lived = [first_file(site, "assets/stylesheets/main.*.min.css"),
                  first_file(site, "assets/stylesheets/palette.*.min.css"),
                  first_file(site, "search-index/vi/w.*.json"),
                  first_file(site, "search-index/vi/d.*.json"),
                  first_file(site, "search-index/en/t.*.json"),
                  first_file(site, "assets/fonts/*.woff2")]
    # The portal's own CSS/JS as pages link them: with ?v=<hash of the file>.
    home = (site / "index.html").read_text(encoding="utf-8")
    long_lived += re.findall(r'"(/assets/stylesheets/cds\.css\?v=[0-9a-f]{10})"', home)
    assert any("?v=" in path for path in long_lived), "cds.css is linked without its version"
    short_lived = [*page_paths(site).values(), "/en/", "/rss.xml", "/atom.xml", "/feed.json",
                   "/phat-thanh/podcast.xml", "/su-kien/lich.ics", "/sitemap.xml",
                   "/assets/stylesheets/cds.css", "/assets/javascripts/cds-search.js",
                   "/search-index/vi/index.json", "/search-index/en/index.json", "/khong-co/"]
    wrong = []
    for path in long_lived:
        value = fetch(nginx_url, path).header("cache-control")
        if not ((max_age(value) or 0) >= 31536000 and "immutable" in value):
            wrong.append(f"{path}: {value!r} (expected a year, immutable)")
    for path in short_lived:
        value = fetch(nginx_url, path).header("cache-control")
        if not (max_age(value) is not None and max_age(value) <= 600
                and ("must-revalidate" in value or "no-cache" in value)
                and "immutable" not in value):
            wrong.append(f"{path}: {value!r} (expected ≤ 10 minutes, revalidated)")
    assert not wrong, "\n".join(wrong)
    # Revalidation is cheap: an unchanged page answers 304 to its ETag.
    first = fetch(nginx_url, "/")
    assert first.header("etag")
    again = fetch(nginx_url, "/", If_None_Match=first.header("etag"))
    assert again.status == 304 and not again.body


@pytest.mark.parametrize("path, lang", [
    ("/khong-co-trang-nay/", "vi"),
    ("/tin-tuc/khong-co-tin-nay/", "vi"),
    ("/chuyen-muc/khong-co/rss.xml", "vi"),
    ("/en/no-such-page/", "en"),
    ("/en/news/no-such-item/", "en"),
    ("/en/missing.html", "en"),
    ("/media/", "vi"),
    ("/en/plans/no-such-plan/", "en"),
])
def test_missing_pages_get_the_404_page_of_their_language(nginx_url, nginx_root, path, lang):
    """A reader of the English site who follows a dead link must get the
    English "not found" page, with status 404 (not a Vietnamese page, not 200)."""
    reply = fetch(nginx_url, path, Accept_Encoding="gzip")
    assert reply.status == 404
    assert reply.header("content-type").startswith("text/html")
    expected = (nginx_root / ("en/404.html" if lang == "en" else "404.html")).read_text(encoding="utf-8")
    assert reply.text == expected
    assert re.search(rf'<html[^>]*\blang="{lang}"', reply.text)
    assert reply.header("content-security-policy") and reply.header("x-content-type-options")


def test_text_is_gzipped_and_media_is_not(nginx_url, nginx_root):
    """HTML, CSS, feeds and the calendar go compressed to browsers that ask;
    audio keeps byte ranges so players can seek."""
    for path in ["/", published_news()["vi"][0].news_url, "/rss.xml", "/feed.json",
                 "/su-kien/lich.ics", first_file(nginx_root, "assets/stylesheets/main.*.min.css")]:
        reply = fetch(nginx_url, path, Accept_Encoding="gzip, deflate, br")
        assert reply.header("content-encoding") == "gzip", path
        assert "accept-encoding" in reply.header("vary").lower(), path
        original = file_of(nginx_root, path).read_bytes()
        assert gzip.decompress(reply.body) == original, path
        assert len(reply.body) < len(original) / 2, path
    plain = fetch(nginx_url, "/")
    assert not plain.header("content-encoding")
    audio = first_file(nginx_root, "media/radio/*.mp3")
    part = fetch(nginx_url, audio, Accept_Encoding="gzip", Range="bytes=0-99")
    assert part.status == 206 and len(part.body) == 100 and not part.header("content-encoding")


# --------------------------------------------------------------------------
# Pages in Chromium: features work and the policy blocks nothing they need
# --------------------------------------------------------------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
                              + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class PolicyTab(Tab):
    """A tab whose pages must load (200) without a policy violation or error."""

    def open(self, path: str) -> None:
        reply = self.page.goto(self.base + path)
        assert reply is not None and reply.status == 200, (path, reply and reply.status)
        self.page.wait_for_load_state("networkidle")

    def violations(self) -> list[str]:
        seen = [m for m in self.console if "Content Security Policy" in m
                or "Permissions-Policy" in m or "Permissions Policy" in m]
        for frame in self.page.frames:
            try:
                seen += frame.evaluate("() => window.__cspViolations || []")
            except Exception:           # a frame that went away
                pass
        return seen

    def assert_clean(self) -> None:
        assert not self.violations(), self.violations()
        assert not self.errors, self.errors
        assert not self.failed, self.failed


@pytest.fixture
def tab(browser, nginx_url):
    tab = new_tab(browser, nginx_url, tab_class=PolicyTab, init_script=RECORD_VIOLATIONS)
    yield tab
    tab.page.context.close()


PAGE_KINDS = ["home", "news list", "news item", "English news item", "bulletin issue", "plan",
              "subscribe", "event", "radio programme", "documents"]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_without_policy_violations(tab, nginx_root, kind):
    """Each kind of page renders through nginx with nothing blocked by the
    Content Security Policy and no script error."""
    path = page_paths(nginx_root)[kind]
    tab.open(path)
    assert tab.page.locator("h1").first.is_visible()
    # Styles applied (a blocked stylesheet would leave the header unstyled).
    position = tab.page.locator("header.md-header").evaluate("e => getComputedStyle(e).position")
    assert position in ("sticky", "fixed"), position
    tab.assert_clean()


def test_search_finds_results_under_the_policy(tab):
    """The search page fetches its index with fetch() and a module script: a
    policy without connect-src 'self' or with wrong media types would leave it
    empty."""
    tab.open(section_url("vi", "search") + "?q=chuyen%20doi%20so")
    try:
        tab.page.wait_for_selector(".cds-result", timeout=SEARCH_TIMEOUT_MS)
    except Exception:
        tab.assert_clean()          # says what the policy blocked, if it did
        raise
    assert tab.page.locator(".cds-result").count() > 0
    first = tab.page.locator(".cds-result a").first.get_attribute("href")
    assert first and not first.startswith("/en/")
    tab.assert_clean()


def test_language_switch_leads_to_english(tab):
    """The language link goes to the English side, through nginx."""
    item = next(vi for vi in published_news()["vi"] if translation_of(vi))
    tab.open(item.news_url)
    tab.page.locator("a.cds-lang__link").click()
    tab.page.wait_for_url(lambda url: urlsplit(url).path.startswith("/en/"))
    tab.page.wait_for_load_state("networkidle")
    assert tab.path == translation_of(item).news_url
    assert tab.page.locator("html").get_attribute("lang") == "en"
    tab.assert_clean()


def test_radio_programme_audio_loads(tab, nginx_root):
    """The radio player fetches the programme (media-src 'self', audio/mpeg,
    byte ranges) and knows its duration."""
    tab.open(page_paths(nginx_root)["radio programme"])
    audio = tab.page.locator("audio").first
    assert audio.count()
    # The page asks for no preload (preload="none"): ask for the metadata now.
    # (A promise, not wait_for_function: that one evals a string, which the
    # policy rightly refuses.)
    state = audio.evaluate("""a => new Promise((resolve) => {
        a.addEventListener("loadedmetadata", () => resolve(a.readyState));
        a.addEventListener("error", () => resolve(-1));
        setTimeout(() => resolve(a.readyState), 10000);
        a.preload = "metadata";
        a.load();
    })""")
    assert state >= 1, f"the audio did not load (readyState {state})"
    duration = audio.evaluate("a => a.duration")
    assert duration and duration > 1, duration
    assert audio.evaluate("a => a.error") is None
    # Chromium cancels the media request once it has what it needs: not a failure.
    tab.failed = [f for f in tab.failed if not f.endswith("net::ERR_ABORTED")]
    tab.assert_clean()


# The iframe code of the banner kit page (sandboxed: scripts, but no access
# to the member site).
FRAMING_PAGE = ('<!doctype html><title>member site</title><iframe src="{src}" '
                'sandbox="allow-scripts allow-popups allow-top-navigation-by-user-activation">'
                '</iframe>')


@pytest.fixture(scope="session")
def member_site(nginx_url):
    """Another site that frames a page of the portal: /?path=/nhung/ frames
    nginx_url + /nhung/. Served from http://localhost:<its port> (another
    origin than http://127.0.0.1:<nginx port>, and a real loopback server:
    Chromium refuses a public page framing a loopback one, and a page made up
    by Playwright's routing counts as public)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = parse_qs(urlsplit(self.path).query).get("path", ["/"])[0]
            body = FRAMING_PAGE.format(src=html.escape(nginx_url + path)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with loopback(Handler, host="localhost") as origin:
        yield origin


@pytest.mark.parametrize("which, frameable", [
    ("/nhung/", True), ("/en/embed/", True), ("/", False), ("/tin-tuc/", False)])
def test_other_sites_can_frame_only_the_widgets(browser, nginx_url, nginx_root, member_site,
                                                which, frameable):
    """Another site embedding the portal with the kit's iframe code: the
    widgets show (their script and style allowed by the policy), any other
    page is refused by the browser."""
    path = widget_page(nginx_root, which) if which in WIDGET_PREFIXES else which
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{member_site}/?path={path}")
    page.wait_for_load_state("networkidle")
    frames = page.frames[1:]
    assert len(frames) == 1
    frame = frames[0]
    # A refused frame shows Chromium's error page (chrome-error://…) instead.
    shown = frame.url == nginx_url + path and bool(
        frame.evaluate("() => document.documentElement.lang"))
    refused = [m for m in messages if "frame-ancestors" in m]
    if frameable and shown:
        violations = frame.evaluate("() => window.__cspViolations || []")
        violations += [m for m in messages if "Content Security Policy" in m]
        assert not violations, violations
        if frame.locator(".w-item").count() == 0 and "stand-in" not in frame.content():
            raise AssertionError(f"{path}: the widget shows no news item")
    context.close()
    assert shown == frameable, (path, frame.url)
    assert bool(refused) != frameable, refused
