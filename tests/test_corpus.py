"""`wa-analyzer corpus`: many exports in a process pool, Parquet dataset, failures, cross-group links."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

from analyzer.cli.program import main
from analyzer.corpus import PARTITION, analyze_corpus, find_exports, group_id_for
from analyzer.privacy import Pseudonymizer, load_or_create_key

from test_privacy import LITERALS, NAME_PATTERNS, file_text

SHARED = "Rina Wulandari"  # in groups A and B
SHARED_PHONE = "+62 812-3456-7890"  # in groups B and C, written "0812…" in C's text too


def lines(author_msgs: list[tuple[str, str]], day: int = 12) -> str:
    out = []
    for i, (who, text) in enumerate(author_msgs):
        out.append(f"{day:02d}/03/24 {9 + i // 60:02d}.{i % 60:02d} - {who}: {text}")
    return "\n".join(out) + "\n"


GROUP_A = (f'{11:02d}/03/24 08.00 - {SHARED} membuat grup "Keripik Sragen"\n'
           f"11/03/24 08.01 - {SHARED} menambahkan Budi Santoso\n"
           + lines([(SHARED, "Selamat datang"), ("Budi Santoso", "Terima kasih bu Rina"),
                    (SHARED, "hubungi Rina di 0812-3456-7890 atau rina@example.com, cek "
                             "https://tokopedia.com/rina/keripik?ref=1, @Budi"),
                    ("Budi Santoso", "siap"), (SHARED, "ok")]))
GROUP_B = lines([(SHARED, "Halo semua"), (SHARED_PHONE, "Halo bu Rina"), ("Siti Aminah", "Info KUR dong"),
                 (SHARED, "https://kur.ekon.go.id/info?nama=siti"), (SHARED_PHONE, "mantap")])
GROUP_C = lines([(SHARED_PHONE, "Jual kopi, WA 0812 3456 7890"), ("Joko Widodo", "berapa?"),
                 (SHARED_PHONE, "25rb"), ("Joko Widodo", "siap")], day=14)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus") / "exports"
    (d / "kab").mkdir(parents=True)
    (d / "WhatsApp Chat with Keripik Sragen.txt").write_text(GROUP_A, encoding="utf-8")
    (d / "kab" / "Chat WhatsApp dengan UMKM Rina.txt").write_text(GROUP_B, encoding="utf-8")
    with zipfile.ZipFile(d / "kab" / "grup-c.zip", "w") as zf:
        zf.writestr("WhatsApp Chat with Kopi Joko.txt", GROUP_C)
    (d / "broken Rina.txt").write_text("this is not a chat\nat all\n", encoding="utf-8")
    (d / ".hidden.txt").write_text(GROUP_A, encoding="utf-8")  # skipped: hidden
    (d / "photo.jpg").write_bytes(b"\xff\xd8")  # skipped: not an export
    return d


def test_find_exports(corpus_dir, tmp_path):
    found = [p.relative_to(corpus_dir).as_posix() for p in find_exports(corpus_dir)]
    assert found == ["WhatsApp Chat with Keripik Sragen.txt", "broken Rina.txt",
                     "kab/Chat WhatsApp dengan UMKM Rina.txt", "kab/grup-c.zip"]


@pytest.fixture(scope="module")
def anon_run(corpus_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("anon_corpus")
    out, key = tmp / "out", tmp / "study.key"
    # a fixed key: random pseudonyms are random hex and could spell a scanned literal ("0812")
    key.write_text(bytes(range(32)).hex())
    key.chmod(0o600)  # as a researcher keeps it; a readable key is warned about
    code = main(["corpus", str(corpus_dir), "--out", str(out), "-j", "2", "--anonymize", "--key-file", str(key),
                 "--bootstrap", "100", "--no-progress"])
    assert code == 0
    return out, Pseudonymizer(load_or_create_key(key))


def test_groups_csv_and_failures(anon_run):
    out, pz = anon_run
    groups = pd.read_csv(out / "groups.csv")
    assert len(groups) == 4
    ok = groups[groups["error"].isna()]
    assert len(ok) == 3
    assert (ok["n_posters"] > 0).all() and ok["gini"].between(0, 1).all()
    assert {"period_start", "period_end", "gini_ci_low", "gini_ci_high", "top10pct_share", "silent_share",
            "median_latency_s"} <= set(groups.columns)
    failures = pd.read_csv(out / "failures.csv")
    assert len(failures) == 1 and failures["error"].str.len().iloc[0] > 10
    assert "\n" not in failures["error"].iloc[0]
    assert failures[PARTITION].iloc[0] == group_id_for("broken Rina.txt", pz)  # recomputable with the key


def test_parquet_dataset_partitioned_by_group(anon_run):
    out, pz = anon_run
    parts = sorted(p.relative_to(out).as_posix() for p in (out / "messages").rglob("*.parquet"))
    assert len(parts) == 3 and all(re.fullmatch(rf"messages/{PARTITION}=G-[0-9A-F]{{8}}/part-0\.parquet", p)
                                   for p in parts)
    table = ds.dataset(out / "messages", format="parquet", partitioning="hive").to_table()
    df = table.to_pandas()
    assert df[PARTITION].nunique() == 3
    groups = pd.read_csv(out / "groups.csv")
    per_group = df[df["kind"] != "system"].groupby(PARTITION).size()
    ok = groups[groups["error"].isna()].set_index(PARTITION)["messages"]
    assert per_group.sort_index().tolist() == ok.sort_index().astype(int).tolist()
    assert str(table.schema.field("timestamp").type).startswith("timestamp[us")


def test_members_linked_across_groups(anon_run):
    out, pz = anon_run
    mg = pd.read_csv(out / "member_groups.csv")
    bridging = pd.read_csv(out / "bridging_members.csv")
    assert set(bridging["member"]) == {pz.name(SHARED), pz.name(SHARED_PHONE)}
    assert (bridging["n_groups"] == 2).all()
    assert pz.name("Joko Widodo") in set(mg["member"])
    assert "You" not in set(mg["member"])
    import networkx as nx

    g = nx.read_graphml(out / "member_group_graph.graphml")
    kinds = nx.get_node_attributes(g, "kind")
    assert sum(k == "group" for k in kinds.values()) == 3
    assert g.degree(f"member:{pz.name(SHARED)}") == 2


def test_nothing_identifying_in_corpus_outputs(anon_run):
    out, _ = anon_run
    found = []
    for p in (q for q in out.rglob("*") if q.is_file()):
        text = file_text(p)
        found += [f"{p.name}: {pat}" for pat in NAME_PATTERNS + [r"\bSiti\b", r"\bJoko\b", r"\bSragen\b"]
                  if re.search(pat, text)]
        found += [f"{p.name}: {lit}" for lit in LITERALS if lit.lower() in text.lower()]
        # file names (the parser's own "Expected a WhatsApp chat export" hint is fine)
        found += [f"{p.name}: {lit}" for lit in ["Chat with", "dengan UMKM", "grup-c", "Keripik"] if lit in text]
        if re.search(r"Rina|Sragen|Joko|grup-c", str(p.relative_to(out))):
            found.append(f"path {p.relative_to(out)}")
    assert found == []


def test_plain_corpus_in_process(corpus_dir, tmp_path):
    """jobs=1 runs without a pool; without pseudonyms files keep their names and members link by name."""
    res = analyze_corpus(find_exports(corpus_dir), tmp_path / "plain", 1, root=corpus_dir, progress=False,
                         analyze_kwargs={"bootstrap": 50, "null_draws": 20}, metadata_only=True)
    assert len(res.groups) == 4 and len(res.failures) == 1
    assert "kab/grup-c.zip" in set(res.groups["file"])
    assert set(res.bridging["member"]) == {SHARED, SHARED_PHONE}
    df = pd.read_parquet(tmp_path / "plain" / "messages")
    assert df["text"].isna().all()
    # a rerun with fewer groups leaves no stale partitions behind
    res2 = analyze_corpus(find_exports(corpus_dir)[:1], tmp_path / "plain", 1, root=corpus_dir, progress=False,
                          analyze_kwargs={"bootstrap": 50, "null_draws": 20})
    assert len(list((tmp_path / "plain" / "messages").iterdir())) == 1 == len(res2.groups)


def test_corpus_cli_errors(tmp_path, capsys):
    assert main(["corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["corpus", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 2
    assert "no .txt or .zip" in capsys.readouterr().err
