"""The ``cdsportal`` command: build, serve, check, new news."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from .build import cache_dir_for, prepare
from .diagnostics import ContentError, Problems
from .i18n import DEFAULT_LANGUAGE, LANGUAGES
from .text import TIMEZONE, nfc, slugify, slugify_words


def _show_engine_log(level: int) -> None:
    """Print the engine's messages (warnings, serve's rebuilds) on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "cdsportal"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False


def _progress_printer():
    """A callback showing progress on one terminal line (silent when not a terminal)."""
    if not sys.stderr.isatty():
        return None

    def show(message: str) -> None:
        sys.stderr.write(f"\r\033[K… {message}")
        sys.stderr.flush()
    return show


def _clear_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")


def cmd_build(args) -> int:
    """Build into a staging folder and swap it into place only on success."""
    from . import mkdocs_adapter as engine
    from .outputs.tree import SiteFolders
    config_file = Path(args.config_file).resolve()
    settings = engine.load_engine_config(config_file)  # read once: site_dir, then the build
    site_dir = Path(args.site_dir).resolve() if args.site_dir else Path(settings.site_dir)
    folders = SiteFolders(site_dir, cache_dir_for(config_file.parent))
    started = time.monotonic()
    _show_engine_log(logging.WARNING)
    tree = folders.start()
    try:
        stats = engine.build_into(settings, tree, progress=_progress_printer(),
                                  search_index=not args.no_search)
    except Exception as error:  # report, keep the last good site, clean up
        _clear_progress()
        folders.abandon(tree)
        print(f"Xây dựng thất bại, trang cũ được giữ nguyên / Build failed, the previous site "
              f"is untouched:\n{error}", file=sys.stderr)
        return 1
    folders.commit(tree, stats["manifest"])
    _clear_progress()
    per_lang = ", ".join(f"{lang}: {n}" for lang, n in stats["per_language"].items())
    if args.timings:
        print("  ".join(f"{stage} {seconds:.2f}s" for stage, seconds in stats["timings"].items()))
        print(f"pages reused {stats['reused']}, rendered {stats['rendered']}, "
              f"search shards re-indexed {stats.get('search_rebuilt', 0)}, "
              f"output folder {'updated' if tree.reused else 'written'}")
    print(f"OK: {stats['pages']} trang/pages ({stats['rendered']} mới/new), tin/news {per_lang}, "
          f"{stats.get('warnings', 0)} cảnh báo/warnings, {time.monotonic() - started:.1f} s → {site_dir}")
    return 0


def cmd_serve(args) -> int:
    from . import mkdocs_adapter as engine
    _show_engine_log(logging.INFO)
    engine.serve(Path(args.config_file).resolve(), args.dev_addr)
    return 0


def cmd_check(args) -> int:
    """Validate all content and list every problem; non-zero exit when there are errors."""
    from . import mkdocs_adapter as engine
    config_file = Path(args.config_file).resolve()
    problems = Problems(config_file.parent)
    try:
        config = engine.portal_config(config_file, problems)
        if not problems.errors:
            prepared = prepare(config, problems, cache_dir=cache_dir_for(config.root))
    except ContentError:
        pass
    report = problems.report()
    if report:
        print(report)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if errors:
        print(f"\n{errors} lỗi, {warnings} cảnh báo / {errors} error(s), {warnings} warning(s)",
              file=sys.stderr)
        return 1
    counts = ", ".join(f"{lang}: {len(prepared.graph.news[lang])}" for lang in config.languages)
    print(f"Nội dung hợp lệ / content is valid — tin/news {counts}; {warnings} cảnh báo/warnings")
    return 0


def cmd_new_news(args) -> int:
    """Write a new news item file with its front matter filled in."""
    from . import mkdocs_adapter as engine
    config_file = Path(args.config_file).resolve()
    problems = Problems(config_file.parent)
    config = engine.portal_config(config_file, problems)
    news_dir = config.content_dir / "news"
    title = nfc(args.title).strip()
    now = datetime.now(TIMEZONE).replace(second=0, microsecond=0)
    lines = ["---", f"title: {_yaml_str(title)}"]
    if args.lang != DEFAULT_LANGUAGE and not args.translation_of:
        print(f"Bản {args.lang} là bản dịch: thêm --translation-of KHÓA_TIN_GỐC / a {args.lang} "
              f"item is a translation: add --translation-of KEY", file=sys.stderr)
        return 2
    if args.translation_of:
        if args.lang == DEFAULT_LANGUAGE:
            print("--translation-of cần --lang en / needs --lang en", file=sys.stderr)
            return 2
        originals = sorted(news_dir.rglob(f"{args.translation_of}.{DEFAULT_LANGUAGE}.md")) + \
            sorted(news_dir.rglob(f"{args.translation_of}/index.{DEFAULT_LANGUAGE}.md"))
        if not originals:
            print(f"Không tìm thấy tin gốc / no Vietnamese item with key '{args.translation_of}' "
                  f"under {news_dir}", file=sys.stderr)
            return 2
        original = originals[0]
        target = original.with_name(original.name.replace(f".{DEFAULT_LANGUAGE}.md", f".{args.lang}.md"))
        meta = _front_matter(original)
        lines.append(f"date: {meta.get('date', now.strftime('%Y-%m-%d %H:%M'))}")
        lines.append(f"summary: {_yaml_str(args.summary or '')}")
        lines.append(f"category: {meta.get('category', '')}")
        for key in ("image", "video", "youtube", "source_unit", "featured"):
            if meta.get(key):
                lines.append(f"{key}: {meta[key]}")
        if meta.get("image"):
            lines.append('image_alt: ""  # mô tả ảnh bằng tiếng Anh / describe the image in English')
        lines.append(f"slug: {slugify(title)}")
    else:
        stem = f"{now:%Y-%m-%d}-{slugify_words(title, 60)}"
        target = news_dir / f"{now:%Y}" / f"{stem}.{args.lang}.md"
        lines.append(f"date: {now:%Y-%m-%d %H:%M}")
        lines.append(f"summary: {_yaml_str(args.summary or '')}")
        if args.category:
            lines.append(f"category: {args.category}")
        else:
            lines.append(f"category:   # một trong / one of: {', '.join(config.categories)}")
        lines.append("tags: []")
        lines.append("# image: /media/anh/ten-anh.jpg")
        lines.append("# image_alt: Mô tả nội dung ảnh")
    lines += ["---", "", "Nội dung tin viết ở đây. / Write the article here.", ""]
    if target.exists():
        print(f"Tệp đã có / already exists: {target}", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), encoding="utf-8")
    print(target.relative_to(config.root))
    return 0


