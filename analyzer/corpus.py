"""Many groups at once: `wa-analyzer corpus DIR --out OUT [-j N]` (issue 7).

Every export under DIR (`*.txt`, `*.zip`, recursively) is parsed, optionally pseudonymised and
analysed in a process pool. Written to OUT:

- `groups.csv`: one row per export with the headline metrics (an `error` column for failures);
- `messages/group_id=<id>/part-0.parquet`: the message tables as one Hive-partitioned Parquet
  dataset (DuckDB `read_parquet(..., hive_partitioning=true)`, Spark `spark.read.parquet`, Dask
  `dd.read_parquet`, `pyarrow.dataset`); the partition column is called `group_id`, not `group`,
  because GROUP is a reserved word in SQL;
- `failures.csv`: each export that could not be analysed, with a one-line error (the run goes on);
- `member_groups.csv`, `bridging_members.csv`, `member_group_graph.graphml`: who is in which
  group, who is in two or more, and the bipartite member-group graph. Members are matched by
  display name or phone number as the exporting phone shows them; with `--anonymize` and one key
  for the whole study, by pseudonym (the same name or number gives the same pseudonym everywhere).
  Numbers are reliable; two different people with the same display name are merged. The exporter
  ("You" in system lines) is left out of the linking: it is a different person in each export.

With `--anonymize`, file names never reach OUT: a group's id is a keyed hash of its path below
DIR (`Pseudonymizer.group(relative_path)`), so only the holder of the key can tell which file a
row came from (`group_id_for`).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd

EXPORT_SUFFIXES = (".txt", ".zip")
PARTITION = "group_id"
"""Hive partition key of OUT/messages (and the group column of every corpus CSV)."""

GROUP_COLUMNS = [
    "file", PARTITION, "n_members", "n_posters", "messages", "records", "period_start", "period_end",
    "gini", "gini_ci_low", "gini_ci_high", "top10pct_share", "silent_share", "median_latency_s",
    "answered_1h_share", "business_news_share", "news_gini", "seconds", "error",
]


# --------------------------------------------------------------------------------------------
# Files and ids


def find_exports(root: str | os.PathLike[str], *, exclude: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Every `.txt`/`.zip` file under `root` (recursively; hidden files and folders and anything
    inside `exclude`, such as the output folder, are skipped), sorted by path."""
    root = Path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"no such folder: {root}")
    skip = [Path(e).resolve() for e in exclude]
    out = []
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.suffix.lower() not in EXPORT_SUFFIXES or not p.is_file():
            continue
        rp = p.resolve()
        if any(rp == s or s in rp.parents for s in skip):
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:40] or "group"


def group_id_for(relative_path: str, pseudonymizer: Any = None) -> str:
    """The id of an export in the corpus outputs: a keyed hash of its path below DIR with a
    pseudonymizer ('G-1A2B3C4D'), else a readable slug of the file name plus a short hash of the
    path (unique even when two folders hold files of the same name). Safe in a folder name."""
    rel = Path(relative_path).as_posix()
    if pseudonymizer is not None:
        return pseudonymizer.group("file:" + rel)
    return f"{_slug(Path(rel).stem)}-{hashlib.sha1(rel.encode('utf-8')).hexdigest()[:6]}"


# --------------------------------------------------------------------------------------------
# One export (runs in a worker process)


@dataclass(frozen=True)
class _Task:
    path: str
    rel: str
    group_id: str
    out_dir: str
    key: bytes | None
    metadata_only: bool
    load_kwargs: dict
    analyze_kwargs: dict


def _one_line(exc: BaseException, task: _Task) -> str:
    """The error as one line that names no file and, with pseudonyms, quotes no chat text."""
    msg = str(exc) if type(exc).__name__ == "ChatFormatError" else f"{type(exc).__name__}: {exc}"
    msg = " ".join(msg.split())
    label = task.group_id if task.key is not None else task.rel
    for s in sorted({task.path, str(Path(task.path).resolve()), task.rel, Path(task.rel).name}, key=len, reverse=True):
        if s:
            msg = msg.replace(s, label)
    if task.key is not None:
        # Quoted excerpts in parser messages may come from the chat (a header line, a name).
        msg = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", msg)
    return msg[:500]


