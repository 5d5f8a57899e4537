"""The `analyze` command-line options for charts and reports (issue 7), kept apart from
`analyzer.outputs.report_document` so that `wa-analyzer analyze --help` and runs without exports never import plotly.

    --charts pdf,svg,png   every chart to DIR/charts/NAME.EXT
    --lang id|en           language of charts and report (default id)
    --chart-size single|double
    --no-report            skip DIR/report.html and DIR/report.pdf (written by default)
    --no-titles            chart files without titles; captions in DIR/charts/captions.txt
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, Mapping

from analyzer.i18n import DEFAULT_LANG, LANGS

CHART_SIZES = ("single", "double")  # keys of analyzer.outputs.charts.SIZES
CHART_FORMATS = ("pdf", "svg", "png")  # analyzer.outputs.report_document.FORMATS


def _formats(value: str) -> list[str]:
    fs = [f.strip().lower().lstrip(".") for f in value.split(",") if f.strip()]
    bad = [f for f in fs if f not in CHART_FORMATS]
    if bad:
        raise argparse.ArgumentTypeError(f"chart formats are {','.join(CHART_FORMATS)}, not {','.join(bad)}")
    return fs


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    """Register --charts, --lang, --chart-size and --no-report on the `analyze` parser."""
    p.add_argument("--charts", type=_formats, default=[], metavar="FORMATS",
                   help="write every chart to DIR/charts/NAME.EXT in these formats, e.g. pdf,svg,png")
    p.add_argument("--lang", choices=list(LANGS), default=DEFAULT_LANG,
                   help="language of chart titles, labels and the report (default id)")
    p.add_argument("--chart-size", choices=list(CHART_SIZES), default="double",
                   help="chart size: single (3.5 in) or double (7 in) journal column (default double)")
    p.add_argument("--no-report", action="store_true", help="do not write DIR/report.html and DIR/report.pdf")
    p.add_argument("--members-of-interest", action="append", default=None, metavar="NAME",
                   help="draw per-member charts (activity by month, who replies to whom, message lengths) for "
                        "this member; repeat for several (names as in members.csv). Also writes "
                        "DIR/member_views.json")
    p.add_argument("--no-titles", action="store_true",
                   help="chart files without title and subtitle (journals print captions outside the figure); "
                        "the captions go to DIR/charts/captions.txt")


def run_exports(args: argparse.Namespace, report: Mapping[str, Any], out: Path,
                written: list[Path] | None = None,
                member_views: Mapping[str, Any] | None = None, *,
                shown: Path | None = None) -> bool:
    """Write the charts and reports asked for by `args`; False (after one line on stderr) when the
    charts the user explicitly asked for could not be written. The paths written are appended to
    `written` when it is given (for the console summary).

    Without a browser, the default report.pdf is skipped with a warning rather than failing the
    whole analysis: report.json, the CSVs and report.html are still useful. `shown`: the folder
    to name in messages when `out` is a staging folder that becomes it.
    """
    formats = list(getattr(args, "charts", None) or [])
    report_files = not getattr(args, "no_report", False)
    if not formats and not report_files:
        return True
    from analyzer.outputs.report_document import ExportError, export_all

    kw: dict[str, Any] = dict(lang=getattr(args, "lang", DEFAULT_LANG), size=getattr(args, "chart_size", "double"),
                              titles=not getattr(args, "no_titles", False))
    if member_views is not None:
        from analyzer.outputs.member_charts import build_member_charts

        views, lang, size = member_views, kw["lang"], kw["size"]
        kw["extra_figures"] = lambda titles: build_member_charts(views, lang, size=size, titles=titles)
    clock = time.perf_counter()
    try:
        res = export_all(report, out, formats=formats, report_files=report_files, **kw)
    except ExportError as e:
        if formats:
            print(f"wa-analyzer analyze: error: {e}", file=sys.stderr)
            return False
        print(f"wa-analyzer analyze: warning: report.pdf not written: {e}", file=sys.stderr)
        res = export_all(report, out, formats=(), report_files=True, pdf=False, **kw)
        if written is not None:
            written.extend(res.paths)
        return True
    except OSError as e:
        print(f"wa-analyzer analyze: error: cannot write to {str(shown or out)!r}: {e.strerror or e}", file=sys.stderr)
        return False
    if written is not None:
        written.extend(res.paths)
    print(f"{len(res.charts)} charts, {len(res.paths)} files -> {shown or out} ({time.perf_counter() - clock:.1f} s)",
          file=sys.stderr)
    return True
