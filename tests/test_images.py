"""Responsive photos (outputs/images.py): smaller copies and WebP for the photos
of bodies, as for lead photos, with their size so that nothing jumps as they load."""

from __future__ import annotations

import html
import re
import shutil

from PIL import Image

from conftest import ROOT
from test_example_site import Document, candidates as srcset, file_of
from test_hygiene import limit_files, media

PHOTO = ROOT / "content/media/anh/le-phat-dong.jpg"   # 1200 × 675


def test_photos_in_a_body_come_smaller_as_webp_and_with_their_size(fixture_site):
    media = fixture_site.root / "content/media"
    media.mkdir()
    shutil.copyfile(PHOTO, media / "hoi-nghi.jpg")
    Image.new("RGBA", (300, 200), (11, 92, 173, 128)).save(media / "so-do.png")
    fixture_site.news("anh", body="Mở đầu.\n\n![Hội nghị trực tuyến](/media/hoi-nghi.jpg)\n\n"
                                  "![Sơ đồ kết nối](/media/so-do.png)\n\n"
                                  '<img src="/media/hoi-nghi.jpg" alt="Ảnh nhỏ" width="320">\n')
    site = fixture_site.build()
    page = Document((site / "tin-tuc/anh/index.html").read_text(encoding="utf-8"))
    body = page.find("div", cls="cds-body")
    pictures = body.find_all("picture")
    assert len(pictures) == 3
    with Image.open(PHOTO) as original:
        size = original.size
    for picture, alt, widths, shown in zip(
            pictures, ["Hội nghị trực tuyến", "Sơ đồ kết nối", "Ảnh nhỏ"],
            [{400, 800, 1200}, {300}, {400, 800, 1200}],
            [size, (300, 200), ("320", None)]):
        source, img = picture.find("source"), picture.find("img")
        assert img.attrs["alt"] == alt and img.attrs["loading"] == "lazy"
        assert source.attrs["type"] == "image/webp" and source.attrs["sizes"] == img.attrs["sizes"]
        webp, fallback = srcset(source.attrs["srcset"]), srcset(img.attrs["srcset"])
        assert set(webp) == set(fallback) == widths
        if shown[1] is None:    # the editor's own width stays, no height is made up
            assert img.attrs["width"] == "320" and "height" not in img.attrs
        else:
            assert (int(img.attrs["width"]), int(img.attrs["height"])) == shown
        for width, url in webp.items():
            with Image.open(file_of(site, url)) as image:
                assert image.format == "WEBP" and image.width == width
            with Image.open(file_of(site, fallback[width])) as image:
                assert image.width == width
    with Image.open(file_of(site, srcset(pictures[1].find("source").attrs["srcset"])[300])) as image:
        assert image.mode == "RGBA", "the diagram lost its transparency"
    # feed readers get the body as written: one plain <img> per photo, the original
    feed = (site / "rss.xml").read_text(encoding="utf-8")
    content = html.unescape(re.search(r"<content:encoded>(.*?)</content:encoded>",
                                      feed[feed.index("<item>"):], re.S).group(1))
    assert "<picture" not in content and content.count("<img") == 3
    assert "srcset" not in content and "/media/hoi-nghi.jpg" in content


def test_a_body_image_that_is_not_what_its_name_says_is_an_error(fixture_site):
    """A text file named .png shows nothing to readers: the build names the line."""
    (fixture_site.root / "content/media").mkdir()
    (fixture_site.root / "content/media/so-do.png").write_text("không phải ảnh", encoding="utf-8")
    source = fixture_site.news("anh", body="Mở đầu.\n\n![Sơ đồ](/media/so-do.png)\n")
    line = 1 + source.read_text(encoding="utf-8").splitlines().index("![Sơ đồ](/media/so-do.png)")
    result = fixture_site.cdsportal("build", "--no-search")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"content/news/anh.vi.md:{line}" in output and "/media/so-do.png" in output
    assert "PNG" in output, output


def test_a_photo_that_cannot_be_decoded_is_published_as_it_is(fixture_site):
    """A JPEG cut short (its first bytes right, the rest missing) gets no smaller
    copies, but neither stops the build nor vanishes from the page."""
    (fixture_site.root / "content/media").mkdir()
    (fixture_site.root / "content/media/cut.jpg").write_bytes(PHOTO.read_bytes()[:600])
    fixture_site.news("anh", body="Mở đầu.\n\n![Ảnh bị cắt](/media/cut.jpg)\n")
    site = fixture_site.build()
    img = Document((site / "tin-tuc/anh/index.html").read_text(encoding="utf-8")).find(
        "div", cls="cds-body").find("img")
    assert img.attrs["src"] == "/media/cut.jpg" and "srcset" not in img.attrs
    assert (site / "media/cut.jpg").read_bytes() == PHOTO.read_bytes()[:600]


def test_a_body_photo_over_the_limit_or_replaced_by_a_wrong_file_is_found(fixture_site):
    """The files of a body are held to the same rules as those of the front matter
    (``max_file_mb``, content as named), and checked again when replaced, even if
    the item's own file has not changed (its cached body is not trusted then)."""
    limit_files(fixture_site, 1)
    (fixture_site.root / "content/media").mkdir()
    shutil.copyfile(PHOTO, fixture_site.root / "content/media/anh.jpg")
    source = fixture_site.news("a", body="Mở đầu.\n\n![Hội nghị](/media/anh.jpg)\n")
    line = 1 + source.read_text(encoding="utf-8").splitlines().index("![Hội nghị](/media/anh.jpg)")
    fixture_site.build()
    media(fixture_site, "anh.jpg", b"\xff\xd8\xff\xe0", int(1.5 * 1024 * 1024))
    result = fixture_site.cdsportal("build", "--no-search")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a 1.5 MB photo passed a 1 MB limit"
    assert f"content/news/a.vi.md:{line}" in output and "max_file_mb" in output, output
    (fixture_site.root / "content/media/anh.jpg").write_text("không phải ảnh", encoding="utf-8")
    result = fixture_site.cdsportal("build", "--no-search")
    output = result.stdout + result.stderr
    assert f"content/news/a.vi.md:{line}" in output and "JPEG" in output, output
    shutil.copyfile(PHOTO, fixture_site.root / "content/media/anh.jpg")
    fixture_site.build()


def test_a_missing_body_photo_once_added_is_found_without_touching_the_item(fixture_site):
    """The editor writes ``![…](x.jpg)``, builds, is told the photo is missing, copies
    it in and builds again: the item's file has not changed, the photo is found."""
    fixture_site.news("a", body="Mở đầu.\n\n![Hội nghị](/media/anh.jpg)\n")
    result = fixture_site.cdsportal("build", "--no-search")
    assert result.returncode != 0 and "/media/anh.jpg" in result.stdout + result.stderr
    (fixture_site.root / "content/media").mkdir()
    shutil.copyfile(PHOTO, fixture_site.root / "content/media/anh.jpg")
    site = fixture_site.build()
    assert 'src="/media/anh.jpg"' in (site / "tin-tuc/a/index.html").read_text(encoding="utf-8")