def _summary(d: dict) -> dict:
    """The headline metrics of one report dict (`Report.to_dict()`)."""
    part, lat, win = d.get("participation") or {}, d.get("latency") or {}, d.get("window") or {}

    def find(key: str) -> Any:
        # Content metrics (business news) live in whichever section the classifier fills.
        for sec in d.values():
            if isinstance(sec, dict) and key in sec and not isinstance(sec[key], (dict, list)):
                return sec[key]
        return None

    return {
        "n_members": part.get("n_members"), "n_posters": part.get("n_posters"),
        "messages": part.get("n_messages", win.get("n_messages")), "records": win.get("n_records"),
        "period_start": win.get("first_record"), "period_end": win.get("last_record"),
        "gini": part.get("gini"), "gini_ci_low": part.get("gini_ci_low"), "gini_ci_high": part.get("gini_ci_high"),
        "top10pct_share": part.get("top10pct_share"), "silent_share": part.get("silent_share"),
        "median_latency_s": lat.get("median_s"), "answered_1h_share": lat.get("answered_1h_share"),
        "business_news_share": find("business_news_share"), "news_gini": find("news_gini"),
    }


def _arrow_table(df: pd.DataFrame):
    """The message table as Arrow with types every Parquet reader accepts: timestamps in
    microseconds (Spark cannot read nanoseconds), all-null columns as strings (so every
    partition has the same schema), strings as plain UTF-8."""
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False)
    cols, names = [], []
    for name, col in zip(table.column_names, table.columns):
        t = col.type
        if pa.types.is_timestamp(t):
            col = col.cast(pa.timestamp("us", tz=t.tz), safe=False)
        elif pa.types.is_null(t):
            col = col.cast(pa.string())
        elif pa.types.is_large_string(t) or (pa.types.is_dictionary(t) and pa.types.is_string(t.value_type)):
            col = col.cast(pa.string())
        cols.append(col)
        names.append(name)
    return pa.table(cols, names=names)


def analyze_one(task: _Task) -> dict:
    """Parse, pseudonymise, analyse and write one export; never raises (errors are returned)."""
    t0 = time.perf_counter()
    base = {"file": task.group_id if task.key is not None else task.rel, PARTITION: task.group_id}
    try:
        import pyarrow.parquet as pq

        from .parse import load_chat
        from .privacy import Pseudonymizer, anonymize, drop_text
        from .report import analyze
        from .schema import EXPORTER

        chat = load_chat(task.path, **task.load_kwargs)
        if task.key is not None:
            chat = anonymize(chat, Pseudonymizer(task.key), metadata_only=task.metadata_only)
        elif task.metadata_only:
            chat = drop_text(chat)
        report = analyze(chat, **task.analyze_kwargs)
        part_dir = Path(task.out_dir) / "messages" / f"{PARTITION}={task.group_id}"
        part_dir.mkdir(parents=True, exist_ok=True)
        tmp = part_dir / "part-0.parquet.tmp"
        pq.write_table(_arrow_table(report.messages), tmp, compression="zstd")
        tmp.replace(part_dir / "part-0.parquet")  # readers never see half a file
        members = report.members
        mem = members.loc[members["member"].astype(str) != EXPORTER, ["member", "messages"]]
        row = {**base, **_summary(report.to_dict()), "seconds": round(time.perf_counter() - t0, 3), "error": None}
        return {"ok": True, "row": row,
                "members": [(str(m), int(n)) for m, n in mem.itertuples(index=False)]}
    except Exception as exc:  # noqa: BLE001 - one bad export must not stop the corpus
        row = {**base, "seconds": round(time.perf_counter() - t0, 3), "error": _one_line(exc, task)}
        return {"ok": False, "row": row, "members": []}


# --------------------------------------------------------------------------------------------
# The corpus


@dataclass
class CorpusResult:
    """What `analyze_corpus` wrote (the same tables as the CSV files)."""

    out_dir: Path
    groups: pd.DataFrame
    failures: pd.DataFrame
    member_groups: pd.DataFrame
    bridging: pd.DataFrame
    seconds: float
    files: dict[str, Path] = field(default_factory=dict)


