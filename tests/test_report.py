"""`cdsportal report`: the implementation report a plan demands, in three formats."""

import csv
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def report(tmp_path, fmt: str) -> Path:
    target = tmp_path / f"bao-cao.{fmt}"
    result = subprocess.run([sys.executable, "-m", "cdsportal.cli", "report", "quang-ngai-2024",
                             "-f", str(ROOT / "mkdocs.yml"), "--format", fmt, "-o", str(target)],
                            capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "CDSPORTAL_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    return target


def test_markdown_report_lists_every_activity_with_its_progress(tmp_path):
    text = report(tmp_path, "md").read_text(encoding="utf-8")
    assert text.startswith("# Báo cáo kết quả thực hiện: Kế hoạch truyền thông về Chuyển đổi số "
                           "tỉnh Quảng Ngãi năm 2024")
    assert "- Số hiệu: 01/KH-UBND" in text and "- Hạn báo cáo: 15/11/2024" in text
    row = next(line for line in text.splitlines() if line.startswith("| III.2.d |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3] == "15 tin, bài mỗi tháng (vi, en)"
    done, expected = map(int, cells[4].split("/"))
    assert expected == 180 and 0 < done < expected      # the example falls short, visibly
    assert cells[5] == f"{round(100 * done / expected)}%"
    assert "https://cds.quangngai.example/luu-tru/2024/" in cells[6]


def test_csv_report_has_one_row_per_target(tmp_path):
    rows = list(csv.DictReader(report(tmp_path, "csv").open(encoding="utf-8")))
    codes = [row["ma_muc"] for row in rows]
    assert "III.2.d" in codes and "III.1" in codes
    bulletin = next(row for row in rows if row["chi_tieu"] == "12 số bản tin mỗi năm")
    assert bulletin["da_thuc_hien"] == "8/12" and bulletin["ty_le"] == "67%"
    assert bulletin["minh_chung"].count("/ban-tin/2024/so-") == 8


def test_pdf_report_extracts_with_diacritics(tmp_path):
    pdf = report(tmp_path, "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = " ".join(text.split())  # table cells wrap
    assert "Báo cáo kết quả thực hiện" in text and "Đài Phát thanh và Truyền hình" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "Be-Vietnam-Pro" in fonts


def test_unknown_plan_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "cdsportal.cli", "report", "khong-co",
                             "-f", str(ROOT / "mkdocs.yml")], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 2 and "quang-ngai-2024" in result.stderr
