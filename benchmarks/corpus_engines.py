"""Benchmark `wa-analyzer corpus` engines: N generated groups of realistic sizes, local pool vs Dask.

    .venv/bin/python benchmarks/corpus_engines.py                      # 1,000 groups, 2 workers
    .venv/bin/python benchmarks/corpus_engines.py --groups 200 -j 2 --engines local

The groups are simulated UMKM communities (`analyzer.chat.synthetic`) whose sizes follow heavy-tailed
distributions like those of real community groups: members log-normal (median 40, 8-400), days
observed uniform 30-365, mean messages per day log-normal (median 4, 0.3-60), capped at 20,000
records. They are rendered in Android/iPhone, Indonesian/English styles, every fifth as a zip,
and cached in benchmarks/data/corpus_realistic_14/ (git-ignored; a larger N adds to it).

For each engine it prints groups per second, records per second, per-group time inside a worker
and the peak resident memory of each worker process (from manifest.json), then extrapolates to
100,000 groups on a 10-node cluster. The figures are only as good as the machine is quiet: say
whether others were using it.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / "data"
STYLES = ("android_id", "ios_id", "android_en_24h", "ios_en_12h")


def _lognormal(rng: random.Random, median: float, sigma: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, median * math.exp(rng.gauss(0.0, sigma))))


def realistic_corpus(n_groups: int, seed: int = 14) -> list[Path]:
    """The first `n_groups` exports of realistic, heavy-tailed sizes (written once, then reused:
    a larger N adds groups to the same folder, so N=200 is the first 200 of N=1000)."""
    from analyzer.chat import write as R
    from analyzer.chat import synthetic as S

    folder = DATA / f"corpus_realistic_{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    t = time.perf_counter()
    made = 0
    paths = []
    for i in range(n_groups):
        # Draw the sizes for every group, made or not, so group i is the same whatever N is.
        members = int(_lognormal(rng, 40, 0.8, 8, 400))
        days = rng.randint(30, 365)
        per_day = _lognormal(rng, 4.0, 1.0, 0.3, 60.0)
        name = f"group_{i:05d}" + (".zip" if i % 5 == 4 else ".txt")
        path = folder / name
        paths.append(path)
        if path.exists():
            continue
        records = S.generate_conversation(seed * 100_000 + i, S.UMKM, days=days, per_day=per_day,
                                          extra_members=max(0, members - len(S.UMKM.members)))[:20_000]
        style = STYLES[i % len(STYLES)]
        text = R.render(records, style, group_name=f"{S.UMKM_GROUP_NAME} {i}", exporter=S.UMKM_EXPORTER)
        tmp = folder / (name + ".part")
        if i % 5 == 4:  # some as the zip the phone shares
            tmp.write_bytes(R.render_zip(text, style, f"{S.UMKM_GROUP_NAME} {i}"))
        else:
            tmp.write_text(text, encoding="utf-8", newline="")
        tmp.replace(path)  # a half-written export is never taken for a finished one
        made += 1
    if made:
        print(f"generated {made} exports in {folder.relative_to(ROOT)} ({time.perf_counter() - t:.1f} s)")
    return paths


def run_engine(engine: str, paths: list[Path], jobs: int, bootstrap: int | None) -> dict:
    from analyzer.corpus import analyze_corpus

    folder = paths[0].parent
    kw = {"bootstrap": bootstrap} if bootstrap is not None else {}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        res = analyze_corpus(paths, Path(tmp) / "out", jobs, root=folder, analyze_kwargs=kw, engine=engine,
                             progress=sys.stderr.isatty())
        wall = time.perf_counter() - t
        groups_csv = (Path(tmp) / "out" / "groups.csv").read_bytes()
    g = res.groups
    ok = g[g["error"].isna()]
    entries = [e for e in res.manifest["groups"] if e.get("ok")]
    peak: dict[str, float] = {}
    for e in entries:
        if e.get("peak_rss_mb") is not None:
            peak[e["worker"]] = max(peak.get(e["worker"], 0.0), e["peak_rss_mb"])
    secs = sorted(e["seconds"] for e in entries)
    return {
        "engine": engine, "jobs": jobs, "groups": len(g), "failed": len(g) - len(ok), "wall_s": wall,
        "records": int(ok["records"].sum()), "groups_per_s": len(g) / wall, "records_per_s": ok["records"].sum() / wall,
        "worker_s_median": secs[len(secs) // 2] if secs else float("nan"), "worker_s_max": secs[-1] if secs else float("nan"),
        "worker_s_sum": sum(secs), "peak_rss_mb": peak, "groups_csv": groups_csv,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", type=int, default=1000, help="number of exports (default 1000)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="workers for each engine (default 2)")
    ap.add_argument("--engines", default="local,dask", help="comma-separated: local, dask (default both)")
    ap.add_argument("--bootstrap", type=int, default=None, help="Gini bootstrap resamples (default: analyze's 2000)")
    ap.add_argument("--nodes", type=int, default=10, help="cluster nodes for the extrapolation (default 10)")
    ap.add_argument("--cores", type=int, default=16, help="cores per cluster node for the extrapolation (default 16)")
    ap.add_argument("--target", type=int, default=100_000, help="groups for the extrapolation (default 100,000)")
    args = ap.parse_args(argv)

    paths = realistic_corpus(args.groups)
    print(f"{len(paths)} groups, {sum(p.stat().st_size for p in paths) / 1e6:.0f} MB of exports; machine: {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} before the run (shared machine: other jobs running skew the figures)")
    runs = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        r = run_engine(engine, paths, args.jobs, args.bootstrap)
        runs.append(r)
        peaks = sorted(r["peak_rss_mb"].values())
        print(f"{engine:5s} -j {r['jobs']}: {r['groups']} groups ({r['failed']} failed) in {r['wall_s']:.1f} s = "
              f"{r['groups_per_s']:.2f} groups/s, {r['records_per_s']:,.0f} records/s; per group in a worker: "
              f"median {r['worker_s_median']:.2f} s, max {r['worker_s_max']:.2f} s; peak memory per worker: "
              f"{', '.join(f'{p:.0f}' for p in peaks)} MB (max {max(peaks) if peaks else float('nan'):.0f} MB); "
              f"load average now {os.getloadavg()[0]:.2f}")
    if len(runs) > 1:
        same = all(r["groups_csv"] == runs[0]["groups_csv"] for r in runs[1:])
        print(f"groups.csv identical across engines: {same}")
    for r in runs:
        # Work per group in worker-seconds, from the wall clock (includes scheduling and I/O).
        per_group_core_s = r["wall_s"] * r["jobs"] / r["groups"]
        cores = args.nodes * args.cores
        est = args.target * per_group_core_s / cores
        print(f"extrapolation ({r['engine']}): {per_group_core_s:.2f} core-s per group -> {args.target:,} groups on "
              f"{args.nodes} nodes x {args.cores} cores = {est / 60:.1f} min "
              f"({est / 3600:.2f} h), assuming the same per-core speed and the same size mix; memory per worker "
              f"as above, so {args.cores} workers need about {args.cores * max(r['peak_rss_mb'].values() or [0]) / 1024:.1f} GB per node")
    return 0 if all(r["failed"] == 0 for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
