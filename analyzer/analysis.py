"""`analyze(chat) -> Report`: every metric of docs/metrics.md for one window of one chat.

The CLI (`wa-analyzer analyze`) and the dashboard call this one function, so their numbers are the
same numbers. The report carries every parameter it used and the tool version; `Report.to_dict()`
is JSON-ready with NaN/inf turned into null (an undefined value is never printed as a number).

Derived per-message columns (`message_table`):
- `turn`: turn id (docs/metrics.md "Turn"), <NA> for system lines;
- `reply_to`: on the first message of a turn that replies (reply edge A→B), the author B;
- `latency_s`: on the last message of a turn, the seconds until another author's turn started, or
  <NA> when the turn went unanswered (censored); `answered` says which. Both are the *next
  response* and are also written as `next_response_s` and `has_next_response` (the new names;
  the old ones are kept for one release);
- `duration_s`: on the same message, the latency when answered, else the time the turn was watched
  without an answer (censored at the censor limit or the end of observation): Kaplan-Meier's
  duration, with `answered` as its event indicator.
- `answered_by_line`: on a request (category `request`), the line of the message that answers it
  under the answer rule (`analyzer.metrics.answers`), <NA> when none does; <NA> on every other
  row. `answer_evidence` names the cues that linked it ("window+words").
Putting turn-level values on one message each keeps sums and counts over the message table equal to
counts over turns.
"""
from __future__ import annotations

import dataclasses

import datetime as dt
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from analyzer.chat.model import Chat
from analyzer.metrics.jsonready import jsonable as _jsonable
from analyzer.classify.categorise import TURN_CATEGORY_RULE
from analyzer.metrics.activity import ActivityResult, activity_metrics
from analyzer.metrics.content import ContentResult
from analyzer.metrics.latency import (
    CENSOR_LIMIT_S,
    LatencyResult,
    hour_weights,
    latency_metrics,
    timestamp_resolution_s,
    turn_latencies,
)
from analyzer.metrics.members import Membership, resolve_members
from analyzer.metrics.network import NULL_DRAWS as NETWORK_NULL_DRAWS, W_WEAK, NetworkResult, network_metrics
from analyzer.metrics.participation import ParticipationResult, over_time, participation_metrics, top_members
from analyzer.metrics.turns import REPLY_WINDOW_S, TAU_BURST_S, Turns, labels_from_codes, segment_turns
from analyzer.metrics.latency import next_response_dict
from analyzer.chat.schema import MEMBERSHIP_EVENTS

MESSAGE_KINDS = ("text", "media", "deleted", "call", "other")
"""User records counted as messages by default: every kind except system lines (docs/metrics.md)."""


class AnalysisParameterError(ValueError):
    """A parameter of `analyze` is unusable (bad date, group size below the posters, ...)."""


def _version() -> str:
    from analyzer import __version__

    return __version__


# --------------------------------------------------------------------------------------------
# Parameters


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


def _bound(value: object, *, name: str, end: bool) -> tuple[pd.Timestamp | None, bool]:
    """A window bound as a Timestamp, and whether it was a whole day (then --end includes it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, False
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return pd.Timestamp(value).tz_localize(None) if pd.Timestamp(value).tzinfo else pd.Timestamp(value), False
    if isinstance(value, dt.date):
        return pd.Timestamp(value), True
    s = str(value).strip()
    if not _ISO.match(s):
        raise AnalysisParameterError(f"{name} must be a date like 2024-07-31 (or '2024-07-31 18:00'), not {s!r}")
    try:
        ts = pd.Timestamp(s)
    except ValueError as e:
        raise AnalysisParameterError(f"{name} {s!r} is not a valid date: {e}") from None
    return ts, len(s) == 10


def read_roster(path: str | Path) -> list[str]:
    """Member names from a roster file: one name per line, or a CSV whose column `name`/`member`/
    `nama`/`anggota` (else the first column) holds the names. Empty lines and `#` comments are
    skipped. This is I/O for the CLI; `analyze` itself takes the list."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise AnalysisParameterError(f"cannot read the roster {str(p)!r}: {e.strerror or e}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise AnalysisParameterError(f"the roster {str(p)!r} has no names")
    import csv

    first = lines[0]
    delim = next((d for d in (",", ";", "\t") if d in first), None)
    if delim is None:
        return [ln.strip() for ln in lines]
    rows = list(csv.reader(lines, delimiter=delim))
    header = [h.strip().casefold() for h in rows[0]]
    for key in ("name", "member", "nama", "anggota", "display name"):
        if key in header:
            col = header.index(key)
            return [r[col].strip() for r in rows[1:] if len(r) > col and r[col].strip()]
    return [r[0].strip() for r in rows if r and r[0].strip()]


