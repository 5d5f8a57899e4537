"""Activity: volume over time, rhythm of the week, membership flow, media, emoji and links.

Definitions (docs/metrics.md, "Activity"): messages per day and per ISO week (Monday first) over every
day of the window, zeros included; an hour-of-day × weekday matrix of message counts (local time of
the exporting phone); active days per member (calendar days with at least one message); joins
(added + joined by link) and leaves (left + removed) per calendar month from membership lines;
media share = media messages / messages; emoji counted with the `emoji`
package's emoji list (one count per occurrence, variation selector U+FE0F ignored so ❤ and ❤️ are
one emoji); link domains from http(s):// and www. links, lower-cased, without "www." and port.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Code blocks that hold every emoji's first code point (checked against the package's list in
# tests); a cheap RE2 prefilter before the exact work.
_EMOJI_HINT = r"[\x{A9}\x{AE}\x{203C}-\x{3299}\x{1F000}-\x{1FAFF}]"
_HOST = r"[^\s/?#<>\"'()\[\]{}|\\^`]+"
_LINK_RE = re.compile(r"(?i)(?:https?://|\bwww\.)(" + _HOST + ")")
_LINK_RE2 = r"(?i)(?:https?://|\bwww\.)" + _HOST
_LINK_RE2_HOST = r"(?i)(?:https?://|\bwww\.)(?P<host>" + _HOST + ")"


@lru_cache(maxsize=1)
def _emoji_patterns() -> tuple[re.Pattern, str]:
    """A Python tokeniser for emoji clusters and an RE2 pattern for everything that cannot be part of
    one, both built from the `emoji` package's own list of emoji."""
    import emoji

    firsts = sorted({ord(e[0]) for e in emoji.EMOJI_DATA if ord(e[0]) > 0x7F})
    ranges: list[tuple[int, int]] = []
    for c in firsts:
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    mod = "\ufe0f\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F"
    # The tokeniser only ever sees emoji characters and spaces (RE2 blanked the rest), so a small
    # negated class does what the package's 1,400-code-point class would, much faster.
    base = f"[^\\s\u200d{mod}]"
    tokenizer = re.compile(
        "[\U0001F1E6-\U0001F1FF]{2}"  # flags: two regional indicators
        f"|{base}[{mod}]*(?:\u200d{base}[{mod}]*)*"
    )
    re2_cls = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    not_emoji = f"[^{re2_cls}\\x{{FE0F}}\\x{{1F3FB}}-\\x{{1F3FF}}\\x{{E0020}}-\\x{{E007F}}\\x{{200D}}]+"
    return tokenizer, not_emoji


_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")


def _non_ascii(arr: pa.Array) -> pa.Array:
    """Mask of texts with any non-ASCII character (every emoji is one): a cheap first cut."""
    return pc.fill_null(pc.not_equal(pc.utf8_length(arr), pc.binary_length(arr)), False)


def count_emoji(texts: pd.Series) -> tuple[Counter, int]:
    """Occurrences of each emoji in `texts` (U+FE0F removed from the key), and the number of
    texts with at least one emoji.

    Arrow does the bulk work: RE2 blanks every run of characters that cannot belong to an emoji, and
    the remaining runs (such as "🙏🙏") are counted as strings. Only the few distinct runs are then
    split into emoji by Python and checked against the `emoji` package. Keycaps (1️⃣), whose base is
    an ASCII digit, are counted from the few texts that contain U+20E3.
    """
    import emoji

    if len(texts) == 0:
        return Counter(), 0
    tokenizer, not_emoji = _emoji_patterns()
    arr = pa.array(texts.astype("string").fillna(""), type=pa.large_string())
    arr = pc.filter(arr, _non_ascii(arr))
    arr = pc.filter(arr, pc.fill_null(pc.match_substring_regex(arr, _EMOJI_HINT), False))
    resid = pc.utf8_trim_whitespace(pc.replace_substring_regex(arr, not_emoji, " "))
    has = pc.fill_null(pc.greater(pc.binary_length(resid), 0), False)
    runs = pc.value_counts(pc.list_flatten(pc.split_pattern(pc.filter(resid, has), " ")))
    raw: Counter = Counter()
    for run, c in zip(runs.field("values").to_pylist(), runs.field("counts").to_pylist()):
        for tok in tokenizer.findall(run or ""):
            raw[tok] += c
    caps = pc.fill_null(pc.match_substring(arr, "\u20e3"), False)
    for t in pc.filter(arr, caps).to_pylist():
        raw.update(_KEYCAP.findall(t))
    out: Counter = Counter()
    with_emoji = pc.or_(has, caps)
    data = emoji.EMOJI_DATA
    for tok, c in raw.items():
        if tok in data or tok + "\ufe0f" in data:
            out[tok.replace("\ufe0f", "")] += c
        else:
            # Not one emoji: a greedy cluster the package splits, or a symbol that only shares a
            # code block with emoji (arrows, dingbats).
            for m in emoji.emoji_list(tok):
                out[m["emoji"].replace("\ufe0f", "")] += c
    return out, int(pc.sum(with_emoji).as_py() or 0)


