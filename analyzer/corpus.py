"""Many groups at once: `wa-analyzer corpus DIR --out OUT [-j N] [--engine dask]` (issues 7, 14).

Every export under DIR (`*.txt`, `*.zip`, recursively) is read, optionally pseudonymised and
analysed with the same options and the same steps as `analyze` (`analyzer.analysis.run`), in a
local process pool (default) or on a Dask cluster (`--engine dask`). Written to OUT (every column
is defined once in `analyzer.corpus_schema`, written as OUT/schema.json and docs/corpus.md):

- `groups.csv` and `groups.parquet`: one row per export with the headline metrics, each column with
  one meaning (all-members and posters-only Gini side by side, how the member count was known,
  warnings; an `error` column for failures; integer columns stay integers when a group fails);
- `messages/group_id=<id>/part-0.parquet`: the message tables as one Hive-partitioned Parquet
  dataset (DuckDB `read_parquet(..., hive_partitioning=true)`, Spark `spark.read.parquet`, Dask
  `dd.read_parquet`, `pyarrow.dataset`), with the censoring of every turn (`duration_s`,
  `answered`, `censored`) so Kaplan-Meier can be recomputed; the partition column is `group_id`,
  not `group`, because GROUP is a reserved word in SQL;
- `failures.csv`: each export that could not be analysed, with a one-line error (the run goes on);
- `member_groups.csv`, `bridging_members.csv`, `member_group_graph.graphml`: who is in which
  group, who is in two or more, and the bipartite member-group graph. Members are linked by a
  `match_key` and a `match_by` column says how: 'phone' (a phone number, reliable) or
  'display_name' (a saved name: unrelated people called "Mama" are merged). With `--anonymize` and
  one key for the study the key is the pseudonym, made from the same normalised identity. The
  exporter ("You" in system lines) is left out of the linking: it is a different person in each
  export;
- `manifest.json`: tool and library versions, the command and every parameter (defaults filled
  in), seeds, SHA-256 of each input export and of the lexicon/model/roster files, per-group
  warnings, timings and peak memory, and the failures: enough to re-run and check the run;
- `schema.json`: the machine-readable data dictionary.

With `--anonymize`, file names never reach OUT: a group's id is a keyed hash of its path below
DIR (`Pseudonymizer.group(relative_path)`), so only the holder of the key can tell which file a
row came from (`group_id_for`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd

from analyzer.analysis.run import AnalysisOptions, OptionError, file_sha256, run_analysis
from analyzer.corpus_schema import BRIDGING, FAILURES, GROUPS, MEMBER_GROUPS, pandas_dtypes, schema_dict

EXPORT_SUFFIXES = (".txt", ".zip")
PARTITION = "group_id"
"""Hive partition key of OUT/messages (and the group column of every corpus CSV)."""

GROUP_COLUMNS = [c.name for c in GROUPS]
"""The columns of groups.csv, in order (defined in `analyzer.corpus_schema.GROUPS`)."""

ENGINES = ("local", "dask")


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


def read_group_table(path: str | os.PathLike[str], column: str) -> dict[str, str]:
    """{file or group_id: value} from a CSV with a key column (`file`, `group_id` or `group`) and
    `column` (`members` or `roster`). Raises OptionError with one sentence naming the option."""
    opt = f"--{column}"
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python", encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError) as e:
        raise OptionError(f"{opt}: cannot read {str(path)!r}: {getattr(e, 'strerror', None) or e}") from None
    cols = {c.strip().casefold(): c for c in df.columns}
    key = next((cols[k] for k in ("file", "group_id", "group") if k in cols), None)
    if key is None or column not in cols:
        raise OptionError(f"{opt}: {str(path)!r} needs a column 'file' (the export's path below DIR, or its group_id) "
                          f"and a column '{column}'")
    out: dict[str, str] = {}
    for k, v in zip(df[key], df[cols[column]]):
        k, v = str(k).strip(), str(v).strip()
        if k and v:
            out[k] = v
    return out


# --------------------------------------------------------------------------------------------
# One export (runs in a worker process or on a Dask worker)


@dataclass(frozen=True)
class _Task:
    path: str
    rel: str
    group_id: str
    out_dir: str
    options: AnalysisOptions
    members: int | None = None
    roster: tuple[str, ...] | None = None

    @property
    def key(self) -> bytes | None:
        return self.options.key


def _one_line(exc: BaseException, task: _Task) -> str:
    """The error as one line that names no file and, with pseudonyms, quotes no chat text."""
    msg = str(exc) if type(exc).__name__ in ("ChatFormatError", "AnalysisParameterError") \
        else f"{type(exc).__name__}: {exc}"
    return _scrub(msg, task)


def _scrub(msg: str, task: _Task) -> str:
    msg = " ".join(str(msg).split())
    label = task.group_id if task.key is not None else task.rel
    for s in sorted({task.path, str(Path(task.path).resolve()), task.rel, Path(task.rel).name}, key=len, reverse=True):
        if s:
            msg = msg.replace(s, label)
    if task.key is not None:
        # Quoted excerpts in parser messages may come from the chat (a header line, a name).
        msg = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", msg)
    return msg[:500]


def _num(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and v != v) else v


def _summary(d: dict) -> dict:
    """The groups.csv values of one report dict (`Report.to_dict()`); definitions in corpus_schema."""
    part, lat, win = d.get("participation") or {}, d.get("latency") or {}, d.get("window") or {}
    po = part.get("posters_only") or {}
    known = part.get("silent_known")

    def find(key: str) -> Any:
        # Content metrics (business news) live in whichever section the classifier fills.
        for sec in d.values():
            if isinstance(sec, dict) and key in sec and not isinstance(sec[key], (dict, list)):
                return sec[key]
        return None

    def all_members(key: str) -> Any:
        return part.get(key) if known else None

    n = part.get("n_members")
    return {
        "members_source": part.get("members_source"), "silent_known": known,
        "n_members": n, "n_posters": part.get("n_posters"),
        "silent_members": part.get("silent_members") if known else None,
        "silent_share": part.get("silent_share") if known else None,
        "one_person_chat": None if n is None else n == 1, "two_person_chat": None if n is None else n == 2,
        "messages": part.get("n_messages", win.get("n_messages")), "records": win.get("n_records"),
        "turns": win.get("n_turns"),
        "period_start": win.get("first_record"), "period_end": win.get("last_record"),
        "gini_all_members": all_members("gini"), "gini_all_members_corrected": all_members("gini_corrected"),
        "gini_all_members_ci_low": all_members("gini_ci_low"), "gini_all_members_ci_high": all_members("gini_ci_high"),
        "gini_posters": po.get("gini"), "gini_posters_corrected": po.get("gini_corrected"),
        "gini_posters_ci_low": po.get("gini_ci_low"), "gini_posters_ci_high": po.get("gini_ci_high"),
        "gini": part.get("gini"), "gini_ci_low": part.get("gini_ci_low"), "gini_ci_high": part.get("gini_ci_high"),
        "top10pct_share": part.get("top10pct_share"),
        "top10pct_share_all_members": all_members("top10pct_share"), "top10pct_share_posters": po.get("top10pct_share"),
        "median_latency_s": lat.get("median_s"), "answered_1h_share": lat.get("answered_1h_share"),
        "unanswered_share": lat.get("unanswered_share"),
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


def _peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far (Linux/macOS), in MB."""
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
    except (ImportError, OSError):
        return None


