"""The cdsportal command as editors and CI use it."""

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


def test_check_lists_every_problem_and_fails(fixture_site):
    fixture_site.news("a", date="hôm qua")
    fixture_site.news("b", category="khong-co")
    result = fixture_site.cdsportal("check")
    assert result.returncode == 1
    assert "content/news/a.vi.md:3" in result.stdout and "[date]" in result.stdout
    assert "content/news/b.vi.md:5" in result.stdout and "[category]" in result.stdout
    assert "2 lỗi" in result.stderr


def test_check_passes_on_valid_content(fixture_site):
    fixture_site.news("a")
    fixture_site.news("a", lang="en")
    result = fixture_site.cdsportal("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vi: 1, en: 1" in result.stdout


def test_failed_build_keeps_the_previous_site(fixture_site):
    fixture_site.news("a")
    site = fixture_site.build()
    before = (site / "tin-tuc/a/index.html").read_bytes()
    fixture_site.news("b", date="không phải ngày")
    result = fixture_site.cdsportal("build", "--no-search")
    assert result.returncode == 1
    assert "content/news/b.vi.md:3" in result.stderr
    assert (site / "tin-tuc/a/index.html").read_bytes() == before
    assert not (site / "tin-tuc/b").exists()
    assert not list(fixture_site.root.glob(".site*")), "the staging folder is cleaned up"


def test_a_build_starts_from_the_site_before_last_and_ends_as_a_fresh_one(fixture_site, tmp_path):
    """`build` keeps the site it replaces (.site.spare) and starts the next
    build from it, changing only what differs (see outputs/tree.py). The
    result must be byte for byte what an empty folder gives: edited pages
    new, removed items and their folders gone, feeds and index rewritten.
    A failed build must leave the spare usable."""
    for n in range(12):
        fixture_site.news(f"tin-{n:02d}", date=f"2024-01-{n + 1:02d} 08:00", tags="[VNeID]")
    fixture_site.news("tin-03", lang="en")
    def build() -> str:
        return fixture_site.cdsportal("build", "--timings", check=True).stdout
    assert "output folder written" in build()
    fixture_site.news("tin-04", date="2024-01-05 08:00", title="Tiêu đề mới")
    assert "output folder written" in build()  # no spare yet: the first site becomes it
    assert (fixture_site.root / ".site.spare/tin-tuc/tin-05/index.html").is_file()

    (fixture_site.root / "content/news/tin-05.vi.md").unlink()
    fixture_site.news("tin-07", date="2024-01-08 08:00", tags="[VNeID, Đề án 06]")
    fixture_site.news("tin-50", date="2024-03-01 08:00", title="Tin mới nhất")
    assert "output folder updated" in build()
    site = fixture_site.root / "site"
    assert not (site / "tin-tuc/tin-05").exists()
    assert "Tin mới nhất" in (site / "rss.xml").read_text(encoding="utf-8")

    fixture_site.news("tin-60", date="không phải ngày")
    assert fixture_site.cdsportal("build").returncode == 1
    assert (fixture_site.root / ".site.spare").is_dir()
    assert not (fixture_site.root / ".site.building").exists()
    (fixture_site.root / "content/news/tin-60.vi.md").unlink()
    fixture_site.news("tin-06", date="2024-01-07 08:00", title="Sửa lần nữa")
    assert "output folder updated" in build()

    fresh = tmp_path / "fresh"
    shutil.copytree(fixture_site.root, fresh, ignore=shutil.ignore_patterns("site", ".site.*",
                                                                           ".cache"))
    subprocess.run([sys.executable, "-m", "cdsportal.cli", "build", "-f", str(fresh / "mkdocs.yml")],
                   check=True, capture_output=True, cwd=fresh)
    assert site_differences(fresh / "site", site) == []


def test_two_builds_are_byte_identical(fixture_site, tmp_path):
    for n in range(25):
        fixture_site.news(f"tin-{n:02d}", date=f"2024-01-{n + 1:02d} 08:00", tags="[VNeID, Đề án 06]")
    fixture_site.news("tin-03", lang="en")
    first = fixture_site.build()
    copy = tmp_path / "first"
    os.rename(first, copy)
    # A second build from scratch (no cache) must produce the same bytes.
    shutil.rmtree(fixture_site.root / ".cache")
    second = fixture_site.build()
    assert site_differences(copy, second) == []
    assert (second / "tin-tuc/trang-2/index.html").exists()


def test_new_news_writes_a_valid_file(fixture_site):
    result = fixture_site.cdsportal("new", "news", "--title", "Đường dây nóng chuyển đổi số",
                                    "--summary", "Tóm tắt.", "--category", "kinh-te-so")
    assert result.returncode == 0, result.stderr
    path = fixture_site.root / result.stdout.strip()
    assert path.name.endswith("-duong-day-nong-chuyen-doi-so.vi.md")
    assert fixture_site.cdsportal("check").returncode == 0
    key = path.name[: -len(".vi.md")]
    result = fixture_site.cdsportal("new", "news", "--title", "Digital transformation hotline",
                                    "--summary", "Summary.", "--lang", "en", "--translation-of", key)
    assert result.returncode == 0, result.stderr
    english = fixture_site.root / result.stdout.strip()
    assert english.name == f"{key}.en.md"
    text = english.read_text(encoding="utf-8")
    assert "slug: digital-transformation-hotline" in text and "category: kinh-te-so" in text
    assert fixture_site.cdsportal("check").returncode == 0


def test_build_prints_a_summary(fixture_site):
    fixture_site.news("a")
    result = fixture_site.cdsportal("build", "--no-search", check=True)
    assert "vi: 1, en: 0" in result.stdout and " s → " in result.stdout


def test_check_sees_a_fixed_or_broken_image_without_the_item_changing(fixture_site):
    """The parse cache must not hide a deleted image, nor keep an error once it is fixed."""
    fixture_site.write("content/media/anh.jpg", "")
    picture = sorted((Path(__file__).parents[1] / "content/media/anh").glob("*.jpg"))[0]
    (fixture_site.root / "content/media/anh.jpg").write_bytes(picture.read_bytes())
    fixture_site.news("a", image="/media/anh.jpg", image_alt="Ảnh")
    assert fixture_site.cdsportal("check").returncode == 0
    (fixture_site.root / "content/media/anh.jpg").unlink()
    assert fixture_site.cdsportal("check").returncode == 1
    (fixture_site.root / "content/media/anh.jpg").write_bytes(picture.read_bytes())
    assert fixture_site.cdsportal("check").returncode == 0


def site_differences(left: Path, right: Path) -> list[str]:
    """Files only on one side or with different bytes (paths relative to the sites)."""
    differences: list[str] = []

    def walk(c, prefix=""):
        differences.extend(prefix + name for name in c.left_only + c.right_only + c.diff_files)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")
    walk(filecmp.dircmp(left, right, ignore=[]))
    return differences


def test_edits_rebuilt_from_the_cache_equal_a_build_from_scratch(fixture_site, tmp_path):
    """A rebuild reuses the pages whose news items did not change; after each
    kind of edit, the site must be byte for byte what a build without any
    cache makes (else a reader would see an old title on some listing)."""
    for n in range(30):
        fixture_site.news(f"tin-{n:02d}", date=f"2024-01-{n + 1:02d} 08:00",
                          tags="[VNeID]" if n % 2 else "[Đề án 06]",
                          category="kinh-te-so" if n % 3 else "chinh-quyen-so")
    fixture_site.news("tin-05", lang="en")
    fixture_site.cdsportal("build", check=True)
    edits = [
        # title and text of one item: its page, neighbours, related items, listings
        lambda: fixture_site.news("tin-10", date="2024-01-11 08:00", tags="[Đề án 06]",
                                  category="kinh-te-so", title="Tiêu đề đã sửa", body="Thân bài mới."),
        # a new tag and another category: the structure changes
        lambda: fixture_site.news("tin-11", date="2024-01-12 08:00", tags="[VNeID, Mới]",
                                  category="chinh-quyen-so"),
        # a new item
        lambda: fixture_site.news("tin-99", date="2024-02-20 08:00", title="Tin mới nhất"),
        # an item removed
        lambda: (fixture_site.root / "content/news/tin-20.vi.md").unlink(),
    ]
    for number, edit in enumerate(edits):
        edit()
        timings = fixture_site.cdsportal("build", "--timings", check=True).stdout
        if number == 0:  # one item's text: most pages are reused as they were
            reused = int(re.search(r"pages reused (\d+)", timings)[1])
            total = int(re.search(r"(\d+) trang/pages", timings)[1])
            assert reused > total / 2, timings
        warm = tmp_path / f"warm-{number}"
        os.rename(fixture_site.root / "site", warm)
        shutil.copytree(fixture_site.root / ".cache", tmp_path / "cache-kept")
        shutil.rmtree(fixture_site.root / ".cache")
        fixture_site.cdsportal("build", check=True)
        assert site_differences(warm, fixture_site.root / "site") == [], f"after edit {number}"
        shutil.rmtree(fixture_site.root / ".cache")
        os.rename(tmp_path / "cache-kept", fixture_site.root / ".cache")
    listing = (fixture_site.root / "site/tin-tuc/index.html").read_text(encoding="utf-8")
    assert "Tiêu đề đã sửa" in listing and "Tin mới nhất" in listing


def test_renaming_a_unit_reaches_every_page_that_names_it(fixture_site):
    """Units are renamed when administrative units change (2025); the news
    pages that name the source unit must not be reused from the last build."""
    for n in range(5):
        fixture_site.news(f"tin-{n}", date=f"2024-01-0{n + 1} 08:00", source_unit="so-tttt")
    site = fixture_site.build()
    page = site / "tin-tuc/tin-2/index.html"
    assert "Sở Thông tin và Truyền thông" in page.read_text(encoding="utf-8")
    units = fixture_site.root / "content/units/don-vi.yml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"), encoding="utf-8")
    timings = fixture_site.cdsportal("build", "--no-search", "--timings", check=True).stdout
    assert "pages reused 0" in timings
    assert "Sở Khoa học và Công nghệ" in page.read_text(encoding="utf-8")


