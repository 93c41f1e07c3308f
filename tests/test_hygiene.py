"""Input hygiene (issue 7): invalid UTF-8, text pasted from the legacy TCVN3 and
VNI encodings, oversized files and media whose content is not what their
extension says. Each is refused with the file, the line and the field."""

import pytest

from cdsportal.diagnostics import Problems
from cdsportal.readers import hygiene
from cdsportal.readers.frontmatter import parse_document, read_text
from conftest import FIXTURE_UNITS, ROOT
from test_model import only, problems_of

# What an editor gets by pasting from an old Word document: the legacy bytes,
# written by hand from the TCVN3 (ABC) and VNI tables, shown as Windows-1252.
TCVN3 = [  # (bytes, the Unicode text they stand for)
    (b"Chuy\xd3n \xae\xe6i s\xe8", "Chuyển đổi số"),
    (b"S\xeb Th\xabng tin v\xb5 Truy\xd2n th\xabng", "Sở Thông tin và Truyền thông"),
    (b"ng\xad\xeai d\xa9n", "người dân"),
    (b"H\xad\xedng d\xc9n c\xb5i \xae\xc6t VNeID", "Hướng dẫn cài đặt VNeID"),
    (b"K\xd5 ho\xb9ch truy\xd2n th\xabng n\xa8m 2024", "Kế hoạch truyền thông năm 2024"),
]
VNI = [
    (b"Chuye\xe5n \xf1o\xe5i so\xe1", "Chuyển đổi số"),
    (b"Xin cha\xf8o ca\xf9c ba\xefn", "Xin chào các bạn"),
    (b"ng\xf6\xf4\xf8i da\xe2n", "người dân"),
    (b"H\xf6\xf4\xf9ng da\xe3n ca\xf8i \xf1a\xebt VNeID", "Hướng dẫn cài đặt VNeID"),
    (b"Qua\xfbng Nga\xf5i", "Quảng Ngãi"),
    (b"Tho\xe2ng ba\xf9o", "Thông báo"),
]
CLEAN = [  # real Vietnamese, English and foreign words: no problem
    "Hướng dẫn cài đặt và kích hoạt tài khoản định danh điện tử mức độ 2 trên VNeID; "
    "khuya, khuỷu, ngoằn ngoèo, quốc, giường, thuở, rượu, xoong, Đắk Lắk, HĐND.",
    "CHUYỂN ĐỔI SỐ QUỐC GIA — Ủy ban nhân dân tỉnh Quảng Ngãi, hòa/hoà, thủy/thuỷ.",
    "café, naïve, Müller, Zürich, São Paulo, façade, Señor, Björk, Noël, Citroën, résumé, "
    "laïc, 5 µm × 3 mm, Ø 20, 1ª, © 2024 Sở TT&TT®, « Xin chào » · ½ kg, coût, où, déjà.",
]


def pasted(raw: bytes) -> str:
    return raw.decode("cp1252")


def limit_files(site, megabytes) -> None:
    """Set the ``max_file_mb`` plugin option of ``site``."""
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("per_page:", f"max_file_mb: {megabytes}\n      per_page:"),
                      encoding="utf-8")


def media(site, name: str, data: bytes, size: int = 0) -> None:
    """Write ``content/media/<name>``: ``data``, padded with zeros to ``size`` bytes."""
    path = site.root / "content/media" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(data)
        handle.truncate(max(size, len(data)))


# -- invalid UTF-8 -------------------------------------------------------------

def test_invalid_utf8_names_file_line_and_byte(fixture_site):
    fixture_site.news("a")
    path = fixture_site.root / "content/units/don-vi.yml"
    path.write_bytes(FIXTURE_UNITS.encode("utf-8").replace("Sở".encode(), b"S\xf6"))
    problem = only(problems_of(fixture_site), "encoding")
    assert (problem.file, problem.line) == ("content/units/don-vi.yml", 3)
    assert "UTF-8" in problem.expected and "0xf6" in problem.expected