def _domain(host: str) -> str:
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip(".,;!)").lower()
    return host[4:] if host.startswith("www.") else host


def count_domains(texts: pd.Series) -> tuple[Counter, int]:
    """Link domains in `texts`, and the number of texts with at least one link.

    RE2 extracts each text's first link host; Python only looks at the texts with several links.
    """
    if len(texts) == 0:
        return Counter(), 0
    arr = pa.array(texts.astype("string").fillna(""), type=pa.large_string())
    cand = pc.filter(arr, pc.fill_null(pc.match_substring_regex(arr, r"://|[Ww][Ww][Ww]\."), False))
    if len(cand) == 0:
        return Counter(), 0
    n_links = pc.count_substring_regex(cand, _LINK_RE2).to_numpy(zero_copy_only=False)
    with_link = pc.filter(cand, pa.array(n_links > 0))
    first = pc.struct_field(pc.extract_regex(with_link, _LINK_RE2_HOST), [0])
    hosts: Counter = Counter()
    vc = pc.value_counts(first)
    for host, c in zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist()):
        if host is not None:
            hosts[host] += c
    for t in pc.filter(cand, pa.array(n_links > 1)).to_pylist():
        hosts.update(_LINK_RE.findall(t)[1:])
    out: Counter = Counter()
    for host, c in hosts.items():
        d = _domain(host)
        if "." in d:
            out[d] += c
    return out, int((n_links > 0).sum())


