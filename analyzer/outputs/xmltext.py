"""Text from a chat made safe for XML outputs (GraphML, GEXF, SVG charts) — and only those.

XML 1.0 cannot carry most control characters at all, not even as `&#x1B;`: a member name with an
ESC, NUL or BEL byte would make network.graphml, network.gexf or a chart's SVG unreadable. CSV,
Parquet and JSON keep such values exactly (data fidelity); these writers write them visibly
escaped instead: ESC becomes the four characters `\\x1b`, so two names that differ only in a
control character stay two names.
"""
from __future__ import annotations

import re
from typing import Any

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(s: str) -> str:
    """`s` with every character XML 1.0 cannot hold written as `\\xNN` / `\\uNNNN`."""
    if not _NOT_XML.search(s):
        return s
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", s)


def xml_value(v: Any) -> Any:
    """`xml_text` for strings; other values unchanged."""
    return xml_text(v) if isinstance(v, str) else v


def xml_safe_graph(g: Any) -> Any:
    """A copy of a networkx graph whose node ids and string attributes are `xml_text`."""
    import networkx as nx

    mapping = {n: xml_text(n) for n in g.nodes if isinstance(n, str) and _NOT_XML.search(n)}
    h = nx.relabel_nodes(g, mapping, copy=True) if mapping else g.copy()
    for _, data in h.nodes(data=True):
        for k in list(data):
            data[k] = xml_value(data[k])
    for *_, data in h.edges(data=True):
        for k in list(data):
            data[k] = xml_value(data[k])
    for k in list(h.graph):
        h.graph[k] = xml_value(h.graph[k])
    return h
