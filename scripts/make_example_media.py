#!/usr/bin/env python3
"""Generate the example illustrations, short videos and radio audio of ``content/``.

The example site ships with flat "infographic" pictures (1200×675 JPEG), three
short MP4 clips with a Vietnamese voice-over and the audio of the monthly radio
programmes ("Chuyên mục Chuyển đổi số", ``content/radio``) with a square
podcast cover.  Everything is drawn or synthesised from code so that anyone can
regenerate, restyle or replace the files:

    python3 scripts/make_example_media.py            # images + videos + radio
    python3 scripts/make_example_media.py --images   # images only
    python3 scripts/make_example_media.py --videos   # videos only (needs the images)
    python3 scripts/make_example_media.py --radio    # radio audio + podcast cover only
    python3 scripts/make_example_media.py --bulletins  # e-bulletin covers only

Output
    content/media/anh/<name>.jpg     1200×675, JPEG quality 80, progressive, < 90 KB
    content/media/video/<name>.mp4   480×270, H.264 + AAC, 10 s, ``+faststart``, < 400 KB
    content/media/radio/<key>.mp3    MP3 mono 22.05 kHz 32 kbit/s, ID3v2.3 tags,
                                     30–75 s, < 350 KB
    content/media/radio/podcast-cover.jpg
                                     1400×1400 (podcast apps ask for 1400–3000 px
                                     square), JPEG, < 200 KB
    bulletins/<year>/<NN>/cover.jpg  1240×1754 (A4 portrait), JPEG quality 80, < 180 KB

Radio programmes
    Each entry of ``RADIO`` is the key of a programme, i.e. the stem of
    ``content/radio/<year>/<key>.vi.md`` (and of its ``.en.md`` translation),
    plus the text espeak-ng reads: the programme's title, summary and first
    outline points, with numbers and abbreviations spelled out so that the
    Vietnamese voice reads them naturally ("tháng ba năm hai nghìn không trăm
    hai mươi tư", "vê en e ai đi").  A short three-note chime opens every file;
    the silence after the voice is padded to a whole number of seconds.  The
    ID3 title is the ``title:`` of the Vietnamese file; artist and album name
    the station and the programme series; no other tags are written.  After
    encoding, the length reported by ``ffprobe`` (rounded to the second) is
    written into the ``duration:`` line of both language files, so the front
    matter always matches the audio.  To add a programme: write the ``.vi.md``
    file (any ``duration:`` value), add an entry here, run ``--radio``.

Requirements (NOT dependencies of the ``cdsportal`` package):
    * Pillow — e.g. ``pip install --target /tmp/pil pillow`` and run with
      ``PYTHONPATH=/tmp/pil``.
    * A font with full Vietnamese glyphs (Noto Sans or DejaVu Sans; see
      ``FONT_CANDIDATES``).  Check with ``fc-list :lang=vi``.
    * For videos: ``ffmpeg`` (with libx264 and the native AAC encoder) and
      ``espeak-ng`` with the ``vi`` voice.  When either is missing the video
      step is skipped with a message; the images are still produced.
    * For radio audio: ``ffmpeg`` with libmp3lame, ``ffprobe`` and
      ``espeak-ng`` (``apt-get install -y ffmpeg espeak-ng``).  When one is
      missing the audio is skipped with a message; the podcast cover is still
      drawn.

The output is deterministic: there is no randomness, every caption is an NFC
string, JPEG files are written without metadata and ffmpeg runs single-threaded
with ``bitexact`` flags (for MP3 also ``-map_metadata -1``, so only the tags
set here are written, and no encoder-version tag).  Byte-identical results are expected for the same
Pillow / ffmpeg / espeak-ng versions; other versions give visually identical
files.  Re-running overwrites the files in place.

Pictures are reused by several news items; an item points to one with
``image: /media/anh/<name>.jpg`` and to a clip with
``video: /media/video/<name>.mp4`` (the clip's picture doubles as its poster).
A radio programme points to its audio with ``audio: /media/radio/<key>.mp3``.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover - helper script
    sys.exit(
        "Pillow is required: pip install --target /tmp/pil pillow, "
        "then run with PYTHONPATH=/tmp/pil"
    )

ROOT = Path(__file__).resolve().parent.parent
IMG_DIR = ROOT / "content" / "media" / "anh"
VIDEO_DIR = ROOT / "content" / "media" / "video"
RADIO_DIR = ROOT / "content" / "media" / "radio"
RADIO_CONTENT_DIR = ROOT / "content" / "radio"

W, H = 1200, 675
JPEG_QUALITY = 80
MAX_JPEG_BYTES = 90 * 1024
MAX_MP4_BYTES = 400 * 1024
MAX_MP3_BYTES = 350 * 1024
MAX_COVER_BYTES = 200 * 1024
COVER_SIZE = 1400
RADIO_SECONDS = (30, 75)            # allowed length of a programme's audio

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]
FONT_REGULAR_CANDIDATES = [
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]

# Government palette: (top-left colour, bottom-right colour, accent)
PALETTES = {
    "blue": ((10, 61, 128), (30, 136, 200), (250, 204, 21)),
    "teal": ((8, 84, 84), (20, 170, 160), (253, 224, 71)),
    "redgold": ((153, 27, 27), (217, 119, 6), (254, 240, 138)),
    "navy": ((15, 32, 80), (37, 99, 175), (248, 113, 113)),
}

WHITE = (255, 255, 255)
HEADER = "CHUYỂN ĐỔI SỐ QUẢNG NGÃI"

# name, palette, icons, caption, sub-caption.  Captions are Vietnamese (NFC).
IMAGES = [
    ("le-phat-dong", "redgold", ["building", "people"],
     "Lễ phát động Phong trào Chuyển đổi số",
     "Trực tiếp kết hợp trực tuyến đến huyện, xã"),
    ("ngay-chuyen-doi-so", "redgold", ["calendar"],
     "Ngày Chuyển đổi số",
     "Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10"),
    ("to-cong-nghe-so-cong-dong", "teal", ["people", "phone"],
     "Tổ công nghệ số cộng đồng",
     "Đi từng ngõ, gõ từng nhà, hướng dẫn từng người"),
    ("vneid-de-an-06", "navy", ["idphone"],
     "Định danh điện tử VNeID",
     "Đề án 06 — dữ liệu dân cư phục vụ người dân"),
    ("dich-vu-cong-truc-tuyen", "blue", ["laptop", "building"],
     "Dịch vụ công trực tuyến",
     "Nộp hồ sơ, theo dõi kết quả ngay trên mạng"),
    ("thanh-toan-khong-dung-tien-mat", "teal", ["qrphone"],
     "Thanh toán không dùng tiền mặt",
     "Nhanh chóng, minh bạch, tiện lợi"),
    ("ky-nang-so", "blue", ["laptop", "people"],
     "Kỹ năng số",
     "Bồi dưỡng trên nền tảng trực tuyến"),
    ("an-toan-thong-tin", "navy", ["shield"],
     "An toàn thông tin",
     "Bảo vệ tài khoản, dữ liệu và thiết bị"),
    ("ban-tin-dien-tu", "blue", ["document"],
     "Bản tin điện tử Chuyển đổi số",
     "Phát hành trên nền tảng số"),
    ("phat-thanh-truyen-hinh", "redgold", ["radio"],
     "Chuyên mục Chuyển đổi số",
     "Trên sóng phát thanh, truyền hình và truyền thanh cơ sở"),
    ("cam-nang-chuyen-doi-so", "teal", ["book"],
     "Cẩm nang chuyển đổi số",
     "Tra cứu tại dx.mic.gov.vn"),
    ("kinh-te-so", "blue", ["chart"],
     "Kinh tế số",
     "Thương mại điện tử và nền tảng số Việt Nam"),
    ("binh-son-2024", "teal", ["building", "chart"],
     "Huyện Bình Sơn",
     "Truyền thông về chuyển đổi số năm 2024"),
    ("thanh-nien-chuyen-doi-so", "redgold", ["people", "star"],
     "Thanh niên với chuyển đổi số",
     "Cuộc thi, hội thi tìm hiểu về chuyển đổi số"),
    ("hoa-don-dien-tu", "navy", ["receipt"],
     "Hóa đơn điện tử",
     "Khởi tạo từ máy tính tiền"),
    ("ke-hoach-truyen-thong", "blue", ["megaphone"],
     "Truyền thông về chuyển đổi số",
     "Chính quyền số · Kinh tế số · Xã hội số"),
]

# Videos: name, source picture, voice-over text (Vietnamese, NFC), duration (s).
# The voice-over reads a sentence of the summary of the news item the clip
# belongs to; numbers are spelled out so that espeak-ng reads them naturally.
VIDEOS = [
    ("to-cong-nghe-so-cong-dong", "to-cong-nghe-so-cong-dong",
     "Mỗi thành viên Tổ công nghệ số cộng đồng hướng dẫn ít nhất bảy người dân "
     "sử dụng các nền tảng số trong vòng bảy ngày.", 10),
    ("ngay-chuyen-doi-so", "ngay-chuyen-doi-so",
     "Ngày mười tháng mười hằng năm là Ngày Chuyển đổi số quốc gia.", 9),
    ("vneid-de-an-06", "vneid-de-an-06",
     "Người dân có thể dùng thẻ căn cước công dân gắn chip hoặc ứng dụng "
     "VNeID thay cho thẻ bảo hiểm y tế khi đi khám, chữa bệnh.", 12),
]


# Radio programmes: key (stem of content/radio/<year>/<key>.vi.md), text read
# by espeak-ng.  The text is the programme's title, summary and first outline
# points with numbers and abbreviations spelled out (VNeID → "vê en e ai đi",
# OTP → "ô tê pê", QR → "cu a", 06 → "không sáu", 10/10 → "mười tháng mười").
RADIO_INTRO = "Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi. "
RADIO_OUTRO = " Mời quý vị và các bạn đón nghe."
RADIO = [
    ("2023-11-chuyen-doi-so-la-gi",
     "Chuyên mục Chuyển đổi số tháng mười một năm hai nghìn không trăm hai mươi ba: "
     "Chuyển đổi số là gì? "
     "Chương trình giải thích bằng ví dụ gần gũi những khái niệm cơ bản về chuyển đổi số "
     "và ba trụ cột chính quyền số, kinh tế số, xã hội số, hướng đến lợi ích thiết thực "
     "của người dân. "
     "Nội dung chính gồm: Chuyển đổi số là đưa hoạt động của người dân, doanh nghiệp lên "
     "môi trường số, thông qua việc phổ cập sử dụng các nền tảng số Việt Nam. "
     "Chính quyền số: từ chính quyền điện tử hướng đến chính quyền số, phục vụ người dân "
     "tốt hơn. "
     "Kinh tế số: thương mại điện tử, thanh toán không dùng tiền mặt, ứng dụng công nghệ số "
     "trong sản xuất, kinh doanh."),
    ("2023-12-cam-nang-chuyen-doi-so",
     "Chuyên mục Chuyển đổi số tháng mười hai năm hai nghìn không trăm hai mươi ba: "
     "Cẩm nang chuyển đổi số. "
     "Chương trình giới thiệu Cẩm nang chuyển đổi số trực tuyến cùng các trang chia sẻ bài "
     "học kinh nghiệm và bài toán chuyển đổi số, giúp cán bộ và người dân tra cứu khi cần. "
     "Nội dung chính gồm: Cách tra cứu Cẩm nang chuyển đổi số theo từng chủ đề. "
     "Bài học, kinh nghiệm chuyển đổi số của các bộ, ngành, địa phương. "
     "Danh sách các bài toán chuyển đổi số để các cơ quan, địa phương tham khảo. "
     "Dùng cẩm nang khi hướng dẫn người dân: chọn ví dụ gần gũi, giải thích ngắn gọn, "
     "dễ hiểu."),
    ("2024-03-dich-vu-cong-truc-tuyen",
     "Chuyên mục Chuyển đổi số tháng ba năm hai nghìn không trăm hai mươi tư: "
     "Dịch vụ công trực tuyến. "
     "Chương trình hướng dẫn người dân từng bước nộp hồ sơ thủ tục hành chính trực tuyến, "
     "từ đăng nhập bằng tài khoản định danh điện tử đến thanh toán phí, lệ phí và nhận "
     "kết quả. "
     "Nội dung chính gồm: Lợi ích của dịch vụ công trực tuyến: tiết kiệm thời gian, theo dõi "
     "được tiến độ hồ sơ. "
     "Đăng nhập bằng tài khoản định danh điện tử. "
     "Chuẩn bị giấy tờ dưới dạng ảnh chụp hoặc bản quét, điền biểu mẫu và ghi lại mã hồ sơ."),
    ("2024-04-vneid-va-de-an-06",
     "Chuyên mục Chuyển đổi số tháng tư năm hai nghìn không trăm hai mươi tư: "
     "Vê en e ai đi và Đề án không sáu. "
     "Chương trình giúp người nghe tìm hiểu Đề án không sáu về ứng dụng dữ liệu dân cư, "
     "định danh và xác thực điện tử, cùng cách dùng thẻ căn cước công dân gắn chip hoặc "
     "ứng dụng vê en e ai đi thay thẻ bảo hiểm y tế khi khám, chữa bệnh. "
     "Nội dung chính gồm: Đề án không sáu là gì và vì sao liên quan đến mỗi người dân. "
     "Tài khoản định danh điện tử trên ứng dụng vê en e ai đi. "
     "Dùng thẻ căn cước công dân gắn chip hoặc ứng dụng vê en e ai đi thay thẻ bảo hiểm "
     "y tế khi đi khám, chữa bệnh."),
    ("2024-05-thanh-toan-khong-dung-tien-mat",
     "Chuyên mục Chuyển đổi số tháng năm năm hai nghìn không trăm hai mươi tư: "
     "Thanh toán không dùng tiền mặt. "
     "Chương trình giới thiệu cách thanh toán bằng mã cu a, ứng dụng ngân hàng, ví điện tử "
     "trong mua bán hằng ngày và khi nộp phí, lệ phí thủ tục hành chính, cùng những lưu ý "
     "để giao dịch an toàn. "
     "Nội dung chính gồm: Thanh toán bằng mã cu a qua ứng dụng ngân hàng hoặc ví điện tử. "
     "Nộp phí, lệ phí thủ tục hành chính trực tuyến, không cần mang tiền mặt đến cơ quan. "
     "Hộ kinh doanh nhỏ nhận thanh toán bằng mã cu a đặt tại quầy."),
    ("2024-06-phong-chong-lua-dao-truc-tuyen",
     "Chuyên mục Chuyển đổi số tháng sáu năm hai nghìn không trăm hai mươi tư: "
     "Phòng, chống lừa đảo trực tuyến. "
     "Chương trình giúp người nghe nhận diện các chiêu lừa đảo qua điện thoại, tin nhắn, "
     "mạng xã hội và những thói quen đơn giản giúp bảo vệ tài khoản, dữ liệu cá nhân. "
     "Nội dung chính gồm: Cuộc gọi giả danh cơ quan nhà nước, ngân hàng yêu cầu chuyển tiền "
     "hoặc đọc mã ô tê pê. "
     "Tin nhắn, đường link lạ mời cài ứng dụng, báo trúng thưởng. "
     "Nguyên tắc vàng: không chuyển tiền khi chưa xác minh, không cung cấp mã ô tê pê, "
     "chỉ cài ứng dụng từ kho chính thức."),
    ("2024-07-to-cong-nghe-so-cong-dong",
     "Chuyên mục Chuyển đổi số tháng bảy năm hai nghìn không trăm hai mươi tư: "
     "Tổ công nghệ số cộng đồng. "
     "Các Tổ công nghệ số cộng đồng ở thôn, tổ dân phố đi từng ngõ, gõ từng nhà, hướng dẫn "
     "người dân cài đặt, sử dụng các nền tảng số và thực hành kỹ năng số. "
     "Nội dung chính gồm: Tổ công nghệ số cộng đồng là ai, hoạt động ở đâu. "
     "Hướng dẫn sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến khi làm thủ tục "
     "hành chính và các ứng dụng thanh toán không dùng tiền mặt. "
     "Cách làm hay: cầm tay chỉ việc, để người dân tự thao tác trên điện thoại của mình."),
    ("2024-08-ky-nang-so-cho-moi-nguoi",
     "Chuyên mục Chuyển đổi số tháng tám năm hai nghìn không trăm hai mươi tư: "
     "Kỹ năng số cho mọi người. "
     "Chương trình gợi ý những kỹ năng số cơ bản mà ai cũng nên có, giới thiệu các chương "
     "trình bồi dưỡng kỹ năng số trên nền tảng trực tuyến và cách con cháu giúp ông bà làm "
     "quen với điện thoại thông minh. "
     "Nội dung chính gồm: Kỹ năng số cơ bản: tìm kiếm thông tin chính thống, giao tiếp trực "
     "tuyến, sử dụng dịch vụ số an toàn. "
     "Tham gia khóa bồi dưỡng kỹ năng số trực tuyến và làm bài trắc nghiệm để hoàn thành "
     "khóa học."),
    ("2024-09-thuong-mai-dien-tu",
     "Chuyên mục Chuyển đổi số tháng chín năm hai nghìn không trăm hai mươi tư: "
     "Đưa sản phẩm địa phương lên môi trường số. "
     "Chương trình gợi ý cho hộ sản xuất, hộ kinh doanh cách giới thiệu và bán sản phẩm "
     "địa phương qua sàn thương mại điện tử, mạng xã hội, nhận thanh toán không dùng tiền "
     "mặt và giao dịch an toàn. "
     "Nội dung chính gồm: Mở gian hàng trên sàn thương mại điện tử hoặc trang bán hàng trên "
     "mạng xã hội, ưu tiên các nền tảng số Việt Nam. "
     "Ảnh sản phẩm rõ ràng, thông tin trung thực về nguồn gốc, giá bán."),
    ("2024-10-ngay-chuyen-doi-so-quoc-gia",
     "Chuyên mục Chuyển đổi số tháng mười năm hai nghìn không trăm hai mươi tư: "
     "Hưởng ứng Ngày Chuyển đổi số quốc gia. "
     "Ngày mười tháng mười hằng năm là Ngày Chuyển đổi số quốc gia. Chương trình gợi ý mỗi "
     "người dân thử thêm một tiện ích số và giới thiệu các hoạt động truyền thông hưởng ứng "
     "trên địa bàn tỉnh. "
     "Nội dung chính gồm: Ý nghĩa của Ngày Chuyển đổi số quốc gia: chuyển đổi số vì lợi ích "
     "của người dân. "
     "Mỗi người thêm một tiện ích số: kích hoạt tài khoản vê en e ai đi, nộp một hồ sơ trực "
     "tuyến, thanh toán bằng mã cu a."),
]
RADIO_ARTIST = "Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi"
RADIO_ALBUM = "Chuyên mục Chuyển đổi số"


# --------------------------------------------------------------------------
# helpers


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def first_existing(paths: list[str]) -> str:
    for p in paths:
        if Path(p).is_file():
            return p
    sys.exit("No font with Vietnamese glyphs found; tried: " + ", ".join(paths))


def lerp(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, ...]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def gradient(c1, c2, size: tuple[int, int] = (W, H)) -> Image.Image:
    """Diagonal gradient from the top-left colour to the bottom-right one."""
    # Build a small gradient and upscale it: smooth and fast.
    sw, sh = 120, round(120 * size[1] / size[0] + 0.01)   # 120×68 for 1200×675
    small = Image.new("RGB", (sw, sh))
    px = small.load()
    for y in range(sh):
        for x in range(sw):
            t = (x / (sw - 1)) * 0.65 + (y / (sh - 1)) * 0.35
            px[x, y] = lerp(c1, c2, t)
    return small.resize(size, Image.BICUBIC)


def wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: int) -> list[str]:
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= max_width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def wrap_balanced(draw: ImageDraw.ImageDraw, text: str, font, max_width: int) -> list[str]:
    """Wrap to the fewest lines, then make the lines as even as possible."""
    lines = wrap(draw, text, font, max_width)
    width = max_width
    while width > 120:
        trial = wrap(draw, text, font, width - 10)
        if len(trial) != len(lines):
            break
        width -= 10
        lines = trial
    return lines


# --------------------------------------------------------------------------
# icons: each draws inside a square box (x, y, size) in white/accent


def icon_phone(d, x, y, s, accent):
    w, h = s * 0.46, s * 0.86
    left, top = x + (s - w) / 2, y + (s - h) / 2
    d.rounded_rectangle([left, top, left + w, top + h], radius=s * 0.07, fill=WHITE)
    pad = s * 0.035
    d.rounded_rectangle([left + pad, top + s * 0.09, left + w - pad, top + h - s * 0.11],
                        radius=s * 0.02, fill=accent)
    cx = left + w / 2
    d.ellipse([cx - s * 0.03, top + h - s * 0.085, cx + s * 0.03, top + h - s * 0.025],
              fill=accent)
    return left, top, w, h


def icon_idphone(d, x, y, s, accent):
    left, top, w, h = icon_phone(d, x, y, s, accent)
    # ID card on the screen
    cl, ct = left + w * 0.14, top + h * 0.28
    cw, ch = w * 0.72, h * 0.3
    d.rounded_rectangle([cl, ct, cl + cw, ct + ch], radius=s * 0.015, fill=WHITE)
    d.ellipse([cl + cw * 0.08, ct + ch * 0.2, cl + cw * 0.36, ct + ch * 0.78], fill=accent)
    for i in range(3):
        yy = ct + ch * (0.25 + 0.22 * i)
        d.rectangle([cl + cw * 0.45, yy, cl + cw * (0.9 - 0.12 * i), yy + ch * 0.09],
                    fill=accent)
    # check badge
    bx, by, r = left + w * 0.5, top + h * 0.72, s * 0.07
    d.ellipse([bx - r, by - r, bx + r, by + r], fill=WHITE)
    d.line([(bx - r * 0.5, by), (bx - r * 0.1, by + r * 0.45), (bx + r * 0.55, by - r * 0.4)],
           fill=accent, width=max(3, int(s * 0.02)))


def icon_qrphone(d, x, y, s, accent):
    left, top, w, h = icon_phone(d, x - s * 0.18, y, s, accent)
    # QR code to the right
    q = s * 0.42
    qx, qy = x + s * 0.62, y + s * 0.3
    d.rounded_rectangle([qx, qy, qx + q, qy + q], radius=s * 0.03, fill=WHITE)
    cell = q / 9
    pattern = [
        "111101111", "100101001", "101101101", "111100111",
        "000011000", "111010101", "100101011", "101110101", "111101011",
    ]
    for r, row in enumerate(pattern):
        for c, bit in enumerate(row):
            if bit == "1":
                d.rectangle([qx + c * cell + 1, qy + r * cell + 1,
                             qx + (c + 1) * cell - 1, qy + (r + 1) * cell - 1], fill=accent)
    # coin on the phone screen
    cx, cy, r = left + w / 2, top + h * 0.45, w * 0.28
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE)
    d.ellipse([cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7], outline=accent,
              width=max(3, int(s * 0.015)))


def icon_shield(d, x, y, s, accent):
    cx = x + s / 2
    top, bottom = y + s * 0.06, y + s * 0.96
    pts = [(cx, top), (x + s * 0.88, top + s * 0.14), (x + s * 0.84, y + s * 0.55),
           (cx, bottom), (x + s * 0.16, y + s * 0.55), (x + s * 0.12, top + s * 0.14)]
    d.polygon(pts, fill=WHITE)
    # padlock
    bw, bh = s * 0.3, s * 0.22
    bl, bt = cx - bw / 2, y + s * 0.48
    d.arc([cx - bw * 0.32, bt - bh * 0.75, cx + bw * 0.32, bt + bh * 0.4], 180, 360,
          fill=accent, width=max(6, int(s * 0.04)))
    d.rounded_rectangle([bl, bt, bl + bw, bt + bh], radius=s * 0.02, fill=accent)
    d.ellipse([cx - s * 0.025, bt + bh * 0.3, cx + s * 0.025, bt + bh * 0.55], fill=WHITE)


def icon_building(d, x, y, s, accent):
    base = y + s * 0.9
    d.polygon([(x + s * 0.08, y + s * 0.36), (x + s * 0.5, y + s * 0.1),
               (x + s * 0.92, y + s * 0.36)], fill=WHITE)
    d.rectangle([x + s * 0.12, y + s * 0.38, x + s * 0.88, y + s * 0.44], fill=WHITE)
    for i in range(4):
        cx = x + s * (0.2 + 0.2 * i)
        d.rectangle([cx - s * 0.04, y + s * 0.47, cx + s * 0.04, base - s * 0.08], fill=WHITE)
    d.rectangle([x + s * 0.06, base - s * 0.07, x + s * 0.94, base], fill=WHITE)
    # star on the pediment
    star(d, x + s * 0.5, y + s * 0.27, s * 0.06, accent)


def star(d, cx, cy, r, fill):
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.42
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=fill)


def icon_star(d, x, y, s, accent):
    d.ellipse([x + s * 0.1, y + s * 0.1, x + s * 0.9, y + s * 0.9], fill=WHITE)
    star(d, x + s / 2, y + s / 2, s * 0.32, accent)


def icon_people(d, x, y, s, accent):
    specs = [(0.26, 0.62, 0.8), (0.74, 0.62, 0.8), (0.5, 0.5, 1.0)]
    for px, py, k in specs:
        cx, cy = x + s * px, y + s * py
        hr = s * 0.1 * k
        fill = WHITE if k == 1.0 else (235, 240, 245)
        d.ellipse([cx - hr, cy - hr * 2.9, cx + hr, cy - hr * 0.9], fill=fill)
        d.pieslice([cx - hr * 2.1, cy - hr * 0.4, cx + hr * 2.1, cy + hr * 3.6], 180, 360,
                   fill=fill)
    d.rectangle([x + s * 0.08, y + s * 0.88, x + s * 0.92, y + s * 0.92], fill=accent)


def icon_chart(d, x, y, s, accent):
    d.rounded_rectangle([x + s * 0.04, y + s * 0.08, x + s * 0.96, y + s * 0.92],
                        radius=s * 0.05, fill=WHITE)
    heights = [0.25, 0.4, 0.33, 0.55, 0.68]
    bw = s * 0.11
    for i, hgt in enumerate(heights):
        bx = x + s * (0.14 + 0.16 * i)
        d.rectangle([bx, y + s * (0.82 - hgt), bx + bw, y + s * 0.82], fill=accent)
    pts = [(x + s * (0.14 + 0.16 * i) + bw / 2, y + s * (0.74 - hgt))
           for i, hgt in enumerate(heights)]
    d.line(pts, fill=(30, 64, 120), width=max(4, int(s * 0.02)))
    for px, py in pts:
        d.ellipse([px - s * 0.018, py - s * 0.018, px + s * 0.018, py + s * 0.018],
                  fill=(30, 64, 120))


def icon_calendar(d, x, y, s, accent):
    d.rounded_rectangle([x + s * 0.1, y + s * 0.16, x + s * 0.9, y + s * 0.92],
                        radius=s * 0.06, fill=WHITE)
    d.rounded_rectangle([x + s * 0.1, y + s * 0.16, x + s * 0.9, y + s * 0.36],
                        radius=s * 0.06, fill=accent)
    d.rectangle([x + s * 0.1, y + s * 0.3, x + s * 0.9, y + s * 0.36], fill=accent)
    for rx in (0.3, 0.7):
        d.rounded_rectangle([x + s * (rx - 0.03), y + s * 0.08, x + s * (rx + 0.03), y + s * 0.24],
                            radius=s * 0.02, fill=(40, 40, 40))
    font = ImageFont.truetype(first_existing(FONT_CANDIDATES), int(s * 0.3))
    d.text((x + s * 0.5, y + s * 0.64), "10/10", font=font, fill=(153, 27, 27), anchor="mm")


def icon_laptop(d, x, y, s, accent):
    d.rounded_rectangle([x + s * 0.16, y + s * 0.2, x + s * 0.84, y + s * 0.68],
                        radius=s * 0.03, fill=WHITE)
    d.rectangle([x + s * 0.2, y + s * 0.24, x + s * 0.8, y + s * 0.64], fill=accent)
    d.polygon([(x + s * 0.06, y + s * 0.74), (x + s * 0.94, y + s * 0.74),
               (x + s * 0.86, y + s * 0.68), (x + s * 0.14, y + s * 0.68)], fill=WHITE)
    # "form" lines on screen
    for i in range(3):
        yy = y + s * (0.31 + 0.1 * i)
        d.rectangle([x + s * 0.26, yy, x + s * (0.72 - 0.1 * i), yy + s * 0.04], fill=WHITE)


def icon_document(d, x, y, s, accent):
    d.polygon([(x + s * 0.2, y + s * 0.06), (x + s * 0.66, y + s * 0.06),
               (x + s * 0.82, y + s * 0.22), (x + s * 0.82, y + s * 0.94),
               (x + s * 0.2, y + s * 0.94)], fill=WHITE)
    d.polygon([(x + s * 0.66, y + s * 0.06), (x + s * 0.66, y + s * 0.22),
               (x + s * 0.82, y + s * 0.22)], fill=(220, 226, 235))
    d.rectangle([x + s * 0.28, y + s * 0.16, x + s * 0.58, y + s * 0.3], fill=accent)
    for i in range(6):
        yy = y + s * (0.38 + 0.08 * i)
        d.rectangle([x + s * 0.28, yy, x + s * (0.74 - (0.12 if i % 3 == 2 else 0)),
                     yy + s * 0.035], fill=(120, 130, 150))


def icon_book(d, x, y, s, accent):
    cx = x + s / 2
    d.polygon([(x + s * 0.06, y + s * 0.2), (cx - s * 0.02, y + s * 0.28),
               (cx - s * 0.02, y + s * 0.9), (x + s * 0.06, y + s * 0.82)], fill=WHITE)
    d.polygon([(x + s * 0.94, y + s * 0.2), (cx + s * 0.02, y + s * 0.28),
               (cx + s * 0.02, y + s * 0.9), (x + s * 0.94, y + s * 0.82)], fill=WHITE)
    for i in range(4):
        yy = s * (0.38 + 0.1 * i)
        d.line([(x + s * 0.14, y + yy - s * 0.02), (cx - s * 0.1, y + yy + s * 0.02)],
               fill=accent, width=max(3, int(s * 0.02)))
        d.line([(cx + s * 0.1, y + yy + s * 0.02), (x + s * 0.86, y + yy - s * 0.02)],
               fill=accent, width=max(3, int(s * 0.02)))


def icon_radio(d, x, y, s, accent):
    # microphone on a stand with sound waves
    cx = x + s / 2
    d.rounded_rectangle([cx - s * 0.12, y + s * 0.12, cx + s * 0.12, y + s * 0.56],
                        radius=s * 0.12, fill=WHITE)
    for i in range(3):
        yy = y + s * (0.22 + 0.08 * i)
        d.line([(cx - s * 0.08, yy), (cx + s * 0.08, yy)], fill=accent,
               width=max(3, int(s * 0.018)))
    d.arc([cx - s * 0.2, y + s * 0.3, cx + s * 0.2, y + s * 0.7], 0, 180, fill=WHITE,
          width=max(5, int(s * 0.03)))
    d.rectangle([cx - s * 0.015, y + s * 0.7, cx + s * 0.015, y + s * 0.84], fill=WHITE)
    d.rounded_rectangle([cx - s * 0.16, y + s * 0.84, cx + s * 0.16, y + s * 0.89],
                        radius=s * 0.02, fill=WHITE)
    for k in (0.32, 0.44):
        d.arc([cx - s * k, y + s * (0.34 - k + 0.2), cx + s * k, y + s * (0.34 + k - 0.2) + s * 0.2],
              -40, 40, fill=accent, width=max(5, int(s * 0.025)))
        d.arc([cx - s * k, y + s * (0.34 - k + 0.2), cx + s * k, y + s * (0.34 + k - 0.2) + s * 0.2],
              140, 220, fill=accent, width=max(5, int(s * 0.025)))


def icon_receipt(d, x, y, s, accent):
    left, right = x + s * 0.22, x + s * 0.78
    top, bottom = y + s * 0.06, y + s * 0.9
    pts = [(left, top), (right, top), (right, bottom)]
    n = 7
    step = (right - left) / n
    for i in range(n):
        xr = right - step * i
        pts.append((xr - step / 2, bottom - s * 0.04))
        pts.append((xr - step, bottom))
    pts.append((left, top))
    d.polygon(pts, fill=WHITE)
    for i in range(5):
        yy = y + s * (0.18 + 0.1 * i)
        d.rectangle([left + s * 0.07, yy, right - s * (0.2 if i % 2 else 0.07), yy + s * 0.035],
                    fill=(120, 130, 150))
    d.rectangle([left + s * 0.07, y + s * 0.7, right - s * 0.07, y + s * 0.76], fill=accent)


def icon_megaphone(d, x, y, s, accent):
    d.polygon([(x + s * 0.18, y + s * 0.4), (x + s * 0.7, y + s * 0.14),
               (x + s * 0.7, y + s * 0.82), (x + s * 0.18, y + s * 0.6)], fill=WHITE)
    d.rounded_rectangle([x + s * 0.08, y + s * 0.38, x + s * 0.22, y + s * 0.62],
                        radius=s * 0.03, fill=WHITE)
    d.polygon([(x + s * 0.24, y + s * 0.6), (x + s * 0.36, y + s * 0.64),
               (x + s * 0.4, y + s * 0.88), (x + s * 0.3, y + s * 0.88)], fill=WHITE)
    for k in (0.14, 0.24):
        d.arc([x + s * (0.78 - k), y + s * (0.48 - k), x + s * (0.78 + k), y + s * (0.48 + k)],
              -50, 50, fill=accent, width=max(5, int(s * 0.03)))


ICONS = {
    "phone": icon_phone, "idphone": icon_idphone, "qrphone": icon_qrphone,
    "shield": icon_shield, "building": icon_building, "star": icon_star,
    "people": icon_people, "chart": icon_chart, "calendar": icon_calendar,
    "laptop": icon_laptop, "document": icon_document, "book": icon_book,
    "radio": icon_radio, "receipt": icon_receipt, "megaphone": icon_megaphone,
}


# --------------------------------------------------------------------------
# images


def make_image(name, palette, icons, caption, sub, out: Path) -> Path:
    c1, c2, accent = PALETTES[palette]
    img = gradient(c1, c2)
    d = ImageDraw.Draw(img, "RGBA")

    # decorative translucent circles and a dotted grid
    d.ellipse([820, -180, 1380, 380], fill=(255, 255, 255, 22))
    d.ellipse([690, 330, 1130, 770], fill=(255, 255, 255, 16))
    d.ellipse([-160, 480, 200, 840], fill=(255, 255, 255, 14))
    for gx in range(60, 560, 36):
        for gy in range(560, 640, 36):
            d.ellipse([gx - 2, gy - 2, gx + 2, gy + 2], fill=(255, 255, 255, 40))

    bold = first_existing(FONT_CANDIDATES)
    regular = first_existing(FONT_REGULAR_CANDIDATES)
    f_head = ImageFont.truetype(bold, 26)
    f_sub = ImageFont.truetype(regular, 30)

    # header pill
    head = nfc(HEADER)
    hw = d.textlength(head, font=f_head)
    d.rounded_rectangle([60, 52, 60 + hw + 44, 100], radius=24, fill=(255, 255, 255, 40))
    d.ellipse([74, 68, 90, 84], fill=accent)
    d.text((100, 76), head, font=f_head, fill=WHITE, anchor="lm")

    # caption: largest size that fits in 3 lines of 600 px
    cap = nfc(caption)
    for size in (76, 70, 64, 58, 52):
        f_cap = ImageFont.truetype(bold, size)
        lines = wrap_balanced(d, cap, f_cap, 640)
        if len(lines) <= 3:
            break
    line_h = int(size * 1.28)
    block_h = line_h * len(lines)
    ytop = 330 - block_h // 2
    d.rectangle([60, ytop + 8, 68, ytop + block_h - 8], fill=accent)
    for i, line in enumerate(lines):
        d.text((92, ytop + i * line_h), line, font=f_cap, fill=WHITE)
    sub_lines = wrap_balanced(d, nfc(sub), f_sub, 640)
    for i, line in enumerate(sub_lines[:2]):
        d.text((92, ytop + block_h + 22 + i * 40), line, font=f_sub,
               fill=(255, 255, 255, 225))

    # icons on the right, inside a soft disc
    d.ellipse([760, 130, 1160, 530], fill=(255, 255, 255, 34))
    if len(icons) == 1:
        ICONS[icons[0]](d, 835, 205, 250, accent)
    else:
        ICONS[icons[0]](d, 778, 168, 215, accent)
        ICONS[icons[1]](d, 958, 312, 180, accent)

    # bottom band
    d.rectangle([0, H - 14, W, H], fill=accent)
    d.rectangle([0, H - 14, W // 3, H], fill=(255, 255, 255, 90))

    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    size_b = out.stat().st_size
    if size_b > MAX_JPEG_BYTES:
        print(f"warning: {out.name} is {size_b} bytes (> {MAX_JPEG_BYTES})")
    return out


def build_images() -> None:
    for name, palette, icons, caption, sub in IMAGES:
        out = make_image(name, palette, icons, caption, sub, IMG_DIR / f"{name}.jpg")
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size} bytes")


# --------------------------------------------------------------------------
# videos


def build_videos() -> None:
    ffmpeg = shutil.which("ffmpeg")
    espeak = shutil.which("espeak-ng")
    if not ffmpeg or not espeak:
        missing = [n for n, p in (("ffmpeg", ffmpeg), ("espeak-ng", espeak)) if not p]
        print("skipping videos: missing " + ", ".join(missing)
              + " (apt-get install -y ffmpeg espeak-ng)")
        return
    VIDEO_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, picture, text, seconds in VIDEOS:
            src = IMG_DIR / f"{picture}.jpg"
            if not src.is_file():
                make_image(*next(i for i in IMAGES if i[0] == picture), src)
            wav = Path(tmp) / f"{name}.wav"
            subprocess.run([espeak, "-v", "vi", "-s", "150", "-w", str(wav), nfc(text)],
                           check=True)
            out = VIDEO_DIR / f"{name}.mp4"
            fade_out = seconds - 1
            vf = (f"scale=480:270:flags=lanczos,format=yuv420p,"
                  f"fade=t=in:st=0:d=0.8,fade=t=out:st={fade_out}:d=1")
            af = f"adelay=700|700,apad,afade=t=out:st={fade_out}:d=1"
            cmd = [
                ffmpeg, "-y", "-hide_banner", "-loglevel", "error",
                "-loop", "1", "-framerate", "25", "-i", str(src),
                "-i", str(wav),
                "-t", str(seconds),
                "-vf", vf, "-af", af,
                "-c:v", "libx264", "-preset", "slow", "-tune", "stillimage",
                "-crf", "30", "-profile:v", "main", "-pix_fmt", "yuv420p",
                "-threads", "1", "-x264-params", "threads=1",
                "-c:a", "aac", "-b:a", "64k", "-ac", "1", "-ar", "44100",
                "-map_metadata", "-1", "-fflags", "+bitexact",
                "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                "-movflags", "+faststart",
                str(out),
            ]
            subprocess.run(cmd, check=True)
            size_b = out.stat().st_size
            flag = "" if size_b <= MAX_MP4_BYTES else f"  warning: > {MAX_MP4_BYTES}"
            print(f"{out.relative_to(ROOT)}  {size_b} bytes{flag}")


# --------------------------------------------------------------------------
# radio: podcast cover and MP3 audio of content/radio


def make_podcast_cover(out: Path) -> Path:
    """Square cover in the style of the pictures: red-gold gradient, microphone."""
    size = COVER_SIZE
    c1, c2, accent = PALETTES["redgold"]
    img = gradient(c1, c2, (size, size))
    d = ImageDraw.Draw(img, "RGBA")

    d.ellipse([900, -300, 1660, 460], fill=(255, 255, 255, 22))
    d.ellipse([-220, 1020, 300, 1540], fill=(255, 255, 255, 14))
    for gx in range(90, 650, 42):
        for gy in range(1308, 1360, 40):
            d.ellipse([gx - 3, gy - 3, gx + 3, gy + 3], fill=(255, 255, 255, 40))

    bold = first_existing(FONT_CANDIDATES)
    regular = first_existing(FONT_REGULAR_CANDIDATES)

    # header pill, centred
    f_head = ImageFont.truetype(bold, 36)
    head = nfc(HEADER)
    hw = d.textlength(head, font=f_head)
    pill_w = hw + 86
    px0 = (size - pill_w) / 2
    d.rounded_rectangle([px0, 90, px0 + pill_w, 156], radius=33, fill=(255, 255, 255, 40))
    d.ellipse([px0 + 26, 112, px0 + 48, 134], fill=accent)
    d.text((px0 + 62, 123), head, font=f_head, fill=WHITE, anchor="lm")

    # microphone inside a soft disc
    cx, cy, r = size / 2, 490, 285
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255, 34))
    icon = 430
    ICONS["radio"](d, cx - icon / 2, cy - icon / 2, icon, accent)

    # title (centred, up to 2 lines) and subtitle
    title = nfc("Chuyên mục Chuyển đổi số")
    for font_size in (132, 124, 116, 108):
        f_title = ImageFont.truetype(bold, font_size)
        lines = wrap_balanced(d, title, f_title, 1200)
        if len(lines) <= 2:
            break
    line_h = int(font_size * 1.2)
    y = 830
    for i, line in enumerate(lines):
        d.text((cx, y + i * line_h), line, font=f_title, fill=WHITE, anchor="ma")
    y += line_h * len(lines) + 24
    d.rounded_rectangle([cx - 90, y, cx + 90, y + 12], radius=6, fill=accent)
    f_sub = ImageFont.truetype(regular, 50)
    sub_lines = wrap_balanced(d, nfc("Đài Phát thanh và Truyền hình tỉnh Quảng Ngãi"), f_sub, 1220)
    for i, line in enumerate(sub_lines[:2]):
        d.text((cx, y + 46 + i * 64), line, font=f_sub, fill=(255, 255, 255, 230), anchor="ma")

    d.rectangle([0, size - 20, size, size], fill=accent)
    d.rectangle([0, size - 20, size // 3, size], fill=(255, 255, 255, 90))

    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    size_b = out.stat().st_size
    if size_b > MAX_COVER_BYTES:
        print(f"warning: {out.name} is {size_b} bytes (> {MAX_COVER_BYTES})")
    return out


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``(front matter, rest)`` of a Markdown file that starts with ``---``."""
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    if not match:
        return None
    return match.group(1), text[match.end():]


