#!/usr/bin/env python3
"""Generate the example illustrations and short videos used by ``content/news``.

The example site ships with flat "infographic" pictures (1200×675 JPEG) and
three short MP4 clips with a Vietnamese voice-over.  Everything is drawn from
code so that anyone can regenerate, restyle or replace the files:

    python3 scripts/make_example_media.py            # images + videos
    python3 scripts/make_example_media.py --images   # images only
    python3 scripts/make_example_media.py --videos   # videos only (needs the images)

Output
    content/media/anh/<name>.jpg     1200×675, JPEG quality 80, progressive, < 90 KB
    content/media/video/<name>.mp4   480×270, H.264 + AAC, 10 s, ``+faststart``, < 400 KB

Requirements (NOT dependencies of the ``cdsportal`` package):
    * Pillow — e.g. ``pip install --target /tmp/pil pillow`` and run with
      ``PYTHONPATH=/tmp/pil``.
    * A font with full Vietnamese glyphs (Noto Sans or DejaVu Sans; see
      ``FONT_CANDIDATES``).  Check with ``fc-list :lang=vi``.
    * For videos: ``ffmpeg`` (with libx264 and the native AAC encoder) and
      ``espeak-ng`` with the ``vi`` voice.  When either is missing the video
      step is skipped with a message; the images are still produced.

The output is deterministic: there is no randomness, every caption is an NFC
string, JPEG files are written without metadata and ffmpeg runs single-threaded
with ``bitexact`` flags.  Byte-identical results are expected for the same
Pillow / ffmpeg / espeak-ng versions; other versions give visually identical
files.  Re-running overwrites the files in place.

Pictures are reused by several news items; an item points to one with
``image: /media/anh/<name>.jpg`` and to a clip with
``video: /media/video/<name>.mp4`` (the clip's picture doubles as its poster).
"""

from __future__ import annotations

import argparse
import math
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

W, H = 1200, 675
JPEG_QUALITY = 80
MAX_JPEG_BYTES = 90 * 1024
MAX_MP4_BYTES = 400 * 1024

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


def gradient(c1, c2) -> Image.Image:
    """Diagonal gradient from the top-left colour to the bottom-right one."""
    # Build a small gradient and upscale it: smooth and fast.
    sw, sh = 120, 68
    small = Image.new("RGB", (sw, sh))
    px = small.load()
    for y in range(sh):
        for x in range(sw):
            t = (x / (sw - 1)) * 0.65 + (y / (sh - 1)) * 0.35
            px[x, y] = lerp(c1, c2, t)
    return small.resize((W, H), Image.BICUBIC)


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", action="store_true", help="only build the pictures")
    ap.add_argument("--videos", action="store_true", help="only build the videos")
    args = ap.parse_args(argv)
    do_all = not (args.images or args.videos)
    if do_all or args.images:
        build_images()
    if do_all or args.videos:
        build_videos()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
