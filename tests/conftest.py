"""Shared fixtures: small fixture sites in temporary folders, the example site
built once per session, a loopback HTTP server and Chromium via Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

FIXTURE_CONFIG = """\
site_name: Thử nghiệm
site_url: https://cds.example.vn/
docs_dir: content
theme:
  name: material
  custom_dir: {theme}
  language: vi
  font: false
  favicon: assets/images/favicon.svg
  logo: assets/images/logo.svg
extra_css:
  - assets/stylesheets/cds.css
plugins:
  - cdsportal:
      site_name: {{vi: Cổng thử nghiệm, en: Test portal}}
      per_page: {per_page}
      categories:
        chinh-quyen-so: {{vi: Chính quyền số, en: Digital government}}
        kinh-te-so: {{vi: Kinh tế số, en: Digital economy}}
"""
FIXTURE_UNITS = """\
units:
  - id: so-tttt
    name: {vi: Sở Thông tin và Truyền thông, en: Department of Information and Communications}
    level: tinh
    kind: so-nganh
"""


class FixtureSite:
    """A throw-away portal folder: write files, then check or build it."""

    def __init__(self, root: Path, per_page: int = 20):
        self.root = root
        (root / "content" / "news").mkdir(parents=True)
        (root / "content" / "pages").mkdir(parents=True)
        (root / "content" / "units").mkdir()
        (root / "content" / "units" / "don-vi.yml").write_text(FIXTURE_UNITS, encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            FIXTURE_CONFIG.format(theme=ROOT / "theme", per_page=per_page), encoding="utf-8")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def news(self, key: str, lang: str = "vi", **fields) -> Path:
        """A valid news item, with ``fields`` overriding the defaults."""
        meta = {"title": f"Tin {key}", "date": "2024-01-03 08:00",
                "summary": "Tóm tắt.", "category": "chinh-quyen-so"}
        if lang != "vi":
            meta["slug"] = f"{key}-{lang}"
        meta.update(fields)
        body = meta.pop("body", "Nội dung.")
        lines = ["---"] + [f"{k}: {v}" for k, v in meta.items() if v is not None] + ["---", "", body, ""]
        return self.write(f"content/news/{key}.{lang}.md", "\n".join(lines))

    def cdsportal(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "cdsportal.cli", *args, "-f",
                                 str(self.root / "mkdocs.yml")], capture_output=True,
                                text=True, cwd=self.root)
        if check and result.returncode != 0:
            raise AssertionError(result.stdout + result.stderr)
        return result

    def build(self, *extra: str) -> Path:
        self.cdsportal("build", "--no-search", *extra, check=True)
        return self.root / "site"


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path / "portal")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example portal (this repository's content), built once into a temp folder."""
    out = tmp_path_factory.mktemp("example") / "site"
    env = {**os.environ, "CDSPORTAL_CACHE_DIR": str(out.parent / "cache")}
    result = subprocess.run([sys.executable, "-m", "cdsportal.cli", "build", "-f",
                             str(ROOT / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """Chromium drops connections it no longer needs (a video's range request,
    a page left mid-load): not an error of the site, so not printed."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def loopback(handler, host: str = "127.0.0.1"):
    """Serve requests with ``handler`` (a request handler class, or a factory of
    one) on 127.0.0.1, a free port, from a thread; yields the origin, named by
    ``host`` (``localhost`` is another origin than ``127.0.0.1``)."""
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def quiet_files(directory: Path, handler=None):
    """A handler factory serving the files of ``directory`` without logging each request."""
    return functools.partial(handler or QuietHandler, directory=str(directory))


@pytest.fixture(scope="session")
def served_example(example_site):
    """The example site over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    with loopback(quiet_files(example_site)) as origin:
        yield origin


@dataclass
class Tab:
    """A browser page that remembers every request, console message, error and
    failed request (a response of 400 or more included)."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname != "127.0.0.1"]


def new_tab(browser, base: str, *, tab_class: type[Tab] = Tab, init_script: str | None = None,
            **context_options) -> Tab:
    """A page of its own browser context (``context_options``) opening paths below ``base``."""
    context = browser.new_context(**context_options)
    if init_script:
        context.add_init_script(init_script)
    tab = tab_class(context.new_page(), base)
    page = tab.page
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("console", lambda message: tab.console.append(f"{message.type}: {message.text}"))
    page.on("console", lambda message: tab.errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page.on("requestfailed", lambda request: tab.failed.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda response: tab.failed.append(f"{response.url}: {response.status}")
            if response.status >= 400 else None)
    return tab


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (skipped only if Chromium is absent)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run .ci/run or apt-get install chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