# -- TCVN3 and VNI -------------------------------------------------------------

@pytest.mark.parametrize("raw, text", TCVN3 + VNI)
def test_legacy_text_is_found_and_read(raw, text):
    line, message = hygiene.legacy_encoding("Dòng đầu.\n" + pasted(raw))
    word = message.split("'")[1]
    reading = message.split("'")[3]
    assert line == 2 and word in pasted(raw) and reading in text
    assert ("TCVN3" if (raw, text) in TCVN3 else "VNI") in message


@pytest.mark.parametrize("text", CLEAN)
def test_real_text_is_not_taken_for_legacy(text):
    assert hygiene.legacy_encoding(text) is None


def test_tcvn3_title_is_refused_with_its_line(fixture_site):
    fixture_site.news("a", title=pasted(TCVN3[0][0]))
    problem = only(problems_of(fixture_site), "encoding")
    assert (problem.file, problem.line) == ("content/news/a.vi.md", 2)
    for words in ("TCVN3", "ChuyÓn", "Chuyển", "Unikey", "chuyển mã", "Unicode"):
        assert words in problem.expected


def test_vni_body_is_refused_with_its_line(fixture_site):
    fixture_site.news("a", body="Mở đầu bằng Unicode.\n\n" + pasted(VNI[1][0]))
    problem = only(problems_of(fixture_site), "encoding")
    assert (problem.file, problem.line) == ("content/news/a.vi.md", 10)
    assert "VNI" in problem.expected and "chaøo" in problem.expected and "chào" in problem.expected


def test_tcvn3_in_a_data_file(fixture_site):
    fixture_site.news("a")
    fixture_site.write("content/units/don-vi.yml", FIXTURE_UNITS.replace(
        "Sở Thông tin và Truyền thông", pasted(TCVN3[1][0])))
    problem = only(problems_of(fixture_site), "encoding")
    assert (problem.file, problem.line) == ("content/units/don-vi.yml", 3)


def test_check_command_refuses_pasted_tcvn3(fixture_site):
    fixture_site.news("a", summary=pasted(TCVN3[3][0]))
    result = fixture_site.cdsportal("check")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/news/a.vi.md:4" in output and "TCVN3" in output


# -- file sizes ----------------------------------------------------------------

def test_image_over_the_configured_limit(fixture_site):
    limit_files(fixture_site, 1)
    media(fixture_site, "a.jpg", b"\xff\xd8\xff\xe0", int(1.5 * hygiene.MB))
    fixture_site.news("a", image="/media/a.jpg", image_alt="Ảnh")
    problem = only(problems_of(fixture_site), "image")
    assert (problem.file, problem.line) == ("content/news/a.vi.md", 6)
    for words in ("/media/a.jpg", "1.5 MB", "1 MB", "max_file_mb"):
        assert words in problem.expected


def test_video_over_the_default_limit_of_10_mb(fixture_site):
    media(fixture_site, "v.mp4", b"\0\0\0\x18ftypisom", 11 * hygiene.MB)
    media(fixture_site, "w.mp4", b"\0\0\0\x18ftypisom", 9 * hygiene.MB)
    fixture_site.news("a", video="/media/v.mp4")
    fixture_site.news("b", video="/media/w.mp4")
    problems = problems_of(fixture_site)
    assert [(p.file, p.field) for p in problems] == [("content/news/a.vi.md", "video")]
    assert "11.0 MB" in problems[0].expected and "10 MB" in problems[0].expected


def test_max_file_mb_must_be_positive(fixture_site):
    limit_files(fixture_site, 0)
    fixture_site.news("a")
    assert only(problems_of(fixture_site), "plugins.cdsportal.max_file_mb")


def test_markdown_over_1_mb(fixture_site):
    fixture_site.news("a", body="Nội dung rất dài. " * 60_000)
    problem = only(problems_of(fixture_site), "size")
    assert problem.file == "content/news/a.vi.md" and problem.line is None
    assert "a.vi.md" in problem.expected and "1 MB" in problem.expected


