"""Benchmark `wa-analyzer corpus`: 100 sample-size exports analysed in a process pool.

    .venv/bin/python benchmarks/corpus.py                  # 100 groups, -j 2, pseudonymised
    .venv/bin/python benchmarks/corpus.py --groups 20 -j 1 --plain

The exports are simulated UMKM groups (`analyzer.chat.synthetic`) of a few hundred to about 1,500
records each, rendered in Android/iPhone, Indonesian/English styles and cached in
benchmarks/data/corpus_<N>/ (git-ignored). Prints the total wall time (the issue-7 figure: a
corpus of 100 sample-size exports on 2 cores), the time per group and the slowest groups.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / "data"
STYLES = ("android_id", "ios_id", "android_en_24h", "ios_en_12h")


def sample_corpus(n_groups: int, seed: int = 7) -> Path:
    """Write (once) `n_groups` exports of 300-1,500 records and return their folder."""
    from analyzer.chat import write as R
    from analyzer.chat import synthetic as S

    folder = DATA / f"corpus_{n_groups}_{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    t = time.perf_counter()
    total = 0
    for i in range(n_groups):
        target = rng.randint(300, 1500)
        style = STYLES[i % len(STYLES)]
        # About 7 records a day in the simulated community: the length sets the size.
        records = S.generate_conversation(seed * 1000 + i, S.UMKM, days=max(30, target // 7), per_day=7.0)
        records = records[:target]
        text = R.render(records, style, group_name=f"{S.UMKM_GROUP_NAME} {i}", exporter=S.UMKM_EXPORTER)
        name = f"group_{i:03d}"
        if i % 5 == 4:  # some as the zip the phone shares
            (folder / f"{name}.zip").write_bytes(R.render_zip(text, style, f"{S.UMKM_GROUP_NAME} {i}"))
        else:
            (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
        total += len(records)
    done.write_text("ok\n")
    print(f"generated {n_groups} exports, {total:,} records, in {folder.relative_to(ROOT)} "
          f"({time.perf_counter() - t:.1f} s)")
    return folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", type=int, default=100, help="number of exports (default 100)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--plain", action="store_true", help="without pseudonymisation")
    ap.add_argument("--bootstrap", type=int, default=None, help="Gini bootstrap resamples (default: analyze's)")
    args = ap.parse_args(argv)

    from analyzer.corpus import analyze_corpus, find_exports
    from analyzer.privacy import Pseudonymizer

    folder = sample_corpus(args.groups)
    paths = find_exports(folder)
    pz = None if args.plain else Pseudonymizer(b"benchmark key, not a secret!!!!!")
    kw = {"bootstrap": args.bootstrap} if args.bootstrap else {}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        res = analyze_corpus(paths, Path(tmp) / "out", args.jobs, root=folder, pseudonymizer=pz,
                             analyze_kwargs=kw, progress=sys.stderr.isatty())
        wall = time.perf_counter() - t
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*") if p.is_file())
    g = res.groups
    ok = g[g["error"].isna()]
    print(f"{len(ok)} of {len(g)} exports ({int(ok['records'].sum()):,} records) analysed with -j {args.jobs}"
          f"{'' if args.plain else ', pseudonymised'}: {wall:.1f} s total")
    print(f"per group: mean {ok['seconds'].mean():.2f} s, median {ok['seconds'].median():.2f} s, "
          f"max {ok['seconds'].max():.2f} s (inside a worker); outputs {size / 1e6:.1f} MB")
    print(f"members in 2+ groups: {len(res.bridging)}; failures: {len(res.failures)}")
    return 0 if len(res.failures) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
