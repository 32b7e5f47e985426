r"""Burt's structural-hole measures: constraint, effective size, efficiency and hierarchy.

All four read a node's ego network through the proportional tie strength

.. math::

   p_{ij} = \frac{a_{ij} + a_{ji}}{\sum_k (a_{ik} + a_{ki})}

where :math:`a_{ij}` is the weight of the tie from *i* to *j* (1 when unweighted, 0 when
absent), so directed graphs are read as in networkx: in- and out-ties both make contacts and
a reciprocated pair counts with the sum of both weights. A node's contacts are its neighbours
in either direction. Self-loops are ignored: a tie with oneself is not a contact.

Isolated nodes have no ego network; every measure gives them ``nan``, as networkx does.

Everything is computed edge by edge: the indirect term of a pair is a sum over the pair's
common neighbours, which are found by one vectorised triangle listing. Nothing is quadratic in
a node's degree, so hubs with thousands of ties cost what their ties cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.metrics._indexed import Adjacency, FloatArray, IntArray, adjacency, require_simple
from bildungsnetz.metrics._triangles import triangles

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

    from bildungsnetz.metrics.arrays import ArrayGraph

__all__ = ["constraint", "effective_size", "efficiency", "hierarchy"]

#: Hierarchy divides by N ln N, which vanishes for fewer contacts than this.
_MIN_CONTACTS = 2


def constraint(graph: nx.Graph | ArrayGraph, *, weight: str | None = None) -> dict[Hashable, float]:
    r"""Measure how much each node's contacts are tied to one another (Burt's constraint).

    A node whose contacts all know each other, or who depends on one contact, is
    constrained (up to 1 and above); a broker across structural holes is not (towards 0).

    Parameters
    ----------
    graph
        A simple graph, undirected or directed.
    weight
        Edge attribute holding a positive tie strength; ``None`` weighs every tie 1.

    Returns
    -------
    constraint
        Node -> constraint, in graph order; ``nan`` for isolated nodes.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a multigraph.
    ValueError
        If a weight is not a positive number.

    Notes
    -----
    Burt (1992, ch. 2):

    .. math::

       C_i = \sum_{j \in N(i)} c_{ij}, \qquad
       c_{ij} = \Big(p_{ij} + \sum_{q \ne i, j} p_{iq}\, p_{qj}\Big)^2

    with :math:`p` the proportional tie strength defined in the module docstring. Equals
    ``networkx.constraint`` on simple graphs. The indirect sum runs over the common
    neighbours of *i* and *j*; they come from one triangle listing, so the cost is O(m) for
    the ties plus O(m^1.5) at worst for the triangles (far less on sparse graphs), and memory
    is O(m + number of triangles).

    Examples
    --------
    >>> import networkx as nx
    >>> constraint(nx.path_graph(3))
    {0: 1.0, 1: 0.5, 2: 1.0}
    """
    ego = _EgoNetworks.read(graph, weight=weight, function="constraint")
    return ego.report(ego.constraint())


def effective_size(
    graph: nx.Graph | ArrayGraph, *, weight: str | None = None
) -> dict[Hashable, float]:
    r"""Count each node's non-redundant contacts (Burt's effective size).

    A contact is redundant to the extent that the node's other contacts are tied to it;
    effective size is the number of contacts minus that redundancy.

    Parameters
    ----------
    graph
        A simple graph, undirected or directed.
    weight
        Edge attribute holding a positive tie strength; ``None`` weighs every tie 1.

    Returns
    -------
    effective_size
        Node -> effective size, in graph order; ``nan`` for isolated nodes.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a multigraph.
    ValueError
        If a weight is not a positive number.

    Notes
    -----
    Burt (1992, ch. 2):

    .. math::

       E_i = \sum_{j \in N(i)} \Big(1 - \sum_{q \ne i, j} p_{iq}\, m_{jq}\Big),
       \qquad m_{jq} = \frac{a_{jq} + a_{qj}}{\max_k (a_{jk} + a_{kj})}

    For unweighted undirected graphs this is Borgatti's (1997) :math:`n - 2t/n`, with *n*
    contacts and *t* ties among them. Equals ``networkx.effective_size`` on simple graphs,
    without its dense n-by-n matrix: the inner sum runs over common neighbours, found by
    one triangle listing. Costs O(m) plus O(m^1.5) at worst for the triangles.

    Examples
    --------
    >>> import networkx as nx
    >>> effective_size(nx.path_graph(3))
    {0: 1.0, 1: 2.0, 2: 1.0}
    >>> effective_size(nx.complete_graph(3))
    {0: 1.0, 1: 1.0, 2: 1.0}
    """
    ego = _EgoNetworks.read(graph, weight=weight, function="effective_size")
    return ego.report(ego.effective_size())


def efficiency(graph: nx.Graph | ArrayGraph, *, weight: str | None = None) -> dict[Hashable, float]:
    r"""Share of each node's contacts that are non-redundant (Burt's efficiency).

    Parameters
    ----------
    graph
        A simple graph, undirected or directed.
    weight
        Edge attribute holding a positive tie strength; ``None`` weighs every tie 1.

    Returns
    -------
    efficiency
        Node -> effective size divided by the number of contacts, in graph order; ``nan``
        for isolated nodes.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a multigraph.
    ValueError
        If a weight is not a positive number.

    Notes
    -----
    Burt (1992, ch. 2): :math:`E_i / |N(i)|`, with :math:`E_i` the effective size (see
    :func:`effective_size`) and :math:`N(i)` the contacts of *i* in either direction. Same
    cost as :func:`effective_size`.

    Examples
    --------
    >>> import networkx as nx
    >>> efficiency(nx.star_graph(2))
    {0: 1.0, 1: 1.0, 2: 1.0}
    >>> {node: round(value, 3) for node, value in efficiency(nx.complete_graph(4)).items()}
    {0: 0.333, 1: 0.333, 2: 0.333, 3: 0.333}
    """
    ego = _EgoNetworks.read(graph, weight=weight, function="efficiency")
    with np.errstate(invalid="ignore", divide="ignore"):
        values = ego.effective_size() / ego.contacts
    return ego.report(values)


def hierarchy(graph: nx.Graph | ArrayGraph, *, weight: str | None = None) -> dict[Hashable, float]:
    r"""Measure how much of each node's constraint comes from a single contact.

    0 when the constraint is spread evenly over the contacts, towards 1 when one contact
    carries it all (Burt's hierarchy).

    Parameters
    ----------
    graph
        A simple graph, undirected or directed.
    weight
        Edge attribute holding a positive tie strength; ``None`` weighs every tie 1.

    Returns
    -------
    hierarchy
        Node -> hierarchy, in graph order; ``nan`` for nodes with fewer than two contacts,
        for whom the measure is undefined (its denominator :math:`N \ln N` is 0).

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a multigraph.
    ValueError
        If a weight is not a positive number.

    Notes
    -----
    Burt (1992, p. 71):

    .. math::

       H_i = \frac{\sum_{j \in N(i)} r_{ij} \ln r_{ij}}{N \ln N}, \qquad
       r_{ij} = \frac{c_{ij}}{C_i / N}

    with :math:`c_{ij}` the dyadic constraint and :math:`C_i` the constraint (see
    :func:`constraint`) and :math:`N = |N(i)|` the number of contacts. Same cost as
    :func:`constraint`.

    Examples
    --------
    >>> import networkx as nx
    >>> hierarchy(nx.star_graph(3))
    {0: 0.0, 1: nan, 2: nan, 3: nan}
    >>> graph = nx.Graph([(0, 1), (0, 2), (1, 2), (0, 3)])
    >>> round(hierarchy(graph)[0], 4)
    0.0522
    """
    ego = _EgoNetworks.read(graph, weight=weight, function="hierarchy")
    dyadic = ego.dyadic_constraint()
    total = np.bincount(ego.rows, weights=dyadic, minlength=ego.size)
    contacts = ego.contacts.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = dyadic * contacts[ego.rows] / total[ego.rows]
        spread = np.bincount(ego.rows, weights=ratio * np.log(ratio), minlength=ego.size)
        values = spread / (contacts * np.log(contacts))
    values[ego.contacts < _MIN_CONTACTS] = np.nan
    return ego.report(values)


@dataclass(frozen=True)
class _EgoNetworks:
    """Proportional tie strengths of every ego and the triangles that make ties redundant."""

    graph: Adjacency
    rows: IntArray
    strength: FloatArray
    #: Positions of the six directed entries of each triangle (a, b, c): ab, ba, ac, ca, bc, cb.
    corners: tuple[IntArray, IntArray, IntArray, IntArray, IntArray, IntArray]

    @classmethod
    def read(
        cls, graph: nx.Graph | ArrayGraph, *, weight: str | None, function: str
    ) -> _EgoNetworks:
        require_simple(graph, function=function, directed=True)
        mutual = adjacency(graph, direction="both", weight=weight)
        rows = mutual.rows
        totals = np.bincount(rows, weights=mutual.weights, minlength=mutual.n)
        strength = mutual.weights / totals[rows] if rows.size else mutual.weights
        found = triangles(mutual)
        mirror = mutual.reverse
        corners = (
            found.ab,
            mirror[found.ab],
            found.ac,
            mirror[found.ac],
            found.bc,
            mirror[found.bc],
        )
        return cls(mutual, rows, strength, corners)

    @property
    def size(self) -> int:
        return self.graph.n

    @property
    def contacts(self) -> IntArray:
        return self.graph.degrees

    def report(self, values: FloatArray) -> dict[Hashable, float]:
        values = np.where(self.contacts == 0, np.nan, values)
        return dict(zip(self.graph.nodes, values.tolist(), strict=True))

    def dyadic_constraint(self) -> FloatArray:
        p = self.strength
        ab, ba, ac, ca, bc, cb = self.corners
        # Each triangle closes three ties; for each of their six directions the third corner
        # is the go-between q of the indirect term p_iq * p_qj.
        targets = np.concatenate([ab, ba, ac, ca, bc, cb])
        paths = np.concatenate(
            [
                p[ac] * p[cb],
                p[bc] * p[ca],
                p[ab] * p[bc],
                p[cb] * p[ba],
                p[ba] * p[ac],
                p[ca] * p[ab],
            ]
        )
        indirect = np.bincount(targets, weights=paths, minlength=p.size)
        dyadic: FloatArray = (p + indirect) ** 2
        return dyadic

    def constraint(self) -> FloatArray:
        dyadic = self.dyadic_constraint()
        return np.asarray(np.bincount(self.rows, weights=dyadic, minlength=self.size), np.float64)

    def effective_size(self) -> FloatArray:
        p = self.strength
        weights = self.graph.weights
        peak = np.zeros(self.size)
        filled = self.contacts > 0
        peak[filled] = np.maximum.reduceat(weights, self.graph.indptr[:-1][filled])
        m = weights / peak[self.rows] if weights.size else weights
        ab, ba, ac, ca, bc, cb = self.corners
        a = self.rows[ab]
        b = self.rows[ba]
        c = self.rows[ca]
        # Ego i, contact q, other contact j tied to q: redundancy p_iq * m_jq.
        egos = np.concatenate([a, a, b, b, c, c])
        redundancy = np.concatenate(
            [
                p[ab] * m[cb],
                p[ac] * m[bc],
                p[ba] * m[ca],
                p[bc] * m[ac],
                p[ca] * m[ba],
                p[cb] * m[ab],
            ]
        )
        redundant = np.bincount(egos, weights=redundancy, minlength=self.size)
        return np.asarray(self.contacts - redundant, dtype=np.float64)
