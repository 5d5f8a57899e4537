"""Extra labelled real groups for the category model (benchmarks/extra_groups.py): the reference file
holds no text, rows are rebuilt from local exports (checked by hash), missing copies are reported,
and extra groups count as real groups for the shipped vocabulary. The exports here are written for
the test (invented people and messages), in the shapes of real Android exports."""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from analyzer.classify.model import private_vocabulary

ROOT = Path(__file__).resolve().parents[1]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


extra_groups = _module("extra_groups")

EXPORT = """12/03/23, 19.02 - Pesan dan panggilan dienkripsi secara end-to-end.
12/03/23, 19.03 - Rara Sumiati: besok rapat jam 4 di sekre ya
12/03/23, 19.04 - Dodi Prakoso: siap
12/03/23, 19.05 - Rara Sumiati: jangan lupa bawa laptop
dan kabel roll
12/03/23, 19.06 - Wati Lestari: ada info lowongan magang admin toko roti, kirim cv ke email di poster
12/03/23, 19.07 - Dodi Prakoso: <Media tidak disertakan>
"""


def _write(tmp_path: Path, rows: list[list[str]], csv_dump: bool = False) -> tuple[Path, Path]:
    exports = tmp_path / "exports"
    if csv_dump:
        f = exports / "owner+repo" / "data" / "grup.csv"
        f.parent.mkdir(parents=True)
        with f.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_ALL)
            for line in EXPORT.splitlines():
                w.writerow([line])
    else:
        f = exports / "owner+repo" / "data" / "grup.txt"
        f.parent.mkdir(parents=True)
        f.write_text(EXPORT, encoding="utf-8")
    ref = tmp_path / "extra_labels.tsv"
    with ref.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(extra_groups.COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    return exports, ref


def _rows(path: str) -> list[list[str]]:
    h = extra_groups.text_hash
    return [["owner/repo", path, "2", "coordination", "random", h("besok rapat jam 4 di sekre ya")],
            ["owner/repo", path, "3", "social", "random", h("siap")],
            ["owner/repo", path, "4", "coordination", "random", h("jangan lupa bawa laptop\ndan kabel roll")],
            ["owner/repo", path, "6", "business_news", "enriched",
             h("ada info lowongan magang admin toko roti, kirim cv ke email di poster")]]


@pytest.mark.parametrize("csv_dump", [False, True])
def test_rows_are_rebuilt_from_the_local_export_by_line_and_hash(tmp_path, csv_dump):
    path = "data/grup.csv" if csv_dump else "data/grup.txt"
    exports, ref = _write(tmp_path, _rows(path), csv_dump=csv_dump)
    got = extra_groups.load_extra(exports, ref)
    assert got.missing_exports == [] and got.unmatched_rows == 0
    assert list(got.rows["label"]) == ["coordination", "social", "coordination", "business_news"]
    assert got.rows.loc[2, "text"] == "jangan lupa bawa laptop\ndan kabel roll"  # continuation line joined
    assert list(got.rows["random"]) == [True, True, True, False]
    assert set(got.rows["group"]) == {"extra1"}  # no group or member name from the export
    assert "4 labelled messages from 1 exports" in got.note()


def test_a_changed_message_or_a_missing_export_is_left_out_and_reported(tmp_path):
    rows = _rows("data/grup.txt")
    rows[1][5] = extra_groups.text_hash("siap bos")  # the local copy differs from the labelled version
    rows.append(["owner/other", "chat.txt", "2", "social", "random", "0123456789ab"])
    exports, ref = _write(tmp_path, rows)
    got = extra_groups.load_extra(exports, ref)
    assert len(got.rows) == 3 and got.unmatched_rows == 1
    assert got.missing_exports == ["owner/other:chat.txt"]
    assert "1 export(s) missing" in got.note() and "1 row(s) not found" in got.note()


def test_without_a_local_copy_the_scripts_train_without_extra_groups(tmp_path, monkeypatch):
    monkeypatch.setenv("WA_EXTRA_EXPORTS", str(tmp_path / "nowhere"))
    got = extra_groups.load_extra()
    assert got.rows.empty and got.exports_dir is None
    assert "WITHOUT the extra groups" in got.note()


def test_the_shipped_reference_file_holds_no_message_text():
    ref = extra_groups.read_reference()
    assert list(ref.columns) == extra_groups.COLUMNS
    assert set(ref["label"]) <= {"business_news", "promotion", "request", "coordination", "social", "other"}
    assert set(ref["sample"]) <= {"random", "enriched"}
    assert ref["text_sha256_12"].str.fullmatch(r"[0-9a-f]{12}").all()
    assert (ref["line"] > 0).all() and not ref.duplicated(["source_repo", "path", "line"]).any()


def test_extra_groups_count_as_real_groups_for_the_vocabulary():
    texts = ["rapat besok di sekre", "rapat besok jam 4", "rapat besok online", "makasih mas Budi", "oke mas Budi",
             "siap mas Budi"]
    groups = ["s2_if", "extra1", "extra2", "extra1", "extra2", "extra3"]
    vocab = private_vocabulary(pd.Series(texts), pd.Series(groups))
    assert "rapat besok" in vocab            # three real groups, one of them from real_dev
    assert "sekre" not in vocab              # one group only
    assert "budi" not in vocab               # three extra groups, but always after a form of address
    assert not any(re.search(r"\d", w) for w in vocab)


def test_rows_carry_their_conversation_features(tmp_path):
    from analyzer.classify.context import CONTEXT_FEATURES

    exports, ref = _write(tmp_path, _rows("data/grup.txt"))
    got = extra_groups.load_extra(exports, ref)
    ctx = extra_groups.context_matrix(got.rows)
    assert ctx.shape == (4, len(CONTEXT_FEATURES)) and not pd.isna(ctx).any()
    answer = CONTEXT_FEATURES.index("previous by another member, a question, within 30 min")
    same = CONTEXT_FEATURES.index("previous by the same member within 2 min")
    assert ctx[1, same] == 0 and ctx[2, same] == 0  # "siap" is Dodi's, the reminder follows it
    assert not ctx[:, answer].any()                 # nobody asked a question
    # rows without their chat (the shared set) have no features: NaN, never zeros
    assert pd.isna(extra_groups.context_matrix(pd.DataFrame({"text": ["x"]}))).all()


def test_an_export_inside_a_zip_archive_is_read_from_the_archive(tmp_path):
    import zipfile

    rows = [[c if i != 1 else "kode.zip/ChatWA/grup.txt" for i, c in enumerate(r)] for r in _rows("x")]
    exports, ref = _write(tmp_path, rows)
    archive = exports / "owner+repo" / "kode.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ChatWA/grup.txt", EXPORT)
    got = extra_groups.load_extra(exports, ref)
    assert got.missing_exports == [] and got.unmatched_rows == 0 and len(got.rows) == 4


