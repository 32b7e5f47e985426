"""Resolve the ``groups`` argument shared by the group-based measures."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from bildungsnetz.metrics.arrays import ArrayGraph

if TYPE_CHECKING:
    import networkx as nx

    from bildungsnetz.metrics._indexed import IntArray

__all__ = ["Groups", "resolve_groups"]

Groups = Mapping[Any, Hashable | None] | str

_SHOWN = 5


def resolve_groups(
    graph: nx.Graph | ArrayGraph, groups: Groups, nodes: list[Hashable]
) -> tuple[IntArray, list[Hashable]]:
    """Give each node the number of its group.

    ``groups`` is a mapping node -> group or the name of a node attribute. Group numbers
    follow the groups sorted by their text (then type name, then first appearance), so that
    every report lists groups in the same order.

    Raises
    ------
    ValueError
        Naming the nodes that have no group (absent, or ``None``).
    """
    if isinstance(groups, str):
        if isinstance(graph, ArrayGraph):
            msg = (
                f"groups={groups!r} names a node attribute, which needs a networkx graph; "
                "pass a mapping node -> group instead"
            )
            raise ValueError(msg)
        attribute = groups
        values = [graph.nodes[node].get(attribute) for node in nodes]
        source = f"node attribute {attribute!r}"
    else:
        values = [groups.get(node) for node in nodes]
        source = "groups"
    missing = [node for node, value in zip(nodes, values, strict=True) if value is None]
    if missing:
        shown = ", ".join(repr(node) for node in missing[:_SHOWN])
        more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
        msg = f"{len(missing)} node(s) have no group in {source}: {shown}{more}"
        raise ValueError(msg)
    first_seen = list(dict.fromkeys(values))
    labels = sorted(first_seen, key=lambda group: (str(group), type(group).__qualname__))
    number = {group: position for position, group in enumerate(labels)}
    codes = np.fromiter((number[value] for value in values), dtype=np.int64, count=len(values))
    return codes, labels
