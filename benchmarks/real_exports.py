"""Record kinds and authors on a folder of real exports: where does the parser still count WhatsApp's
own lines as members' messages?

    python benchmarks/real_exports.py DIR [--index INDEX.tsv] [--per-file] [--json OUT]

Every `.txt`/`.zip` under DIR (or the paths listed in an INDEX.tsv with columns path, platform,
language) is parsed with `load_chat`. Per file the script counts:

* records by `kind`, and system rows whose `event` is `other` (an unknown phrase);
* ``generated_text``: `text` records whose raw body (on the header line, after ``NAME: ``) starts
  with U+200E, the mark iOS puts before every generated body. Some exports carry the mark before
  ordinary messages too, so this is an upper bound of misread records, not an exact count;
* ``nonperson_authors``: authors that are not people: the chat's or group's name (from the file
  name, or from a "created group"/subject event), the words "You"/"Anda", and authors whose every
  record carries the generated-body mark (a name that only "posts" WhatsApp's notices);
* ``empty_authors``: records whose author is the empty string.

Only counts and, with ``--per-file``, file names are printed: no message text and no member name
leaves the run (real chats never go into the repository or its outputs).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.errors import ChatFormatError  # noqa: E402
from analyzer.chat.parse import load_chat  # noqa: E402

LRM, RLM = "\u200e", "\u200f"
SELF_WORDS = {"you", "anda"}
NAME_PREFIXES = ("WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp-chat met ", "Chat WhatsApp s\u00a0uživatelem ",
                 "Chat WhatsApp s uživatelem ", "Чат WhatsApp с\u00a0контактом ", "Чат WhatsApp с контактом ")


def _raw_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            name = next(n for n in z.namelist() if n.lower().endswith(".txt"))
            data = z.read(name)
    return data.decode("utf-8", errors="replace").replace("\ufeff", "").split("\n")


def _chat_name(path: Path) -> str | None:
    stem = path.stem
    for p in NAME_PREFIXES:
        if stem.startswith(p):
            return stem[len(p):].split(" (")[0].strip()
    return None


def evaluate_file(path: Path) -> dict:
    chat = load_chat(str(path))
    m = chat.messages
    kinds = Counter(m["kind"].astype(str))
    other_events = int(((m["kind"] == "system") & (m["event"] == "other")).sum())
    lines = _raw_lines(path)

    # The generated-body mark: U+200E right after "NAME: " on the header line.
    def marked(row_line: int, author: str | None) -> bool:
        raw = lines[row_line - 1].rstrip("\r") if row_line - 1 < len(lines) else ""
        pos = raw.find(": ", raw.find("]") + 1 if raw.lstrip(LRM + "\u200f").startswith("[") else 0)
        return pos >= 0 and raw[pos + 2:pos + 3] in (LRM, RLM)

    authored = m[m["author"].notna()]
    mark = [marked(int(ln), a) for ln, a in zip(authored["line"], authored["author"])]
    authored = authored.assign(_mark=mark)
    generated_text = int((authored["_mark"] & (authored["kind"] == "text")).sum())

    names = set()
    cn = _chat_name(path)
    if cn:
        names.add(cn)
    ev = m[m["event"].isin(["create", "subject"])]
    names |= {str(t) for t in ev["event_target"].dropna()}
    member_kind = authored["kind"].isin(["media", "deleted", "call"])
    by_author = authored.assign(_member=member_kind).groupby("author", observed=True).agg(
        all_marked=("_mark", "all"), member_records=("_member", "any"))
    nonperson, reasons = set(), Counter()
    for a, row in by_author.iterrows():
        a = str(a)
        # A person's own media, deletions and calls make the name a person (a one-to-one chat is
        # named after the contact, whose deletions carry the mark too).
        if bool(row["member_records"]) and a.strip().lower() not in SELF_WORDS:
            continue
        reason = ("chat name" if a in names else "You/Anda" if a.strip().lower() in SELF_WORDS
                  else "only generated bodies" if bool(row["all_marked"]) else None)
        if reason:
            nonperson.add(a)
            reasons[reason] += 1
    # Authors that are people but also posted with the mark (some exports mark ordinary text).
    nonperson_records = int(authored["author"].astype(str).isin(nonperson).sum())
    cols = set(m.columns)
    out = {
        "platform": chat.format.platform,
        "language": chat.format.language,
        "records": len(m),
        "kinds": dict(kinds),
        "events_other": other_events,
        "generated_text": generated_text,
        "nonperson_authors": len(nonperson),
        "nonperson_reasons": dict(reasons),
        "nonperson_author_records": nonperson_records,
        "empty_authors": int((m["author"] == "").sum()),
        "authors": int(m["author"].nunique()),
        "members": len(chat.members),
    }
    if "author_self_named" in cols:
        out["self_named_records"] = int(m["author_self_named"].sum())
    return out


def _paths(root: Path, index: Path | None) -> list[tuple[Path, str, str]]:
    if index:
        with open(index, newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        return [(index.parent / r["path"], r.get("platform", ""), r.get("language", "")) for r in rows
                if (index.parent / r["path"]).is_relative_to(root)]
    return [(p, "", "") for p in sorted(root.rglob("*")) if p.suffix.lower() in (".txt", ".zip") and p.is_file()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--index", type=Path, help="INDEX.tsv listing the exports (path, platform, language)")
    ap.add_argument("--per-file", action="store_true", help="print one line per file (file names only)")
    ap.add_argument("--json", type=Path, help="write all figures to this JSON file")
    a = ap.parse_args(argv)
    root = a.dir.resolve()
    results, failed = {}, 0
    t0 = time.perf_counter()
    for path, platform, lang in _paths(root, a.index.resolve() if a.index else None):
        try:
            r = evaluate_file(path)
        except ChatFormatError:
            failed += 1
            continue
        r["index_language"] = lang or r["language"]
        results[str(path.relative_to(root))] = r
    total: Counter = Counter()
    by_lang: dict[str, Counter] = {}
    for r in results.values():
        c = Counter({"files": 1, "records": r["records"], "events_other": r["events_other"],
                     "generated_text": r["generated_text"], "nonperson_authors": r["nonperson_authors"],
                     "nonperson_author_records": r["nonperson_author_records"], "empty_authors": r["empty_authors"],
                     **{f"kind_{k}": v for k, v in r["kinds"].items()}})
        c["files_with_nonperson_author"] = int(r["nonperson_authors"] > 0)
        c["files_with_generated_text"] = int(r["generated_text"] > 0)
        total += c
        by_lang.setdefault(f"{r['platform']}/{r['index_language']}", Counter()).update(c)
    print(f"{len(results)} exports parsed ({failed} not exports) in {time.perf_counter() - t0:.1f} s")
    keys = ["files", "records", "kind_text", "kind_media", "kind_deleted", "kind_system", "kind_call", "kind_other",
            "events_other", "generated_text", "files_with_generated_text", "nonperson_authors",
            "files_with_nonperson_author", "nonperson_author_records", "empty_authors"]
    print("group\t" + "\t".join(keys))
    for g in sorted(by_lang):
        print(g + "\t" + "\t".join(str(by_lang[g].get(k, 0)) for k in keys))
    print("TOTAL\t" + "\t".join(str(total.get(k, 0)) for k in keys))
    if a.per_file:
        for name, r in results.items():
            if r["generated_text"] or r["nonperson_authors"] or r["events_other"] or r["empty_authors"]:
                print(f"{name}\t{r['platform']}/{r['index_language']}\tgen_text={r['generated_text']}\t"
                      f"nonperson={r['nonperson_authors']} {r['nonperson_reasons']}\tother={r['events_other']}\tempty={r['empty_authors']}")
    if a.json:
        a.json.write_text(json.dumps({"total": dict(total), "by_group": {k: dict(v) for k, v in by_lang.items()},
                                      "files": results}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
