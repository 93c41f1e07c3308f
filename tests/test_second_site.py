"""The second example site, xã Ái Thượng (huyện Bá Thước, tỉnh Thanh Hóa), built
with the same package and theme as the Quảng Ngãi site.

The point: nothing about Quảng Ngãi is in code, so another jurisdiction builds
from its own ``mkdocs.yml`` and data alone. Expected values are read from the
example's source files (plan, registries, news front matter), not hard-coded.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ai-thuong"
CONFIG = EXAMPLE / "mkdocs.yml"
CONTENT = EXAMPLE / "content"
NOT_STATED = "không ghi trong văn bản"


# -- helpers ---------------------------------------------------------------

def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def front_matter(path: Path) -> dict:
    """The YAML between the first two ``---`` lines of a Markdown file."""
    _, meta, _ = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(meta)


def news_titles(lang: str) -> list[str]:
    return [front_matter(p)["title"] for p in sorted(CONTENT.glob(f"news/**/*.{lang}.md"))]


def text_of(page: Path) -> str:
    """The visible text of a built page: tags dropped, entities decoded, spaces collapsed."""
    source = page.read_text(encoding="utf-8")
    source = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", " ", source)
    text = html.unescape(re.sub(r"<[^>]+>", " ", source))
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


def vi_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def cdsportal(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cdsportal.cli", *args, "-f", str(CONFIG)],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "CDSPORTAL_CACHE_DIR": str(cache)})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The Ái Thượng site, built once (without the search index) into a temp folder."""
    tmp = tmp_path_factory.mktemp("ai-thuong")
    result = cdsportal("build", "--no-search", "-d", str(tmp / "site"), cache=tmp / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def plan() -> dict:
    return load_yaml(EXAMPLE / "plans" / "ai-thuong-2023" / "plan.yml")


@pytest.fixture(scope="module")
def units() -> dict:
    return {u["id"]: u for f in sorted(CONTENT.glob("units/*.yml")) for u in load_yaml(f)["units"]}


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    return [d for f in sorted(CONTENT.glob("documents/*.yml")) for d in load_yaml(f)["documents"]]


# -- tests -----------------------------------------------------------------

def test_config_uses_the_shared_theme_and_no_podcast():
    """The example reuses the repository's theme (a path relative to its mkdocs.yml)
    and has no podcast, since the commune has no radio programme files."""
    config = load_yaml(CONFIG)
    assert (CONFIG.parent / config["theme"]["custom_dir"]).resolve() == ROOT / "theme"
    assert "podcast" not in config["plugins"][0]["cdsportal"]


def test_home_page_names_the_commune(site):
    """The home pages in both languages carry the commune's site name."""
    assert "Chuyển đổi số xã Ái Thượng" in text_of(site / "index.html")
    assert "Ai Thuong Commune Digital Transformation" in text_of(site / "en" / "index.html")
    assert (site / "assets" / "stylesheets" / "cds.css").is_file()  # the shared theme's assets


def test_nothing_about_quang_ngai_in_the_built_site(site):
    """No page or feed mentions Quảng Ngãi, with or without diacritics."""
    outputs = [p for p in site.rglob("*") if p.suffix in {".html", ".xml", ".json", ".ics"}
               and "assets" not in p.relative_to(site).parts]
    assert any(p.suffix == ".html" for p in outputs)
    for path in outputs:
        text = unicodedata.normalize("NFD", path.read_text(encoding="utf-8").lower())
        plain = "".join(c for c in text if not unicodedata.combining(c))
        for needle in ("quang ngai", "quang-ngai", "quangngai"):
            assert needle not in plain, f"{path.relative_to(site)} mentions '{needle}'"


def test_plan_page_shows_title_and_key_facts(site, plan, units, documents):
    """/ke-hoach/ai-thuong-2023/ shows the plan's title, issuer, number and date
    (or "không ghi trong văn bản" when the plan states none), the documents it
    cites and every activity code; the English page shows title_en."""
    text = text_of(site / "ke-hoach" / plan["id"] / "index.html")
    assert plan["title"] in text
    assert units[plan["issuer"]]["name"]["vi"] in text
    assert f"Số hiệu {plan['number'] or NOT_STATED}" in text
    assert f"Ngày ban hành {vi_date(plan['date']) if plan['date'] else NOT_STATED}" in text
    for activity in plan["activities"]:
        assert activity["code"] in text
    numbers = {d["id"]: d["number"] for d in documents}
    for document_id in plan["legal_basis"]:
        assert numbers[document_id] in text
    assert plan["title_en"] in text_of(site / "en" / "plans" / plan["id"] / "index.html")


def test_documents_page_lists_every_document(site, documents):
    """/van-ban/ lists each registered document with its number and issue date."""
    text = text_of(site / "van-ban" / "index.html")
    assert documents
    for document in documents:
        assert document["number"] in text
        if document["date"]:
            assert vi_date(document["date"]) in text


def test_commune_unit_page_says_when_it_ceased(site, units):
    """The page of UBND xã Ái Thượng says the unit ceased on its valid_to date
    (the 2025 reorganisation), or says nothing of the kind if valid_to is unset."""
    unit = units["ubnd-xa-ai-thuong"]
    text = text_of(site / "don-vi" / "ubnd-xa-ai-thuong" / "index.html")
    assert unit["name"]["vi"] in text
    if unit.get("valid_to"):
        assert f"kết thúc hoạt động ngày {vi_date(unit['valid_to'])}" in text
    else:
        assert "kết thúc hoạt động" not in text


def test_news_listings_show_every_item(site):
    """/tin-tuc/ and /en/news/ list every news item of their language, with the count."""
    for lang, listing, count in (("vi", site / "tin-tuc", "{n} tin"),
                                 ("en", site / "en" / "news", "{n} items")):
        titles = news_titles(lang)
        assert titles, lang
        text = text_of(listing / "index.html")
        assert count.format(n=len(titles)) in text
        for title in titles:
            assert title in text


def test_check_passes(tmp_path):
    """`cdsportal check` finds no problem in the example's content.

    (check ignores CDSPORTAL_CACHE_DIR and caches in examples/ai-thuong/.cache/,
    which the example's .gitignore covers.)"""
    result = cdsportal("check", cache=tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 cảnh báo" in result.stdout