def front_matter_value(path: Path, key: str) -> str | None:
    """A top-level scalar of the front matter (PyYAML if available)."""
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    if parts is None:
        return None
    try:
        import yaml
    except ImportError:
        match = re.search(rf"^{key}:[ \t]*(.+?)[ \t]*$", parts[0], re.M)
        if not match:
            return None
        value = match.group(1)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        return value
    value = (yaml.safe_load(parts[0]) or {}).get(key)
    return None if value is None else str(value)


def format_duration(seconds: int) -> str:
    """``"MM:SS"``, or ``"HH:MM:SS"`` from one hour on."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def set_duration(path: Path, duration: str) -> bool:
    """Write ``duration: "…"`` into the front matter of ``path``; True if changed."""
    text = path.read_text(encoding="utf-8")
    parts = split_front_matter(text)
    if parts is None:
        print(f"warning: {path.relative_to(ROOT)} has no front matter")
        return False
    head, rest = parts
    line = f'duration: "{duration}"'
    if re.search(r"^duration:.*$", head, re.M):
        new_head = re.sub(r"^duration:.*$", line, head, count=1, flags=re.M)
    elif re.search(r"^audio:.*$", head, re.M):
        new_head = re.sub(r"^(audio:.*)$", rf"\1\n{line}", head, count=1, flags=re.M)
    else:
        new_head = head + line + "\n"
    new_text = f"---\n{new_head}---\n{rest}"
    if new_text == text:
        return False
    path.write_text(new_text, encoding="utf-8", newline="\n")
    return True


def probe_seconds(ffprobe: str, path: Path) -> float:
    result = subprocess.run(
        [ffprobe, "-v", "error", "-show_entries", "format=duration",
         "-of", "default=noprint_wrappers=1:nokey=1", str(path)],
        check=True, capture_output=True, text=True)
    return float(result.stdout.strip())


# Three-note chime (G5, B5, D6) with exponential decay, 1.6 s, as an ffmpeg
# ``aevalsrc`` expression: deterministic, no sample files needed.
CHIME = ("0.22*(sin(2*PI*784*t)*exp(-6*t)*lt(t,0.45)"
         "+sin(2*PI*988*(t-0.22))*exp(-6*(t-0.22))*gte(t,0.22)*lt(t,0.9)"
         "+sin(2*PI*1175*(t-0.44))*exp(-4*(t-0.44))*gte(t,0.44))")
VOICE_START = 1.9      # seconds: the voice starts after the chime
TAIL = 0.8             # at least this much silence after the voice


def build_radio() -> None:
    cover = make_podcast_cover(RADIO_DIR / "podcast-cover.jpg")
    print(f"{cover.relative_to(ROOT)}  {cover.stat().st_size} bytes")
    tools = {name: shutil.which(name) for name in ("ffmpeg", "ffprobe", "espeak-ng")}
    missing = [name for name, path in tools.items() if not path]
    if missing:
        print("skipping radio audio: missing " + ", ".join(missing)
              + " (apt-get install -y ffmpeg espeak-ng)")
        return
    ffmpeg, ffprobe, espeak = tools["ffmpeg"], tools["ffprobe"], tools["espeak-ng"]
    RADIO_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for key, text in RADIO:
            folder = RADIO_CONTENT_DIR / key[:4]
            vi = folder / f"{key}.vi.md"
            if not vi.is_file():
                print(f"skipping {key}: {vi.relative_to(ROOT)} not found")
                continue
            title = nfc(front_matter_value(vi, "title") or key)
            audio = front_matter_value(vi, "audio")
            if audio != f"/media/radio/{key}.mp3":
                print(f"warning: {vi.relative_to(ROOT)}: audio is {audio!r}, "
                      f"expected /media/radio/{key}.mp3")
            wav = Path(tmp) / f"{key}.wav"
            subprocess.run([espeak, "-v", "vi", "-s", "150", "-w", str(wav),
                            nfc(RADIO_INTRO + text + RADIO_OUTRO)], check=True)
            speech = probe_seconds(ffprobe, wav)
            total = math.ceil(VOICE_START + speech + TAIL)   # whole seconds
            delay = int(VOICE_START * 1000)
            out = RADIO_DIR / f"{key}.mp3"
            cmd = [
                ffmpeg, "-y", "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", f"aevalsrc=exprs='{CHIME}':s=22050:d=1.6",
                "-i", str(wav),
                "-filter_complex",
                f"[1:a]volume=0.7,adelay={delay}|{delay}[v];"   # -3 dB: espeak peaks at 0 dBFS
                f"[0:a][v]amix=inputs=2:duration=longest:normalize=0,"
                f"apad=whole_dur={total}[a]",
                "-map", "[a]", "-threads", "1",
                "-codec:a", "libmp3lame", "-b:a", "32k", "-ac", "1", "-ar", "22050",
                "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
                "-id3v2_version", "3", "-write_id3v1", "0",
                "-metadata", f"title={title}",
                "-metadata", f"artist={nfc(RADIO_ARTIST)}",
                "-metadata", f"album={nfc(RADIO_ALBUM)}",
                str(out),
            ]
            subprocess.run(cmd, check=True)
            seconds = round(probe_seconds(ffprobe, out))
            size_b = out.stat().st_size
            notes = []
            if size_b > MAX_MP3_BYTES:
                notes.append(f"warning: > {MAX_MP3_BYTES} bytes")
            if not RADIO_SECONDS[0] <= seconds <= RADIO_SECONDS[1]:
                notes.append(f"warning: {seconds} s outside {RADIO_SECONDS}")
            duration = format_duration(seconds)
            for md in sorted(folder.glob(f"{key}.*.md")):
                if set_duration(md, duration):
                    notes.append(f"duration written to {md.name}")
            print(f"{out.relative_to(ROOT)}  {duration}  {size_b} bytes"
                  + "".join(f"  ({n})" for n in notes))


# --------------------------------------------------------------------------
# e-bulletin covers: bulletins/<year>/<NN>/cover.jpg
#
# One portrait cover per issue of the "Bản tin điện tử Chuyển đổi số", in the
# style of the pictures: masthead, "Số N/YYYY", the issue's title (``title:``
# of ``issue.yml``), the publishing unit (``publisher:``, a unit id whose
# Vietnamese name is read from mkdocs.yml) and one or two icons.  Every folder
# with an ``issue.yml`` gets a cover; palette and icons come from
# BULLETIN_STYLES ("<year>/<NN>"), other issues cycle through the palettes with
# the "document" icon.

BULLETINS_DIR = ROOT / "bulletins"
BULLETIN_SIZE = (1240, 1754)            # A4 portrait ratio
MAX_BULLETIN_COVER_BYTES = 180 * 1024
BULLETIN_MASTHEAD = "BẢN TIN CHUYỂN ĐỔI SỐ"
BULLETIN_STYLES = {
    "2023/01": ("blue", ["megaphone", "building"]),
    "2023/02": ("navy", ["idphone"]),
    "2023/03": ("redgold", ["building", "people"]),
    "2023/04": ("redgold", ["calendar", "people"]),
    "2023/05": ("teal", ["qrphone", "chart"]),
    "2023/06": ("navy", ["shield", "laptop"]),
    "2024/01": ("blue", ["megaphone", "people"]),
    "2024/02": ("navy", ["receipt", "chart"]),
    "2024/03": ("navy", ["idphone"]),
    "2024/04": ("teal", ["building", "chart"]),
    "2024/05": ("blue", ["laptop", "building"]),
    "2024/06": ("navy", ["shield", "phone"]),
    "2024/07": ("redgold", ["people", "star"]),
    "2024/08": ("blue", ["laptop", "people"]),
}


def issue_fields(path: Path) -> dict:
    """Top-level scalars of an ``issue.yml`` (PyYAML if available)."""
    text = path.read_text(encoding="utf-8")
    try:
        import yaml
    except ImportError:
        fields = {}
        for key, value in re.findall(r"^(\w+):[ \t]*(.+?)[ \t]*$", text, re.M):
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields.setdefault(key, value)
        return fields
    return {k: v for k, v in (yaml.safe_load(text) or {}).items()
            if not isinstance(v, (dict, list))}


def unit_name(unit_id: str) -> str:
    """Vietnamese name of a unit of mkdocs.yml, completed with the province."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(rf"^\s+{re.escape(unit_id)}:\s*\n\s+vi:[ \t]*(.+?)[ \t]*$", text, re.M)
    name = match.group(1).strip("\"'") if match else unit_id
    if "Quảng Ngãi" not in name:
        if name.endswith(" tỉnh"):
            name += " Quảng Ngãi"
        elif name.startswith("Sở "):
            name += " tỉnh Quảng Ngãi"
        else:
            name += ", tỉnh Quảng Ngãi"
    return nfc(name)


