"""Figures of a network, its findings, transitions, schools and funding (extra ``plot``)."""

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