# -- formats -------------------------------------------------------------------

SIGNATURES = {
    "JPEG": b"\xff\xd8\xff\xe0\0\x10JFIF",
    "PNG": b"\x89PNG\r\n\x1a\n",
    "GIF": b"GIF89a",
    "WebP": b"RIFF\x24\0\0\0WEBPVP8 ",
    "AVIF": b"\0\0\0\x1cftypavif",
    "SVG": b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    "MP4": b"\0\0\0\x18ftypmp42",
    "WebM": b"\x1a\x45\xdf\xa3\x9f",
    "MP3": b"ID3\x04\0",
    "Ogg": b"OggS\0\x02",
}


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_signatures(name):
    assert hygiene.sniff(SIGNATURES[name]) == name


@pytest.mark.parametrize("head", [
    b"\xff\xfb\x90\x64",  # an MPEG frame without an ID3 tag
])
def test_mp3_frame_sync(head):
    assert hygiene.sniff(head) == "MP3"


@pytest.mark.parametrize("head", [
    b"<svg viewBox='0 0 1 1'></svg>",
    b"\xef\xbb\xbf  <svg>",
    b'<?xml version="1.0"?>\n<!-- Generator: Adobe Illustrator 24 -->\n<!DOCTYPE svg PUBLIC '
    b'"-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" '
    b'[<!ENTITY ns_svg "http://www.w3.org/2000/svg">]>\n<svg version="1.1">',
])
def test_svg_variants(head):
    assert hygiene.sniff(head) == "SVG"


@pytest.mark.parametrize("head", [b"", b"<html><svg>", b"hello", b"\xff\xd8"])
def test_unknown_content(head):
    assert hygiene.sniff(head) is None


@pytest.mark.parametrize("suffix", sorted(hygiene.FORMATS))
def test_every_suffix_accepts_its_own_format(tmp_path, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(SIGNATURES[hygiene.FORMATS[suffix]])
    assert hygiene.wrong_format(path, path.name) is None


def test_png_named_jpg(fixture_site):
    media(fixture_site, "x.jpg", SIGNATURES["PNG"])
    fixture_site.news("a", image="/media/x.jpg", image_alt="Ảnh")
    problem = only(problems_of(fixture_site), "image")
    assert (problem.file, problem.line) == ("content/news/a.vi.md", 6)
    assert problem.expected == ("tệp '/media/x.jpg' là PNG, không phải JPEG / "
                                "'/media/x.jpg' is a PNG, not a JPEG")


def test_webm_named_mp4_and_text_named_png(fixture_site):
    media(fixture_site, "v.mp4", SIGNATURES["WebM"])
    media(fixture_site, "b.png", b"not a picture")
    fixture_site.news("a", video="/media/v.mp4", image="/media/b.png", image_alt="Ảnh")
    problems = problems_of(fixture_site)
    assert "is a WebM, not an MP4" in only(problems, "video").expected
    assert "không phải PNG" in only(problems, "image").expected
    assert "is not a PNG" in only(problems, "image").expected


# -- the example content -------------------------------------------------------

def _example_files(*suffixes):
    return sorted(path for folder in ("content", "bulletins", "plans", "examples")
                  for path in (ROOT / folder).rglob("*")
                  if path.is_file() and path.suffix.lower() in suffixes)


def test_example_text_has_no_hygiene_problem():
    problems = Problems(ROOT)
    sources = _example_files(".md", ".yml")
    for path in sources:
        if path.suffix == ".md":
            parse_document(path, problems)
        else:
            read_text(path, problems)
    assert len(sources) > 150
    assert [str(p) for p in problems.items if p.field in ("encoding", "size")] == []


def test_example_media_has_no_hygiene_problem():
    files = _example_files(*hygiene.FORMATS)
    found = [hygiene.wrong_format(p, p.name) or hygiene.oversized_media(p, p.name, hygiene.DEFAULT_MAX_FILE_MB) for p in files]
    assert len(files) > 40 and [m for m in found if m] == []