def cmd_report(args) -> int:
    """Write a plan's implementation report (md, csv or pdf)."""
    from . import mkdocs_adapter as engine
    from .build import build_time
    from .report import report_rows, to_csv, to_markdown, to_pdf
    config_file = Path(args.config_file).resolve()
    problems = Problems(config_file.parent)
    try:
        config = engine.portal_config(config_file, problems)
        prepared = prepare(config, problems, cache_dir=cache_dir_for(config.root))
        now = build_time()
        plan, rows = report_rows(prepared, args.plan_id, now)
    except ContentError:
        print(problems.report(), file=sys.stderr)
        return 1
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    text = to_markdown(plan, rows, now)
    data = {"md": text.encode("utf-8"), "csv": to_csv(rows).encode("utf-8"),
            "pdf": to_pdf(text) if args.format == "pdf" else b""}[args.format]
    target = Path(args.output or f"bao-cao-{plan.id}.{args.format}")
    target.write_bytes(data)
    print(target)
    return 0


def _front_matter(path: Path) -> dict:
    from .readers.frontmatter import parse_document
    doc = parse_document(path, Problems())
    return doc.meta if doc else {}


def _yaml_str(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cdsportal", description=(
        "Cổng thông tin Chuyển đổi số: xây dựng, xem trước, kiểm tra nội dung. / "
        "Build, preview and check a Chuyển đổi số portal."))
    sub = top.add_subparsers(dest="command", required=True)

    def with_config(p):
        p.add_argument("-f", "--config-file", default="mkdocs.yml",
                       help="tệp cấu hình / configuration file (mkdocs.yml)")
        return p

    p = with_config(sub.add_parser("build", help="xây dựng trang / build the site"))
    p.add_argument("-d", "--site-dir", help="thư mục kết quả / output folder (default: site_dir)")
    p.add_argument("--no-search", action="store_true", help="bỏ qua chỉ mục tìm kiếm / skip the search index")
    p.add_argument("--timings", action="store_true", help="thời gian từng bước / seconds per stage")
    p.set_defaults(run=cmd_build)
    p = with_config(sub.add_parser("serve", help="xem trước, tự tải lại / preview with live reload"))
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(run=cmd_serve)
    p = with_config(sub.add_parser("check", help="kiểm tra nội dung / check all content"))
    p.set_defaults(run=cmd_check)
    p = with_config(sub.add_parser("report", help="báo cáo kết quả kế hoạch / a plan's report"))
    p.add_argument("plan_id", help="mã kế hoạch / plan id, e.g. quang-ngai-2024")
    p.add_argument("--format", choices=("md", "csv", "pdf"), default="md")
    p.add_argument("-o", "--output", help="tệp kết quả / output file")
    p.set_defaults(run=cmd_report)
    new = sub.add_parser("new", help="tạo nội dung mới / create new content")
    kinds = new.add_subparsers(dest="kind", required=True)
    p = with_config(kinds.add_parser("news", help="một tin mới / a news item"))
    p.add_argument("--title", required=True, help="tiêu đề / title")
    p.add_argument("--summary", help="tóm tắt / summary")
    p.add_argument("--category", help="chuyên mục / category key")
    p.add_argument("--lang", default=DEFAULT_LANGUAGE, choices=LANGUAGES)
    p.add_argument("--translation-of", metavar="KEY", help="khóa tin gốc / key of the Vietnamese item")
    p.set_defaults(run=cmd_new_news)
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the engine's notice is not for editors
    args = parser().parse_args(argv)
    # Reading the content allocates millions of small objects that live until
    # the end: collecting the youngest generation every 700 allocations costs
    # a fifth of a rebuild at 10,000 items and frees almost nothing. (Only the
    # command does this; `mkdocs build` with the plugin keeps Python's defaults.)
    gc.set_threshold(50_000, 20, 20)
    code = args.run(args)
    if argv is None:
        # Run as the command: everything is written and closed; skip freeing
        # the whole content model one object at a time (half a second at 10k).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
