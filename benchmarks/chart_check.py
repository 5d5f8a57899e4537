"""Run the chart checks of tests/test_chart_check.py on real exports (read at run time, never copied).

    .venv/bin/python benchmarks/chart_check.py [--index /work/realdata/exports/INDEX.tsv] [--top 8]

For the `--top` exports with most records in the index: analyze(), every chart (and the per-member
views of the top five posters) at both --chart-size values, and the layout checks (overlapping
text, clipped text, count-axis ticks). Prints one line per export and the problems found; no member
name is printed.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chart_check import LayoutProbe, bad_count_ticks, clipped, overlaps  # noqa: E402

from analyzer import load_chat  # noqa: E402
from analyzer.outputs.charts import SIZES, build_all, export_height  # noqa: E402
from analyzer.outputs.member_charts import build_member_charts  # noqa: E402
from analyzer.metrics.member_views import default_members, member_views  # noqa: E402
from analyzer.analysis import analyze  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", default="/work/realdata/exports/INDEX.tsv")
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args()
    index = Path(args.index)
    rows = list(csv.DictReader(index.open(encoding="utf-8"), delimiter="\t"))
    rows.sort(key=lambda r: -int(r.get("records") or 0))
    total = bad = 0
    with LayoutProbe() as probe:
        for r in rows[: args.top]:
            path = index.parent / r["path"]
            t0 = time.perf_counter()
            try:
                report = analyze(load_chat(path.read_bytes()), bootstrap=100, null_draws=50, network_null_draws=10)
            except Exception as e:  # noqa: BLE001 - report and go on
                print(f"{r['path'][:50]:50}  analyze failed: {type(e).__name__}")
                continue
            tree = report.to_dict()
            views = member_views(report.messages, default_members(report.messages, 5))
            problems = []
            n_figs = 0
            for size, (w, h) in SIZES.items():
                figs = {**build_all(tree, "id", size=size), **build_member_charts(views, "id", size=size)}
                for name, fig in figs.items():
                    n_figs += 1
                    lay = probe.layout(fig, w, export_height(fig, h))
                    found = overlaps(lay) + clipped(lay) + bad_count_ticks(lay)
                    if found:
                        problems.append(f"{size}/{name}: {len(found)}")
            total += n_figs
            bad += len(problems)
            labelled = len((build_all(tree, "id", ["network"]).get("network") or {"layout": {}}).layout.meta.get(
                "labelled", [])) if tree.get("network") else 0
            print(f"{r['path'][:50]:50}  members {tree['participation']['n_members']:5}  figures {n_figs:3}  "
                  f"problems {len(problems):2}  network names {labelled}  {time.perf_counter() - t0:5.1f} s  "
                  + "; ".join(problems))
    print(f"{bad} of {total} figures with a layout problem")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
