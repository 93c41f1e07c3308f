"""Page weight and Lighthouse scores of the example portal, as served in
production (deploy/nginx.conf: gzip, cache and security headers).

Usage:
    python scripts/bench/page_weight.py [--build] [--site site] [--no-lighthouse]
                                        [--runs 3] [--json results.json]

1. Builds the example site into SITE when it has no index.html yet (or with
   --build), then serves it with Debian's nginx and deploy/nginx.conf on
   127.0.0.1 (tests/test_nginx.py renders the configuration). Without nginx
   it falls back to Python's http.server and gzips each text response itself
   (level 6, as nginx does).
2. Opens one page of each kind in Chromium (Playwright) as a phone would
   (412×823, mobile, empty cache) and adds up the bytes of every response:
   compressed bodies, as they travel. "without photos" leaves out raster
   images (JPEG, PNG, WebP, AVIF, GIF; the SVG logo stays); "with photos"
   scrolls the whole page first, so that every lazy-loaded photo is counted.
3. Runs Lighthouse (mobile, the default simulated slow 4G and 4× CPU
   slowdown) on the home page and a news item, --runs times each, and
   reports the run of median performance. Lighthouse needs no network: it
   drives the local Chromium (CHROME_PATH) against the loopback server.
   Takes about 30 s a run.

This is a benchmark, not a test: it prints figures next to the targets and
never fails on them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
         "is_mobile": True, "has_touch": True}
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp", "image/avif", "image/gif")
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/feed+json",
              "application/rss+xml", "application/atom+xml", "application/xml", "image/svg+xml")

HOME_TARGET_KB = 150
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


# --------------------------------------------------------------------------
# Build and serve
# --------------------------------------------------------------------------

def build(site: Path) -> None:
    print(f"building the example site into {site} …", flush=True)
    cli = ROOT / ".venv" / "bin" / "cdsportal"
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "cdsportal.cli"]
    subprocess.run([*command, "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                   cwd=ROOT, check=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def python_serving(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def nginx_available() -> bool:
    return bool(shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)) \
        and Path("/etc/nginx/mime.types").exists()


@contextmanager
def serving(site: Path):
    """Yields (base URL, True if nginx compresses, False if we must)."""
    if nginx_available():
        from test_nginx import nginx_serving
        with tempfile.TemporaryDirectory(prefix="cds-nginx-") as work:
            with nginx_serving(site, Path(work)) as base:
                yield base, True
    else:
        print("nginx is not installed (run .ci/run or apt-get install nginx): "
              "serving with http.server and gzipping text responses here", flush=True)
        with python_serving(site) as base:
            yield base, False


# --------------------------------------------------------------------------
# Page weight in Chromium
# --------------------------------------------------------------------------

def first_dir(site: Path, folder: str, pattern: str = "*") -> str:
    found = sorted(p for p in (site / folder).glob(pattern) if (p / "index.html").exists())
    return "/" + found[-1].relative_to(site).as_posix() + "/" if found else f"/{folder}/"


def first_news_item(site: Path) -> str:
    """The newest item linked from the first page of the news list."""
    listing = (site / "tin-tuc" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'class="cds-card__title"[^>]*>\s*<a href="(/tin-tuc/[^"]+)"', listing)
    return found.group(1) if found else "/tin-tuc/"


def pages(site: Path) -> dict[str, str]:
    return {
        "home": "/",
        "news list": "/tin-tuc/",
        "news item": first_news_item(site),
        "bulletin issue": first_dir(site, "ban-tin", "*/so-*"),
        "plan": first_dir(site, "ke-hoach"),
        "search": "/tim-kiem/?q=chuyen%20doi%20so",
        "subscribe": "/theo-doi/",
    }


def measure(browser, base: str, path: str, server_gzips: bool, scroll: bool) -> dict:
    """Loads ``path`` in a fresh phone context; returns bytes per resource."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    if "/tim-kiem/" in path:
        page.wait_for_selector(".cds-result", timeout=20_000)
        page.wait_for_load_state("networkidle")
    if scroll:
        height = page.evaluate("() => document.documentElement.scrollHeight")
        for y in range(0, height + 823, 600):
            page.evaluate(f"() => window.scrollTo(0, {y})")
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    rows = []
    for request in finished:
        response = request.response()
        if response is None or urlsplit(request.url).scheme not in ("http", "https"):
            continue
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if server_gzips:
            size = request.sizes()["responseBodySize"]
        else:
            body = response.body()
            size = len(gzip.compress(body, 6)) if kind.startswith(TEXT_TYPES) else len(body)
        rows.append({"url": urlsplit(request.url).path, "type": kind, "bytes": size,
                     "photo": kind in PHOTO_TYPES})
    context.close()
    return {"requests": rows}


def weigh(site: Path, base: str, server_gzips: bool) -> dict:
    from playwright.sync_api import sync_playwright
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in pages(site).items():
            first = measure(browser, base, path, server_gzips, scroll=False)
            full = measure(browser, base, path, server_gzips, scroll=True)
            plain = [r for r in first["requests"] if not r["photo"]]
            results[kind] = {
                "path": path,
                "without_photos": sum(r["bytes"] for r in plain),
                "requests_without_photos": len(plain),
                "first_screen": sum(r["bytes"] for r in first["requests"]),
                "with_photos": sum(r["bytes"] for r in full["requests"]),
                "photos": sum(1 for r in full["requests"] if r["photo"]),
                "by_type": by_type(plain),
            }
        browser.close()
    return results


