"""Vietnamese text rules: NFC, ASCII slugs, đ-folding, dates per language."""

import unicodedata
from datetime import date, datetime, timezone

from cdsportal.text import format_date, format_month, localize, nfc, slugify


def test_slugs_are_ascii_and_fold_d():
    assert slugify("Chuyển đổi số") == "chuyen-doi-so"
    assert slugify("Đường lên Đồng Văn") == "duong-len-dong-van"
    assert slugify(unicodedata.normalize("NFD", "Chuyển đổi số")) == "chuyen-doi-so"


def test_nfd_input_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Chuyển đổi số")
    assert decomposed != "Chuyển đổi số"
    assert nfc(decomposed) == "Chuyển đổi số"


def test_dates_per_language_in_vietnam_time():
    assert format_date(date(2024, 1, 3), "vi") == "03/01/2024"
    assert format_date(date(2024, 1, 3), "en") == "3 January 2024"
    # 20:00 UTC on 2 January is already 3 January in Hà Nội.
    late = datetime(2024, 1, 2, 20, 0, tzinfo=timezone.utc)
    assert format_date(late, "vi") == "03/01/2024"
    assert localize(late).utcoffset().total_seconds() == 7 * 3600
    assert format_month(2024, 3, "vi") == "tháng 3/2024"
    assert format_month(2024, 3, "en") == "March 2024"


def test_long_slugs_are_cut_between_words():
    from cdsportal.text import slugify_words
    slug = slugify_words("Hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình", 40)
    assert slug == "huong-dan-nguoi-dan-su-dung-dich-vu-cong"
