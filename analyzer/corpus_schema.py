"""The data dictionary of `wa-analyzer corpus`: every column of every output table, defined once.

`schema.json` (written beside the output) and `docs/corpus.md` (the table section between the
`dictionary` markers, checked by a test) are both made from these lists, so a column cannot be
described two ways. Types are those of the Parquet/pandas tables: `string`, `Int64` (a nullable
integer: empty in CSV when a group failed, never turned into a float), `float64`, `boolean`
(nullable), `timestamp[us]` (microseconds, naive local time unless `--tz`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    unit: str | None = None


_G = "Gini coefficient of messages per member, G = Σ_i Σ_j |x_i − x_j| / (2 n² μ) (Gini 1912)"

GROUPS: list[Column] = [
    Column("file", "string", "The export's path below DIR (with --anonymize: the group_id, so no file name leaves the tool)."),
    Column("group_id", "string", "Id of the group in every output: a keyed hash of the path with --anonymize (G-XXXXXXXX), "
                                 "else a slug of the file name plus a short hash of the path. The Parquet partition key."),
    Column("members_source", "string", "How the member count n_members was known: 'size' (a group size from --members), "
                                       "'roster' (--roster names plus posters), 'events' (posters plus people named in "
                                       "join/add/leave/remove lines of the export: a lower bound), 'posters' (only the "
                                       "people who posted in the window: silent members unknown)."),
    Column("silent_known", "boolean", "True when members_source is size, roster or events, i.e. silent members are counted; "
                                      "False for 'posters'."),
    Column("n_members", "Int64", "Members n used by the all-members indices: posters plus the silent members known from "
                                 "members_source (equals n_posters when members_source is 'posters')."),
    Column("n_posters", "Int64", "Members with at least one message in the window."),
    Column("silent_members", "Int64", "n_members − n_posters; empty when silent_known is False (unknown, not zero)."),
    Column("silent_share", "float64", "silent_members / n_members; empty when silent_known is False."),
    Column("one_person_chat", "boolean", "n_members == 1: not a group (a note-to-self or a one-sided export)."),
    Column("two_person_chat", "boolean", "n_members == 2: a one-to-one chat (or a group where only two people are known), "
                                         "not a group; leave it out of group comparisons."),
    Column("messages", "Int64", "User messages in the window (text, media, deleted, call records with an author; not system lines)."),
    Column("records", "Int64", "All records in the window, system lines included."),
    Column("turns", "Int64", "Turns in the window: runs of messages by one author with gaps of at most τ_burst (default 300 s)."),
    Column("period_start", "string", "Time of the window's first record, ISO 8601 (naive local time unless --tz)."),
    Column("period_end", "string", "Time of the window's last record, ISO 8601."),
    Column("gini_all_members", "float64", f"{_G}, over all n_members members (silent ones as 0). Empty when silent_known is "
                                          "False: then only posters are known, see gini_posters."),
    Column("gini_all_members_corrected", "float64", "gini_all_members × n/(n − 1), the small-sample correction of Deltas "
                                                    "(2003); one poster among n gives 1. Empty for n < 2."),
    Column("gini_all_members_ci_low", "float64", "Lower end of the 95% percentile bootstrap interval of gini_all_members "
                                                 "(members resampled with replacement, --bootstrap resamples, --seed)."),
    Column("gini_all_members_ci_high", "float64", "Upper end of that interval."),
    Column("gini_posters", "float64", f"{_G}, over the n_posters members who posted (silent members left out). "
                                      "Comparable across groups whatever members_source is."),
    Column("gini_posters_corrected", "float64", "gini_posters × n/(n − 1) with n = n_posters (Deltas 2003). Empty for n < 2."),
    Column("gini_posters_ci_low", "float64", "Lower end of the 95% percentile bootstrap interval of gini_posters."),
    Column("gini_posters_ci_high", "float64", "Upper end of that interval."),
    Column("gini", "float64", "Deprecated (kept for one release): the Gini over n_members, i.e. gini_all_members when "
                              "silent_known, else gini_posters. Use those two columns instead."),
    Column("gini_ci_low", "float64", "Deprecated with gini: the lower end of its 95% bootstrap interval."),
    Column("gini_ci_high", "float64", "Deprecated with gini: the upper end of its 95% bootstrap interval."),
    Column("top10pct_share", "float64", "Deprecated (kept for one release): share of messages written by the top "
                                        "ceil(0.1·n_members) members, whatever members_source is. Use the two columns below."),
    Column("top10pct_share_all_members", "float64", "Share of messages written by the most active ceil(0.1·n) of the "
                                                    "n_members members; empty when silent_known is False."),
    Column("top10pct_share_posters", "float64", "Share of messages written by the most active ceil(0.1·n) of the n_posters posters."),
    Column("median_latency_s", "float64", "Kaplan–Meier median time to a response by another member, over all turns "
                                          "(unanswered turns censored at 24 h or at the end of the export); empty when "
                                          "fewer than half the turns are ever answered.", "s"),
    Column("answered_1h_share", "float64", "Turns answered by another member within one hour / all turns."),
    Column("unanswered_share", "float64", "Turns with no answer within the censor limit (default 24 h) / all turns."),
    Column("business_news_share", "float64", "Share of messages the classifier put in the business-news category "
                                             "(empty with --no-classify)."),
    Column("news_gini", "float64", "Gini of business-news messages per member (empty with --no-classify)."),
    Column("excluded_members", "Int64", "Members left out by --exclude/--exclude-file in this group (0 when none matched)."),
    Column("n_warnings", "Int64", "Number of warnings the parser and analyze() raised for this group."),
    Column("warnings", "string", "Those warnings joined with ' | ' (e.g. an assumed year); also in manifest.json."),
    Column("error", "string", "Empty when the group was analysed; else the one-line reason it failed (also in failures.csv)."),
]

MESSAGES: list[Column] = [
    Column("timestamp", "timestamp[us]", "When the record was sent (naive local time of the exporting phone unless --tz)."),
    Column("author", "string", "Display name or phone number as the exporting phone shows it (pseudonym with --anonymize); "
                               "empty for system lines."),
    Column("text", "string", "Message body (empty with --metadata-only; scrubbed with --anonymize)."),
    Column("kind", "string", "text, media, deleted, system, call or other."),
    Column("edited", "boolean", "The message was edited."),
    Column("media_type", "string", "image, video, audio, sticker, gif, document, contact, location or poll for media "
                                   "records."),
    Column("line", "Int64", "1-based line of the record's header in the export."),
    Column("event", "string", "For system lines: create, add, join, leave, remove, subject, …"),
    Column("event_actor", "string", "Who did it ('You' for the exporter)."),
    Column("event_target", "string", "Whom it was done to, or the new subject (several targets as written)."),
    Column("author_self_named", "boolean", "The author was written '~ Name': a name the member chose, not a contact "
                                           "saved on the exporting phone."),
    Column("category", "string", "Classifier category of the message (absent with --no-classify)."),
    Column("category_reason", "string", "The cue that decided the category (absent with --no-classify)."),
    Column("turn", "Int64", "Turn id within the group (empty for system lines)."),
    Column("reply_to", "string", "On a turn's first message: the author whose turn it replies to (reply window Δ), else empty."),
    Column("latency_s", "float64", "On a turn's last message: seconds until another member's turn started, when that was "
                                   "within the censor limit and the observation; empty when unanswered (censored).", "s"),
    Column("answered", "boolean", "On a turn's last message: the turn was answered (the Kaplan–Meier event); empty on "
                                  "other rows."),
    Column("next_response_s", "float64", "The same value as latency_s under the name that says what it is: the time "
                                         "to the next response by another member, not an answer.", "s"),
    Column("has_next_response", "boolean", "The same value as answered: the turn had a next response (the "
                                           "Kaplan–Meier event)."),
    Column("answered_by_line", "Int64", "On a request (category request): the line of the message that answers it "
                                        "under the answer rule (report.json content.request_answer_rule); empty "
                                        "when nobody answered, and on every other row."),
    Column("answer_evidence", "string", "On an answered request: the cues that linked the answer, joined with '+'."),
    Column("duration_s", "float64", "On a turn's last message: latency_s when answered, else the time the turn was watched "
                                    "without an answer (the censor limit, or less at the end of the export or window): "
                                    "the Kaplan–Meier duration.", "s"),
    Column("censored", "boolean", "On a turn's last message: NOT answered, i.e. duration_s is a censoring time; empty on "
                                  "other rows."),
    Column("group_id", "string", "The group (Hive partition folder group_id=<id>); joins groups.csv."),
]

MEMBER_GROUPS: list[Column] = [
    Column("member", "string", "The member as shown in that group (display name, phone number, or pseudonym)."),
    Column("group_id", "string", "The group."),
    Column("messages", "Int64", "The member's messages in that group's window."),
    Column("match_key", "string", "Key used to link the member across groups: the pseudonym with --anonymize, else "
                                  "'tel:<international digits>' for a phone number or 'name:<case-folded name>'."),
    Column("match_by", "string", "How match_key identifies a person: 'phone' (a phone number: reliable) or "
                                 "'display_name' (a saved name: two people called 'Mama' become one). With "
                                 "--anonymize this says what the pseudonym was made from."),
]

BRIDGING: list[Column] = [
    Column("member", "string", "The member's name in the group where they wrote most."),
    Column("match_key", "string", "As in member_groups.csv."),
    Column("match_by", "string", "As in member_groups.csv: treat 'display_name' bridges as unconfirmed."),
    Column("n_groups", "Int64", "Groups with this match_key (at least 2)."),
    Column("groups", "string", "Their group_ids, ';'-separated."),
    Column("messages", "Int64", "Messages in all those groups."),
    Column("names", "string", "The distinct spellings matched together, ';'-separated."),
]

FAILURES: list[Column] = [
    Column("file", "string", "As in groups.csv."),
    Column("group_id", "string", "As in groups.csv."),
    Column("error", "string", "One line: why the export could not be analysed."),
]

TABLES: dict[str, tuple[str, list[Column]]] = {
    "groups.csv": ("One row per export (also groups.parquet with the same columns and types).", GROUPS),
    "messages/": ("The message tables of all groups: Parquet, Hive-partitioned by group_id.", MESSAGES),
    "member_groups.csv": ("Who wrote in which group (the exporter, 'You', left out).", MEMBER_GROUPS),
    "bridging_members.csv": ("Members linked to two or more groups.", BRIDGING),
    "failures.csv": ("Exports that could not be analysed.", FAILURES),
}


def schema_dict() -> dict:
    """The machine-readable data dictionary written as OUT/schema.json."""
    return {
        "name": "wa-analyzer corpus output",
        "types": {"string": "UTF-8 text", "Int64": "integer, may be empty", "float64": "IEEE double, may be empty",
                  "boolean": "true/false, may be empty", "timestamp[us]": "date-time in microseconds"},
        "tables": {name: {"description": desc, "columns": [asdict(c) for c in cols]}
                   for name, (desc, cols) in TABLES.items()},
    }


def dictionary_markdown() -> str:
    """The dictionary as Markdown tables (the block of docs/corpus.md between the markers)."""
    out: list[str] = []
    for name, (desc, cols) in TABLES.items():
        out += [f"### `{name}`", "", desc, "", "| column | type | unit | definition |", "|---|---|---|---|"]
        out += [f"| `{c.name}` | {c.type} | {c.unit or ''} | {c.description.replace('|', '/')} |" for c in cols]
        out.append("")
    return "\n".join(out)


def pandas_dtypes(cols: list[Column]) -> dict[str, str]:
    """pandas dtypes for a table's columns (strings as object so CSV writing stays plain)."""
    m = {"string": "string", "Int64": "Int64", "float64": "float64", "boolean": "boolean"}
    return {c.name: m[c.type] for c in cols if c.type in m}


if __name__ == "__main__":  # python -m analyzer.corpus_schema > block for docs/corpus.md
    print(dictionary_markdown())
