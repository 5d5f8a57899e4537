"""Parsing speed and memory: `load_chat` against whatstk on a 1,000,000-message export.

    python benchmarks/parse.py                      # 1M messages, 3 runs each, both parsers
    python benchmarks/parse.py --messages 200000 --runs 1 --skip-whatstk

The export is the simulated UMKM community of `analyzer.chat.synthetic` (multi-line posts, media
placeholders, deletions, joins/leaves, phone-number authors) rendered in an Android style, written
once to benchmarks/data/ (git-ignored) and reused.

Every measurement runs in a fresh Python subprocess, so each figure is the whole job a user waits
for: interpreter start, imports, reading, parsing. Wall time is measured around the subprocess;
peak memory is the child's own maximum resident set size from `os.wait4` (not RUSAGE_CHILDREN,
which would mix in earlier children). The median of `--runs` runs is reported.

whatstk is called as a user would call it: `WhatsAppChat.from_source(filepath=..., max_size=None)`
with automatic header detection, because `load_chat` also detects the format itself (that is the
like-for-like comparison, and the one PERFORMANCE.md measured). `--whatstk-hformat` passes the
known header format instead, which skips whatstk's detection pass. whatstk refuses files over 50 MB
unless `max_size=None`.

Goals (issue 2): ours/whatstk time <= 0.15, and peak memory <= 5x the file size.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / "data"
RATIO_GOAL = 0.15
MEMORY_GOAL = 5.0

# whatstk's header format for each style it can read (it has no `.`-separated Indonesian times).
WHATSTK_HFORMAT = {
    "android_en_12h": "%m/%d/%y, %I:%M %p - %name:",
    "android_en_24h": "%d/%m/%Y, %H:%M - %name:",
    "android_de": "%d.%m.%y, %H:%M - %name:",
}

# The code each child runs. It prints one JSON line: rows parsed and the in-process parse time.
CHILD = {
    # Start-up only (interpreter, pandas, pyarrow, analyzer): the floor under every figure.
    "baseline": """
import json, time
t = time.perf_counter()
import analyzer, analyzer.chat.parse
print(json.dumps({"rows": 0, "inner_s": time.perf_counter() - t}))
""",
    "ours": """
import json, sys, time
t = time.perf_counter()
from analyzer import load_chat
chat = load_chat(sys.argv[1])
n = len(chat.messages)
print(json.dumps({"rows": n, "inner_s": time.perf_counter() - t}))
""",
    "whatstk": """
