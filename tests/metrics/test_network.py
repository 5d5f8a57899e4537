"""Interaction network (issue 5): known-answer chats written as Indonesian Android export lines.

Every chat here is text a phone could have written, parsed with `load_chat`, so the tests cover the
path real files take. Sessions are separated by more than Δ = 30 min, so the reply edges of each
chat can be read off line by line.
"""
from __future__ import annotations

import json
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from analyzer import load_chat
from analyzer.metrics import network as N
from analyzer.metrics.turns import segment_turns


def chat(text: str):
    return load_chat(text.strip("\n").encode("utf-8"))


def dialog(pairs: list[tuple[str, str]], day: str = "01/07/24") -> str:
    """Export lines where, for each (replier, author), `author` speaks and `replier` answers one
    minute later; sessions start an hour apart (longer than Δ), so each pair is exactly one reply
    edge replier→author."""
    lines = []
    for k, (replier, author) in enumerate(pairs):
        h, m = divmod(k * 60, 60)
        d = int(day[:2]) + h // 24
        hh = h % 24
        lines.append(f"{d:02d}{day[2:]} {hh:02d}.00 - {author}: kabar {k}")
        lines.append(f"{d:02d}{day[2:]} {hh:02d}.01 - {replier}: jawab {k}")
    return "\n".join(lines) + "\n"


def edges_of(result: N.NetworkResult) -> dict[tuple[str, str], int]:
    t = N.edge_table(result)
    return {(s, d): int(w) for s, d, w in zip(t["source"], t["target"], t["weight"])}


STAR = """
01/07/24 08.00 - Rina: Selamat pagi bapak ibu
01/07/24 08.02 - Budi: Pagi bu Rina
01/07/24 08.03 - Budi: ada info pelatihan?
01/07/24 08.10 - Rina: ada, KUR dibuka lagi
01/07/24 08.20 - Sari: mantap bu
01/07/24 10.00 - Dewi: halo
01/07/24 10.05 - Rina: halo bu Dewi
01/07/24 10.05 - Rina menambahkan Tono
"""


# --- edges and weights ------------------------------------------------------------------------


def test_reply_edges_and_weights_known_answer():
    c = chat(STAR)
    e = N.reply_edges(c.messages)
    assert list(zip(e["source"], e["target"], e["kind"])) == [
        ("Budi", "Rina", "reply"),  # 08.02: Budi's turn (08.02+08.03) answers Rina
        ("Rina", "Budi", "reply"),  # 08.10
        ("Sari", "Rina", "reply"),  # 08.20
        ("Rina", "Dewi", "reply"),  # 10.05; Dewi at 10.00 is 100 min after Sari: no edge
    ]
    r = N.network_metrics(c.messages, null_draws=0)
    assert edges_of(r) == {("Budi", "Rina"): 2, ("Rina", "Sari"): 1, ("Dewi", "Rina"): 1}
    t = N.edge_table(r).set_index(["source", "target"])
    assert list(N.edge_table(r).columns) == list(N.EDGE_COLUMNS)
    assert (t.loc[("Budi", "Rina"), "a_to_b"], t.loc[("Budi", "Rina"), "b_to_a"]) == (1, 1)
    assert (t.loc[("Rina", "Sari"), "a_to_b"], t.loc[("Rina", "Sari"), "b_to_a"]) == (0, 1)
    assert r.nodes == 4 and r.edges == 3
    assert r.density == pytest.approx(3 / 6)
    assert r.reciprocity == pytest.approx(2 / 4)  # B→R, R→B reciprocated; S→R, R→D not
    assert r.weak_tie_share == 1.0
    # A star has no triangles: every edge is a local bridge with overlap 0.
    assert r.local_bridges == 3
    assert t["overlap"].tolist() == [0.0, 0.0, 0.0]
    assert math.isnan(r.overlap_weight_spearman)  # O constant: ρ undefined, not 0
    assert r.brokers[0]["member"] == "Rina"
    assert r.brokers[0]["degree"] == 3 and r.brokers[0]["strength"] == 4


