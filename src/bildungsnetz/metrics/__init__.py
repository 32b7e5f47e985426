"""Network measures on plain networkx graphs, each with its formula, source and cost.

Structural holes (Burt): :func:`constraint`, :func:`effective_size`, :func:`efficiency`,
:func:`hierarchy`. Brokerage: :func:`brokerage` (Gould–Fernandez roles by group) and
:func:`exclusive_brokerage` (Hamilton et al.). Group embedding: :func:`ei_index`,
:func:`group_ei_index`, :func:`actor_ei_index` (Krackhardt & Stern) and
:func:`block_densities`. Single points of failure: :func:`cut_actors`, :func:`cut_ties`
(both from one search: :func:`cut_actors_and_ties`).
Distance: :func:`reach`.

The measures work on any simple networkx graph and never change it. Conventions shared by
all of them:

- Results are dicts in graph order (``list(graph)``), groups sorted by their text.
- Self-loops are ignored: a tie with oneself is not a contact.
- Multigraphs are refused with ``networkx.NetworkXNotImplemented``: collapse parallel ties
  first (``nx.Graph(graph)``). Measures defined for undirected graphs refuse directed ones
  the same way rather than guess a reading.
- A value that is undefined for a node (the constraint of an isolate, say) is ``nan``, so
  the return type never depends on the data.
- Everything is vectorised or linear; nothing builds an n-by-n matrix.

Examples
--------
>>> import networkx as nx
>>> from bildungsnetz import metrics
>>> metrics.exclusive_brokerage(nx.path_graph(3))
{0: 0, 1: 1, 2: 0}
"""

from bildungsnetz.metrics.arrays import ArrayGraph
from bildungsnetz.metrics.blocks import BlockDensity, block_densities
from bildungsnetz.metrics.brokerage import BROKERAGE_ROLES, brokerage, exclusive_brokerage
from bildungsnetz.metrics.cuts import Cut, cut_actors, cut_actors_and_ties, cut_ties
from bildungsnetz.metrics.ei import actor_ei_index, ei_index, group_ei_index
from bildungsnetz.metrics.reach import reach
from bildungsnetz.metrics.structural_holes import (
    constraint,
    effective_size,
    efficiency,
    hierarchy,
)

__all__ = [
    "BROKERAGE_ROLES",
    "ArrayGraph",
    "BlockDensity",
    "Cut",
    "actor_ei_index",
    "block_densities",
    "brokerage",
    "constraint",
    "cut_actors",
    "cut_actors_and_ties",
    "cut_ties",
    "effective_size",
    "efficiency",
    "ei_index",
    "exclusive_brokerage",
    "group_ei_index",
    "hierarchy",
    "reach",
]