# --------------------------------------------------------------------------------------------
# Report


@dataclass
class Report:
    """The analysis of one window of one chat. `to_dict()` gives the report.json tree."""

    parameters: dict
    format: dict
    window: dict
    participation: ParticipationResult
    latency: LatencyResult
    activity: ActivityResult
    messages: pd.DataFrame = field(repr=False)
    members: pd.DataFrame = field(repr=False)
    warnings: list[str] = field(default_factory=list)
    version: str = ""
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    network: NetworkResult | None = field(default=None, repr=False)  # issue 5; None when network=False
    merge: dict = field(default_factory=dict)  # time zone, merged exports, likely duplicate names
    content: ContentResult | None = field(default=None, repr=False)  # issue 4; None when classify=False
    quality: dict = field(default_factory=dict)  # how far to trust the parse: Chat.quality.to_dict()
    sensitivity: dict = field(default_factory=dict)  # issue 13: figures over Δ and the censor limit
    notices: list = field(default_factory=list)  # `warnings` as codes + parameters (analyzer.notices)

    def to_dict(self) -> dict:
        """JSON-ready: NaN and inf are null, timestamps ISO 8601 strings (naive local time)."""
        return _jsonable({
            "tool": {"name": "wa-analyzer", "version": self.version},
            "version": self.version,
            "parameters": self.parameters,
            "format": self.format,
            "merge": self.merge,
            "window": self.window,
            "participation": self.participation.to_dict(),
            "next_response": next_response_dict(self.latency),
            "latency": self.latency.to_dict(),  # old name of next_response, kept for one release
            "activity": self.activity.to_dict(),
            "network": None if self.network is None else self.network.to_dict(),
            "content": None if self.content is None else self.content.to_dict(),
            "quality": self.quality,
            "sensitivity": self.sensitivity,
            "warnings": self.warnings,
            "notices": [n.to_dict() if hasattr(n, "to_dict") else dict(n) for n in self.notices],
        })

    def to_json(self, **kwargs) -> str:
        import json

        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)


# --------------------------------------------------------------------------------------------
# analyze


def _characters(user: pd.DataFrame) -> np.ndarray:
    """Characters a member typed: code points of text messages. Media placeholders, file names,
    deletion and call notices are written by the app, so those records count 0."""
    if len(user) == 0:
        return np.zeros(0, dtype=np.int64)
    lengths = user["text"].str.len().fillna(0).to_numpy(dtype=np.int64)
    return np.where((user["kind"] == "text").to_numpy(dtype=bool, na_value=False), lengths, 0)