class _Progress:
    """tqdm when installed, else a plain counter on stderr. Shows counts only, never file names."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.n, self.enabled, self.bar = total, 0, enabled, None
        if enabled:
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="group", desc="corpus", file=sys.stderr)
            except ImportError:
                pass

    def update(self, failed: int) -> None:
        self.n += 1
        if self.bar is not None:
            self.bar.set_postfix(failed=failed, refresh=False)
            self.bar.update(1)
        elif self.enabled:
            end = "\n" if self.n == self.total or not sys.stderr.isatty() else ""
            print(f"\rcorpus: {self.n}/{self.total} groups ({failed} failed)", end=end, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing as mp

    # forkserver: forking the parent after pyarrow/numpy started threads can deadlock a child;
    # the server process imports the analyzer once and forks cheap, clean workers from it.
    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["analyzer.corpus", "analyzer.report", "analyzer.parse"])
    except ValueError:
        ctx = mp.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)


def _clear_messages(out_dir: Path) -> None:
    """Remove the Parquet files of an earlier run (only files this module writes), so a rerun
    with fewer groups does not leave stale partitions in the dataset."""
    base = out_dir / "messages"
    if not base.is_dir():
        return
    for d in base.glob(f"{PARTITION}=*"):
        for f in list(d.glob("part-0.parquet")) + list(d.glob("part-0.parquet.tmp")):
            f.unlink()
        try:
            d.rmdir()
        except OSError:
            pass


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    from .csvsafe import neutralise_csv

    neutralise_csv(df).to_csv(path, index=False)


def analyze_corpus(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    jobs: int | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    pseudonymizer: Any = None,
    metadata_only: bool = False,
    load_kwargs: dict | None = None,
    analyze_kwargs: dict | None = None,
    progress: bool = True,
    on_result: Callable[[dict], None] | None = None,
) -> CorpusResult:
    """Analyse every export in `paths` into `out_dir` (see the module docstring for the files).

    jobs: worker processes (default: CPU count; 1 runs in this process). root: the folder the
    paths are relative to (their ids and the `file` column), default their common parent.
    pseudonymizer: pseudonymise every group with it (one key for the study links members across
    groups). metadata_only: drop message text. load_kwargs/analyze_kwargs: passed to `load_chat`
    and `analyze` (e.g. `{"bootstrap": 500}`). Failures are recorded, never raised.
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clear_messages(out)
    paths = [Path(p) for p in paths]
    if root is None:
        root = Path(os.path.commonpath([str(p.resolve().parent) for p in paths])) if paths else Path(".")
    root = Path(root)
    key = getattr(pseudonymizer, "_key", None) if pseudonymizer is not None else None
    tasks = []
    seen: set[str] = set()
    for p in paths:
        try:
            rel = p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = p.name
        gid = group_id_for(rel, pseudonymizer)
        if gid in seen:  # same relative path twice (only possible with explicit path lists)
            gid = f"{gid}-{len(seen)}"
        seen.add(gid)
        tasks.append(_Task(str(p), rel, gid, str(out), key, metadata_only, dict(load_kwargs or {}),
                           dict(analyze_kwargs or {})))

    jobs = max(1, int(jobs or os.cpu_count() or 1))
    results: list[dict] = []
    bar = _Progress(len(tasks), progress)
    failed = 0

    def take(res: dict) -> None:
        nonlocal failed
        results.append(res)
        failed += not res["ok"]
        bar.update(failed)
        if on_result is not None:
            on_result(res)

    try:
        if jobs == 1 or len(tasks) <= 1:
            for t in tasks:
                take(analyze_one(t))
        else:
            with _pool(min(jobs, len(tasks))) as ex:
                futures: dict[Future, _Task] = {ex.submit(analyze_one, t): t for t in tasks}
                for fut in as_completed(futures):
                    t = futures[fut]
                    try:
                        res = fut.result()
                    except Exception as exc:  # noqa: BLE001 - a worker died (out of memory, killed)
                        res = {"ok": False, "members": [], "row": {
                            "file": t.group_id if t.key is not None else t.rel, PARTITION: t.group_id,
                            "error": _one_line(exc, t)}}
                    take(res)
    finally:
        bar.close()

    order = {t.group_id: i for i, t in enumerate(tasks)}
    results.sort(key=lambda r: order.get(r["row"][PARTITION], 0))
    groups = pd.DataFrame([r["row"] for r in results]).reindex(columns=GROUP_COLUMNS)
    failures = groups.loc[groups["error"].notna(), ["file", PARTITION, "error"]].reset_index(drop=True)

    mg = pd.DataFrame([(m, r["row"][PARTITION], n) for r in results for m, n in r["members"]],
                      columns=["member", PARTITION, "messages"])
    mg = mg.groupby(["member", PARTITION], as_index=False, sort=True)["messages"].sum()
    bridging = (mg.groupby("member")
                .agg(n_groups=(PARTITION, "nunique"), groups=(PARTITION, lambda s: ";".join(sorted(s))),
                     messages=("messages", "sum"))
                .reset_index())
    bridging = bridging[bridging["n_groups"] >= 2].sort_values(
        ["n_groups", "messages", "member"], ascending=[False, False, True]).reset_index(drop=True)

    files = {
        "groups": out / "groups.csv", "failures": out / "failures.csv",
        "member_groups": out / "member_groups.csv", "bridging": out / "bridging_members.csv",
        "graph": out / "member_group_graph.graphml", "messages": out / "messages",
    }
    _write_csv(groups, files["groups"])
    _write_csv(failures, files["failures"])
    _write_csv(mg, files["member_groups"])
    _write_csv(bridging, files["bridging"])
    _write_graph(mg, groups, files["graph"])
    return CorpusResult(out, groups, failures, mg, bridging, time.perf_counter() - t0, files)