def test_reply_edges_agree_with_turn_segmentation():
    text = STAR + """
01/07/24 10.06 - Dewi: makasih
01/07/24 10.06 - Dewi: bu
01/07/24 10.20 - Dewi: sampai jumpa
01/07/24 10.30 - Budi: iya
01/07/24 11.30 - Sari: pagi
"""
    m = chat(text).messages
    user = m[m["kind"] != "system"]
    for delta in (300, 900, 1800, 3600):
        tt = segment_turns(user["timestamp"], user["author"], reply_window_s=delta).table
        want = [(a, b) for a, b in zip(tt["author"], tt["reply_to"]) if b is not pd.NA and isinstance(b, str)]
        e = N.reply_edges(m, delta_s=delta, mentions=False)
        assert list(zip(e["source"], e["target"])) == want, delta


def test_build_graph_matches_edge_table():
    c = chat(STAR)
    D, G = N.build_graph(N.reply_edges(c.messages))
    r = N.network_metrics(c.messages, null_draws=0)
    assert {tuple(sorted(k)): d["weight"] for *k, d in G.edges(data=True)} == edges_of(r)
    assert D["Budi"]["Rina"]["count"] == 1 and D["Budi"]["Rina"]["replies"] == 1
    assert not D.has_edge("Rina", "Sari") and D.has_edge("Sari", "Rina")
    assert G["Budi"]["Rina"]["distance"] == pytest.approx(0.5)


# --- Δ sensitivity ---------------------------------------------------------------------------


DELAYED = """
01/07/24 08.00 - Rina: ada yang jual kemasan standing pouch?
01/07/24 08.20 - Budi: saya bu, japri ya
01/07/24 09.30 - Sari: info bazar minggu depan
01/07/24 10.00 - Dewi: ikut bu
"""


def test_delta_sensitivity_reply_after_20_minutes():
    m = chat(DELAYED).messages
    at30 = N.network_metrics(m, delta_s=30 * 60, null_draws=0)
    at15 = N.network_metrics(m, delta_s=15 * 60, null_draws=0)
    # 20 min counts at Δ = 30, not at Δ = 15; exactly 30 min (Sari→Dewi) counts at Δ = 30 ("within").
    assert edges_of(at30) == {("Budi", "Rina"): 1, ("Dewi", "Sari"): 1}
    assert edges_of(at15) == {}
    assert at30.parameters["delta_s"] == 1800 and at15.parameters["delta_s"] == 900
    table = N.delta_sensitivity(m)
    assert table["delta_s"].tolist() == [300, 900, 1800, 3600]
    assert table["edges"].tolist() == [0, 0, 2, 2]  # Sari (09.30) is 70 min after Budi: no edge at 60


def test_tau_burst_does_not_change_edges():
    m = chat(STAR).messages
    a = N.network_metrics(m, tau_burst_s=60, null_draws=0)
    b = N.network_metrics(m, tau_burst_s=600, null_draws=0)
    assert edges_of(a) == edges_of(b)


# --- mentions ---------------------------------------------------------------------------------


MENTIONS = """
01/07/24 08.00 - Rina: Bu \u2068@Sari Dewi\u2069 sudah daftar halal gratis?
01/07/24 12.00 - Budi: infonya dari @6281234567890 ya, kontak rina@gmail.com
01/07/24 15.00 - +62 812-3456-7890: siap, @Sari juga boleh ikut
01/07/24 18.00 - Sari Dewi: terima kasih @Rina @Rina, dan @Budi Santoso
01/07/24 19.00 - Budi Santoso: sama-sama
01/07/24 20.00 - Rina: @Tono sudah gabung?
01/07/24 20.00 - Rina menambahkan Tono
"""