def analyze_one(task: _Task) -> dict:
    """Read, analyse and write one export (the steps of `run_analysis`); never raises.

    Returns {"ok", "row" (groups.csv values), "members" [(member, messages, match_key, match_by)],
    "info" (manifest entry: sha256, warnings, seconds, worker, peak memory)}.
    """
    t0 = time.perf_counter()
    base = {"file": task.group_id if task.key is not None else task.rel, PARTITION: task.group_id}
    info: dict[str, Any] = {"group_id": task.group_id, "file": base["file"]}
    try:
        info["sha256"] = file_sha256(task.path)
        info["bytes"] = os.path.getsize(task.path)
    except OSError:
        pass
    try:
        import pyarrow.parquet as pq

        from analyzer.chat.schema import EXPORTER

        an = run_analysis(task.path, task.options, members=task.members,
                          roster=None if task.roster is None else list(task.roster), warn_unmatched=False)
        report = an.report
        msgs = report.messages
        if "answered" in msgs.columns:
            msgs = msgs.assign(censored=~msgs["answered"])  # <NA> stays <NA> off turn ends
        part_dir = Path(task.out_dir) / "messages" / f"{PARTITION}={task.group_id}"
        part_dir.mkdir(parents=True, exist_ok=True)
        tmp = part_dir / "part-0.parquet.tmp"
        pq.write_table(_arrow_table(msgs), tmp, compression="zstd")
        tmp.replace(part_dir / "part-0.parquet")  # readers never see half a file
        d = report.to_dict()
        warnings = [_scrub(w, task) for w in d.get("warnings") or []]
        row = {**base, **_summary(d), "excluded_members": len(an.excluded), "n_warnings": len(warnings),
               "warnings": " | ".join(warnings) or None, "error": None}
        members = report.members
        mem = members.loc[members["member"].astype(str) != EXPORTER, ["member", "messages"]]
        out_members = []
        for m, n in mem.itertuples(index=False):
            key, by = an.identities.get(str(m), (str(m), "display_name"))
            out_members.append((str(m), int(n), key, by))
        info.update(ok=True, warnings=warnings, members_source=row["members_source"],
                    excluded_members=len(an.excluded),
                    excluded_not_found=report.parameters.get("excluded_not_found", []),
                    parameters_sha256=hashlib.sha256(json.dumps(d.get("parameters"), sort_keys=True, default=str)
                                                     .encode()).hexdigest())
        res = {"ok": True, "row": row, "members": out_members}
    except Exception as exc:  # noqa: BLE001 - one bad export must not stop the corpus
        err = _one_line(exc, task)
        info.update(ok=False, error=err)
        res = {"ok": False, "row": {**base, "error": err}, "members": []}
    info.update(seconds=round(time.perf_counter() - t0, 3), worker=f"{os.uname().nodename}:{os.getpid()}",
                peak_rss_mb=_peak_rss_mb())
    res["info"] = info
    return res


