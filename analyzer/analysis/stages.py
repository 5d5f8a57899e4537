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
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd

from analyzer.analysis.parameters import AnalysisParameterError, AnalysisParameters
from analyzer.analysis.report import Report, _version
from analyzer.chat.model import Chat
from analyzer.chat.schema import MEMBERSHIP_EVENTS
from analyzer.classify.categorise import PROVENANCE_ATTR, TURN_CATEGORY_RULE
from analyzer.metrics.activity import ActivityResult, activity_metrics
from analyzer.metrics.content import ContentResult
from analyzer.metrics.latency import (
    LatencyResult,
    hour_weights,
    latency_metrics,
    timestamp_resolution_s,
    turn_latencies,
)
from analyzer.metrics.members import Membership, resolve_members
from analyzer.metrics.network import NetworkResult, network_metrics
from analyzer.metrics.participation import ParticipationResult, over_time, participation_metrics, top_members
from analyzer.metrics.turns import Turns, labels_from_codes, segment_turns


def _characters(user: pd.DataFrame) -> np.ndarray:
    """Characters a member typed: code points of text messages. Media placeholders, file names,
    deletion and call notices are written by the app, so those records count 0."""
    if len(user) == 0:
        return np.zeros(0, dtype=np.int64)
    lengths = user["text"].str.len().fillna(0).to_numpy(dtype=np.int64)
    return np.where((user["kind"] == "text").to_numpy(dtype=bool, na_value=False), lengths, 0)


# --------------------------------------------------------------------------------------------
# The stages, in the order `analyze` runs them. Each takes what it needs and returns a result;
# none reads a file, and none checks a parameter again (AnalysisParameters did).


@dataclass
class Window:
    """The chat prepared for analysis: bots left out, wall clock, the window cut, warnings so far."""

    chat: Chat  # after exclude_bots and the wall-clock conversion
    records: pd.DataFrame  # every record with a timestamp (the window's source)
    win: pd.DataFrame  # the records in the window
    is_user: np.ndarray  # which rows of `win` are members' messages (message_kinds, with an author)
    user: pd.DataFrame  # win[is_user]
    events: pd.DataFrame  # the window's system lines
    export_first: pd.Timestamp | None
    export_last: pd.Timestamp | None
    observed_until: pd.Timestamp | None  # the end of observation for censoring
    first_day: pd.Timestamp | None
    last_day: pd.Timestamp | None
    merge: dict
    quality: dict
    excluded_bots: list[str]
    warnings: list[str]
    notices: list


def prepare_window(chat: Chat, params: AnalysisParameters) -> Window:
    """Leave out bots (if asked), move to the chat's wall clock, drop records without a time and cut
    the window [start, end). Warns when nothing (or no message) is left."""
    from analyzer.chat.merge import merge_report, wall_clock
    from analyzer.notices import Notice, render

    merge = merge_report(chat)
    quality = chat.quality.to_dict()  # of the parse as read (before the wall-clock conversion)
    excluded_bots: list[str] = []
    if params.exclude_bots:
        from analyzer.metrics.filters import bot_members, exclude_members

        excluded_bots = bot_members(chat)
        chat = exclude_members(chat, excluded_bots)
    # Zone-aware chats (tz=) are analysed on the wall clock of their zone, so hours and days are
    # those of the stated zone; report.json says which (format.time_zone, merge.time_zone).
    chat = wall_clock(chat)
    warnings: list[str] = list(chat.format.warnings)
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

    t0, t1_excl = params.window_start, params.window_end_exclusive
    in_w = np.ones(len(all_msgs), dtype=bool)
    if t0 is not None:
        in_w &= (ts_all >= t0).to_numpy()
    if t1_excl is not None:
        in_w &= (ts_all < t1_excl).to_numpy()
    win = all_msgs[in_w] if not in_w.all() else all_msgs
    kind = win["kind"]
    is_user = (kind.isin(list(params.message_kinds)) & win["author"].notna()).to_numpy(dtype=bool)
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
    return Window(chat=chat, records=all_msgs, win=win, is_user=is_user, user=user, events=events,
                  export_first=export_first, export_last=export_last, observed_until=observed_until,
                  first_day=first_day, last_day=last_day, merge=merge, quality=quality,
                  excluded_bots=excluded_bots, warnings=warnings, notices=notices)