import json, sys, time
t = time.perf_counter()
from whatstk import WhatsAppChat
kw = {"hformat": sys.argv[2]} if len(sys.argv) > 2 and sys.argv[2] else {}
chat = WhatsAppChat.from_source(filepath=sys.argv[1], max_size=None, **kw)
print(json.dumps({"rows": len(chat.df), "inner_s": time.perf_counter() - t}))
""",
}


@dataclass
class Run:
    seconds: float  # wall time of the whole subprocess
    peak_mib: float  # child's max RSS
    rows: int


def make_export(n_messages: int, style: str, seed: int) -> Path:
    """Write (once) an export of exactly `n_messages` records in `style`; return its path."""
    from analyzer.chat import write as R
    from analyzer.chat import synthetic as S

    path = DATA / f"parse_{style}_{n_messages}_{seed}.txt"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    # ~2,500 records a day with 150 extra members: a very busy but still group-like chat, so that
    # 1M messages span about 13 months and dates cover every day/month combination.
    records = itertools.islice(
        S.iter_conversation(seed, S.UMKM, days=n_messages // 2000 + 60, per_day=2500, extra_members=150),
        n_messages)
    tmp = path.with_suffix(".part")
    nl = R.STYLES[style].newline
    written = 0
    with tmp.open("w", encoding="utf-8", newline="") as f:  # newline="": keep the style's own endings
        for r in R.render_lines(records, style, group_name=S.UMKM_GROUP_NAME, exporter=S.UMKM_EXPORTER):
            f.write(r.line + nl)
            written += 1
    if written < n_messages:
        raise SystemExit(f"the simulation produced only {written:,} records; raise days/per_day")
    tmp.replace(path)
    print(f"generated {path.relative_to(ROOT)}: {written:,} records, {path.stat().st_size / 2**20:.0f} MiB "
          f"in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def run_child(tool: str, path: Path, hformat: str | None) -> Run:
    """One measurement in a fresh interpreter."""
    args = [sys.executable, "-c", CHILD[tool], str(path)]
    if tool == "whatstk":
        args.append(hformat or "")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # wait4 gives this child's own rusage; read the pipes afterwards (outputs are tiny).
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{tool} failed (exit {proc.returncode}):\n{err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return Run(seconds, usage.ru_maxrss / 1024, int(result["rows"]))  # ru_maxrss is KiB on Linux


def measure(tool: str, path: Path, runs: int, hformat: str | None) -> list[Run]:
    out = []
    for i in range(runs):
        r = run_child(tool, path, hformat)
        print(f"  {tool:8s} run {i + 1}/{runs}: {r.seconds:6.2f} s  {r.peak_mib:7.0f} MiB  {r.rows:,} rows", flush=True)
        out.append(r)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=1_000_000, help="records in the generated export")
    ap.add_argument("--runs", type=int, default=3, help="runs per parser (median reported)")
    ap.add_argument("--skip-whatstk", action="store_true", help="time only load_chat")
    ap.add_argument("--style", default="android_en_12h", choices=sorted(WHATSTK_HFORMAT),
                    help="Android export style (one whatstk can read)")
    ap.add_argument("--whatstk-hformat", action="store_true",
                    help="give whatstk the header format instead of letting it detect it")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--file", type=Path, help="time an existing export instead of generating one")
    args = ap.parse_args(argv)

    path = args.file or make_export(args.messages, args.style, args.seed)
    size_mib = path.stat().st_size / 2**20
    print(f"export: {path} ({size_mib:.0f} MiB)", flush=True)

    base = run_child("baseline", path, None)
    print(f"  start-up (python + imports): {base.seconds:.2f} s, {base.peak_mib:.0f} MiB", flush=True)
    results: dict[str, list[Run]] = {"ours": measure("ours", path, args.runs, None)}
    hformat = WHATSTK_HFORMAT[args.style] if args.whatstk_hformat else None
    if not args.skip_whatstk:
        try:
            import whatstk  # noqa: F401
        except ImportError:
            print("whatstk is not installed: pip install '.[bench]' (or use --skip-whatstk)", file=sys.stderr)
            return 2
        results["whatstk"] = measure("whatstk", path, args.runs, hformat)

    med = {k: (statistics.median(r.seconds for r in v), statistics.median(r.peak_mib for r in v), v[0].rows)
           for k, v in results.items()}
    label = {"ours": "wa-analyzer load_chat",
             "whatstk": "whatstk 0.9.1" + (" (hformat given)" if hformat else " (auto header)")}
    print()
    print(f"{'parser':34s} {'seconds':>8s} {'peak MiB':>9s} {'mem/file':>9s} {'rows':>10s}")
    for k, (s, m, rows) in med.items():
        print(f"{label[k]:34s} {s:8.2f} {m:9.0f} {m / size_mib:8.1f}x {rows:10,d}")
    ours_s, ours_m, _ = med["ours"]
    ok_mem = ours_m / size_mib <= MEMORY_GOAL
    print(f"\nmemory / file size: {ours_m / size_mib:.2f}x (goal <= {MEMORY_GOAL:.0f}x) {'OK' if ok_mem else 'MISSED'}"
          f"; above the {base.peak_mib:.0f} MiB start-up floor: {(ours_m - base.peak_mib) / size_mib:.2f}x")
    if "whatstk" in med:
        ratio = ours_s / med["whatstk"][0]
        print(f"time ours / whatstk: {ratio:.3f} (goal <= {RATIO_GOAL}) {'OK' if ratio <= RATIO_GOAL else 'MISSED'}")
    load = os.getloadavg()[0]
    print(f"median of {args.runs} run(s) each, fresh subprocess per run, {os.cpu_count()} CPU(s), "
          f"load average {load:.1f}" + (" (busy machine: times are inflated)" if load > (os.cpu_count() or 1) else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
