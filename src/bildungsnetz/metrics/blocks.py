"""Block densities: how many ties run within and between groups, against an expectation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from bildungsnetz.metrics._groups import Groups, resolve_groups
from bildungsnetz.metrics._indexed import FloatArray, IntArray, adjacency, require_simple

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

    from bildungsnetz.metrics.arrays import ArrayGraph

__all__ = ["BlockDensity", "block_densities"]

Expectation = Literal["uniform", "degree"]


@dataclass(frozen=True)
class BlockDensity:
    """Observed and expected ties in one block (a pair of groups, or one group with itself).

    Attributes
    ----------
    ties
        Ties observed in the block.
    possible
        Pairs of distinct nodes in the block: :math:`n_g n_h` between two groups,
        :math:`n_g (n_g - 1) / 2` within one.
    density
        ``ties / possible``; ``nan`` when no pair is possible.
    expected_ties
        Ties expected in the block under the chosen null model.
    ratio
        ``ties / expected_ties``: below 1 the groups are tied less than expected; ``nan``
        when nothing is expected.

    Examples
    --------
    >>> import networkx as nx
    >>> block = block_densities(nx.path_graph(3), {0: "a", 1: "b", 2: "b"})["a", "b"]
    >>> block.ties, block.possible, block.ratio
    (1, 2, 0.75)
    """

    ties: int
    possible: int
    density: float
    expected_ties: float
    ratio: float


def block_densities(
    graph: nx.Graph | ArrayGraph, groups: Groups, *, expected: Expectation = "uniform"
) -> dict[tuple[Hashable, Hashable], BlockDensity]:
    r"""Count the ties within and between groups and compare them with an expectation.

    Parameters
    ----------
    graph
        An undirected simple graph. Self-loops are ignored.
    groups
        Node -> group, or the name of the node attribute that holds the group.
    expected
        The null model: ``"uniform"`` spreads the graph's ties evenly over all pairs of
        nodes (a random graph of the same density); ``"degree"`` keeps every node's degree
        (the configuration model behind Newman's modularity).

    Returns
    -------
    blocks
        ``(group_a, group_b)`` -> :class:`BlockDensity` for every pair of groups with a
        member, ``group_a`` not after ``group_b``; groups sorted by their text, keys in that
        order.

    Raises
    ------
    ValueError
        If a node has no group (missing or ``None``), or ``expected`` is not a known model.
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    Notes
    -----
    With *m* ties among *n* nodes, group sizes :math:`n_g` and degree sums :math:`D_g`:

    - uniform: :math:`E_{gh} = p \cdot \text{possible}_{gh}` with
      :math:`p = m / \binom{n}{2}`;
    - degree (Newman & Girvan 2004; Newman 2006): :math:`E_{gh} = D_g D_h / (2m)` between
      groups and :math:`E_{gg} = D_g^2 / (4m)` within a group. That expectation counts the
      self-pairs and multi-edges of the configuration model, so a within-group ratio is
      slightly conservative for small groups.

    A graph without ties expects none (``expected_ties`` 0, ``ratio`` ``nan``). Costs
    O(n + m) plus O(k^2) for *k* groups, since every pair of groups is reported, tied or
    not: a missing block is what a gap analysis looks for.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.path_graph(4)
    >>> blocks = block_densities(graph, {0: "a", 1: "a", 2: "b", 3: "b"})
    >>> blocks["a", "b"]
    BlockDensity(ties=1, possible=4, density=0.25, expected_ties=2.0, ratio=0.5)
    >>> blocks["a", "a"].ratio  # one tie of one possible, 0.5 expected at density 3/6
    2.0
    """
    if expected not in ("uniform", "degree"):
        msg = f"expected must be 'uniform' or 'degree', got {expected!r}"
        raise ValueError(msg)
    require_simple(graph, function="block_densities", directed=False)
    tied = adjacency(graph)
    group, labels = resolve_groups(graph, groups, tied.nodes)
    count = len(labels)
    rows = tied.rows
    once = rows < tied.indices
    first, second = group[rows[once]], group[tied.indices[once]]
    low, high = np.minimum(first, second), np.maximum(first, second)
    ties = np.bincount(low * count + high, minlength=count * count).reshape(count, count)
    sizes = np.bincount(group, minlength=count)
    possible = np.outer(sizes, sizes)
    np.fill_diagonal(possible, sizes * (sizes - 1) // 2)
    if expected == "uniform":
        expectation = _uniform(possible, tied.n, int(once.sum()))
    else:
        degree_sums = np.bincount(group, weights=tied.degrees, minlength=count)
        expectation = _configuration(np.asarray(degree_sums, dtype=np.float64))
    return {
        (labels[a], labels[b]): _block(int(ties[a, b]), int(possible[a, b]), expectation[a, b])
        for a in range(count)
        for b in range(a, count)
    }


def _uniform(possible: IntArray, nodes: int, edges: int) -> FloatArray:
    pairs = nodes * (nodes - 1) // 2
    density = edges / pairs if pairs else 0.0
    return np.asarray(possible * density, dtype=np.float64)


def _configuration(degree_sums: FloatArray) -> FloatArray:
    stubs = degree_sums.sum()
    if stubs == 0:
        return np.zeros((degree_sums.size, degree_sums.size))
    expectation: FloatArray = np.outer(degree_sums, degree_sums) / stubs
    np.fill_diagonal(expectation, degree_sums**2 / (2 * stubs))
    return expectation


def _block(ties: int, possible: int, expectation: np.float64) -> BlockDensity:
    expected = float(expectation)
    return BlockDensity(
        ties=ties,
        possible=possible,
        density=ties / possible if possible else float("nan"),
        expected_ties=expected,
        ratio=ties / expected if expected > 0 else float("nan"),
    )
