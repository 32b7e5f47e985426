"""Example data: the invented district Musterkreis and synthetic networks of any size.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis, synthetic
>>> network = musterkreis()
>>> network.name
'Musterkreis'
>>> len(synthetic(80, seed=1).actors_of("school"))
80
"""

from bildungsnetz.datasets.example import example_path, musterkreis, musterkreis_survey_path
from bildungsnetz.datasets.synthetic import synthetic

__all__ = ["example_path", "musterkreis", "musterkreis_survey_path", "synthetic"]