def make_bulletin_cover(number, year, month, title, publisher, palette, icons,
                        out: Path) -> Path:
    w, h = BULLETIN_SIZE
    c1, c2, accent = PALETTES[palette]
    img = gradient(c1, c2, (w, h))
    d = ImageDraw.Draw(img, "RGBA")
    bold = first_existing(FONT_CANDIDATES)
    regular = first_existing(FONT_REGULAR_CANDIDATES)
    x0, text_w = 96, w - 2 * 96

    # decorative translucent circles and a dotted grid
    d.ellipse([760, -260, 1500, 480], fill=(255, 255, 255, 22))
    d.ellipse([-260, 1180, 300, 1740], fill=(255, 255, 255, 14))
    for gx in range(w - x0 - 320, w - x0 + 1, 40):      # right of "Số N/YYYY"
        for gy in range(556, 597, 40):
            d.ellipse([gx - 3, gy - 3, gx + 3, gy + 3], fill=(255, 255, 255, 40))

    # header pill
    f_head = ImageFont.truetype(bold, 30)
    head = nfc(HEADER)
    hw = d.textlength(head, font=f_head)
    d.rounded_rectangle([x0, 96, x0 + hw + 56, 154], radius=29, fill=(255, 255, 255, 40))
    d.ellipse([x0 + 18, 115, x0 + 38, 135], fill=accent)
    d.text((x0 + 50, 125), head, font=f_head, fill=WHITE, anchor="lm")

    # masthead on two lines
    mast = nfc(BULLETIN_MASTHEAD)
    for size in (132, 124, 116, 108, 100):
        f_mast = ImageFont.truetype(bold, size)
        lines = wrap_balanced(d, mast, f_mast, text_w)
        if len(lines) <= 2:
            break
    y = 210
    for line in lines:
        d.text((x0, y), line, font=f_mast, fill=WHITE)
        y += int(size * 1.12)
    y += 26

    # issue number in an accent pill, month beside it
    f_num = ImageFont.truetype(bold, 50)
    num = nfc(f"Số {number}/{year}")
    nw = d.textlength(num, font=f_num)
    d.rounded_rectangle([x0, y, x0 + nw + 60, y + 84], radius=42, fill=accent)
    d.text((x0 + 30, y + 42), num, font=f_num, fill=c1, anchor="lm")
    f_month = ImageFont.truetype(regular, 40)
    d.text((x0 + nw + 96, y + 42), nfc(f"Tháng {month}/{year}"), font=f_month,
           fill=(255, 255, 255, 230), anchor="lm")

    # illustration inside a soft disc
    cx, cy, r = w / 2, 905, 290
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255, 34))
    if len(icons) == 1:
        ICONS[icons[0]](d, cx - 180, cy - 180, 360, accent)
    else:
        ICONS[icons[0]](d, cx - 250, cy - 220, 300, accent)
        ICONS[icons[1]](d, cx + 10, cy - 10, 240, accent)

    # title: largest size that fits in 3 lines
    cap = nfc(title)
    for size in (84, 78, 72, 66, 60, 54):
        f_title = ImageFont.truetype(bold, size)
        lines = wrap_balanced(d, cap, f_title, text_w - 34)
        if len(lines) <= 3:
            break
    line_h = int(size * 1.25)
    ytop = 1270
    d.rectangle([x0, ytop + 10, x0 + 9, ytop + line_h * len(lines) - 10], fill=accent)
    for i, line in enumerate(lines[:3]):
        d.text((x0 + 34, ytop + i * line_h), line, font=f_title, fill=WHITE)

    # publisher line above the bottom band
    d.rectangle([x0, 1622, w - x0, 1624], fill=(255, 255, 255, 90))
    f_pub = ImageFont.truetype(regular, 36)
    pub_lines = wrap_balanced(d, nfc(publisher), f_pub, text_w)
    for i, line in enumerate(pub_lines[:2]):
        d.text((x0, 1648 + i * 46), line, font=f_pub, fill=(255, 255, 255, 230))

    d.rectangle([0, h - 20, w, h], fill=accent)
    d.rectangle([0, h - 20, w // 3, h], fill=(255, 255, 255, 90))

    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    size_b = out.stat().st_size
    if size_b > MAX_BULLETIN_COVER_BYTES:
        print(f"warning: {out.relative_to(ROOT)} is {size_b} bytes "
              f"(> {MAX_BULLETIN_COVER_BYTES})")
    return out


def build_bulletin_covers() -> None:
    cycle = list(PALETTES)
    for issue in sorted(BULLETINS_DIR.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/issue.yml")):
        folder = issue.parent
        key = f"{folder.parent.name}/{folder.name}"
        fields = issue_fields(issue)
        number = int(fields.get("number") or folder.name)
        date = str(fields.get("date") or "")
        month = int(date[5:7]) if re.match(r"\d{4}-\d{2}", date) else 0
        palette, icons = BULLETIN_STYLES.get(
            key, (cycle[(number - 1) % len(cycle)], ["document"]))
        out = make_bulletin_cover(
            number, folder.parent.name, month or "?", str(fields.get("title") or key),
            unit_name(str(fields.get("publisher") or "so-tttt-quang-ngai")),
            palette, icons, folder / str(fields.get("cover") or "cover.jpg"))
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size} bytes")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", action="store_true", help="only build the pictures")
    ap.add_argument("--videos", action="store_true", help="only build the videos")
    ap.add_argument("--radio", action="store_true",
                    help="only build the radio audio and the podcast cover "
                         "(and update duration: in content/radio)")
    ap.add_argument("--bulletins", action="store_true",
                    help="only build the e-bulletin covers (bulletins/*/*/cover.jpg)")
    args = ap.parse_args(argv)
    do_all = not (args.images or args.videos or args.radio or args.bulletins)
    if do_all or args.images:
        build_images()
    if do_all or args.videos:
        build_videos()
    if do_all or args.radio:
        build_radio()
    if do_all or args.bulletins:
        build_bulletin_covers()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
