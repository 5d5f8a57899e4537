"""Issue 14: corpus and analyze share their options; comparable groups.csv columns; provenance
(manifest.json, schema.json, docs/corpus.md); censoring in the Parquet turns; how members are
linked across groups; the Dask engine gives the same output as the local pool."""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analyzer.cli.program import build_parser, main
from analyzer.corpus import GROUP_COLUMNS, PARTITION, analyze_corpus, find_exports
from analyzer.corpus_schema import GROUPS, MESSAGES, TABLES, dictionary_markdown

ROOT = Path(__file__).resolve().parent.parent
RINA_PHONE = "+62 812-3456-7890"


def chat(rows: list[tuple[str, str, str]]) -> str:
    """Android/Indonesian lines from (dd/mm/yy hh.mm, author, text)."""
    return "".join(f"{when} - {who}: {text}\n" for when, who, text in rows)


# A group whose turns are answered after 10 min, 2 h, 5 h, 9 h, and two left without an answer for
# more than 24 h (censored), plus a last turn censored by the end of the export.
SLOW = chat([
    ("01/03/24 08.00", "Ani", "ada info pameran?"), ("01/03/24 08.10", "Budi", "ada, tgl 10"),
    ("01/03/24 10.10", "Ani", "di mana?"), ("01/03/24 15.10", "Budi", "GOR"),
    ("02/03/24 00.10", "Ani", "ok"), ("04/03/24 09.00", "Budi", "jadi ikut?"),
    ("06/03/24 09.00", "Ani", "maaf baru baca"), ("06/03/24 09.30", "Cici", "saya ikut"),
    ("08/03/24 12.00", "Ani", "siap"),
])
DYAD = chat([("02/03/24 09.00", "Mama", "sudah makan?"), ("02/03/24 09.05", RINA_PHONE, "sudah ma")])
GROUP = (
    "01/03/24 07.00 - Ani membuat grup \"UMKM\"\n"
    "01/03/24 07.01 - Ani menambahkan Budi, Cici, Dodi dan Eka\n"
    + chat([("01/03/24 08.00", "Ani", "selamat datang"), ("01/03/24 08.02", "Budi", "terima kasih"),
            ("01/03/24 08.03", "Bot Info", "Pesan otomatis: terima kasih"), ("01/03/24 09.00", "Mama", "halo"),
            ("01/03/24 09.10", RINA_PHONE.replace("+62 ", "0"), "info KUR?"), ("01/03/24 09.20", "Ani", "besok")])
)
LEGACY = "12 Mar 09:00 - Budi: halo\n12 Mar 09:05 - Sari: ya\n13 Mar 10:00 - Budi: ok\n"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("i14") / "exports"
    (d / "kab").mkdir(parents=True)
    (d / "slow.txt").write_text(SLOW, encoding="utf-8")
    (d / "dyad.txt").write_text(DYAD, encoding="utf-8")
    (d / "kab" / "group.txt").write_text(GROUP, encoding="utf-8")
    (d / "legacy.txt").write_text(LEGACY, encoding="utf-8")
    (d / "broken.txt").write_text("not a chat\n", encoding="utf-8")
    return d


# --------------------------------------------------------------------------------------------
# Step 1: one option set


