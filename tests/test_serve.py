"""`cdsportal serve` (what `make serve` runs): preview with live reload."""

import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_serve_rebuilds_when_content_changes_and_shows_errors(fixture_site):
    fixture_site.news("a", title="Tiêu đề ban đầu")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "cdsportal.cli", "serve", "-f",
                               str(fixture_site.root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/tin-tuc/a/"
        assert "Tiêu đề ban đầu" in wait_for(lambda: fetch(url))
        fixture_site.news("a", title="Tiêu đề đã sửa")
        wait_for(lambda: "Tiêu đề đã sửa" in (fetch(url) or ""))
        # A mistake is reported in the terminal; once fixed, the preview follows again.
        fixture_site.news("a", date="không phải ngày")
        time.sleep(3)
        fixture_site.news("a", title="Tiêu đề sau khi sửa lỗi")
        wait_for(lambda: "Tiêu đề sau khi sửa lỗi" in (fetch(url) or ""))
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "content/news/a.vi.md:3" in output and "[date]" in output