def classify_chat(chat: Chat, params: AnalysisParameters) -> Chat:
    """Categorise every message of the chat once (`analyzer.classify.categorise.categorise_chat`),
    before anything is cut or left out.

    The whole chat, not the window: a classifier may read a message's neighbours
    (`analyzer.classify.context`) or the chat's class mix (`analyzer.classify.model.adapt_priors`),
    so categorising the whole chat first gives a message the same category whatever window,
    member filter or pseudonyms an analysis uses, and `analyze(chat)` equals
    `analyze(categorise_chat(chat), classify=False)` (the dashboard's and the CLI's path).
    """
    from analyzer.classify.categorise import ClassifierInputError, categorise_chat

    try:
        return categorise_chat(chat, lexicon=params.lexicon, model=params.model,
                               coding=params.labels if params.fit_to_labels else None)
    except ClassifierInputError as e:
        raise AnalysisParameterError(str(e)) from None


def classify_window(w: Window, params: AnalysisParameters) -> tuple[Window, dict]:
    """The classifier's provenance for report.json, for the categories the window carries.

    The categories themselves are made on the whole chat before the window is cut (`classify_chat`,
    or `categorise_chat` by the caller); they carry their classifier in the messages' ``attrs``.
    Categories without it are "given". A coding sheet (``params.labels``) needs categories.
    It runs before the turns so that response times can be summarised by category.
    """
    classifier_info: dict = {"classifier": None, "classifier_version": None}
    if "category" in w.win.columns:
        given = w.chat.messages.attrs.get(PROVENANCE_ATTR)
        classifier_info = (dict(given) if given else
                           {"classifier": "given", "classifier_version": w.chat.messages.attrs.get("classifier_version")})
    elif params.labels is not None:
        raise AnalysisParameterError("a coding sheet (--labels) needs message categories: drop --no-classify")
    return w, classifier_info


@dataclass
class Timing:
    """Turns and the next response after each (docs/metrics.md "Turn", "Next response")."""

    turns: Turns
    characters: np.ndarray  # per message of the window's `user` rows
    latencies: pd.DataFrame  # one row per turn: latency_s, duration_s, answered
    weights: np.ndarray | None  # hour weights (quiet hours)
    latency: LatencyResult


def segment_and_time(w: Window, params: AnalysisParameters, seconds_in_format: bool,
                     lap: Callable[[str], None] = lambda stage: None) -> Timing:
    """Cut the messages into turns (τ_burst) and measure the next response after each turn."""
    user = w.user
    chars = _characters(user)
    turns: Turns = segment_turns(user["timestamp"], user["author"], tau_burst_s=params.tau_burst_s,
                                 reply_window_s=params.reply_window_s, characters=chars)
    tt = turns.table
    lap("turns")
    hourly = np.bincount(pd.DatetimeIndex(user["timestamp"]).hour.to_numpy(), minlength=24) if len(user) else np.zeros(24)
    weights = hour_weights(params.quiet_hours, hourly)
    lat = turn_latencies(tt["start"].to_numpy(), tt["end"].to_numpy(), tt["author_code"].to_numpy(),
                         observed_until=w.observed_until, censor_limit_s=params.censor_limit_s, weights=weights)
    resolution = timestamp_resolution_s(user["timestamp"], seconds_in_format=seconds_in_format)
    turn_category = None
    if "category" in user.columns and len(tt):
        from analyzer.classify.categorise import turn_categories

        turn_category = turn_categories(user["category"], turns.message_turn, turns.order, len(tt))
    latency = latency_metrics(tt, lat, user["timestamp"], resolution_s=resolution,
                              censor_limit_s=params.censor_limit_s, quiet_hours=params.quiet_hours,
                              turn_category=turn_category)
    return Timing(turns=turns, characters=chars, latencies=lat, weights=weights, latency=latency)


@dataclass
class MemberCounts:
    """Who the members are, and per member their messages, characters and turns."""

    membership: Membership
    names: np.ndarray  # member names, rows of membership.table
    author_code: np.ndarray  # per message: its author's row
    turn_code: np.ndarray  # per turn: its author's row
    messages: np.ndarray  # per named member
    characters: np.ndarray
    turns: np.ndarray