def test_mentions_by_name_and_phone_digits_create_edges():
    c = chat(MENTIONS)
    e = N.reply_edges(c.messages)
    assert (e["kind"] == "mention").all()  # all sessions are hours apart
    pairs = list(zip(e["source"], e["target"]))
    assert ("Rina", "Sari Dewi") in pairs  # wrapped ⁨@Name⁩
    assert ("Budi", "+62 812-3456-7890") in pairs  # @62812… ↔ "+62 812-3456-7890"
    # "@Rina @Rina" counts once; "@Budi Santoso" is the longer member, not "Budi".
    assert pairs.count(("Sari Dewi", "Rina")) == 1
    assert ("Sari Dewi", "Budi Santoso") in pairs and ("Sari Dewi", "Budi") not in pairs
    # An e-mail address is not a mention; "@Sari" (a first name only) matches nobody.
    assert ("+62 812-3456-7890", "Sari Dewi") not in pairs
    r = N.network_metrics(c.messages, null_draws=0)
    assert edges_of(r)[("+62 812-3456-7890", "Budi")] == 1
    assert any("could not be matched" in n for n in r.notes)


def test_mention_of_member_who_never_posted_with_member_list():
    c = chat(MENTIONS)
    without = N.network_metrics(c.messages, null_draws=0)
    assert "Tono" not in N.node_table(without)["member"].tolist()
    withm = N.network_metrics(c.messages, null_draws=0, members=c.members["member"].astype(str))
    nodes = N.node_table(withm).set_index("member")
    assert nodes.loc["Tono", "messages"] == 0 and nodes.loc["Tono", "degree"] == 1
    assert withm.nodes == without.nodes + 1


def test_mentions_can_be_switched_off():
    r = N.network_metrics(chat(MENTIONS).messages, mentions=False, null_draws=0)
    assert r.edges == 0 and r.parameters["mentions"] is False


def test_resolver_national_number_and_case():
    res = N.MentionResolver(["+62 812-3456-7890", "Bu Ning Sambal Bawang", "Bu Ning"])
    assert res.resolve("081234567890 tolong") == "+62 812-3456-7890"
    assert res.resolve("bu ning sambal bawang, pesan 2") == "Bu Ning Sambal Bawang"
    assert res.resolve("Bu Ning: pesan") == "Bu Ning"
    assert res.resolve("Bu Ningsih") is None
    assert res.find("email ke ning@example.com") == ([], 0)


# --- bridges and brokers -----------------------------------------------------------------------


CLUSTER_A = [("Ayu", "Ani"), ("Asih", "Ayu"), ("Ani", "Asih")] * 3
CLUSTER_B = [("Beni", "Bayu"), ("Bima", "Beni"), ("Bayu", "Bima")] * 3
TWO_CLUSTERS = CLUSTER_A + CLUSTER_B + [("Joko", "Ani"), ("Bayu", "Joko")]


def test_two_clusters_joined_by_one_person():
    r = N.network_metrics(chat(dialog(TWO_CLUSTERS)).messages, null_draws=0)
    e = edges_of(r)
    assert e[("Ani", "Ayu")] == 3 and e[("Ani", "Joko")] == 1 and e[("Bayu", "Joko")] == 1
    assert r.nodes == 7 and r.edges == 8
    top = r.brokers[0]
    assert top["member"] == "Joko"
    # Joko lies on every shortest path between the clusters: 3·3 pairs plus none inside,
    # normalised by (n−1)(n−2)/2 = 15 unordered pairs.
    assert top["betweenness"] == pytest.approx(9 / 15)
    assert top["effective_size"] == pytest.approx(2.0)  # two contacts, not tied to each other
    cons = {b["member"]: b["constraint"] for b in r.brokers}
    assert cons["Joko"] == min(cons.values())
    t = N.edge_table(r).set_index(["source", "target"])
    assert t["local_bridge"].sum() == 2 == r.local_bridges
    assert t.loc[("Ani", "Joko"), "local_bridge"] and t.loc[("Bayu", "Joko"), "local_bridge"]
    assert t.loc[("Ani", "Joko"), "overlap"] == 0.0 and t.loc[("Asih", "Ayu"), "overlap"] == 1.0
    assert t.loc[("Ani", "Ayu"), "overlap"] == pytest.approx(0.5)
    assert r.weak_tie_share == pytest.approx(2 / 8)  # only the two bridge edges are weak
    assert r.overlap_weight_spearman > 0.8  # strong ties inside clusters: the weak-ties pattern
    comms = [set(c) for c in r.communities]
    a = next(c for c in comms if "Ani" in c)
    b = next(c for c in comms if "Bayu" in c)
    assert {"Ani", "Ayu", "Asih"} <= a and {"Bayu", "Beni", "Bima"} <= b and a != b
    assert r.modularity > 0.3