@dataclass(frozen=True)
class ActivityResult:
    """Activity tables; see the module docstring for definitions."""

    n_messages: int
    n_days: int
    active_days: int
    messages_per_day_mean: float
    messages_per_day_max: int
    busiest_day: str | None
    messages_per_day: list[list]  # [date, messages]
    messages_per_week: list[list]  # [Monday of ISO week, messages]
    hour_weekday: dict
    active_days_per_member: list[dict]  # posters, most active first: member, active_days, messages
    joins_leaves_monthly: list[dict]
    kinds: dict
    media_share: float
    media_types: dict
    deleted_share: float
    emoji_messages_share: float
    emoji_total: int
    top_emoji: list[dict]
    link_messages_share: float
    top_domains: list[dict]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def activity_metrics(
    user: pd.DataFrame,
    events: pd.DataFrame,
    *,
    first_day: pd.Timestamp | None = None,
    last_day: pd.Timestamp | None = None,
    top_n: int = 20,
) -> ActivityResult:
    """Activity of user messages `user` and membership lines `events` (both already windowed).

    `first_day`/`last_day` bound the daily series (default: first and last message); days without
    messages are included with 0 so that a chart shows quiet periods as quiet.
    """
    ts = pd.DatetimeIndex(user["timestamp"])
    n = len(user)
    notes: list[str] = []
    days = ts.normalize()
    if first_day is None:
        first_day = days.min() if n else None
        last_day = days.max() if n else None
    if first_day is not None and pd.notna(first_day):
        all_days = pd.date_range(pd.Timestamp(first_day).normalize(), pd.Timestamp(last_day).normalize(), freq="D")
    else:
        all_days = pd.DatetimeIndex([])
    per_day = pd.Series(days).value_counts().reindex(all_days, fill_value=0).sort_index()
    week_start = all_days - pd.to_timedelta(all_days.day_of_week, unit="D")
    per_week = per_day.groupby(week_start).sum()

    cell = ts.day_of_week.to_numpy().astype(np.int64) * 24 + ts.hour.to_numpy()
    active_days: list[dict] = []
    if n:
        code, names = pd.factorize(user["author"])
        day_no = days.to_numpy().astype("datetime64[D]").astype(np.int64)
        span = int(day_no.max() - day_no.min()) + 1
        pairs = np.unique(code.astype(np.int64) * span + (day_no - day_no.min()))
        ad = np.bincount(pairs // span, minlength=len(names))
        msgs = np.bincount(code, minlength=len(names))
        order = np.lexsort((np.asarray(names, dtype=str), -msgs, -ad))
        active_days = [{"member": str(names[i]), "active_days": int(ad[i]), "messages": int(msgs[i])} for i in order]
    hw = np.bincount(cell, minlength=7 * 24).reshape(7, 24).astype(np.int64)

    # Membership flow per month.
    joins_leaves: list[dict] = []
    if len(all_days):
        months = pd.period_range(all_days[0], all_days[-1], freq="M")
        ev = events[events["event"].isin(["add", "join", "leave", "remove", "create"])]
        m = pd.DatetimeIndex(ev["timestamp"]).to_period("M")
        table = pd.crosstab(m, ev["event"].astype(str).to_numpy()) if len(ev) else pd.DataFrame()
        table = table.reindex(index=months, columns=["add", "join", "leave", "remove", "create"], fill_value=0)
        for per, row in table.iterrows():
            joins_leaves.append({
                "month": str(per), "joins": int(row["add"] + row["join"]), "leaves": int(row["leave"] + row["remove"]),
                "added": int(row["add"]), "joined_link": int(row["join"]), "left": int(row["leave"]),
                "removed": int(row["remove"]), "created": int(row["create"]),
            })

    kinds = user["kind"].astype(str).value_counts()
    media_types = user.loc[user["kind"] == "media", "media_type"].astype("string").fillna("unknown").value_counts()
    texts = user["text"]
    emo, emoji_msgs = count_emoji(texts)
    doms, link_msgs = count_domains(texts)
    total_emoji = sum(emo.values())
    total_links = sum(doms.values())
    if n == 0:
        notes.append("no messages in the window")

    def top(counter: Counter, key: str, total: int) -> list[dict]:
        import emoji

        rows = []
        for k, c in counter.most_common(top_n):
            r = {key: k, "count": int(c), "share": c / total if total else float("nan")}
            if key == "emoji":
                r["name"] = emoji.demojize(k, delimiters=("", "")).replace("_", " ")
            rows.append(r)
        return rows

    busiest = per_day.idxmax() if len(per_day) and per_day.max() > 0 else None
    return ActivityResult(
        n_messages=n,
        n_days=len(all_days),
        active_days=int((per_day > 0).sum()),
        messages_per_day_mean=float(per_day.mean()) if len(per_day) else float("nan"),
        messages_per_day_max=int(per_day.max()) if len(per_day) else 0,
        busiest_day=busiest.strftime("%Y-%m-%d") if busiest is not None else None,
        messages_per_day=[[d.strftime("%Y-%m-%d"), int(v)] for d, v in per_day.items()],
        messages_per_week=[[d.strftime("%Y-%m-%d"), int(v)] for d, v in per_week.items()],
        hour_weekday={"weekdays": list(WEEKDAYS), "hours": list(range(24)), "counts": hw.tolist()},
        active_days_per_member=active_days,
        joins_leaves_monthly=joins_leaves,
        kinds={str(k): int(v) for k, v in kinds.items()},
        media_share=int(kinds.get("media", 0)) / n if n else float("nan"),
        media_types={str(k): int(v) for k, v in media_types.items()},
        deleted_share=int(kinds.get("deleted", 0)) / n if n else float("nan"),
        emoji_messages_share=emoji_msgs / n if n else float("nan"),
        emoji_total=int(total_emoji),
        top_emoji=top(emo, "emoji", total_emoji),
        link_messages_share=link_msgs / n if n else float("nan"),
        top_domains=top(doms, "domain", total_links),
        notes=notes,
    )