def count_members(w: Window, timing: Timing, params: AnalysisParameters) -> MemberCounts:
    """Resolve the members of the window (`analyzer.metrics.members.resolve_members`) and count each
    one's messages, characters and turns."""
    user = w.user
    posts = user["author"].value_counts(sort=False)
    posts.index = posts.index.astype(str)
    any_membership = bool(w.records["event"].isin(list(MEMBERSHIP_EVENTS)).any())
    try:
        ms: Membership = resolve_members(posts, w.chat.members, window_start=params.window_start,
                                         window_end=params.window_end_exclusive,
                                         roster=None if params.roster is None else list(params.roster),
                                         size=params.members, any_membership_events=any_membership)
    except ValueError as e:
        raise AnalysisParameterError(str(e)) from None
    mt = ms.table
    names = mt["member"].astype(str).to_numpy()
    code_of = {m: i for i, m in enumerate(names)}
    # Codes of the turn segmentation's labels -> rows of the member table (every poster has one).
    turns, tt = timing.turns, timing.turns.table
    lookup = np.array([code_of[str(v)] for v in turns.labels], dtype=np.int64)
    author_code = lookup[turns.message_author] if len(user) else np.zeros(0, np.int64)
    n_named = len(mt)
    turn_code = lookup[tt["author_code"].to_numpy()] if len(tt) else np.zeros(0, np.int64)
    return MemberCounts(
        membership=ms, names=names, author_code=author_code, turn_code=turn_code,
        messages=np.bincount(author_code, minlength=n_named).astype(float),
        characters=np.bincount(author_code, weights=timing.characters, minlength=n_named).astype(float),
        turns=np.bincount(turn_code, minlength=n_named).astype(float),
    )


def measure_participation(w: Window, mc: MemberCounts, params: AnalysisParameters,
                          lap: Callable[[str], None] = lambda stage: None) -> ParticipationResult:
    """Inequality of participation over all n members (named silent ones and anonymous ones are
    zeros), per month and over the rolling window (`analyzer.metrics.participation`)."""
    ms, mt = mc.membership, mc.membership.table
    if ms.fixed_size is not None:
        # n = N: posters plus N − posters anonymous zeros (named silent ones are among those).
        p = ms.n_posters
        pad = np.zeros(ms.fixed_size - p)
        xm, xc, xt = (np.concatenate([v[:p], pad]) for v in (mc.messages, mc.characters, mc.turns))
    else:
        xm, xc, xt = mc.messages, mc.characters, mc.turns

    days = pd.DatetimeIndex(w.user["timestamp"]).to_numpy().astype("datetime64[D]")
    fd = None if w.first_day is None else np.datetime64(pd.Timestamp(w.first_day).date(), "D")
    ld = None if w.last_day is None else np.datetime64(pd.Timestamp(w.last_day).date(), "D")
    common: dict = dict(fixed_size=ms.fixed_size, first_day=fd, last_day=ld)
    if ms.fixed_size is not None:
        common.update(joined=None, left=None)
        n_codes = ms.n_posters
    else:
        common.update(joined=mt["joined"].to_numpy(dtype="datetime64[ns]"), left=mt["left"].to_numpy(dtype="datetime64[ns]"))
        n_codes = len(mt)
    monthly = over_time(days, mc.author_code, n_codes, freq="month", **common)
    rolling = over_time(days, mc.author_code, n_codes, freq="rolling", rolling_days=params.rolling_days, **common)
    lap("over_time")
    return participation_metrics(
        xm, xc, xt,
        n_posters=ms.n_posters, silent_members=ms.silent_members, silent_share=ms.silent_share,
        members_source=ms.source, silent_known=ms.silent_known, monthly=monthly, rolling=rolling,
        rolling_days=params.rolling_days, bootstrap=params.bootstrap, null_draws=params.null_draws,
        seed=params.seed, notes=ms.notes, top_posters=top_members(mc.names, mc.messages, params.top_n),
    )


def build_network(w: Window, mc: MemberCounts, params: AnalysisParameters) -> NetworkResult | None:
    """The interaction network (`analyzer.metrics.network`), or None when it is switched off."""
    if not params.network:
        return None
    try:
        return network_metrics(w.user, delta_s=params.reply_window_s, tau_burst_s=params.tau_burst_s,
                               w_weak=params.w_weak, seed=params.seed, null_draws=params.network_null_draws,
                               members=mc.names)
    except ValueError as e:
        raise AnalysisParameterError(str(e)) from None


def link_answers(w: Window, mc: MemberCounts, params: AnalysisParameters):
    """(features, links): requests linked to their answers by the evidence rule of
    `analyzer.metrics.answers` at the report's Δ and censor limit; (None, None) without categories.

    The features are computed once, up to the longest horizon the sensitivity table needs.
    """
    from analyzer.metrics.answers import answer_features, decide
    from analyzer.metrics.sensitivity import CENSOR_LIMITS_S

    if "category" not in w.user.columns:
        return None, None
    horizon = max([float(params.censor_limit_s)]
                  + ([float(x) for x in CENSOR_LIMITS_S] if params.sensitivity else []))
    features = answer_features(w.user, horizon_s=horizon, members=mc.names)
    return features, decide(features, reply_window_s=params.reply_window_s, horizon_s=params.censor_limit_s)


