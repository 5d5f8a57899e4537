"""Node placement of the network drawing (analyzer.outputs.network_chart.layout)."""
from __future__ import annotations

import networkx as nx

from analyzer.outputs.network_chart import layout


def _graph(edges: list[tuple[str, str]], isolated: list[str] = ()) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(isolated)
    g.add_edges_from(edges)
    return g


CORE = [("Ani", "Budi"), ("Budi", "Citra"), ("Citra", "Ani"), ("Citra", "Dedi"), ("Dedi", "Eka")]


def test_same_graph_same_picture_whatever_the_insertion_order() -> None:
    a = layout(_graph(CORE))
    b = layout(_graph(list(reversed([(v, u) for u, v in CORE]))))
    assert a.keys() == b.keys()
    assert all(abs(a[k][0] - b[k][0]) < 1e-9 and abs(a[k][1] - b[k][1]) < 1e-9 for k in a)


def test_main_component_fills_the_square_and_the_rest_sits_beneath() -> None:
    pos = layout(_graph(CORE + [("Fajar", "Gita")], isolated=["Hana"]))
    main = [pos[k] for k in ("Ani", "Budi", "Citra", "Dedi", "Eka")]
    assert all(-1.0 - 1e-9 <= c <= 1.0 + 1e-9 for p in main for c in p)
    spread = max(max(p[i] for p in main) - min(p[i] for p in main) for i in (0, 1))
    assert spread > 1.5  # spread over the square, not a clump
    beneath = [pos[k] for k in ("Fajar", "Gita", "Hana")]
    assert all(y < min(p[1] for p in main) for _, y in beneath)
    assert pos["Fajar"] != pos["Gita"]


def test_neighbours_closer_than_the_far_end_of_a_chain() -> None:
    pos = layout(_graph(CORE))
    d = lambda a, b: ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5  # noqa: E731
    assert d("Dedi", "Eka") < d("Ani", "Eka")


def test_empty_and_single_node() -> None:
    assert layout(nx.Graph()) == {}
    assert layout(_graph([], isolated=["Ani"])) == {"Ani": (0.0, 0.0)}