def test_the_site_address_is_part_of_the_structure(fixture_site):
    """`serve` builds with its own address (http://127.0.0.1:8000/) without
    touching mkdocs.yml: a later `build` must not reuse pages whose canonical
    links and share links point at the local server."""
    import dataclasses
    from cdsportal.build import prepare
    from cdsportal.diagnostics import Problems
    from cdsportal.mkdocs_adapter import portal_config
    from cdsportal.site.revisions import structure_key
    fixture_site.news("tin-1")
    config = portal_config(fixture_site.root / "mkdocs.yml", Problems(fixture_site.root))
    served = dataclasses.replace(config, site_url="http://127.0.0.1:8000/")
    keys = {structure_key(prepare(c, Problems(fixture_site.root)).graph, "salt")
            for c in (config, served)}
    assert len(keys) == 2


def test_an_unchanged_item_follows_the_new_address_of_a_page_it_links_to(fixture_site):
    """The parse cache keeps no Markdown text: when only the page an item links
    to moves, the item's body is made again from its file, with the new link."""
    fixture_site.news("dich", date="2024-01-02 08:00", title="Trang đích")
    fixture_site.news("nguon", date="2024-01-03 08:00", body="Xem [trang đích](dich.vi.md).")
    site = fixture_site.build()
    assert 'href="/tin-tuc/dich/"' in (site / "tin-tuc/nguon/index.html").read_text(encoding="utf-8")
    fixture_site.news("dich", date="2024-01-02 08:00", title="Trang đích", slug="dich-moi")
    site = fixture_site.build()
    page = (site / "tin-tuc/nguon/index.html").read_text(encoding="utf-8")
    assert 'href="/tin-tuc/dich-moi/"' in page and "Xem" in page
