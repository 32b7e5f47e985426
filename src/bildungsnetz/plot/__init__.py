"""Figures of a network, its findings, its transitions, its schools and its funding.

Each function draws one figure and returns it as a new :class:`matplotlib.figure.Figure`,
made without pyplot, so that nothing is shown or changed globally: :func:`draw_network`
(actors coloured by kind, findings outlined), :func:`draw_block_densities` (ties between
kinds of actors against chance), :func:`draw_transitions` (pupil flows, small counts
suppressed), :func:`draw_map` (schools with and without school social work) and
:func:`draw_funding_timeline` (what ends when). Labels are German by default,
``lang="en"`` gives English.

matplotlib (the ``plot`` extra) is imported when a figure is drawn, not when this module
is: without it, drawing raises :class:`~bildungsnetz.errors.MissingDependencyError`.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.plot import draw_map
>>> figure = draw_map(musterkreis(), lang="en")
>>> figure.get_suptitle()
'Schools and school social work – Musterkreis, as of 2025-11-01'
"""

from bildungsnetz.plot.blocks import draw_block_densities
from bildungsnetz.plot.map import draw_map
from bildungsnetz.plot.network import draw_network
from bildungsnetz.plot.timeline import draw_funding_timeline
from bildungsnetz.plot.transitions import draw_transitions

__all__ = [
    "draw_block_densities",
    "draw_funding_timeline",
    "draw_map",
    "draw_network",
    "draw_transitions",
]