# --------------------------------------------------------------------------------------------
# Engines: the same `analyze_one` in this process, a local process pool, or on Dask


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
    manifest: dict = field(default_factory=dict)


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
        ctx.set_forkserver_preload(["analyzer.corpus", "analyzer.analysis", "analyzer.chat.parse"])
    except ValueError:
        ctx = mp.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)


def _died(t: _Task, exc: BaseException) -> dict:
    """The result of a task whose worker died (out of memory, killed, lost with its node)."""
    err = _one_line(exc, t)
    row = {"file": t.group_id if t.key is not None else t.rel, PARTITION: t.group_id, "error": err}
    return {"ok": False, "members": [], "row": row, "info": {"group_id": t.group_id, "file": row["file"],
                                                              "ok": False, "error": err}}


def _run_local(tasks: list[_Task], jobs: int, take: Callable[[dict], None]) -> dict:
    if jobs == 1 or len(tasks) <= 1:
        for t in tasks:
            take(analyze_one(t))
        return {"name": "local", "jobs": 1, "in_process": True}
    with _pool(min(jobs, len(tasks))) as ex:
        futures: dict[Future, _Task] = {ex.submit(analyze_one, t): t for t in tasks}
        for fut in as_completed(futures):
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker died
                res = _died(futures[fut], exc)
            take(res)
    return {"name": "local", "jobs": min(jobs, len(tasks)), "in_process": False}


def _run_dask(tasks: list[_Task], jobs: int | None, scheduler: str | None, processes: bool,
              take: Callable[[dict], None]) -> dict:
    """Every task on a Dask cluster: the one at `scheduler`, else a local dask.distributed cluster
    of `jobs` single-threaded workers (processes=False: threads in this process, for light tests).

    Workers need the same files: the exports and OUT on a filesystem every worker sees (a
    cluster's shared home or scratch space). Each worker writes its groups' Parquet partitions
    into OUT itself; only the small summary rows travel back to this process.
    """
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_as_completed
    except ImportError:
        raise OptionError("--engine dask needs Dask: pip install 'wa-analyzer[cluster]' "
                          "(or dask[distributed])") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as e:
            raise OptionError(f"--scheduler: cannot reach the Dask scheduler at {scheduler!r}: {e}") from None
    else:
        n = max(1, min(jobs or os.cpu_count() or 1, len(tasks) or 1))
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = len(client.scheduler_info().get("workers", {}))
        futures = client.map(analyze_one, tasks, pure=False)
        which = {f.key: t for f, t in zip(futures, tasks)}
        for fut in dask_as_completed(futures):
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker died or was lost
                res = _died(which[fut.key], exc)
            take(res)
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return {"name": "dask", "scheduler": scheduler or "local dask.distributed cluster", "workers": n_workers,
            "processes": processes if cluster is not None else None}


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
    from analyzer.outputs.csvsafe import neutralise_csv

    neutralise_csv(df).to_csv(path, index=False)