def sensitivity_tables(w: Window, timing: Timing, mc: MemberCounts, network: NetworkResult | None, features,
                       params: AnalysisParameters) -> dict:
    """The headline figures for Δ 5/15/30/60 min and censor limits 1/6/24 h, one parameter at a time
    (`analyzer.metrics.sensitivity`); {} when switched off."""
    if not params.sensitivity:
        return {}
    from analyzer.metrics.sensitivity import CENSOR_LIMITS_S, DELTAS_S, censor_limit_table, reply_window_table

    has_categories = "category" in w.user.columns
    net_default = None
    if network is not None:
        net_default = {"edges": network.edges, "density": network.density,
                       "weak_tie_share": network.weak_tie_share, "local_bridges": network.local_bridges,
                       "overlap_weight_spearman": network.overlap_weight_spearman,
                       "modularity": network.modularity}
    return {
        "deltas_s": [float(d) for d in DELTAS_S],
        "censor_limits_s": [float(c) for c in CENSOR_LIMITS_S],
        "defaults": {"reply_window_s": float(params.reply_window_s), "censor_limit_s": float(params.censor_limit_s)},
        "reply_window": reply_window_table(
            w.user if params.network else None, features=features, has_categories=has_categories,
            censor_limit_s=params.censor_limit_s, network_default=net_default,
            default_delta_s=params.reply_window_s,
            network_kwargs={"tau_burst_s": params.tau_burst_s, "w_weak": params.w_weak, "seed": params.seed,
                            "members": mc.names}),
        "censor_limit": censor_limit_table(
            timing.turns.table, observed_until=w.observed_until, weights=timing.weights, features=features,
            has_categories=has_categories, reply_window_s=params.reply_window_s),
        "method": "one parameter at a time, the others at the report's values; network null model off",
    }


def measure_content(w: Window, timing: Timing, mc: MemberCounts, participation: ParticipationResult, answers,
                    classifier_info: dict, params: AnalysisParameters) -> ContentResult | None:
    """Category shares, who shares business news, answered requests (`analyzer.metrics.content`),
    raw or misclassification-corrected (`share_basis`); None without categories."""
    user = w.user
    if "category" not in user.columns:
        return None
    from analyzer.classify.categorise import share_basis_info
    from analyzer.metrics.content import content_metrics

    # n: the participation n when the silent count is known; otherwise content_metrics uses the
    # posters and named members and notes that shares over members are then upper bounds.
    # Only the columns it reads: its repeated row filters then copy 6 columns, not the whole table.
    cols = [c for c in ("author", "timestamp", "kind", "text", "category", "line") if c in user.columns]
    result = content_metrics(user[cols],
                             n_members=participation.n_members if mc.membership.silent_known else None,
                             members=mc.names, latency_by_category=timing.latency.by_category,
                             top=params.top_n, answers=answers)
    try:
        basis = share_basis_info(user, classifier_info, params.labels)
    except ValueError as e:
        raise AnalysisParameterError(str(e)) from None
    return dataclasses.replace(result, **basis)


def record_parameters(params: AnalysisParameters, w: Window, mc: MemberCounts, classifier_info: dict) -> dict:
    """report.json's ``parameters``: `AnalysisParameters.record()` plus what the analysis derived."""
    rec = params.record()
    return {
        "start": rec["start"],
        "end": rec["end"],
        "end_exclusive": rec["end_exclusive"],
        "observed_until": None if w.observed_until is None else pd.Timestamp(w.observed_until).isoformat(),
        "members": rec["members"],
        "roster_names": rec["roster_names"],
        "roster_unmatched": None if params.roster is None else mc.membership.roster_unmatched,
        "exclude_bots": rec["exclude_bots"],
        "excluded_bots": w.excluded_bots,
        **{k: rec[k] for k in ("tau_burst_s", "reply_window_s", "censor_limit_s", "quiet_hours", "bootstrap",
                               "null_draws", "seed")},
        "ci_level": 0.95,
        **{k: rec[k] for k in ("rolling_days", "top_n", "message_kinds", "w_weak", "network_null_draws")},
        "characters": "code points of text messages",
        "latency_hour": "hour of day of the turn's end",
        **classifier_info,  # classifier, classifier_version, lexicon (+ sha256) or model (+ sha256)
        "turn_category": TURN_CATEGORY_RULE if "category" in w.user.columns else None,
        "tool_version": _version(),
        **{k: rec[k] for k in ("network", "sensitivity", "labels", "fit_to_labels")},
    }