def test_the_shared_sets_rows_get_features_where_their_export_is_at_hand(tmp_path):
    exports, _ = _write(tmp_path, [])
    reference = tmp_path / "real_dev_exports.tsv"
    reference.write_text("group\tsource_repo\tpath\ndemo\towner/repo\tdata/grup.txt\n"
                         "gone\towner/gone\tchat.txt\n", encoding="utf-8")
    # the shared set replaced phone numbers, and wrote newlines as " ⏎ "
    real = pd.DataFrame({"group": ["demo", "demo", "demo", "gone"], "line": ["3", "4", "5", "2"],
                         "label": ["social"] * 4,
                         "text": ["siap", "jangan lupa bawa laptop ⏎ dan kabel roll", "not this message", "halo"]})
    out, note = extra_groups.real_dev_context(real, exports, reference)
    known = ~pd.isna(extra_groups.context_matrix(out)).any(axis=1)
    assert known.tolist() == [True, True, False, False]
    assert "2 of 4 rows" in note and "1 of 2 groups" in note


def test_newly_labelled_groups_can_be_scored_without_training(tmp_path):
    """`real_classifier.py --held-out REF`: the shipped model and the rules on groups listed in a
    reference file, before those groups are added to the training data."""
    real_classifier = _module("real_classifier")
    exports, ref = _write(tmp_path, _rows("data/grup.txt"))
    out = real_classifier.score_held_out(ref, exports)
    assert out["rows"] == 4 and out["groups"] == 1
    assert set(out["scores"]) == {"model", "rules"}
    for res in out["scores"].values():
        assert res["all"]["n"] == 4 and res["random"]["n"] == 3
        assert set(res["per_group"]) == {"extra1"}
    assert real_classifier.main(["--held-out", str(ref), "--extra-exports", str(exports)]) == 0
    assert real_classifier.main(["--held-out", str(ref), "--extra-exports", str(tmp_path / "none")]) == 2
