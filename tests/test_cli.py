"""The cdsportal command as editors and CI use it."""

import filecmp
from pathlib import Path
import os
import shutil


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
    comparison = filecmp.dircmp(copy, second)
    differences = []

    def walk(c):
        differences.extend(c.left_only + c.right_only + c.diff_files)
        for sub in c.subdirs.values():
            walk(sub)
    walk(comparison)
    assert differences == []
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