def _typed(rows: list[dict], cols) -> pd.DataFrame:
    """A table with the dictionary's columns and types: nullable Int64/boolean stay integers and
    booleans when some rows (failed groups) have no value."""
    df = pd.DataFrame(rows).reindex(columns=[c.name for c in cols])
    for name, dtype in pandas_dtypes(cols).items():
        s = df[name]
        if dtype == "string":
            df[name] = s.astype("string")
        elif dtype == "Int64":
            df[name] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif dtype == "boolean":
            df[name] = s.astype("boolean")
        else:
            df[name] = pd.to_numeric(s, errors="coerce").astype("float64")
    return df


def _resolve_sizes(tasks_info: list[tuple[str, str]], table: dict[str, Any], option: str) -> dict[str, Any]:
    """{group_id: value} for a --members/--roster table keyed by relative path or group_id; every
    key must name an export (a typo would otherwise silently drop a group's size)."""
    out: dict[str, Any] = {}
    used: set[str] = set()
    for rel, gid in tasks_info:
        for k in (rel, gid):
            if k in table:
                out[gid] = table[k]
                used.add(k)
                break
    unknown = sorted(set(table) - used)
    if unknown:
        raise OptionError(f"{option}: {len(unknown)} row(s) name no export below DIR (first: {unknown[0]!r}); "
                          "use the path below DIR as listed in groups.csv's 'file' column, or the group_id")
    return out