def window_summary(w: Window, timing: Timing, activity: ActivityResult, params: AnalysisParameters) -> dict:
    """report.json's ``window``: its bounds, the export's, and how many records, messages and turns."""
    t0, t1_excl = params.window_start, params.window_end_exclusive
    win = w.win
    return {
        "start": None if t0 is None else t0.isoformat(),
        "end_exclusive": None if t1_excl is None else t1_excl.isoformat(),
        "export_first": None if w.export_first is None else w.export_first.isoformat(),
        "export_last": None if w.export_last is None else w.export_last.isoformat(),
        "first_record": win["timestamp"].min() if len(win) else None,
        "last_record": win["timestamp"].max() if len(win) else None,
        "n_records": int(len(win)),
        "n_messages": int(len(w.user)),
        "n_system": int(len(w.events)),
        "n_turns": int(len(timing.turns.table)),
        "n_days": activity.n_days,
    }


# --------------------------------------------------------------------------------------------
# analyze: the one place the stages are put together


def analyze(chat: Chat, params: AnalysisParameters | None = None, **kwargs: Any) -> Report:
    """Analyse `chat` with `params` (an `AnalysisParameters`), or with its fields as keywords.

    ``analyze(chat, AnalysisParameters(start="2024-07-01"))`` and
    ``analyze(chat, start="2024-07-01")`` are the same call; the keyword form builds the parameters
    (and raises AnalysisParameterError with one sentence for an unusable value). See
    `AnalysisParameters` for every parameter and docs/metrics.md for every definition.

    Stages, each a function of this module: `classify_chat` → `prepare_window` → `classify_window` →
    `segment_and_time` → `count_members` → `measure_participation` → activity
    (`analyzer.metrics.activity`) → `build_network` → `link_answers` → `sensitivity_tables` →
    `measure_content` → the message and member tables → `record_parameters`, `window_summary`.
    `Report.timings` gives the seconds each took.
    """
    if params is None:
        params = AnalysisParameters.from_kwargs(**kwargs)
    elif kwargs:
        raise TypeError("give analyze() either an AnalysisParameters or keyword arguments, not both")
    elif not isinstance(params, AnalysisParameters):
        raise TypeError(f"params must be an AnalysisParameters, not {type(params).__name__}")

    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    if params.classify:
        chat = classify_chat(chat, params)
        lap("classify")
    w = prepare_window(chat, params)
    lap("prepare")
    w, classifier_info = classify_window(w, params)
    timing = segment_and_time(w, params, seconds_in_format=w.chat.format.seconds, lap=lap)
    lap("latency")
    mc = count_members(w, timing, params)
    lap("members")
    participation = measure_participation(w, mc, params, lap=lap)
    lap("participation")
    activity = activity_metrics(w.user, w.events, first_day=w.first_day, last_day=w.last_day, top_n=params.top_n)
    lap("activity")
    network = build_network(w, mc, params)
    if params.network:
        lap("network")
    features, answer_links = link_answers(w, mc, params)
    if features is not None:
        lap("answers")
    sensitivity = sensitivity_tables(w, timing, mc, network, features, params)
    if params.sensitivity:
        lap("sensitivity")
    content = measure_content(w, timing, mc, participation, answer_links, classifier_info, params)
    if content is not None:
        lap("content")
    messages = _message_table(w.win, w.is_user, timing.turns, timing.latencies, answer_links)
    members_df = _member_table(mc.membership.table, w.user, w.events, mc.author_code, timing.characters,
                               mc.turn_code, timing.latencies, timing.latency, mc.membership)
    lap("tables")
    return Report(
        parameters=record_parameters(params, w, mc, classifier_info),
        format={**w.chat.format.to_dict(), "time_zone": w.merge["time_zone"]},
        window=window_summary(w, timing, activity, params),
        quality=w.quality, participation=participation, latency=timing.latency, activity=activity,
        messages=messages, members=members_df, warnings=w.warnings, notices=w.notices, version=_version(),
        timings=timings, network=network, merge=w.merge, content=content, sensitivity=sensitivity,
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