def test_local_bridges_and_overlap_match_networkx_and_definition():
    r = N.network_metrics(chat(dialog(TWO_CLUSTERS + [("Ani", "Bima")])).messages, null_draws=0)
    t = N.edge_table(r)
    G = nx.Graph()
    G.add_weighted_edges_from(zip(t["source"], t["target"], t["weight"]))
    want = {frozenset(e) for e in nx.local_bridges(G, with_span=False)}
    got = {frozenset((s, d)) for s, d, b in zip(t["source"], t["target"], t["local_bridge"]) if b}
    assert got == want
    for s, d, o in zip(t["source"], t["target"], t["overlap"]):
        n_ab = len(set(G[s]) & set(G[d]))
        den = (G.degree(s) - 1) + (G.degree(d) - 1) - n_ab
        assert (math.isnan(o) and den == 0) or o == pytest.approx(n_ab / den)


def test_isolated_pair_has_undefined_overlap():
    r = N.network_metrics(chat(dialog([("Budi", "Rina"), ("Dewi", "Sari")])).messages, null_draws=0)
    t = N.edge_table(r)
    assert t["overlap"].isna().all() and t["local_bridge"].all()
    assert r.to_dict()["overlap_weight_spearman"] is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_broker_measures_match_networkx(seed):
    rng = np.random.default_rng(seed)
    n = 12
    W = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < 0.35:
                W[i, j] = W[j, i] = rng.choice([1, 2, 4])  # 1/w exact in binary: no float-tie ambiguity
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for i, j in zip(*np.nonzero(np.triu(W))):
        G.add_edge(int(i), int(j), weight=int(W[i, j]), distance=1.0 / W[i, j])
    bc = nx.betweenness_centrality(G, weight="distance")
    assert N.weighted_betweenness(W) == pytest.approx([bc[i] for i in range(n)], abs=1e-12)
    c = nx.constraint(G, weight="weight")
    # nodes=list(G) takes networkx's per-node path, which follows Burt's formula term by term; its
    # sparse fast path (nodes=None, networkx 3.6.1) gives different weighted effective sizes.
    e = nx.effective_size(G, nodes=list(G), weight="weight")
    np.testing.assert_allclose(N.burt_constraint(W), [c[i] for i in range(n)], equal_nan=True)
    np.testing.assert_allclose(N.effective_size(W), [e[i] for i in range(n)], equal_nan=True)


def test_spearman_matches_scipy():
    from scipy.stats import spearmanr

    x = np.array([1, 2, 2, 3, 5, 5, 5, 8.0])
    y = np.array([0.1, 0.0, 0.3, 0.3, 0.5, 0.2, 0.9, 1.0])
    assert N.spearman(x, y) == pytest.approx(spearmanr(x, y).statistic)


# --- news over weak ties ------------------------------------------------------------------------