def _write_graph(mg: pd.DataFrame, groups: pd.DataFrame, path: Path) -> None:
    """Bipartite member-group graph: nodes `kind` member/group (`bipartite` 0/1), edges weighted
    by the member's messages in that group; members carry `n_groups`."""
    import networkx as nx

    g = nx.Graph(name="member-group")
    ok = groups[groups["error"].isna()]
    for row in ok.itertuples(index=False):
        gid = getattr(row, PARTITION)
        attrs = {"kind": "group", "bipartite": 1}
        for col in ("n_members", "n_posters", "messages", "gini"):
            v = getattr(row, col)
            if pd.notna(v):
                attrs[col] = float(v) if col == "gini" else int(v)
        g.add_node(f"group:{gid}", label=str(gid), **attrs)
    counts = mg.groupby("member")[PARTITION].nunique()
    for m, n in counts.items():
        g.add_node(f"member:{m}", label=str(m), kind="member", bipartite=0, n_groups=int(n))
    for m, gid, n in mg.itertuples(index=False):
        g.add_edge(f"member:{m}", f"group:{gid}", weight=int(n))
    from .xmltext import xml_safe_graph

    nx.write_graphml(xml_safe_graph(g), path)  # control characters cannot be written in XML


# --------------------------------------------------------------------------------------------
# CLI


def _jobs(value: str) -> int:
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes, not {value!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 worker, not {v}")
    return v


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `corpus` subcommand."""
    from .privacy_cli import add_privacy_options

    p = subparsers.add_parser(
        "corpus", help="analyse every export in a folder (many groups) in parallel",
        description="Analyse every WhatsApp export (.txt, .zip) below DIR in a process pool. Writes "
                    "OUT/groups.csv, OUT/messages/ (Parquet, partitioned by group_id), OUT/failures.csv, "
                    "OUT/member_groups.csv, OUT/bridging_members.csv and OUT/member_group_graph.graphml.")
    p.add_argument("dir", metavar="DIR", help="folder with exports (searched recursively)")
    p.add_argument("--out", required=True, metavar="OUT", help="output folder")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="worker processes (default: number of CPUs)")
    p.add_argument("--date-order", choices=["DMY", "MDY", "YMD"], type=str.upper,
                   help="override the detected day/month order for every export")
    p.add_argument("--bootstrap", type=int, default=None, metavar="B",
                   help="bootstrap resamples for the Gini confidence interval (default 2000)")
    p.add_argument("--seed", type=int, default=None, help="seed for bootstrap and null draws (default 0)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_privacy_options(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run `corpus` for parsed arguments; returns the exit code (0 even if some exports failed)."""
    from .privacy_cli import pseudonymizer_from_args

    out = Path(args.out)
    try:
        paths = find_exports(args.dir, exclude=[out])
    except FileNotFoundError as e:
        print(f"wa-analyzer corpus: error: {e}", file=sys.stderr)
        return 2
    if not paths:
        print(f"wa-analyzer corpus: error: no .txt or .zip exports in {args.dir}", file=sys.stderr)
        return 2
    try:
        pz = pseudonymizer_from_args(args, out_dirs=[out])
    except ValueError as e:
        print(f"wa-analyzer corpus: error: {e}", file=sys.stderr)
        return 2
    load_kw = {"date_order": args.date_order} if args.date_order else {}
    an_kw = {k: v for k, v in {"bootstrap": args.bootstrap, "seed": args.seed}.items() if v is not None}
    root = Path(args.dir) if Path(args.dir).is_dir() else Path(args.dir).parent
    res = analyze_corpus(paths, out, args.jobs, root=root, pseudonymizer=pz, metadata_only=args.metadata_only,
                         load_kwargs=load_kw, analyze_kwargs=an_kw, progress=not args.no_progress)
    n_ok = int(res.groups["error"].isna().sum())
    print(f"{n_ok} of {len(res.groups)} exports analysed in {res.seconds:.1f} s"
          f"{f', {len(res.failures)} failed (failures.csv)' if len(res.failures) else ''}; "
          f"{len(res.bridging)} members in two or more groups -> {out}", file=sys.stderr)
    return 0
