"""Benchmark chart and report export: browser start, seconds per chart per format, report.pdf.

    .venv/bin/python benchmarks/export.py                  # the simulated UMKM group (~1,400 messages)
    .venv/bin/python benchmarks/export.py --file CHAT.txt  # any export

Everything runs in ONE kaleido/Chromium session, as `wa-analyzer analyze --charts ...` does, so the
numbers add up to what the CLI costs on top of the analysis. The report has a `content` section
(messages classified first) so every chart of `analyzer.outputs.charts.CHARTS` is drawn.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _report(path: Path | None) -> dict:
    from analyzer import load_chat
    from analyzer.chat import write as R
    from analyzer.chat import synthetic as S
    from analyzer.classify import classify
    from analyzer.metrics.content import content_metrics
    from analyzer.analysis import analyze

    data = path.read_bytes() if path else R.render(S.generate_conversation(), "android_id",
                                                   exporter=S.UMKM.exporter).encode()
    chat = load_chat(data)
    d = analyze(chat).to_dict()
    if d.get("content") is None:
        msgs = chat.messages.join(classify(chat.messages["text"], chat.messages["kind"]))
        d["content"] = content_metrics(msgs, n_members=d["participation"]["n_members"]).to_dict()
    return d


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, help="an export to analyse instead of the simulated group")
    ap.add_argument("--lang", default="id", choices=["id", "en"])
    args = ap.parse_args()

    from analyzer.outputs.charts import SIZES, build_all
    from analyzer.outputs.report_document import _print_report, _render_all, _with_session, export_all

    report = _report(args.file)
    t = time.perf_counter()
    figs = build_all(report, args.lang)
    print(f"{len(figs)} charts built in {time.perf_counter() - t:.2f} s (pure Python, no browser)")
    w, h = SIZES["double"]
    t0 = time.perf_counter()

    async def work(s):
        print(f"browser start:            {time.perf_counter() - t0:6.2f} s")
        for fmt in ("pdf", "svg", "png"):
            a = time.perf_counter()
            await _render_all(s, figs, (fmt,), w, h, 300 / 96)
            print(f"{fmt}: {(time.perf_counter() - a) / len(figs):6.3f} s per chart")
        a = time.perf_counter()
        await _print_report(s, report, figs, args.lang, "double")
        print(f"report.pdf print:         {time.perf_counter() - a:6.2f} s")

    asyncio.run(_with_session(work))
    with tempfile.TemporaryDirectory() as tmp:
        for formats, label in (((), "report.html + report.pdf"), (("pdf", "svg", "png"), "+ --charts pdf,svg,png")):
            a = time.perf_counter()
            res = export_all(report, tmp, lang=args.lang, formats=formats, figures=figs)
            print(f"export_all {label:28s} {time.perf_counter() - a:6.2f} s  ({len(res.paths)} files)")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
