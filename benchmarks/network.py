"""Benchmark the interaction network (`network_metrics`) on the 1,000,000-message export.

    .venv/bin/python benchmarks/network.py                   # the cached 1M export of benchmarks/analyze.py
    .venv/bin/python benchmarks/network.py --messages 100000
    .venv/bin/python benchmarks/network.py --file CHAT.txt --draws 200

Prints the time of each stage: parsing (not part of the goal), edge extraction (turns, reply
edges, mentions), the observed graph metrics, and the null model (`--draws` within-day author
shuffles). The synthetic export has no @mentions, so by default 2% of the messages get one
(`--mention-share`) to time mention resolution too. Goal (issue 5): the network of a
1,000,000-message chat in under 10 s on the 2-core machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_S = 10.0


def main(argv: list[str] | None = None) -> int:
    import numpy as np
    import pandas as pd

    from analyzer import load_chat
    from analyzer.metrics import network as N

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, help="an existing export")
    ap.add_argument("--messages", type=int, default=1_000_000, help="size of the generated export")
    ap.add_argument("--draws", type=int, default=N.NULL_DRAWS, help="null-model draws (default 200)")
    ap.add_argument("--delta", type=float, default=30, help="Δ in minutes (default 30)")
    ap.add_argument("--mention-share", type=float, default=0.02, help="share of messages given an @mention")
    args = ap.parse_args(argv)

    if args.file:
        path = args.file
    else:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from analyze import synthetic_export

        path = synthetic_export(args.messages)
    t = time.perf_counter()
    chat = load_chat(path)
    print(f"parse            {time.perf_counter() - t:6.2f} s  ({len(chat.messages):,} records, {path.name})")
    msgs = chat.messages
    if args.mention_share > 0:
        # Mentions written the way Android writes them (⁨@Name⁩), to time their resolution.
        rng = np.random.default_rng(1)
        user = msgs["author"].notna().to_numpy()
        names = pd.unique(msgs.loc[user, "author"].astype(str))
        rows = np.flatnonzero(user & (rng.random(len(msgs)) < args.mention_share))
        text = msgs["text"].astype(object).to_numpy().copy()
        who = rng.choice(names, size=rows.size)
        text[rows] = [f"{t} \u2068@{w}\u2069" for t, w in zip(text[rows], who)]
        msgs = msgs.assign(text=pd.array(text, dtype="string[pyarrow]"))

    delta_s = args.delta * 60
    t0 = time.perf_counter()
    ev = N._events(msgs, delta_s=delta_s, tau_burst_s=300, mentions=True, members=None)
    t1 = time.perf_counter()
    print(f"edges            {t1 - t0:6.2f} s  ({ev.reply_src.size:,} replies, {ev.mention_pos.size:,} mentions, "
          f"{ev.labels.size} nodes)")
    r0 = N.network_metrics(msgs, delta_s=delta_s, null_draws=0)
    t2 = time.perf_counter()
    print(f"metrics (no null){t2 - t1:6.2f} s  ({r0.edges:,} edges, weak share {r0.weak_tie_share:.3f}, "
          f"rho {r0.overlap_weight_spearman:.3f})")
    C = N.count_matrix(ev.author, ev.eligible, ev.mention_pos, ev.mention_dst, ev.labels.size)
    t3 = time.perf_counter()
    sims = N.shuffled_summaries(ev.author, ev.day_bounds, ev.eligible, ev.mention_pos, ev.mention_dst,
                                ev.labels.size, w_weak=2, draws=args.draws, seed=0)
    t4 = time.perf_counter()
    print(f"null model       {t4 - t3:6.2f} s  ({args.draws} draws, {1000 * (t4 - t3) / max(args.draws, 1):.1f} ms each)")
    t5 = time.perf_counter()
    r = N.network_metrics(msgs, delta_s=delta_s, null_draws=args.draws)
    total = time.perf_counter() - t5
    nm = r.null_model
    print(f"network_metrics  {total:6.2f} s  total (goal < {GOAL_S:.0f} s: {'OK' if total < GOAL_S else 'MISSED'})")
    print(f"  mean overlap {nm['mean_overlap_observed']:.4f} vs null {nm['mean_overlap_null_mean']:.4f} "
          f"± {nm['mean_overlap_null_sd']:.4f} (z {nm['mean_overlap_z']:.1f}); weak share "
          f"{nm['weak_tie_share_observed']:.4f} vs {nm['weak_tie_share_null_mean']:.4f} (z {nm['weak_tie_share_z']:.1f})")
    del C, sims
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
