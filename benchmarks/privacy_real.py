"""How many member phone numbers and name parts survive `--anonymize` on real public exports.

Reads real exports at run time (never stored in the repository) listed in an INDEX.tsv (first
column: path relative to the index), e.g. ../realdata/exports/INDEX.tsv. Two steps, so that the
same counting judges an older version of the code too:

    python benchmarks/privacy_real.py dump  INDEX.tsv OUTDIR   # anonymised messages.csv per export
    python benchmarks/privacy_real.py count INDEX.tsv OUTDIR [OUTDIR2 ...]

`dump` runs with whatever `analyzer` is importable (PYTHONPATH=an old checkout gives "before").
`count` uses the current code to list, per export, the members' phone numbers and the parts of
their names of 4+ letters that are not common words (`analyzer.privacy.name_parts` rules), then
counts how many of them still occur in each OUTDIR's files: numbers in any digit script with any
separators, name parts accent- and case-insensitively between non-letters. Prints totals only,
never chat text.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path


def _exports(index: Path) -> list[Path]:
    rows = index.read_text(encoding="utf-8").splitlines()[1:]
    return [index.parent / r.split("\t")[0] for r in rows if r.strip()]


def dump(index: Path, out: Path) -> None:
    from analyzer import load_chat
    from analyzer.cli.analyze import write_csv
    from analyzer.privacy import Pseudonymizer, anonymize

    pz = Pseudonymizer(bytes(range(32)))
    out.mkdir(parents=True, exist_ok=True)
    ok = failed = 0
    for i, path in enumerate(_exports(index)):
        try:
            chat = load_chat(path)
        except Exception:  # noqa: BLE001 - not a chat this version reads
            continue
        try:
            anon = anonymize(chat, pz)
            write_csv(anon.messages, out / f"{i:04d}.csv")
            ok += 1
        except Exception as e:  # noqa: BLE001 - a crash is a finding: count it
            (out / f"{i:04d}.error").write_text(type(e).__name__)
            failed += 1
    print(f"{out}: {ok} anonymised, {failed} crashed")


_SEP = re.compile("[\\s\\-.()\u2010-\u2015\u2212\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _flat_digits(text: str) -> str:
    ascii_ = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    return _SEP.sub("", ascii_)


def count(index: Path, outs: list[Path]) -> None:
    from analyzer import load_chat
    from analyzer.privacy import (
        _WORD,
        _common_words,
        _stop_vocabulary,
        chat_names,
        fold,
        is_phone,
        phone_digits,
    )
    from analyzer.chat.body_kinds import normalize_name

    stop = _stop_vocabulary()
    totals = {o: {"numbers": 0, "parts": 0, "crashed": 0, "missing": 0} for o in outs}
    n_numbers = n_parts = n_chats = 0
    chats_with_leak = {o: 0 for o in outs}
    for i, path in enumerate(_exports(index)):
        try:
            chat = load_chat(path)
        except Exception:  # noqa: BLE001
            continue
        n_chats += 1
        people, _ = chat_names(chat.messages)
        common = _common_words(chat.format.language)
        numbers = {phone_digits(normalize_name(p))[-9:] for p in people if is_phone(p)}
        parts = set()
        for p in people:
            if is_phone(p):
                continue
            for w in _WORD.findall(normalize_name(p)):
                f = fold(w)
                if len(w) >= 4 and f not in common and f not in stop:
                    parts.add(f)
        n_numbers += len(numbers)
        n_parts += len(parts)
        for o in outs:
            f = o / f"{i:04d}.csv"
            if (o / f"{i:04d}.error").exists():
                totals[o]["crashed"] += 1
                continue
            if not f.exists():
                totals[o]["missing"] += 1
                continue
            text = f.read_text(encoding="utf-8").partition("\n")[2]  # not the CSV header ("author")
            flat = _flat_digits(text)
            folded = fold(text)
            nums = sum(1 for d in numbers if d in flat)
            prt = sum(1 for w in parts if re.search(r"(?<![^\W\d_])" + re.escape(w) + r"(?![^\W\d_])", folded))
            totals[o]["numbers"] += nums
            totals[o]["parts"] += prt
            chats_with_leak[o] += bool(nums or prt)
    print(f"{n_chats} exports read; {n_numbers} member numbers, {n_parts} distinctive member name parts")
    for o in outs:
        t = totals[o]
        print(f"{o}: surviving numbers {t['numbers']}/{n_numbers}, name parts {t['parts']}/{n_parts}, "
              f"exports with a survivor {chats_with_leak[o]}, crashed {t['crashed']}, not read {t['missing']}")


if __name__ == "__main__":
    mode, index, *outs = sys.argv[1:]
    if mode == "dump":
        dump(Path(index), Path(outs[0]))
    else:
        count(Path(index), [Path(o) for o in outs])