NEWS = """
01/07/24 08.00 - Rina: Info pelatihan sertifikasi halal gratis, daftar di link berikut
01/07/24 08.05 - Budi: makasih bu
01/07/24 10.00 - Sari: Ada pameran UMKM di alun-alun, gratis stand
01/07/24 10.02 - Dewi: siap ikut
01/07/24 12.00 - Sari: Harga gula naik per 1 Juli
01/07/24 12.02 - Dewi: wah
01/07/24 14.00 - Sari: Pendaftaran KUR dibuka
01/07/24 14.01 - Sari: <Media tidak disertakan>
01/07/24 14.03 - Dewi: noted
01/07/24 16.00 - Dewi: selamat sore
01/07/24 16.01 - Sari: sore
"""


def test_news_via_weak_ties():
    m = chat(NEWS).messages
    cat = ["business_news", "social", "business_news", "social", "business_news", "social",
           "business_news", None, "social", "social", "social"]
    m = m.assign(category=pd.array(cat, dtype="string[pyarrow]"))
    r = N.network_metrics(m, null_draws=0)
    assert edges_of(r) == {("Budi", "Rina"): 1, ("Dewi", "Sari"): 4}
    # Replies to news: Budi→Rina (weak, w=1) and three Dewi→Sari (w=4, strong); the KUR turn ends
    # with a media record, but the turn holds news. Sari→Dewi at 16.01 answers a social message.
    assert r.news_via_weak_ties_share == pytest.approx(1 / 4)
    e = N.reply_edges(m)
    assert e["target_news"].tolist() == [True, True, True, True, False]
    assert e["target_category"].tolist()[:2] == ["business_news", "business_news"]
    assert pd.isna(e["target_category"].tolist()[3])  # the message right before was the media record


def test_news_share_is_null_without_categories():
    r = N.network_metrics(chat(NEWS).messages, null_draws=0)
    assert r.to_dict()["news_via_weak_ties_share"] is None
    assert any("category" in n for n in r.notes)


# --- null model -----------------------------------------------------------------------------------


BUSY = dialog(TWO_CLUSTERS * 2) + dialog(TWO_CLUSTERS, day="02/07/24")


def test_null_model_is_seeded_and_reproducible():
    m = chat(BUSY).messages
    a = N.network_metrics(m, null_draws=200, seed=7).null_model
    b = N.network_metrics(m, null_draws=200, seed=7).null_model
    c = N.network_metrics(m, null_draws=200, seed=8).null_model
    assert a == b
    assert a["draws"] == 200 and a["seed"] == 7
    assert a["mean_overlap_null_mean"] != c["mean_overlap_null_mean"]
    assert a["mean_overlap_observed"] == c["mean_overlap_observed"]
    # Shuffling 7 people's turns within a day wires nearly everyone to everyone (overlap → 1),
    # so the two-cluster structure shows as an overlap far below chance.
    assert a["mean_overlap_z"] < -2
    for k in ("mean_overlap", "weak_tie_share"):
        z = (a[f"{k}_observed"] - a[f"{k}_null_mean"]) / a[f"{k}_null_sd"]
        assert a[f"{k}_z"] == pytest.approx(z)


def test_null_model_independent_of_threads():
    ev = N._events(chat(BUSY).messages, delta_s=1800, tau_burst_s=300, mentions=True, members=None)
    args = (ev.author, ev.day_bounds, ev.eligible, ev.mention_pos, ev.mention_dst, ev.labels.size)
    one = N.shuffled_summaries(*args, w_weak=2, draws=40, seed=3, workers=1)
    two = N.shuffled_summaries(*args, w_weak=2, draws=40, seed=3, workers=2)
    np.testing.assert_array_equal(one, two)


def test_null_model_preserves_counts_per_author_and_day():
    # Observed summary through the null model's kernel equals the graph's own numbers.
    m = chat(BUSY).messages
    r = N.network_metrics(m, null_draws=0)
    ev = N._events(m, delta_s=1800, tau_burst_s=300, mentions=True, members=None)
    C = N.count_matrix(ev.author, ev.eligible, ev.mention_pos, ev.mention_dst, ev.labels.size)
    o, w = N._summary(C + C.T, 2)
    assert w == pytest.approx(r.weak_tie_share)
    assert o == pytest.approx(np.nanmean(N.edge_table(r)["overlap"]))


