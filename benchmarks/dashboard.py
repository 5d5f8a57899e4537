"""Benchmark the dashboard on a 100,000-message export and print the times a coordinator waits.

    .venv/bin/python benchmarks/dashboard.py                  # generate (once, cached) and measure
    .venv/bin/python benchmarks/dashboard.py --file CHAT.txt  # any export
    .venv/bin/python benchmarks/dashboard.py --messages 20000

Goals (issue 6): the overview within 5 s of an upload, a filter change redrawn within 1 s.

Timed with Streamlit's AppTest, which runs app.py exactly as `streamlit run` does (every tab,
every chart, every table) minus the browser's own drawing. Each figure is one script run:
- "upload -> overview": the run after the file is handed to the uploader (parse, quick analysis,
  charts of every tab), with the complete analysis (network null model) still running in the
  background as on the real page;
- "complete analysis ready": until a run finds the network section in the report;
- "filter change": a run after excluding a member / narrowing the dates (new analysis), and after
  going back to a filter already seen (cache hit); "language switch": cached analysis, new charts;
  "open tab": only the open tab is drawn, so a first visit to a tab builds its charts.
  Before each of them the previous background analysis is allowed to land (as when a coordinator
  reads the page before the next click); a click during it is slower by the shared cores.
The library calls behind them are timed on their own too, for context.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

OVERVIEW_GOAL_S = 5.0
FILTER_GOAL_S = 1.0


def _verdict(seconds: float, goal: float) -> str:
    return f"goal < {goal:g} s: {'PASS' if seconds < goal else 'FAIL'}"


def library_times(data: bytes) -> None:
    from analyzer import load_chat
    from analyzer.outputs.charts import build_all
    from analyzer.analysis import analyze

    t = time.perf_counter()
    chat = load_chat(data)
    t_load = time.perf_counter() - t
    from analyzer.classify.categorise import categorise, load_classifier
    from analyzer.chat.model import Chat

    t = time.perf_counter()
    lexicon, model, _ = load_classifier()
    cats = categorise(chat.messages, lexicon=lexicon, model=model)
    categorised = Chat(messages=chat.messages.assign(category=cats["category"].to_numpy(),
                                                     category_reason=cats["category_reason"].to_numpy()),
                       format=chat.format)
    t_classify = time.perf_counter() - t
    t = time.perf_counter()
    quick = analyze(categorised, network=False, classify=False)
    t_quick = time.perf_counter() - t
    t = time.perf_counter()
    tree = quick.to_dict()
    build_all(tree, "id")
    t_charts = time.perf_counter() - t
    t = time.perf_counter()
    full = analyze(chat)
    t_full = time.perf_counter() - t
    print("library (context):")
    print(f"  load_chat                    {t_load:6.2f} s  ({len(chat.messages):,} records)")
    print(f"  categorise (once per file)   {t_classify:6.2f} s")
    print(f"  analyze(network=False, classify=False) {t_quick:6.2f} s  (per filter change)")
    print(f"  to_dict + every chart        {t_charts:6.2f} s")
    print(f"  analyze() complete           {t_full:6.2f} s  (network {full.timings.get('network', 0):.2f} s)")


def app_times(data: bytes, name: str) -> list[tuple[str, float, float | None]]:
    from streamlit.testing.v1 import AppTest

    from analyzer import load_chat
    from analyzer.metrics.filters import member_names
    from analyzer.i18n import TEXT

    os.environ.pop("WA_ANALYZER_WAIT_S", None)  # the real page's behaviour
    net_label = TEXT["kpi.weak_tie_share"]["id"]  # an overview card that needs the network section
    rows: list[tuple[str, float, float | None]] = []

    def run(at: AppTest, label: str, goal: float | None) -> AppTest:
        t = time.perf_counter()
        at.run()
        s = time.perf_counter() - t
        if at.exception:
            raise SystemExit(f"{label}: the app raised {at.exception[0].value}")
        rows.append((label, s, goal))
        print(f"  {label:<42} {s:6.2f} s" + (f"   {_verdict(s, goal)}" if goal else ""), flush=True)
        return at

    print("dashboard (AppTest, one script run each):")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    run(at, "first visit (sample, cold start)", None)
    at.file_uploader[0].upload(name, data, "text/plain")
    def settle(label: str | None = None) -> None:
        """Wait until the background (network) analysis has landed on the page, polling the way
        the page's fragment does, so the next interaction is timed on a quiet machine, as when a
        coordinator looks at the result before changing the next filter."""
        t = time.monotonic()
        while not any(m.label == net_label for m in at.metric):
            time.sleep(0.5)
            at.run()
            if time.monotonic() - t > 600:
                raise SystemExit("the complete analysis did not finish in 10 minutes")
        if label:
            s = time.monotonic() - t
            rows.append((label, s, None))
            print(f"  {label:<42} {s:6.2f} s  (network, in the background)", flush=True)

    run(at, "upload -> overview", OVERVIEW_GOAL_S)
    settle("complete analysis ready (after upload run)")
    run(at, "rerun, nothing changed", FILTER_GOAL_S)

    chat = load_chat(data)
    top = member_names(chat)[0]
    at.sidebar.multiselect[0].set_value([top])
    run(at, "filter change: exclude top poster", FILTER_GOAL_S)
    settle()
    ts = chat.messages["timestamp"]
    first, last = ts.min().date(), ts.max().date()
    mid = first + (last - first) / 2
    at.sidebar.date_input[0].set_value((first + dt.timedelta(days=7), mid))
    run(at, "filter change: date range", FILTER_GOAL_S)
    settle()
    at.sidebar.multiselect[0].set_value([])
    at.sidebar.date_input[0].set_value((first, last))
    run(at, "filter back to one already seen (cached)", FILTER_GOAL_S)
    settle()
    at.sidebar.radio(key="lang").set_value("en")
    run(at, "language switch (new charts, cached analysis)", FILTER_GOAL_S)
    # Only the open tab is drawn, so opening a tab is a script run of its own.
    for tab in ("participation", "responsiveness", "activity", "data"):
        at.session_state["tab"] = TEXT[f"app.tab.{tab}"]["en"]
        run(at, f"open tab: {tab}", FILTER_GOAL_S)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, help="an existing export")
    ap.add_argument("--messages", type=int, default=100_000, help="size of the generated export")
    args = ap.parse_args(argv)
    if args.file:
        path = args.file
    else:
        from analyze import synthetic_export  # benchmarks/analyze.py: the same simulated community

        path = synthetic_export(args.messages)
    data = path.read_bytes()
    print(f"export: {path.name} ({len(data) / 1e6:.1f} MB), {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    library_times(data)
    rows = app_times(data, path.name)
    failed = [label for label, s, goal in rows if goal is not None and s >= goal]
    print("result: " + ("all goals met" if not failed else "over the goal: " + "; ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