def _options(command: str) -> set[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {s for a in sub.choices[command]._actions for s in a.option_strings}


def test_analyze_and_corpus_accept_the_same_analysis_options():
    from analyzer.cli.options import SHARED_OPTIONS

    analyze_only = {"--out", "--json", "--charts", "--lang", "--chart-size", "--no-report", "--no-titles",
                    "--members-of-interest", "--labels", "--no-fit-to-labels", "--split", "--excel-safe", "--no-xlsx", "--xlsx"}
    corpus_only = {"--out", "-j", "--jobs", "--engine", "--scheduler", "--no-progress"}
    a = _options("analyze") - {"-h", "--help"}
    c = _options("corpus") - {"-h", "--help"}
    assert a - analyze_only == c - corpus_only == set(SHARED_OPTIONS)


def test_analyze_exclude_drops_member_from_every_metric(tmp_path):
    f = tmp_path / "g.txt"
    f.write_text(GROUP, encoding="utf-8")
    assert main(["analyze", str(f), "--out", str(tmp_path / "a"), "--no-report", "--bootstrap", "0"]) == 0
    assert main(["analyze", str(f), "--out", str(tmp_path / "b"), "--no-report", "--bootstrap", "0",
                 "--exclude", "bot info"]) == 0  # matched like roster names: case ignored
    a = json.loads((tmp_path / "a" / "report.json").read_text())
    b = json.loads((tmp_path / "b" / "report.json").read_text())
    assert b["parameters"]["excluded_members"] == ["Bot Info"]
    assert b["participation"]["n_members"] == a["participation"]["n_members"] - 1
    assert b["window"]["n_messages"] == a["window"]["n_messages"] - 1
    members = pd.read_csv(tmp_path / "b" / "members.csv")
    assert "Bot Info" not in set(members["member"])
    # an unknown name is a warning, not an error
    assert main(["analyze", str(f), "--out", str(tmp_path / "c"), "--no-report", "--exclude", "Nobody"]) == 0
    c = json.loads((tmp_path / "c" / "report.json").read_text())
    assert c["parameters"]["excluded_not_found"] == ["Nobody"] and any("--exclude" in w for w in c["warnings"])


# --------------------------------------------------------------------------------------------
# Steps 2-3: groups.csv, manifest, schema


@pytest.fixture(scope="module")
def run(exports, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("i14run")
    sizes = tmp / "sizes.csv"
    sizes.write_text("file,members\nslow.txt,10\n", encoding="utf-8")
    lex = tmp / "lexicon.csv"
    lex.write_text((ROOT / "analyzer" / "data" / "lexicon.csv").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp / "out"
    code = main(["corpus", str(exports), "--out", str(out), "-j", "1", "--no-progress", "--bootstrap", "200",
                 "--seed", "3", "--members", str(sizes), "--exclude", "Bot Info", "--lexicon", str(lex)])
    assert code == 0
    return out, sizes, lex


def test_groups_csv_one_meaning_per_column(run):
    out, _, _ = run
    g = pd.read_csv(out / "groups.csv").set_index("file")
    assert list(g.reset_index().columns) == GROUP_COLUMNS
    slow, dyad, grp = g.loc["slow.txt"], g.loc["dyad.txt"], g.loc["kab/group.txt"]
    # --members from the CSV: 10 members, 3 posters, 7 silent
    assert slow["members_source"] == "size" and slow["n_members"] == 10 and slow["silent_members"] == 7
    assert slow["gini_all_members"] > slow["gini_posters"]
    assert slow["gini_all_members_corrected"] == pytest.approx(slow["gini_all_members"] * 10 / 9)
    assert slow["gini_all_members_ci_low"] <= slow["gini_all_members"] <= slow["gini_all_members_ci_high"]
    assert slow["gini_posters_ci_low"] <= slow["gini_posters"] <= slow["gini_posters_ci_high"]
    # membership lines: silent members known from events
    assert grp["members_source"] == "events" and bool(grp["silent_known"]) and grp["silent_members"] >= 2
    # only posters: the all-members columns are empty, not a posters-only number under another name
    assert dyad["members_source"] == "posters" and not bool(dyad["silent_known"])
    assert pd.isna(dyad["gini_all_members"]) and pd.isna(dyad["silent_members"]) and pd.notna(dyad["gini_posters"])
    assert bool(dyad["two_person_chat"]) and not bool(dyad["one_person_chat"])
    assert not bool(slow["two_person_chat"])
    # --exclude reached the corpus: the bot is not a member of the group
    assert grp["excluded_members"] == 1 and g["excluded_members"].fillna(0).sum() == 1
    assert not g["warnings"].fillna("").str.contains("--exclude").any()  # a bot is not in every group


def test_integer_columns_stay_integers_when_a_group_fails(run):
    out, _, _ = run
    raw = pd.read_csv(out / "groups.csv", dtype=str)
    for c in GROUPS:
        if c.type == "Int64":  # written 3, never 3.0, although the broken group has no value
            assert raw[c.name].dropna().str.fullmatch(r"-?\d+").all(), c.name
    g = pd.read_parquet(out / "groups.parquet")
    for c in GROUPS:
        if c.type == "Int64":
            assert str(g[c.name].dtype) == "Int64", c.name
    row = g[g["file"] == "broken.txt"].iloc[0]
    assert pd.isna(row["n_members"]) and row["error"]
    csv = pd.read_csv(out / "groups.csv", dtype={c.name: "Int64" for c in GROUPS if c.type == "Int64"})
    assert csv.loc[csv["file"] == "slow.txt", "messages"].iloc[0] == 9


def test_parse_warning_reaches_corpus(run):
    out, _, _ = run
    g = pd.read_csv(out / "groups.csv").set_index("file")
    assert g.loc["legacy.txt", "n_warnings"] >= 1 and "no year" in g.loc["legacy.txt", "warnings"]
    m = json.loads((out / "manifest.json").read_text())
    entry = next(x for x in m["groups"] if x["file"] == "legacy.txt")
    assert any("no year" in w for w in entry["warnings"])


def test_year_option_reaches_every_group(exports, tmp_path):
    res = analyze_corpus([exports / "legacy.txt"], tmp_path / "o", 1, root=exports, progress=False,
                         load_kwargs={"year": 2023}, analyze_kwargs={"bootstrap": 0, "null_draws": 0})
    assert res.groups["period_start"].iloc[0].startswith("2023-03-12")


def test_manifest_lets_a_reader_rerun(run, exports):
    out, sizes, lex = run
    m = json.loads((out / "manifest.json").read_text())
    assert m["tool"]["name"] == "wa-analyzer" and m["tool"]["version"]
    assert m["command"][0] == "corpus" and "--exclude" in m["command"]
    assert m["parameters"]["seed"] == 3 and m["parameters"]["bootstrap"] == 200
    assert m["parameters"]["censor_limit_s"] == 86400  # defaults filled in
    assert m["seeds"]["seed"] == 3
    from analyzer.cli.options import file_sha256

    assert m["options"]["files"]["lexicon"]["sha256"] == file_sha256(lex)
    assert m["group_sizes"]["sha256"] == file_sha256(sizes)
    entry = {x["file"]: x for x in m["groups"]}
    assert entry["slow.txt"]["sha256"] == file_sha256(exports / "slow.txt")
    assert entry["slow.txt"]["members_option"] == 10
    assert m["n_failed"] == 1 and m["failures"][0]["file"] == "broken.txt"
    assert m["outputs_sha256"]["groups.csv"] == file_sha256(out / "groups.csv")
    # re-running the recorded command gives the same groups.csv
    argv = list(m["command"])
    argv[argv.index("--out") + 1] = str(out.parent / "rerun")
    assert main(argv) == 0
    assert (out.parent / "rerun" / "groups.csv").read_bytes() == (out / "groups.csv").read_bytes()


def test_every_column_has_one_definition(run):
    out, _, _ = run
    schema = json.loads((out / "schema.json").read_text())
    for name, table in schema["tables"].items():
        cols = [c["name"] for c in table["columns"]]
        assert len(cols) == len(set(cols)), name
        assert all(c["description"] for c in table["columns"])
    written = {"groups.csv": pd.read_csv(out / "groups.csv"), "member_groups.csv": pd.read_csv(out / "member_groups.csv"),
               "bridging_members.csv": pd.read_csv(out / "bridging_members.csv"),
               "failures.csv": pd.read_csv(out / "failures.csv"),
               "messages/": pd.read_parquet(out / "messages")}
    for name, df in written.items():
        defined = [c["name"] for c in schema["tables"][name]["columns"]]
        assert set(df.columns) <= set(defined), (name, set(df.columns) - set(defined))
    assert set(written["groups.csv"].columns) == {c.name for c in GROUPS}


def test_docs_corpus_md_holds_the_dictionary():
    doc = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    block = doc.split("<!-- dictionary:start -->")[1].split("<!-- dictionary:end -->")[0]
    assert block.strip() == dictionary_markdown().strip(), "regenerate: python -m analyzer.corpus_schema"
    for name, (_, cols) in TABLES.items():
        for c in cols:
            assert block.count(f"| `{c.name}` |") >= 1


# --------------------------------------------------------------------------------------------
# Step 4: censoring, and Kaplan-Meier recomputed with DuckDB


KM_SQL = (ROOT / "docs" / "research.md").read_text(encoding="utf-8").split("-- km-median:start")[1].split(
    "-- km-median:end")[0] if "-- km-median:start" in (ROOT / "docs" / "research.md").read_text(encoding="utf-8") else ""


def test_kaplan_meier_from_parquet_gives_the_tools_median(run):
    duckdb = pytest.importorskip("duckdb")
    out, _, _ = run
    assert KM_SQL, "docs/research.md lost its Kaplan-Meier recipe"
    msgs = pd.read_parquet(out / "messages", dtype_backend="numpy_nullable")
    ends = msgs[msgs["duration_s"].notna()].astype({"answered": bool, "censored": bool})
    assert (ends["censored"] == ~ends["answered"]).all() and ends["censored"].any()
    assert (ends.loc[ends["answered"], "duration_s"] == ends.loc[ends["answered"], "latency_s"]).all()
    sql = KM_SQL.replace("corpus-out", str(out))
    km = duckdb.sql(sql).df().set_index("group_id")["km_median_s"]
    g = pd.read_csv(out / "groups.csv").set_index(PARTITION)
    ok = g[g["error"].isna()]
    for gid, row in ok.iterrows():
        tool, ours = row["median_latency_s"], km.get(gid)
        assert (pd.isna(tool) and pd.isna(ours)) or tool == pytest.approx(ours), gid
    # the naive median of answered turns only is lower than the censoring-aware one
    slow = ok[ok["file"] == "slow.txt"].index[0]
    naive = ends[(ends[PARTITION] == slow) & ends["answered"]]["latency_s"].median()
    assert naive < g.loc[slow, "median_latency_s"]


# --------------------------------------------------------------------------------------------
# Step 5: how members are matched across groups


def test_bridges_say_how_members_were_matched(run):
    out, _, _ = run
    mg = pd.read_csv(out / "member_groups.csv")
    br = pd.read_csv(out / "bridging_members.csv").set_index("member")
    assert set(mg["match_by"]) <= {"phone", "display_name"}
    # the number written "+62 812-…" in one group and "0812…" in another is one person, by phone
    phone = br[br["match_by"] == "phone"]
    assert len(phone) == 1 and phone["n_groups"].iloc[0] == 2 and ";" in phone["names"].iloc[0]
    # "Mama" in two unrelated chats is only a display-name match and says so
    assert br.loc["Mama", "match_by"] == "display_name"


def test_anonymized_bridges_keep_the_flag(exports, tmp_path):
    from analyzer.privacy import Pseudonymizer

    pz = Pseudonymizer(bytes(range(32)))
    res = analyze_corpus(find_exports(exports), tmp_path / "o", 1, root=exports, pseudonymizer=pz, progress=False,
                         analyze_kwargs={"bootstrap": 0, "null_draws": 0})
    br = res.bridging.set_index("member")
    assert br.loc[pz.name(RINA_PHONE), "match_by"] == "phone"
    assert br.loc[pz.name("Mama"), "match_by"] == "display_name"


# --------------------------------------------------------------------------------------------
# Step 6: the Dask engine


def test_dask_engine_gives_the_same_output(exports, tmp_path):
    pytest.importorskip("distributed")
    kw = dict(root=exports, progress=False, analyze_kwargs={"bootstrap": 100, "null_draws": 50, "seed": 1},
              members={"slow.txt": 10})
    local = analyze_corpus(find_exports(exports), tmp_path / "local", 1, **kw)
    dask = analyze_corpus(find_exports(exports), tmp_path / "dask", 2, engine="dask", dask_processes=False, **kw)
    assert dask.manifest["engine"]["name"] == "dask"
    for f in ("groups.csv", "member_groups.csv", "bridging_members.csv", "failures.csv"):
        assert (tmp_path / "local" / f).read_bytes() == (tmp_path / "dask" / f).read_bytes(), f
    a = pd.read_parquet(tmp_path / "local" / "messages").sort_values([PARTITION, "line"]).reset_index(drop=True)
    b = pd.read_parquet(tmp_path / "dask" / "messages").sort_values([PARTITION, "line"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_corpus_option_errors(exports, tmp_path, capsys):
    bad = tmp_path / "sizes.csv"
    bad.write_text("file,members\nnot-there.txt,5\n", encoding="utf-8")
    assert main(["corpus", str(exports), "--out", str(tmp_path / "o"), "--members", str(bad), "--no-progress"]) == 2
    assert "--members" in capsys.readouterr().err
    assert main(["corpus", str(exports), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_exclude_file_and_option_errors_are_shared(tmp_path, capsys):
    from analyzer.cli.options import file_sha256

    names = tmp_path / "bots.txt"
    names.write_text("# bots\nBot Info\n", encoding="utf-8")
    f = tmp_path / "g.txt"
    f.write_text(GROUP, encoding="utf-8")
    out = tmp_path / "o"
    assert main(["corpus", str(f), "--out", str(out), "-j", "1", "--no-progress", "--bootstrap", "0",
                 "--exclude-file", str(names)]) == 0
    m = json.loads((out / "manifest.json").read_text())
    assert m["options"]["exclude"] == ["Bot Info"]
    assert m["options"]["files"]["exclude_file"]["sha256"] == file_sha256(names)
    assert pd.read_csv(out / "groups.csv")["excluded_members"].tolist() == [1]
    for cmd in (["analyze", str(f), "--out", str(tmp_path / "a")], ["corpus", str(f), "--out", str(tmp_path / "c")]):
        assert main(cmd + ["--delta", "5", "--reply-window", "60"]) == 2
        assert "--delta" in capsys.readouterr().err


def test_corpus_roster_csv_per_group(exports, tmp_path):
    (tmp_path / "rosters").mkdir()
    (tmp_path / "rosters" / "slow.txt").write_text("Ani\nBudi\nCici\nDian\nEko\n", encoding="utf-8")
    table = tmp_path / "rosters.csv"
    table.write_text("file,roster\nslow.txt,rosters/slow.txt\n", encoding="utf-8")
    out = tmp_path / "o"
    assert main(["corpus", str(exports), "--out", str(out), "-j", "1", "--no-progress", "--bootstrap", "0",
                 "--roster", str(table)]) == 0
    g = pd.read_csv(out / "groups.csv").set_index("file")
    assert g.loc["slow.txt", "members_source"] == "roster" and g.loc["slow.txt", "n_members"] == 5
    assert g.loc["slow.txt", "silent_members"] == 2
    m = json.loads((out / "manifest.json").read_text())
    assert m["group_sizes"]["option"] == "--roster" and len(m["group_sizes"]["roster_sha256"]) == 1


def test_manifest_names_nobody_when_pseudonymising(exports, tmp_path):
    key = tmp_path / "k.key"
    key.write_text(bytes(range(32)).hex())
    key.chmod(0o600)
    out = tmp_path / "o"
    assert main(["corpus", str(exports), "--out", str(out), "-j", "1", "--no-progress", "--bootstrap", "0",
                 "--key-file", str(key), "--exclude", "Bot Info", "--exporter=Ani Lestari"]) == 0
    text = (out / "manifest.json").read_text(encoding="utf-8")
    assert "Bot Info" not in text and "Ani Lestari" not in text and "slow.txt" not in text
    m = json.loads(text)
    assert m["options"]["pseudonymised"] and re.fullmatch(r"P-[0-9A-F]{8}", m["options"]["exclude"][0])