def by_type(rows: list[dict]) -> dict[str, int]:
    groups: dict[str, int] = {}
    for row in rows:
        t = row["type"]
        name = ("html" if t == "text/html" else "css" if t == "text/css"
                else "js" if "javascript" in t else "font" if t.startswith("font/")
                else "search index" if row["url"].startswith("/search-index/") else "other")
        groups[name] = groups.get(name, 0) + row["bytes"]
    return groups


# --------------------------------------------------------------------------
# Lighthouse
# --------------------------------------------------------------------------

def lighthouse(url: str, out: Path) -> dict:
    flags = " ".join(CHROMIUM_ARGS[:1] + ["--headless"] + CHROMIUM_ARGS[1:])
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--chrome-flags={flags}", "--form-factor=mobile"]
    started = time.monotonic()
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM},
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stderr or done.stdout)[-2000:]}
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(100 * (c["score"] or 0)) for key, c in report["categories"].items()}
    audits = report["audits"]
    failing = sorted(f"{a['id']} ({a['score']})" for a in audits.values()
                     if a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
                     and a.get("score") is not None and a["score"] < 0.9)
    metrics = {name: audits[name]["displayValue"] for name in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index") if name in audits}
    return {"scores": scores, "metrics": metrics, "below_0.9": failing,
            "warnings": report.get("runWarnings", []), "seconds": round(time.monotonic() - started)}


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def kb(n: int) -> str:
    return f"{n / 1024:7.1f} KB"


def print_weights(weights: dict) -> None:
    print("\nPage weight, phone, empty cache, compressed bytes as transferred (bodies)")
    print(f"{'page':16} {'no photos':>10} {'reqs':>5} {'1st screen':>11} {'all photos':>11} "
          f"{'photos':>6}   target")
    for kind, w in weights.items():
        target = ""
        if kind == "home":
            ok = w["without_photos"] <= HOME_TARGET_KB * 1024
            target = f"≤ {HOME_TARGET_KB} KB without photos: {'met' if ok else 'NOT met'}"
        print(f"{kind:16} {kb(w['without_photos']):>10} {w['requests_without_photos']:>5} "
              f"{kb(w['first_screen']):>11} {kb(w['with_photos']):>11} {w['photos']:>6}   {target}")
    print("\nWithout photos, by type:")
    for kind, w in weights.items():
        parts = ", ".join(f"{name} {n / 1024:.1f}" for name, n in sorted(w["by_type"].items()))
        print(f"  {kind:16} {parts} (KB)   {w['path']}")


def lighthouse_median(url: str, folder: Path, runs: int) -> dict:
    """Runs Lighthouse ``runs`` times; keeps the run of median performance
    (scores move by several points between runs on a busy 2-core machine)."""
    results, errors = [], []
    for number in range(runs):
        for attempt in range(2):     # Lighthouse now and then loses its trace (NO_NAVSTART)
            result = lighthouse(url, folder / f"lh-{number}-{attempt}.json")
            if "error" not in result:
                results.append(result)
                break
            errors.append(result["error"].strip().splitlines()[-1][:300])
    if not results:
        return {"error": "; ".join(errors)}
    results.sort(key=lambda r: r["scores"].get("performance", 0))
    chosen = dict(results[len(results) // 2])
    chosen["performance_runs"] = [r["scores"].get("performance") for r in results]
    chosen["failed_runs"] = errors
    return chosen


def print_lighthouse(results: dict) -> None:
    print("\nLighthouse 12, mobile (simulated slow 4G, 4× CPU slowdown); the median run")
    for name, result in results.items():
        if "error" in result:
            print(f"  {name}: Lighthouse failed: {result['error']}")
            continue
        row = []
        for key, target in LIGHTHOUSE_TARGETS.items():
            score = result["scores"].get(key)
            mark = "ok" if score is not None and score >= target else "BELOW"
            row.append(f"{key} {score} (target {'≥ ' if target < 100 else ''}{target}: {mark})")
        print(f"  {name} ({result['seconds']} s a run): " + "; ".join(row))
        print(f"    performance in each run: {result['performance_runs']}")
        for error in result["failed_runs"]:
            print(f"    a run failed and was repeated: {error}")
        print("    " + ", ".join(f"{k} {v}" for k, v in result["metrics"].items()))
        if result["below_0.9"]:
            print("    audits below 0.9: " + ", ".join(result["below_0.9"]))
        for warning in result["warnings"]:
            print(f"    warning: {warning}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--build", action="store_true", help="build even if SITE exists")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    site = args.site.resolve()
    if args.build or not (site / "index.html").exists():
        build(site)
    else:
        print(f"reusing {site} (built {time.ctime((site / 'index.html').stat().st_mtime)}; "
              "--build to rebuild)")
    results: dict = {}
    with serving(site) as (base, server_gzips):
        print(f"serving {site} at {base} with {'nginx + deploy/nginx.conf' if server_gzips else 'http.server'}")
        results["weights"] = weigh(site, base, server_gzips)
        print_weights(results["weights"])
        if not args.no_lighthouse:
            results["lighthouse"] = {}
            with tempfile.TemporaryDirectory(prefix="cds-lh-") as folder:
                for name, path in (("home", "/"), ("news item", pages(site)["news item"])):
                    print(f"\nLighthouse {name} ({path}) …", flush=True)
                    results["lighthouse"][name] = lighthouse_median(base + path, Path(folder),
                                                                    args.runs)
            print_lighthouse(results["lighthouse"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