# --- degenerate chats ------------------------------------------------------------------------------


def test_one_member_chat():
    m = chat("""
01/07/24 08.00 - Rina: halo
01/07/24 08.01 - Rina: ada orang?
01/07/24 08.02 - Rina menambahkan Budi
""").messages
    r = N.network_metrics(m)
    d = r.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["nodes"] == 1 and d["edges"] == 0
    for k in ("density", "reciprocity", "weak_tie_share", "overlap_weight_spearman", "modularity",
              "news_via_weak_ties_share"):
        assert d[k] is None, k
    assert d["local_bridges"] == 0
    assert d["communities"] == [["Rina"]]
    assert d["brokers"] == [{"member": "Rina", "betweenness": 0.0, "constraint": None, "effective_size": None,
                             "degree": 0, "strength": 0}]
    assert d["null_model"]["mean_overlap_z"] is None and d["null_model"]["weak_tie_share_z"] is None
    assert N.edge_table(r).empty and list(N.edge_table(r).columns) == list(N.EDGE_COLUMNS)


def test_empty_chat_and_system_only_chat():
    from analyzer.chat.schema import empty_messages

    for m in (empty_messages(), chat("01/07/24 08.00 - Rina membuat grup \"UMKM Maju\"").messages):
        r = N.network_metrics(m)
        d = r.to_dict()
        json.dumps(d, allow_nan=False)
        assert d["nodes"] == 0 and d["edges"] == 0 and d["communities"] == [] and d["brokers"] == []
        assert d["density"] is None and d["modularity"] is None
        assert N.reply_edges(m).empty


def test_two_members_without_edges_have_density_zero():
    r = N.network_metrics(chat(DELAYED).messages, delta_s=60, null_draws=0)
    assert r.nodes == 4 and r.edges == 0 and r.density == 0.0
    assert r.to_dict()["weak_tie_share"] is None


def test_parameters_are_validated_and_recorded():
    m = chat(STAR).messages
    r = N.network_metrics(m, delta_s=900, tau_burst_s=120, w_weak=3, seed=5, null_draws=10)
    assert {k: r.parameters[k] for k in ("delta_s", "tau_burst_s", "w_weak", "seed", "null_draws")} == {
        "delta_s": 900.0, "tau_burst_s": 120.0, "w_weak": 3, "seed": 5, "null_draws": 10}
    with pytest.raises(ValueError):
        N.network_metrics(m, delta_s=-1)
    with pytest.raises(ValueError):
        N.network_metrics(m, null_draws=-5)


def test_export_graph_attributes(tmp_path):
    r = N.network_metrics(chat(dialog(TWO_CLUSTERS)).messages, null_draws=0)
    G = N.export_graph(r)
    assert G.nodes["Joko"]["messages"] == 2 and isinstance(G.nodes["Joko"]["community"], int)
    assert G["Ani"]["Joko"] == {"weight": 1, "weak": True, "a_to_b": 0, "b_to_a": 1, "local_bridge": True,
                                 "overlap": 0.0}
    nx.write_graphml(G, tmp_path / "g.graphml")
    nx.write_gexf(G, tmp_path / "g.gexf")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_edges() == r.edges and back["Ani"]["Ayu"]["weight"] == 3


# --- report, CLI and figure ------------------------------------------------------------------------