def analyze(
    chat: Chat,
    *,
    start: object = None,
    end: object = None,
    members: int | None = None,
    roster: Iterable[str] | None = None,
    tau_burst_s: float = TAU_BURST_S,
    reply_window_s: float = REPLY_WINDOW_S,
    censor_limit_s: float = CENSOR_LIMIT_S,
    quiet_hours: tuple[int, int] | str | None = None,
    bootstrap: int = 2000,
    null_draws: int = 1000,
    seed: int = 0,
    rolling_days: int = 30,
    top_n: int = 20,
    message_kinds: Sequence[str] = MESSAGE_KINDS,
    w_weak: float = W_WEAK,
    network_null_draws: int = NETWORK_NULL_DRAWS,
    network: bool = True,
    classify: bool = True,
    lexicon: object = None,
    model: object = None,
    exclude_bots: bool = False,
    sensitivity: bool = True,
    labels: object = None,
) -> Report:
    """Analyse `chat` in the window [start, end].

    start, end: ISO dates ("2024-07-01") or datetimes; a date-only `end` includes that whole day.
    members: the total group size N (silent = N − posters); roster: member names. Not both.
    tau_burst_s: turn gap τ_burst; reply_window_s: Δ for reply edges; censor_limit_s: latencies
    above it are unanswered; quiet_hours: None, (22, 5) or "profile" (see metrics.latency).
    bootstrap, null_draws, seed: the Gini CI resamples, chance-null draws and their seed.
    rolling_days: length of the rolling participation window; top_n: emoji/domain list length.
    message_kinds: which user-record kinds count as messages.
    w_weak, network_null_draws, network: weak-tie threshold and null-model draws of the interaction
    network (its Δ is reply_window_s, recorded as `network.parameters.delta_s`); network=False skips it.
    classify, lexicon, model: categorise the messages (`analyzer.classify.categorise`): with the rule
    classifier and `lexicon` (None = built-in, or a CSV path / DataFrame adding or overriding cues),
    or with a trained `model` (a file from `save_model`, or a fitted model). Adds `category` and
    `category_reason` to `Report.messages`, latency by category and `Report.content`.
    classify=False skips it (content is None); a `category` column already in the chat is then used.
    exclude_bots: leave known bot accounts (`Chat.members["is_bot"]`, e.g. "Meta AI") out of every
    metric, as `analyzer.metrics.filters.exclude_members` does; report.json lists them under
    `parameters.excluded_bots`.
    Requests are linked to their answers by the evidence rule of `analyzer.metrics.answers` (its Δ
    is reply_window_s, its horizon censor_limit_s).
    sensitivity: recompute the headline figures for Δ 5/15/30/60 min and censor limits 1/6/24 h
    (`Report.sensitivity`, `analyzer.metrics.sensitivity`); False skips it.
    labels: a hand-coded sheet (CSV path or DataFrame with `line` and `label`, as written by
    `wa-analyzer sample`): the content block then carries the misclassification-corrected shares
    with 95 % intervals (`share_basis` "corrected"); without it the shares are raw, with the
    classifier's measured accuracy on real chats beside them.
    Raises AnalysisParameterError for unusable parameters.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    if members is not None and roster is not None:
        raise AnalysisParameterError("give either members (a group size) or a roster, not both")
    if members is not None:
        try:
            members = int(members)
        except (TypeError, ValueError):
            raise AnalysisParameterError(f"members must be a whole number, not {members!r}") from None
        if members < 1:
            raise AnalysisParameterError(f"members must be at least 1, not {members}")
    roster_list = None if roster is None else [str(r) for r in roster]
    if roster_list is not None and not any(r.strip() for r in roster_list):
        raise AnalysisParameterError("the roster has no names")
    for name, v in (("tau_burst_s", tau_burst_s), ("reply_window_s", reply_window_s),
                    ("censor_limit_s", censor_limit_s)):
        if not (isinstance(v, (int, float)) and math.isfinite(v) and v >= 0):
            raise AnalysisParameterError(f"{name} must be a non-negative number of seconds, not {v!r}")
    for name, v, lo in (("rolling_days", rolling_days, 1), ("bootstrap", bootstrap, 0),
                        ("null_draws", null_draws, 0), ("top_n", top_n, 1)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < lo:
            raise AnalysisParameterError(f"{name} must be a whole number of at least {lo}, not {v!r}")
    bad_kinds = set(message_kinds) - set(MESSAGE_KINDS)
    if bad_kinds:
        raise AnalysisParameterError(f"message_kinds may only contain {MESSAGE_KINDS}, not {sorted(bad_kinds)}")
    t0, _ = _bound(start, name="start", end=False)
    t1, whole_day = _bound(end, name="end", end=True)
    t1_excl = None if t1 is None else (t1 + pd.Timedelta(days=1) if whole_day else t1 + pd.Timedelta(1, "ns"))
    if t0 is not None and t1_excl is not None and t0 >= t1_excl:
        raise AnalysisParameterError(f"the window is empty: start {start} is after end {end}")
    if quiet_hours is not None and quiet_hours != "profile":
        try:
            hour_weights(tuple(quiet_hours))  # type: ignore[arg-type]
        except (TypeError, ValueError) as e:
            raise AnalysisParameterError(f"quiet_hours must be (start, end) hours or 'profile': {e}") from None
        quiet_hours = tuple(int(h) for h in quiet_hours)  # type: ignore[union-attr]

    from analyzer.chat.merge import merge_report, wall_clock

    merge = merge_report(chat)
    quality = chat.quality.to_dict()  # of the parse as read (before the wall-clock conversion)
    excluded_bots: list[str] = []
    if exclude_bots:
        from analyzer.metrics.filters import bot_members, exclude_members

        excluded_bots = bot_members(chat)
        chat = exclude_members(chat, excluded_bots)
    # Zone-aware chats (tz=) are analysed on the wall clock of their zone, so hours and days are
    # those of the stated zone; report.json says which (format.time_zone, merge.time_zone).
    chat = wall_clock(chat)
    warnings: list[str] = list(chat.format.warnings)
    from analyzer.notices import Notice, render

    notices: list[Notice] = list(getattr(chat.format, "notices", ()) or ())
    all_msgs = chat.messages
    ts_all = all_msgs["timestamp"]
    if ts_all.isna().any():
        notices.append(Notice("report.no_timestamp", {"n": str(int(ts_all.isna().sum()))}))
        warnings.append(render(notices[-1]))
        all_msgs = all_msgs[ts_all.notna()]
        ts_all = all_msgs["timestamp"]
    export_first = ts_all.min() if len(ts_all) else None
    export_last = ts_all.max() if len(ts_all) else None

    in_w = np.ones(len(all_msgs), dtype=bool)
    if t0 is not None:
        in_w &= (ts_all >= t0).to_numpy()
    if t1_excl is not None:
        in_w &= (ts_all < t1_excl).to_numpy()
    win = all_msgs[in_w] if not in_w.all() else all_msgs
    kind = win["kind"]
    is_user = (kind.isin(list(message_kinds)) & win["author"].notna()).to_numpy(dtype=bool)
    user = win[is_user]
    events = win[(kind == "system").to_numpy(dtype=bool)]

    observed_until = export_last
    if t1_excl is not None and export_last is not None and t1_excl <= export_last:
        observed_until = t1_excl
    first_day = last_day = None
    if len(win):
        first_day = win["timestamp"].min() if t0 is None else max(t0, export_first)
        last_day = win["timestamp"].max() if t1_excl is None else min(t1_excl - pd.Timedelta(1, "ns"), export_last)
    if len(win) == 0:
        notices.append(Notice("report.no_records"))
        warnings.append(render(notices[-1]))
    elif len(user) == 0:
        notices.append(Notice("report.no_messages"))
        warnings.append(render(notices[-1]))
    lap("prepare")

    # Classification (issue 4), before turns so latency can be summarised by category. Only the
    # window is classified: it is the costly stage, and rows outside the window are never shown.
    from analyzer.classify.categorise import ClassifierInputError, categorise, load_classifier

    classifier_info: dict = {"classifier": None, "classifier_version": None}
    if classify:
        try:
            lex_obj, model_obj, classifier_info = load_classifier(lexicon=lexicon, model=model)
        except ClassifierInputError as e:
            raise AnalysisParameterError(str(e)) from None
        cats = categorise(win, lexicon=lex_obj, model=model_obj)
        win = win.assign(category=cats["category"].to_numpy(), category_reason=cats["category_reason"].to_numpy())
        user = win[is_user]
        lap("classify")
    elif lexicon is not None or model is not None:
        raise AnalysisParameterError("a lexicon or model was given but classification is switched off")
    elif "category" in win.columns:
        classifier_info = {"classifier": "given", "classifier_version": chat.messages.attrs.get("classifier_version")}
    if labels is not None and "category" not in win.columns:
        raise AnalysisParameterError("a coding sheet (--labels) needs message categories: drop --no-classify")

    # Turns and latency.
    chars = _characters(user)
    turns: Turns = segment_turns(user["timestamp"], user["author"], tau_burst_s=tau_burst_s,
                                 reply_window_s=reply_window_s, characters=chars)
    tt = turns.table
    lap("turns")
    hourly = np.bincount(pd.DatetimeIndex(user["timestamp"]).hour.to_numpy(), minlength=24) if len(user) else np.zeros(24)
    weights = hour_weights(quiet_hours, hourly)
    lat = turn_latencies(tt["start"].to_numpy(), tt["end"].to_numpy(), tt["author_code"].to_numpy(),
                         observed_until=observed_until, censor_limit_s=censor_limit_s, weights=weights)
    resolution = timestamp_resolution_s(user["timestamp"], seconds_in_format=chat.format.seconds)
    turn_category = None
    if "category" in user.columns and len(tt):
        from analyzer.classify.categorise import turn_categories

        turn_category = turn_categories(user["category"], turns.message_turn, turns.order, len(tt))
    latency = latency_metrics(tt, lat, user["timestamp"], resolution_s=resolution, censor_limit_s=censor_limit_s,
                              quiet_hours=quiet_hours, turn_category=turn_category)
    lap("latency")

    # Members.
    posts = user["author"].value_counts(sort=False)
    posts.index = posts.index.astype(str)
    any_membership = bool(all_msgs["event"].isin(list(MEMBERSHIP_EVENTS)).any())
    try:
        ms: Membership = resolve_members(posts, chat.members, window_start=t0, window_end=t1_excl,
                                         roster=roster_list, size=members, any_membership_events=any_membership)
    except ValueError as e:
        raise AnalysisParameterError(str(e)) from None
    mt = ms.table
    names = mt["member"].astype(str).to_numpy()
    code_of = {m: i for i, m in enumerate(names)}
    lap("members")

    # Participation vectors over all n members; named silent ones and anonymous ones are zeros.
    # Codes of the turn segmentation's labels -> rows of the member table (every poster has one).
    lookup = np.array([code_of[str(v)] for v in turns.labels], dtype=np.int64)
    author_code = lookup[turns.message_author] if len(user) else np.zeros(0, np.int64)
    n_named = len(mt)
    msg_named = np.bincount(author_code, minlength=n_named).astype(float)
    char_named = np.bincount(author_code, weights=chars, minlength=n_named).astype(float)
    turn_code = lookup[tt["author_code"].to_numpy()] if len(tt) else np.zeros(0, np.int64)
    turns_named = np.bincount(turn_code, minlength=n_named).astype(float)

    if ms.fixed_size is not None:
        # n = N: posters plus N − posters anonymous zeros (named silent ones are among those).
        p = ms.n_posters
        pad = np.zeros(ms.fixed_size - p)
        xm, xc, xt = (np.concatenate([v[:p], pad]) for v in (msg_named, char_named, turns_named))
    else:
        xm, xc, xt = msg_named, char_named, turns_named

    days = pd.DatetimeIndex(user["timestamp"]).to_numpy().astype("datetime64[D]")
    fd = None if first_day is None else np.datetime64(pd.Timestamp(first_day).date(), "D")
    ld = None if last_day is None else np.datetime64(pd.Timestamp(last_day).date(), "D")
    common = dict(fixed_size=ms.fixed_size, first_day=fd, last_day=ld)
    if ms.fixed_size is not None:
        common.update(joined=None, left=None)
        n_codes = ms.n_posters
    else:
        common.update(joined=mt["joined"].to_numpy(dtype="datetime64[ns]"), left=mt["left"].to_numpy(dtype="datetime64[ns]"))
        n_codes = n_named
    monthly = over_time(days, author_code, n_codes, freq="month", **common)
    rolling = over_time(days, author_code, n_codes, freq="rolling", rolling_days=rolling_days, **common)
    lap("over_time")
    participation = participation_metrics(
        xm, xc, xt,
        n_posters=ms.n_posters, silent_members=ms.silent_members, silent_share=ms.silent_share,
        members_source=ms.source, silent_known=ms.silent_known, monthly=monthly, rolling=rolling,
        rolling_days=rolling_days, bootstrap=bootstrap, null_draws=null_draws, seed=seed, notes=ms.notes,
        top_posters=top_members(names, msg_named, top_n),
    )
    lap("participation")

    activity = activity_metrics(user, events, first_day=first_day, last_day=last_day, top_n=top_n)
    lap("activity")

    network_result = None
    if network:
        try:
            network_result = network_metrics(user, delta_s=reply_window_s, tau_burst_s=tau_burst_s, w_weak=w_weak,
                                             seed=seed, null_draws=network_null_draws, members=names)
        except ValueError as e:
            raise AnalysisParameterError(str(e)) from None
        lap("network")

    # Answers to requests (issue 13): one pass over the text for every Δ and horizon in the
    # sensitivity table, then the rule decided at the report's own Δ and censor limit.
    from analyzer.metrics.answers import answer_features, decide
    from analyzer.metrics.sensitivity import CENSOR_LIMITS_S, DELTAS_S, censor_limit_table, reply_window_table

    has_categories = "category" in user.columns
    answer_links = None
    features = None
    if has_categories:
        horizon = max([float(censor_limit_s)] + ([float(x) for x in CENSOR_LIMITS_S] if sensitivity else []))
        features = answer_features(user, horizon_s=horizon, members=names)
        answer_links = decide(features, reply_window_s=reply_window_s, horizon_s=censor_limit_s)
        lap("answers")

    sensitivity_result: dict = {}
    if sensitivity:
        net_default = None
        if network_result is not None:
            net_default = {"edges": network_result.edges, "density": network_result.density,
                           "weak_tie_share": network_result.weak_tie_share,
                           "local_bridges": network_result.local_bridges,
                           "overlap_weight_spearman": network_result.overlap_weight_spearman,
                           "modularity": network_result.modularity}
        sensitivity_result = {
            "deltas_s": [float(d) for d in DELTAS_S],
            "censor_limits_s": [float(c) for c in CENSOR_LIMITS_S],
            "defaults": {"reply_window_s": float(reply_window_s), "censor_limit_s": float(censor_limit_s)},
            "reply_window": reply_window_table(
                user if network else None, features=features, has_categories=has_categories,
                censor_limit_s=censor_limit_s, network_default=net_default, default_delta_s=reply_window_s,
                network_kwargs={"tau_burst_s": tau_burst_s, "w_weak": w_weak, "seed": seed, "members": names}),
            "censor_limit": censor_limit_table(
                tt, observed_until=observed_until, weights=weights, features=features,
                has_categories=has_categories, reply_window_s=reply_window_s),
            "method": "one parameter at a time, the others at the report's values; network null model off",
        }
        lap("sensitivity")

    content_result = None
    if "category" in user.columns:
        from analyzer.metrics.content import content_metrics

        # n: the participation n when the silent count is known; otherwise content_metrics uses the
        # posters and named members and notes that shares over members are then upper bounds
        # only the columns it reads: its repeated row filters then copy 5 columns, not the whole table
        cols = [c for c in ("author", "timestamp", "kind", "text", "category", "line") if c in user.columns]
        content_result = content_metrics(user[cols], n_members=participation.n_members if ms.silent_known else None,
                                         members=names, latency_by_category=latency.by_category, top=top_n,
                                         answers=answer_links)
        from analyzer.classify.categorise import share_basis_info

        try:
            basis = share_basis_info(user, classifier_info, labels)
        except ValueError as e:
            raise AnalysisParameterError(str(e)) from None
        content_result = dataclasses.replace(content_result, **basis)
        lap("content")

    messages = _message_table(win, is_user, turns, lat, answer_links)
    members_df = _member_table(mt, user, events, author_code, chars, turn_code, lat, latency, ms)
    lap("tables")

    parameters = {
        "start": None if t0 is None else t0.isoformat(),
        "end": None if t1 is None else (t1.date().isoformat() if whole_day else t1.isoformat()),
        "end_exclusive": None if t1_excl is None else t1_excl.isoformat(),
        "observed_until": None if observed_until is None else pd.Timestamp(observed_until).isoformat(),
        "members": members,
        "roster_names": None if roster_list is None else len(roster_list),
        "roster_unmatched": None if roster_list is None else ms.roster_unmatched,
        "exclude_bots": bool(exclude_bots),
        "excluded_bots": excluded_bots,
        "tau_burst_s": tau_burst_s,
        "reply_window_s": reply_window_s,
        "censor_limit_s": censor_limit_s,
        "quiet_hours": list(quiet_hours) if isinstance(quiet_hours, tuple) else quiet_hours,
        "bootstrap": bootstrap,
        "null_draws": null_draws,
        "seed": seed,
        "ci_level": 0.95,
        "rolling_days": rolling_days,
        "top_n": top_n,
        "message_kinds": list(message_kinds),
        "w_weak": w_weak,
        "network_null_draws": network_null_draws,
        "characters": "code points of text messages",
        "latency_hour": "hour of day of the turn's end",
        **classifier_info,  # classifier, classifier_version, lexicon (+ sha256) or model (+ sha256)
        "turn_category": TURN_CATEGORY_RULE if "category" in user.columns else None,
        "tool_version": _version(),
    }
    window = {
        "start": None if t0 is None else t0.isoformat(),
        "end_exclusive": None if t1_excl is None else t1_excl.isoformat(),
        "export_first": None if export_first is None else export_first.isoformat(),
        "export_last": None if export_last is None else export_last.isoformat(),
        "first_record": win["timestamp"].min() if len(win) else None,
        "last_record": win["timestamp"].max() if len(win) else None,
        "n_records": int(len(win)),
        "n_messages": int(len(user)),
        "n_system": int(len(events)),
        "n_turns": int(len(tt)),
        "n_days": activity.n_days,
    }
    return Report(
        parameters=parameters, format={**chat.format.to_dict(), "time_zone": merge["time_zone"]}, window=window,
        quality=quality,
        participation=participation, latency=latency, activity=activity, messages=messages, members=members_df,
        warnings=warnings, notices=notices, version=_version(), timings=timings, network=network_result, merge=merge,
        content=content_result, sensitivity=sensitivity_result,
    )


def _message_table(win: pd.DataFrame, is_user: np.ndarray, turns: Turns, lat: pd.DataFrame,
                   answers=None) -> pd.DataFrame:
    """The window's records plus `turn`, `reply_to`, `latency_s`, `answered`, `next_response_s`,
    `has_next_response`, `answered_by_line`, `answer_evidence`, `duration_s`
    (module docstring)."""
    out = win.reset_index(drop=True).copy()
    n = len(out)
    turn = np.full(n, -1, dtype=np.int64)
    pos = np.flatnonzero(is_user)
    turn[pos] = turns.message_turn
    out["turn"] = pd.array(np.where(turn >= 0, turn, 0), dtype="Int64")
    out.loc[turn < 0, "turn"] = pd.NA
    tt = turns.table
    reply = np.full(n, -1, dtype=np.int64)
    latency = np.full(n, np.nan)
    duration = np.full(n, np.nan)
    answered = pd.array(np.zeros(n, dtype=bool), dtype="boolean")
    answered[:] = pd.NA
    if len(tt):
        srt = turns.message_turn[turns.order]
        first_sorted = np.flatnonzero(np.r_[True, srt[1:] != srt[:-1]])
        last_sorted = np.append(first_sorted[1:] - 1, len(srt) - 1)
        first_rows = pos[turns.order[first_sorted]]
        last_rows = pos[turns.order[last_sorted]]
        reply[first_rows] = tt["reply_code"].to_numpy()
        latency[last_rows] = lat["latency_s"].to_numpy()
        duration[last_rows] = lat["duration_s"].to_numpy()
        answered[last_rows] = lat["answered"].to_numpy()
    out["reply_to"] = labels_from_codes(reply, turns.labels)
    out["latency_s"] = latency
    out["answered"] = answered
    out["next_response_s"] = latency
    out["has_next_response"] = answered.copy()
    by_line = np.full(n, -1, dtype=np.int64)
    evidence = np.full(n, None, dtype=object)
    if answers is not None and answers.n_requests:
        tb = answers.table
        req_rows = pos[tb["row"].to_numpy(dtype=np.int64)]
        ans = tb["answer_row"].to_numpy(dtype=np.int64)
        lines = out["line"].to_numpy(dtype=np.int64) if "line" in out.columns else np.arange(1, n + 1)
        by_line[req_rows] = np.where(ans >= 0, lines[pos[np.maximum(ans, 0)]], -1)
        evidence[req_rows] = tb["evidence"].to_numpy(dtype=object)
    out["answered_by_line"] = pd.array(np.where(by_line >= 0, by_line, 0), dtype="Int64")
    out.loc[by_line < 0, "answered_by_line"] = pd.NA
    out["answer_evidence"] = pd.array(evidence, dtype="string")
    # Time observed: the latency when answered, else the censoring time (censor limit or end of
    # observation), so Kaplan-Meier can be recomputed from the table (issue 14).
    out["duration_s"] = duration
    return out


def _member_table(mt: pd.DataFrame, user: pd.DataFrame, events: pd.DataFrame, author_code: np.ndarray,
                  chars: np.ndarray, turn_code: np.ndarray, lat: pd.DataFrame, latency: LatencyResult,
                  ms: Membership) -> pd.DataFrame:
    """One row per named member of the window (posters first)."""
    n = len(mt)
    out = mt[["member"]].copy()
    out["messages"] = np.bincount(author_code, minlength=n)[:n].astype(np.int64)
    out["characters"] = np.bincount(author_code, weights=chars, minlength=n)[:n].astype(np.int64)
    out["turns"] = np.bincount(turn_code, minlength=n)[:n].astype(np.int64)
    if len(user):
        day = pd.DatetimeIndex(user["timestamp"]).normalize()
        pairs = pd.DataFrame({"c": author_code, "d": day}).drop_duplicates()
        out["active_days"] = np.bincount(pairs["c"].to_numpy(), minlength=n)[:n].astype(np.int64)
        ts = pd.Series(user["timestamp"].to_numpy(), index=author_code)
        first_post = ts.groupby(level=0).min().reindex(range(n))
        last_post = ts.groupby(level=0).max().reindex(range(n))
    else:
        out["active_days"] = np.zeros(n, dtype=np.int64)
        first_post = last_post = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    ev = events[events["event"].isin(list(MEMBERSHIP_EVENTS))]
    from analyzer.chat.body_kinds import split_names

    targets = ev[["timestamp", "event_target"]].rename(columns={"event_target": "m"}).dropna()
    # "A added B, C and D" names three members (event_target "B, C, D"); a group name is no member
    targets = targets[(ev.loc[targets.index, "event"] != "create").to_numpy(dtype=bool)]
    targets = targets.assign(m=targets["m"].map(lambda v: split_names(str(v)))).explode("m")
    named = pd.concat([ev[["timestamp", "event_actor"]].rename(columns={"event_actor": "m"}), targets]).dropna()
    names = out["member"].astype(str)
    grouped = named.groupby(named["m"].astype(str).to_numpy())["timestamp"]
    f_ev = grouped.min().reindex(names.to_numpy()).to_numpy(dtype="datetime64[ns]")
    l_ev = grouped.max().reindex(names.to_numpy()).to_numpy(dtype="datetime64[ns]")
    out["first_seen"] = pd.DataFrame({"a": first_post.to_numpy(dtype="datetime64[ns]"), "b": f_ev}).min(axis=1).to_numpy()
    out["last_seen"] = pd.DataFrame({"a": last_post.to_numpy(dtype="datetime64[ns]"), "b": l_ev}).max(axis=1).to_numpy()
    by_member = {str(r["member"]): r for r in latency.by_member}
    out["median_latency_s"] = [by_member[m]["median_s"] if m in by_member else np.nan for m in names]
    out["share_answered"] = [by_member[m]["answered_share"] if m in by_member else np.nan for m in names]
    out["median_next_response_s"] = out["median_latency_s"]  # new names of the two columns above
    out["next_response_share"] = out["share_answered"]
    out["silent"] = out["messages"] == 0
    out["joined"] = mt["joined"].to_numpy()
    out["left"] = mt["left"].to_numpy()
    out["in_events"] = mt["in_events"].to_numpy()
    out["in_roster"] = mt["in_roster"].to_numpy()
    from analyzer.chat.model import is_bot

    out["is_bot"] = out["member"].map(is_bot).astype(bool).to_numpy()
    return out.reset_index(drop=True)