def _analyze_defaults() -> dict:
    """analyze()'s defaults (the fields of AnalysisParameters), so the manifest records every
    parameter, given or not."""
    import dataclasses

    from analyzer.analysis import AnalysisParameters

    return {f.name: (list(f.default) if isinstance(f.default, tuple) else f.default)
            for f in dataclasses.fields(AnalysisParameters)
            if f.init and f.default is not dataclasses.MISSING and f.name not in ("members", "roster")}


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
    options: AnalysisOptions | None = None,
    members: dict[str, int] | None = None,
    rosters: dict[str, list[str]] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    dask_processes: bool = True,
    progress: bool = True,
    on_result: Callable[[dict], None] | None = None,
    manifest_extra: dict | None = None,
) -> CorpusResult:
    """Analyse every export in `paths` into `out_dir` (see the module docstring for the files).

    jobs: workers (default: CPU count; 1 runs in this process with the local engine). root: the
    folder the paths are relative to (their ids and the `file` column), default their common parent.
    options: the `AnalysisOptions` of every group (as `analyze` uses them); without it they are made
    from pseudonymizer, metadata_only, load_kwargs and analyze_kwargs (e.g. `{"bootstrap": 500}`).
    members / rosters: group size or roster names per group, keyed by relative path or group_id.
    engine: "local" (process pool) or "dask" (`scheduler` address, else a local cluster;
    dask_processes=False runs its workers as threads). Results do not depend on the engine.
    Failures are recorded, never raised; unusable options raise OptionError.
    """
    t0 = time.perf_counter()
    if engine not in ENGINES:
        raise OptionError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if options is None:
        key = getattr(pseudonymizer, "_key", None) if pseudonymizer is not None else None
        options = AnalysisOptions(load=dict(load_kwargs or {}), analyze=dict(analyze_kwargs or {}), key=key,
                                  metadata_only=metadata_only)
    pz = pseudonymizer
    if pz is None and options.key is not None:
        from analyzer.privacy import Pseudonymizer

        pz = Pseudonymizer(options.key)
    out = Path(out_dir)
    paths = [Path(p) for p in paths]
    if root is None:
        root = Path(os.path.commonpath([str(p.resolve().parent) for p in paths])) if paths else Path(".")
    root = Path(root)
    ids: list[tuple[Path, str, str]] = []
    seen: set[str] = set()
    for p in paths:
        try:
            rel = p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = p.name
        gid = group_id_for(rel, pz)
        if gid in seen:  # same relative path twice (only possible with explicit path lists)
            gid = f"{gid}-{len(seen)}"
        seen.add(gid)
        ids.append((p, rel, gid))
    sizes = _resolve_sizes([(r, g) for _, r, g in ids], members or {}, "--members")
    names = _resolve_sizes([(r, g) for _, r, g in ids], rosters or {}, "--roster")
    tasks = [_Task(str(p), rel, gid, str(out), options, sizes.get(gid),
                   None if gid not in names else tuple(names[gid])) for p, rel, gid in ids]

    out.mkdir(parents=True, exist_ok=True)
    _clear_messages(out)
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
        if engine == "dask":
            engine_info = _run_dask(tasks, jobs, scheduler, dask_processes, take)
        else:
            engine_info = _run_local(tasks, max(1, int(jobs or os.cpu_count() or 1)), take)
    finally:
        bar.close()

    order = {t.group_id: i for i, t in enumerate(tasks)}
    results.sort(key=lambda r: order.get(r["row"][PARTITION], 0))
    groups = _typed([r["row"] for r in results], GROUPS)
    failures = _typed(groups.loc[groups["error"].notna(), ["file", PARTITION, "error"]].to_dict("records"), FAILURES)

    mg, bridging = _member_tables(results)
    files = {
        "groups": out / "groups.csv", "groups_parquet": out / "groups.parquet", "failures": out / "failures.csv",
        "member_groups": out / "member_groups.csv", "bridging": out / "bridging_members.csv",
        "graph": out / "member_group_graph.graphml", "messages": out / "messages",
        "schema": out / "schema.json", "manifest": out / "manifest.json",
    }
    _write_csv(groups, files["groups"])
    groups.to_parquet(files["groups_parquet"], index=False)
    _write_csv(failures, files["failures"])
    _write_csv(mg, files["member_groups"])
    _write_csv(bridging, files["bridging"])
    _write_graph(mg, groups, files["graph"])
    files["schema"].write_text(json.dumps(schema_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    seconds = time.perf_counter() - t0
    manifest = _manifest(options, tasks, results, engine_info, files, seconds, root, manifest_extra or {})
    files["manifest"].write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n",
                                 encoding="utf-8")
    return CorpusResult(out, groups, failures, mg, bridging, seconds, files, manifest)


def _member_tables(results: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """member_groups (one row per member and group) and bridging (match keys in 2+ groups)."""
    rows = [(m, r["row"][PARTITION], n, key, by) for r in results for m, n, key, by in r["members"]]
    raw = pd.DataFrame(rows, columns=["member", PARTITION, "messages", "match_key", "match_by"])
    # One row per person and group: two spellings of one number in one group are one member.
    raw = raw.sort_values(["match_key", PARTITION, "messages", "member"], ascending=[True, True, False, True])
    mg = (raw.groupby(["match_key", PARTITION], as_index=False, sort=True)
          .agg(member=("member", "first"), messages=("messages", "sum"), match_by=("match_by", "first")))
    mg = _typed(mg.sort_values(["member", PARTITION]).to_dict("records"), MEMBER_GROUPS)
    if len(mg):
        top = mg.sort_values(["messages", "member"], ascending=[False, True]).groupby("match_key")["member"].first()
        br = (mg.groupby("match_key")
              .agg(match_by=("match_by", "first"), n_groups=(PARTITION, "nunique"),
                   groups=(PARTITION, lambda s: ";".join(sorted(s))), messages=("messages", "sum"),
                   names=("member", lambda s: ";".join(sorted(set(map(str, s))))))
              .reset_index())
        br["member"] = br["match_key"].map(top)
        br = br[br["n_groups"] >= 2].sort_values(["n_groups", "messages", "member"], ascending=[False, False, True])
    else:
        br = pd.DataFrame(columns=[c.name for c in BRIDGING])
    return mg.reset_index(drop=True), _typed(br.to_dict("records"), BRIDGING)


def _versions() -> dict:
    import platform

    out = {"python": platform.python_version(), "platform": platform.platform()}
    from importlib import metadata

    for pkg in ("wa-analyzer", "pandas", "numpy", "pyarrow", "scipy", "scikit-learn", "networkx", "dask", "distributed"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def _manifest(options: AnalysisOptions, tasks: list[_Task], results: list[dict], engine: dict,
              files: dict[str, Path], seconds: float, root: Path, extra: dict) -> dict:
    """manifest.json: what was run, on what, with which result (module docstring)."""
    from analyzer import __version__

    params = options.parameters()
    effective = {**_analyze_defaults(), **{k: v for k, v in params["analyze"].items()}}
    for k in ("lexicon", "model"):
        if effective.get(k) is not None:
            effective[k] = str(effective[k])
    info = {r["info"]["group_id"]: r["info"] for r in results if "info" in r}
    # --exclude names that matched nobody in any analysed group (a typo, most likely)
    ok = [g for g in info.values() if g.get("ok")]
    never = sorted(set.intersection(*(set(g.get("excluded_not_found", [])) for g in ok))) if ok and options.exclude else []
    groups = []
    for t in tasks:
        g = dict(info.get(t.group_id, {"group_id": t.group_id}))
        g["members_option"] = t.members
        g["roster_names"] = None if t.roster is None else len(t.roster)
        groups.append(g)
    outputs = {}
    for name in ("groups", "groups_parquet", "failures", "member_groups", "bridging", "schema"):
        p = files[name]
        outputs[p.name] = file_sha256(p)
    return {
        "tool": {"name": "wa-analyzer", "version": __version__},
        "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "versions": _versions(),
        **extra,
        "options": params,
        "parameters": effective,  # every analyze() parameter, defaults filled in
        "seeds": {"seed": effective.get("seed"), "bootstrap": effective.get("bootstrap"),
                  "null_draws": effective.get("null_draws"), "network_null_draws": effective.get("network_null_draws")},
        "engine": engine,
        "exclude_never_matched": never,
        "n_groups": len(tasks),
        "n_failed": sum(not g.get("ok", False) for g in groups),
        "seconds": round(seconds, 3),
        "groups": groups,
        "failures": [{"group_id": g["group_id"], "file": g.get("file"), "error": g.get("error")}
                     for g in groups if not g.get("ok", False)],
        "outputs_sha256": outputs,
    }


def _write_graph(mg: pd.DataFrame, groups: pd.DataFrame, path: Path) -> None:
    """Bipartite member-group graph: nodes `kind` member/group (`bipartite` 0/1), edges weighted
    by the member's messages in that group; members carry `n_groups` and `match_by`."""
    import networkx as nx

    g = nx.Graph(name="member-group")
    ok = groups[groups["error"].isna()]
    for row in ok.itertuples(index=False):
        gid = getattr(row, PARTITION)
        attrs = {"kind": "group", "bipartite": 1}
        for col in ("n_members", "n_posters", "messages", "gini_posters", "gini_all_members"):
            v = getattr(row, col)
            if pd.notna(v):
                attrs[col] = float(v) if col.startswith("gini") else int(v)
        g.add_node(f"group:{gid}", label=str(gid), **attrs)
    if len(mg):
        counts = mg.groupby("match_key")[PARTITION].nunique()
        first = mg.groupby("match_key").agg(member=("member", "first"), match_by=("match_by", "first"))
        for key, n in counts.items():
            g.add_node(f"member:{key}", label=str(first.at[key, "member"]), kind="member", bipartite=0,
                       n_groups=int(n), match_by=str(first.at[key, "match_by"]))
        for row in mg.itertuples(index=False):
            g.add_edge(f"member:{row.match_key}", f"group:{getattr(row, PARTITION)}", weight=int(row.messages))
    from analyzer.outputs.xmltext import xml_safe_graph

    nx.write_graphml(xml_safe_graph(g), path)  # control characters cannot be written in XML


def __getattr__(name: str):
    # The `corpus` subcommand moved to analyzer.cli.corpus (issue 16); its old names keep working
    # for one release.
    if name in ("add_parser", "run"):
        import warnings

        warnings.warn(f"analyzer.corpus.{name} moved to analyzer.cli.corpus", DeprecationWarning, stacklevel=2)
        from analyzer.cli import corpus as cli_corpus

        return getattr(cli_corpus, name)
    raise AttributeError(f"module 'analyzer.corpus' has no attribute {name!r}")
