"""Benchmark cdsportal builds against Hugo on synthetic corpora.

Usage:
    python scripts/bench/build_bench.py [--sizes 1000 10000] [--workdir /tmp/cds-bench]
                                        [--seed 1] [--repeat 1] [--keep] [--only-hugo]

For each size N: generate the corpus with make_corpus.py (untimed), then time
cold ``cdsportal build`` runs and cold Hugo builds of the same corpus, taking
turns (the machine's speed drifts over minutes: the ratio must not depend on
who ran first), then a warm rebuild after editing one item (after one untimed
rebuild, so that it starts from the spare site folder as every build after an
editor's second does). Prints a table, compares against the targets and writes
everything to WORKDIR/results.json. Build logs go to WORKDIR/logs.

With --repeat R each measurement runs R times and the fastest is reported
(all samples are kept in the JSON); each warm run edits a different item.
Wall times include file-system writes, so a tmpfs workdir (e.g.
/dev/shm/cds-bench) gives steadier figures than a disk mounted with discard.

Memory: "RSS" is ru_maxrss from os.wait4 on the build process, i.e. the
largest single process among it and its reaped children; "tree" is the peak
of the summed PSS of the whole process tree, sampled every 0.1 s from /proc
(this is what counts when cdsportal forks workers) in one more cold build of
each generator, untimed: sampling slows what it samples (see run_measured).

This is a benchmark, not a test: it reports figures and never fails on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import Item, LenientLoader, make_corpus, quote  # noqa: E402  (sibling)

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / ".venv"
CDSPORTAL = VENV / "bin" / "cdsportal"

TARGET_COLD_VS_HUGO = 1.5      # cold cdsportal at the largest N / Hugo full build
TARGET_WARM_VS_HUGO = 0.25     # one-edit rebuild / Hugo full build
TARGET_SCALING_SLACK = 1.1     # time(10N)/time(N) <= 1.1 * 10, i.e. 11 for 1k -> 10k
TARGET_PEAK_MB = 1024

EDIT_SENTENCE = "Thông tin được cập nhật bổ sung để kiểm tra bản dựng tăng dần"
EDIT_TITLE_SUFFIX = " (cập nhật)"


@dataclass
class Run:
    """One timed child process."""

    ok: bool
    seconds: float
    rss_mb: float
    tree_mb: float
    load1: float      # 1-minute load average when the run started (noise indicator)
    log: str

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb, self.tree_mb)


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Measuring child processes


def process_tree(root: int) -> list[int]:
    """PIDs of ``root`` and all its descendants (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemorySampler(threading.Thread):
    """Tracks the peak summed PSS (kB) of a process tree until stopped."""

    def __init__(self, root: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_kb = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            total = sum(pss_kb(pid) for pid in process_tree(self.root))
            self.peak_kb = max(self.peak_kb, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak_kb


def run_measured(cmd: list[str], log: Path, *, sample_memory: bool = False) -> Run:
    """Run ``cmd`` with output to ``log``; wall time, ru_maxrss and, when
    ``sample_memory``, the tree's peak PSS (0 otherwise).

    Timed runs are not sampled: reading /proc/<pid>/smaps_rollup ten times a
    second walks each process's page tables and holds its memory map's lock, which
    slowed a 10,000-item cdsportal build (several processes) by about 10 % and
    Hugo (one) by about 7 % here. The memory figure comes from a run of its own.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    os.sync()  # flush earlier writes (corpus, deletions) so they are not billed to this run
    with log.open("wb") as out:
        load1 = os.getloadavg()[0]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemorySampler(proc.pid) if sample_memory else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tree_kb = sampler.stop() if sampler else 0
    run = Run(proc.returncode == 0, round(seconds, 3), round(usage.ru_maxrss / 1024, 1),
              round(tree_kb / 1024, 1), round(load1, 2), str(log))
    if not run.ok:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        progress(f"FAILED (exit {proc.returncode}): {' '.join(cmd)}\n    " + "\n    ".join(tail))
    return run


def hugo_binary() -> str:
    """The real Hugo binary (the venv's ``hugo`` script is a Python wrapper that execs it)."""
    bundled = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if bundled:
        return str(bundled[0])
    return shutil.which("hugo") or str(VENV / "bin" / "hugo")


# --------------------------------------------------------------------------
# Output statistics


def output_stats(root: Path) -> dict:
    """index.html count, file count and disk usage (du-style, MB) of ``root``."""
    pages = files = blocks = 0
    for path in root.rglob("*"):
        if path.is_file():
            files += 1
            pages += path.name == "index.html"
            blocks += path.stat().st_blocks
    return {"pages": pages, "files": files, "output_mb": round(blocks * 512 / 2**20, 1)}


def contains_text(root: Path, text: str) -> bool:
    return any(text in path.read_text(encoding="utf-8", errors="replace")
               for path in root.rglob("*.html"))


# --------------------------------------------------------------------------
# The two generators


def site_dir(outdir: Path) -> Path:
    config = yaml.load((outdir / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=LenientLoader) or {}
    return outdir / config.get("site_dir", "site")


def edit_one_item(outdir: Path, item: Item, sentence: str) -> None:
    """Change the title and append ``sentence`` to the body of one .vi.md."""
    path = outdir / "content" / "news" / str(item.when.year) / f"{item.key}.vi.md"
    text = path.read_text(encoding="utf-8")
    old_title = f"title: {quote(item.title[0])}"
    if old_title not in text:
        raise RuntimeError(f"{path}: title line not found")
    new_title = f"title: {quote(item.title[0] + EDIT_TITLE_SUFFIX)}"
    path.write_text(text.replace(old_title, new_title, 1) + f"\n{sentence}\n",
                    encoding="utf-8", newline="\n")


def best_of(runs: list[Run]) -> dict:
    """The fastest run, with memory maxed over all runs (or the first failure)."""
    failed = [run for run in runs if not run.ok]
    if failed:
        return asdict(failed[0])
    best = asdict(min(runs, key=lambda run: run.seconds))
    best.update(rss_mb=max(run.rss_mb for run in runs), tree_mb=max(run.tree_mb for run in runs),
                samples=[run.seconds for run in runs])
    return best


def cdsportal_command(outdir: Path) -> list[str]:
    return [str(CDSPORTAL), "build", "--timings", "-f", str(outdir / "mkdocs.yml")]


def hugo_command(outdir: Path) -> list[str]:
    hugo_dir = outdir / "hugo"
    return [hugo_binary(), "--source", str(hugo_dir), "--destination", str(hugo_dir / "public"),
            "--quiet"]


def cdsportal_cold(outdir: Path, log: Path, *, sample_memory: bool = False) -> Run:
    """A build as on a fresh clone: no site, no spare site (.site.spare, see
    outputs/tree.py), no cache."""
    site = site_dir(outdir)
    for stale in (site, *outdir.glob(f".{site.name}.*"), outdir / ".cache"):
        shutil.rmtree(stale, ignore_errors=True)
    return run_measured(cdsportal_command(outdir), log, sample_memory=sample_memory)


def hugo_cold(outdir: Path, log: Path, *, sample_memory: bool = False) -> Run:
    for stale in (outdir / "hugo" / "public", outdir / "hugo" / "resources"):
        shutil.rmtree(stale, ignore_errors=True)
    return run_measured(hugo_command(outdir), log, sample_memory=sample_memory)


def cdsportal_warm(outdir: Path, items: list[Item], logs: Path, repeat: int) -> dict:
    """Rebuilds after editing one item (each run another), from a built site."""
    # Untimed: from the second build on, a build starts from the site the build
    # before last wrote (.site.spare); this one makes it, as an editor's second build does.
    progress("cdsportal rebuild without edits (untimed: makes the spare site folder)")
    run_measured(cdsportal_command(outdir), logs / "cdsportal-settle.log")
    runs = []
    for i in range(repeat):
        edited = items[(len(items) // 2 + i) % len(items)]
        edit_one_item(outdir, edited, f"{EDIT_SENTENCE} ({i + 1})")
        progress(f"cdsportal warm rebuild after editing {edited.key}.vi.md {i + 1}/{repeat}")
        runs.append(run_measured(cdsportal_command(outdir), logs / f"cdsportal-warm-{i + 1}.log"))
        if not runs[-1].ok:
            break
    result = {"warm": best_of(runs)}
    if result["warm"]["ok"]:
        result["warm_edit_visible"] = contains_text(site_dir(outdir),
                                                    f"{EDIT_SENTENCE} ({len(runs)})")
    return result


def bench_size(n: int, args: argparse.Namespace) -> dict:
    outdir = args.workdir / f"n{n}"
    logs = args.workdir / "logs" / f"n{n}"
    progress(f"N={n}: generating corpus in {outdir}")
    items = make_corpus(n, outdir, args.seed)
    result = {"n": n, "translated": sum(item.has_en for item in items)}
    ours = not args.only_hugo
    # Cold builds take turns (cdsportal, Hugo, cdsportal…): this VM's speed drifts
    # by 10–20 % over minutes, and the ratio must not depend on who ran first.
    cold: list[Run] = []
    hugo: list[Run] = []
    for i in range(args.repeat):
        if ours:
            progress(f"cdsportal cold build ({n} items) {i + 1}/{args.repeat}")
            cold.append(cdsportal_cold(outdir, logs / f"cdsportal-cold-{i + 1}.log"))
        progress(f"hugo cold build {i + 1}/{args.repeat}")
        hugo.append(hugo_cold(outdir, logs / f"hugo-{i + 1}.log"))
        if not all(run.ok for run in cold + hugo):
            break
    if ours:
        result["cold"] = best_of(cold)
        if result["cold"]["ok"]:
            result["cold_stages"] = stage_seconds(Path(result["cold"]["log"]))
            progress("cdsportal cold build with memory sampling (untimed)")
            result["cold"]["tree_mb"] = cdsportal_cold(
                outdir, logs / "cdsportal-memory.log", sample_memory=True).tree_mb
            result.update(output_stats(site_dir(outdir)))
            result.update(cdsportal_warm(outdir, items, logs, args.repeat))
    result["hugo"] = best_of(hugo)
    if result["hugo"]["ok"]:
        progress("hugo cold build with memory sampling (untimed)")
        result["hugo"]["tree_mb"] = hugo_cold(outdir, logs / "hugo-memory.log",
                                              sample_memory=True).tree_mb
        stats = output_stats(outdir / "hugo" / "public")
        result.update(hugo_pages=stats["pages"], hugo_output_mb=stats["output_mb"])
    if not args.keep:
        shutil.rmtree(outdir)
    return result


# --------------------------------------------------------------------------
# Reporting


def seconds_of(result: dict, run: str) -> float | None:
    entry = result.get(run)
    return entry["seconds"] if entry and entry["ok"] else None


def verdict(value: float | None, target: float) -> dict | None:
    if value is None:
        return None
    return {"value": round(value, 3), "target": target, "pass": value <= target}


def add_verdicts(result: dict) -> None:
    hugo = seconds_of(result, "hugo")
    cold, warm = seconds_of(result, "cold"), seconds_of(result, "warm")
    result["cold_vs_hugo"] = verdict(cold / hugo if cold and hugo else None, TARGET_COLD_VS_HUGO)
    result["warm_vs_hugo"] = verdict(warm / hugo if warm and hugo else None, TARGET_WARM_VS_HUGO)
    runs = [result[run] for run in ("cold", "warm") if run in result]
    if runs:
        result["rss_mb"] = max(run["rss_mb"] for run in runs)
        result["tree_mb"] = max(run["tree_mb"] for run in runs)
    peak = max(result["rss_mb"], result["tree_mb"]) if runs else None
    result["peak_mb"] = verdict(peak, TARGET_PEAK_MB)


def scaling(results: list[dict], run: str) -> dict | None:
    """time(largest N) / time(smallest N), target 1.1 x the size ratio."""
    timed = [(r["n"], seconds_of(r, run)) for r in results if seconds_of(r, run)]
    if len(timed) < 2:
        return None
    (small, t_small), (large, t_large) = min(timed), max(timed)
    found = verdict(t_large / t_small, round(TARGET_SCALING_SLACK * large / small, 2))
    return {"from": small, "to": large, **found}


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def stage_seconds(log: Path) -> dict[str, float]:
    """Seconds per build stage, from the line ``cdsportal build --timings`` prints."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        stages = re.findall(r"([\w+]+) (\d+\.\d+)s", line)
        if len(stages) >= 3 and stages[0][0] == "read":
            return {name: float(value) for name, value in stages}
    return {}


def fmt_verdict(v: dict | None, digits: int = 2) -> str:
    if v is None:
        return "-"
    return f"{v['value']:.{digits}f} (≤{v['target']:g} {'PASS' if v['pass'] else 'MISS'})"


def table_row(r: dict) -> list[str]:
    cold, warm = r.get("cold"), r.get("warm")
    return [
        str(r["n"]),
        fmt(seconds_of(r, "cold")) if cold is None or cold["ok"] else "FAIL",
        fmt(seconds_of(r, "warm")) if warm is None or warm["ok"] else "FAIL",
        f"{fmt(r['rss_mb'], 0)}/{fmt(r['tree_mb'], 0)}" if "rss_mb" in r else "-",
        str(r.get("pages", "-")),
        str(r.get("files", "-")),
        fmt(r.get("output_mb"), 1),
        fmt(seconds_of(r, "hugo")) if r["hugo"]["ok"] else "FAIL",
        str(r.get("hugo_pages", "-")),
        fmt_verdict(r["cold_vs_hugo"]),
        fmt_verdict(r["warm_vs_hugo"]),
        fmt_verdict(r["peak_mb"], 0),
    ]


def print_report(results: list[dict], summary: dict) -> None:
    header = ["N", "cold s", "warm s", "RSS/tree MB", "pages", "files", "out MB",
              "hugo s", "hugo pages", "cold/hugo", "warm/hugo", "peak MB"]
    rows = [header] + [table_row(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths)))
    for r in results:
        stages = r.get("cold_stages")
        if stages:
            total = sum(stages.values())
            print(f"N={r['n']} cold build stages: " + "  ".join(f"{k} {v:.2f}s" for k, v in stages.items()))
            print(f"N={r['n']} feed generation: {stages.get('feeds', 0):.2f}s = "
                  f"{100 * stages.get('feeds', 0) / total:.1f}% of the build (target < 10%)")
    for run, label in (("cdsportal", "cdsportal cold"), ("hugo", "hugo")):
        s = summary.get(f"scaling_{run}")
        if s:
            print(f"{label} time({s['to']})/time({s['from']}): {fmt_verdict(s)}")
    for r in results:
        if "warm_edit_visible" in r and not r["warm_edit_visible"]:
            print(f"note: N={r['n']}: the edited sentence is missing from the warm build's HTML")
    print(f"targets: cold ≤ {TARGET_COLD_VS_HUGO}× Hugo at 10k; warm ≤ {TARGET_WARM_VS_HUGO}× "
          f"Hugo; peak ≤ {TARGET_PEAK_MB} MB (max of RSS and tree PSS)")


def environment() -> dict:
    hugo = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cdsportal_jobs": os.environ.get("CDSPORTAL_JOBS"),
        "hugo": hugo.stdout.strip(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cds-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per measurement; the fastest is reported (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    parser.add_argument("--only-hugo", action="store_true", help="skip cdsportal")
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.only_hugo and not CDSPORTAL.exists():
        parser.error(f"{CDSPORTAL} not found (install the package, or use --only-hugo)")

    if not args.only_hugo:
        # What an installed package has: its bytecode compiled (an editable install
        # writes it on first import, unless PYTHONDONTWRITEBYTECODE is set, as here).
        subprocess.run([str(VENV / "bin" / "python"), "-m", "compileall", "-q",
                        str(REPO / "cdsportal")], check=True, stdout=subprocess.DEVNULL)
    results = []
    for n in sorted(set(args.sizes)):
        results.append(bench_size(n, args))
        add_verdicts(results[-1])
    summary = {"scaling_cdsportal": scaling(results, "cold"),
               "scaling_hugo": scaling(results, "hugo")}
    print_report(results, summary)

    report = {"generated": dt.datetime.now().isoformat(timespec="seconds"),
              "seed": args.seed, "repeat": args.repeat, "environment": environment(),
              "results": results, **summary}
    path = args.workdir / "results.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    progress(f"results written to {path}")


if __name__ == "__main__":
    main()
