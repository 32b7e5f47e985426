"""Example data: the invented district Musterkreis and synthetic networks of any size.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> network = musterkreis()
>>> network.name
'Musterkreis'
"""

from bildungsnetz.datasets.example import example_path, musterkreis

__all__ = ["example_path", "musterkreis"]
