"""The message table's columns, their dtypes and their allowed values: one place, used everywhere.

`Chat.messages` has exactly these columns in this order. Downstream modules (metrics, report,
dashboard) rely on them; add columns, never rename.
"""
from __future__ import annotations

import pandas as pd

STRING = pd.StringDtype("pyarrow")
"""Text columns are pandas' nullable string dtype on Arrow storage: missing values are `<NA>`."""

MESSAGE_COLUMNS: dict[str, object] = {
    "timestamp": "datetime64[ns]",  # naive local time of the exporting phone (zone-aware with load_chat(tz=...))
    "author": STRING,  # normalised display name or phone number; <NA> for system lines
    "text": STRING,  # body, continuation lines joined with "\n"; direction marks and edit marker stripped
    "kind": STRING,  # one of KINDS
    "edited": "bool",
    "media_type": STRING,  # one of MEDIA_TYPES or <NA>
    "line": "int64",  # 1-based line number of the record's header line in the chat file
    "event": STRING,  # for system rows one of EVENTS, else <NA>
    "event_actor": STRING,  # who did it (EXPORTER for "You"/"Anda"), <NA> when not stated
    "event_target": STRING,  # whom it was done to (EXPORTER for "you"/"Anda"), or the new subject;
    # several people ("A added B, C and D") stay as written, "B, C and D": analyzer.chat.body_kinds.split_names
    # gives one name each (what Chat.members and the report's member table use)
    "author_self_named": "bool",  # the author was written "~ Name": a name the member chose, not a saved contact
}

KINDS = ("text", "media", "deleted", "system", "call", "other")
MEDIA_TYPES = ("image", "video", "audio", "sticker", "gif", "document", "contact", "location", "poll")
EVENTS = (
    "create", "add", "join", "leave", "remove", "subject", "icon", "description", "settings",
    "admin", "security", "number_change", "e2e", "disappearing", "pin", "other",
)
MEMBERSHIP_EVENTS = ("create", "add", "join", "leave", "remove")

EXPORTER = "You"
"""Stands for the exporting user, who system lines call "You"/"Anda" (any language) while their own
messages carry their display name. Kept as one language-neutral token so it is never counted as a
second person; pass `exporter=` to `load_chat` to map it to the display name."""

MEMBER_COLUMNS: dict[str, object] = {
    "member": STRING,
    "messages": "int64",  # user records (kind != system)
    "first_seen": "datetime64[ns]",  # first message or membership event naming them
    "last_seen": "datetime64[ns]",
    "joined": "datetime64[ns]",  # first add/join/create naming them, NaT if none
    "left": "datetime64[ns]",  # last leave/remove naming them after their last join, NaT if none
    "in_events": "bool",  # named in a membership event
    "is_exporter": "bool",
    "is_bot": "bool",  # a known bot account (analyzer.chat.phrases.BOT_NAMES), e.g. "Meta AI"
}


def empty_messages() -> pd.DataFrame:
    """An empty message table with the right dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MESSAGE_COLUMNS.items()})