def test_analyze_report_has_network_with_parameters():
    from analyzer.analysis import analyze

    rep = analyze(chat(dialog(TWO_CLUSTERS)), reply_window_s=900, w_weak=1, network_null_draws=50)
    d = json.loads(rep.to_json())["network"]
    for k in ("nodes", "edges", "density", "reciprocity", "weak_tie_share", "local_bridges",
              "overlap_weight_spearman", "communities", "modularity", "brokers", "news_via_weak_ties_share",
              "null_model", "parameters"):
        assert k in d, k
    assert d["parameters"]["delta_s"] == 900 and d["parameters"]["w_weak"] == 1
    assert d["parameters"]["null_draws"] == 50 and d["null_model"]["draws"] == 50
    assert d["brokers"][0]["member"] == "Joko"
    assert set(d["brokers"][0]) == {"member", "betweenness", "constraint", "effective_size", "degree", "strength"}
    assert analyze(chat(STAR), network=False).to_dict()["network"] is None


def test_cli_writes_edges_graphml_gexf_and_uses_delta(tmp_path):
    from analyzer.cli.analyze import main

    src = tmp_path / "chat.txt"
    src.write_text(DELAYED.strip() + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(src), "--out", str(out), "--delta", "15", "--no-report"]) == 0
    d = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert d["network"]["parameters"]["delta_s"] == 900 and d["network"]["edges"] == 0
    assert main([str(src), "--out", str(out), "--delta", "30", "--no-report"]) == 0
    e = pd.read_csv(out / "edges.csv")
    assert list(e.columns) == list(N.EDGE_COLUMNS) and len(e) == 2
    g = nx.read_graphml(out / "network.graphml")
    assert g["Budi"]["Rina"]["weight"] == 1 and g.nodes["Rina"]["messages"] == 1
    assert "community" in g.nodes["Rina"] and g["Budi"]["Rina"]["weak"] is True
    assert nx.read_gexf(out / "network.gexf").number_of_edges() == 2


def test_network_figure_from_result_and_report_dict():
    import plotly.graph_objects as go

    from analyzer.outputs.network_chart import network_figure

    r = N.network_metrics(chat(dialog(TWO_CLUSTERS)).messages, null_draws=0)
    fig = network_figure(r, seed=1, lang="id")
    assert isinstance(fig, go.Figure)
    strong, weak, *communities = fig.data
    assert weak.line.dash == "dash" and strong.line.dash == "solid"
    assert sum(v is None for v in weak.x) == 2 and sum(v is None for v in strong.x) == 6
    # One trace (legend entry) per community, each in its own colour, every member drawn once.
    assert len(communities) == len(r.communities) == 2
    assert len({c.marker.color for c in communities}) == 2
    assert all(c.name.startswith("komunitas") for c in communities)
    members = [m for c in communities for m in c.hovertext]
    assert len(members) == r.nodes
    labels = [x for c in communities for x in c.text if x]
    assert "Joko" in labels  # the top broker is labelled
    assert fig.layout.template.layout.paper_bgcolor is not None  # explicit template, not plotly's default
    again = network_figure({"network": r.to_dict()}, "id", seed=1)
    assert [c.x for c in again.data[2:]] == [c.x for c in communities]  # same input → same picture
    sizes = {h.split("<br>")[0]: s for c in communities for h, s in zip(c.hovertext, c.marker.size)}
    assert sizes["Ani"] > sizes["Joko"]  # Ani wrote more messages
    english = network_figure(r, lang="en")
    assert english.data[2].name.startswith("community") and "members" in english.layout.title.subtitle.text
    empty = network_figure(N.network_metrics(chat(STAR).messages.iloc[:0]), lang="en")
    assert len(empty.data) == 0 and empty.layout.annotations


def test_out_of_order_lines_give_the_same_network():
    lines = STAR.strip("\n").splitlines()
    shuffled = "\n".join([lines[3], lines[0], lines[6], lines[1], lines[5], lines[2], lines[4], lines[7]])
    a = N.network_metrics(chat(STAR).messages, null_draws=20)
    b = N.network_metrics(chat(shuffled).messages, null_draws=20)
    assert edges_of(a) == edges_of(b) and a.to_dict() == b.to_dict()
